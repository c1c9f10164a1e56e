import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cli } from './helpers.js';

describe('quorum (no command)', () => {
  it('prints an overview naming every command', async () => {
    const { code, stdout } = await cli();
    assert.equal(code, 0);
    for (const name of ['render', 'consolidate', 'manifest']) assert.match(stdout, new RegExp(`\\n  ${name} `));
  });

  it('rejects an unknown command with exit code 2', async () => {
    const { code, stderr } = await cli('aggregrate');
    assert.equal(code, 2);
    assert.match(stderr, /unknown command "aggregrate"/);
  });

  it('rejects an unknown option and shows the usage', async () => {
    const { code, stderr } = await cli('consolidate', '--payload', 'x.json', '--label-atribute', 'relevance');
    assert.equal(code, 2);
    assert.match(stderr, /label-atribute/);
    assert.match(stderr, /Usage: quorum consolidate/);
  });

  it('prints a command\'s usage with --help', async () => {
    const { code, stdout } = await cli('manifest', '--help');
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: quorum manifest/);
  });
});
