import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, fixture, tempDir } from './helpers.js';

describe('quorum schema', () => {
  it('writes the relevance template\'s answer schema, equal to the one beside it', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 'answer.schema.json');
      const { code, stderr } = await cli('schema', fixture('template.liquid.html'), '--out', out);
      assert.equal(stderr, '');
      assert.equal(code, 0);
      const written = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
      const expected = JSON.parse(readFileSync(fixture('answer.schema.json'), 'utf8')) as Record<string, unknown>;
      for (const keyword of ['type', 'properties', 'required', 'additionalProperties']) assert.deepEqual(written[keyword], expected[keyword]);
    } finally {
      cleanup();
    }
  });

  it('prints to standard output and notes dynamic names on stderr with their position', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const template = join(dir, 'loop.liquid.html');
      writeFileSync(template, '<crowd-form>\n{% for q in task.input.questions %}\n  <crowd-input name="answer-{{ forloop.index }}"></crowd-input>\n{% endfor %}\n</crowd-form>\n');
      const { code, stdout, stderr } = await cli('schema', template);
      assert.equal(code, 0);
      assert.deepEqual(Object.keys((JSON.parse(stdout) as { patternProperties: object }).patternProperties), ['^answer-[0-9]+$']);
      assert.match(stderr, /loop\.liquid\.html:3:3: note: <crowd-input> at line 3, column 3 has a name built by the template/);
    } finally {
      cleanup();
    }
  });

  it('reports a missing file, a bad engine and a syntax error', async () => {
    assert.match((await cli('schema', 'nope.liquid.html')).stderr, /template file not found: nope\.liquid\.html/);
    assert.match((await cli('schema', fixture('template.liquid.html'), '--engine', 'jinja')).stderr, /--engine must be liquid or handlebars/);
    const { dir, cleanup } = tempDir();
    try {
      const broken = join(dir, 'broken.hbs');
      writeFileSync(broken, '<crowd-form>\n{{#each task.input.x}}\n</crowd-form>\n');
      const { code, stderr } = await cli('schema', broken);
      assert.equal(code, 2);
      assert.match(stderr, /broken\.hbs:\d+:\d+: syntax error/);
    } finally {
      cleanup();
    }
  });
});
