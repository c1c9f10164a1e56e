import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, fixture, tempDir } from './helpers.js';

const BAD = [
  '<crowd-form>',
  '  <crowd-classifier categories="[\'a\', \'b\']" header="Pick"></crowd-classifier>',
  '  <p>{{ task.input.html | skip_autoescape }}</p>',
  '</crowd-form>',
  '',
].join('\n');

describe('quorum validate', () => {
  it('passes a clean template with exit code 0', async () => {
    const { code, stdout } = await cli('validate', fixture('template.liquid.html'));
    assert.equal(code, 0);
    assert.match(stdout, /1 template checked: 0 errors, 0 warnings/);
  });

  it('lists problems with file, line and column and exits 1 on errors', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const bad = join(dir, 'bad.liquid.html');
      writeFileSync(bad, BAD);
      const { code, stdout } = await cli('validate', bad, fixture('template.liquid.html'));
      assert.equal(code, 1);
      const lines = stdout.trim().split('\n');
      assert.match(lines[0]!, /bad\.liquid\.html:2:3: error missing-name: <crowd-classifier> has no name/);
      assert.match(lines[1]!, /bad\.liquid\.html:3:6: warning unescaped-input: task\.input\.html comes from task input/);
      assert.equal(lines[2], '2 templates checked: 1 error, 1 warning');
    } finally {
      cleanup();
    }
  });

  it('prints JSON for tools with --format json', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const bad = join(dir, 'bad.liquid.html');
      writeFileSync(bad, BAD);
      const { code, stdout } = await cli('validate', '--format', 'json', bad);
      assert.equal(code, 1);
      const diagnostics = JSON.parse(stdout) as Array<Record<string, unknown>>;
      assert.deepEqual(
        diagnostics.map(({ file, severity, code: rule, line, column }) => ({ file, severity, rule, line, column })),
        [
          { file: bad, severity: 'error', rule: 'missing-name', line: 2, column: 3 },
          { file: bad, severity: 'warning', rule: 'unescaped-input', line: 3, column: 6 },
        ],
      );
    } finally {
      cleanup();
    }
  });

  it('exits 0 on warnings only, and 2 when a file is missing or the format unknown', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const warned = join(dir, 'warned.liquid.html');
      writeFileSync(warned, '<p>{{ task.input.html | skip_autoescape }}</p>\n');
      assert.equal((await cli('validate', warned)).code, 0);
    } finally {
      cleanup();
    }
    const missing = await cli('validate', 'nope.liquid.html');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /template file not found: nope\.liquid\.html/);
    assert.match((await cli('validate', '--format', 'xml', fixture('template.liquid.html'))).stderr, /--format must be text or json/);
    assert.match((await cli('validate')).stderr, /missing the template file/);
  });
});
