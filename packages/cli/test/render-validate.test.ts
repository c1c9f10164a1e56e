import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, fixture, tempDir } from './helpers.js';

describe('quorum render --validate', () => {
  it('embeds the compiled validator of the template\'s answer schema at the end of the page', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 'page.html');
      const { code, stderr } = await cli('render', fixture('template.liquid.html'), '--input', fixture('fixtures/input.json'), '--out', out, '--validate');
      assert.equal(stderr, '');
      assert.equal(code, 0);
      const page = readFileSync(out, 'utf8');
      const start = page.indexOf('<script type="module" data-quorum-answer-validator>');
      assert.ok(start > page.indexOf('<crowd-form>'), 'after the task');
      assert.match(page.slice(start), /^<script[^>]*>\nconst validator = \(\(\) => \{[\s\S]*form\.answerValidator = validator\.validateAnswer;\n<\/script>\n<\/body>\n<\/html>\n$/);
      assert.match(page.slice(start), /"enum":\s*\[\s*"1",\s*"2",\s*"3",\s*"4",\s*"5"\s*\]/);
      assert.doesNotMatch(page.slice(start), /\beval\(|new Function\b/);
      const plain = await cli('render', fixture('template.liquid.html'), '--input', fixture('fixtures/input.json'));
      assert.doesNotMatch(plain.stdout, /data-quorum-answer-validator/);
    } finally {
      cleanup();
    }
  });

  it('prints the schema notes, as quorum schema does, and refuses --fragment', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const template = join(dir, 'loop.liquid.html');
      writeFileSync(template, '<crowd-form>{% for q in task.input.questions %}<crowd-input name="q-{{ forloop.index }}" label="{{ q }}"></crowd-input>{% endfor %}</crowd-form>\n');
      const input = join(dir, 'input.json');
      writeFileSync(input, '{"questions": ["a", "b"]}');
      const { code, stdout, stderr } = await cli('render', template, '--input', input, '--validate');
      assert.equal(code, 0);
      assert.match(stderr, /loop\.liquid\.html:1:\d+: note: <crowd-input> at line 1, column \d+ has a name built by the template/);
      assert.match(stdout, /"\^q-\[0-9\]\+\$"/);
      const fragment = await cli('render', template, '--input', input, '--validate', '--fragment');
      assert.equal(fragment.code, 2);
      assert.match(fragment.stderr, /--validate adds the answer validator to the preview page; there is none with --fragment/);
    } finally {
      cleanup();
    }
  });
});
