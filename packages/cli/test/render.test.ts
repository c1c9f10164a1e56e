import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, fixture, tempDir } from './helpers.js';

const template = fixture('template.liquid.html');
const input = fixture('fixtures/input.json');

describe('quorum render', () => {
  it('writes a self-contained page with the input escaped and the elements bundle inlined', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 'page.html');
      const { code, stderr } = await cli('render', template, '--input', input, '--out', out);
      assert.equal(stderr, '');
      assert.equal(code, 0);
      const page = readFileSync(out, 'utf8');
      assert.doesNotMatch(page, /assets\.crowd\.aws/);
      assert.doesNotMatch(page, /<script[^>]*\bsrc=/);
      assert.match(page, /<script type="module">/);
      assert.match(page, /customElements/);
      assert.match(page, /<crowd-classifier name="relevance"/);
      // The input's markup reaches the page as text, never as elements.
      assert.match(page, /&lt;b&gt;Louvre&lt;\/b&gt;/);
      assert.match(page, /since 987 &amp; is home/);
      assert.doesNotMatch(page, /<b>Louvre<\/b>/);
      assert.match(page, /header="How relevant is the below answer to the question: What is the capital of France\?"/);
    } finally {
      cleanup();
    }
  });

  it('writes to standard output without --out', async () => {
    const { code, stdout } = await cli('render', template, '--input', input);
    assert.equal(code, 0);
    assert.match(stdout, /^<!doctype html>/i);
  });

  it('names a missing template, a missing input and an input that is not JSON', async () => {
    const missingTemplate = await cli('render', 'nope.liquid.html', '--input', input);
    assert.equal(missingTemplate.code, 2);
    assert.match(missingTemplate.stderr, /template file not found: nope\.liquid\.html/);

    const missingInput = await cli('render', template);
    assert.equal(missingInput.code, 2);
    assert.match(missingInput.stderr, /missing --input/);

    const { dir, cleanup } = tempDir();
    try {
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, '{\n  "source": "x",\n  "answer": oops\n}');
      const badJson = await cli('render', template, '--input', bad);
      assert.equal(badJson.code, 2);
      assert.match(badJson.stderr, new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: input is not valid JSON`));

      const list = join(dir, 'list.json');
      writeFileSync(list, '[1, 2]');
      const notObject = await cli('render', template, '--input', list);
      assert.equal(notObject.code, 2);
      assert.match(notObject.stderr, /input must be a JSON object \(it becomes task\.input\), not an array/);
    } finally {
      cleanup();
    }
  });

  it('reports a template syntax error with its line', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const broken = join(dir, 'broken.liquid.html');
      writeFileSync(broken, '<crowd-form>\n  {% if task.input.x %}\n  <p>unclosed</p>\n</crowd-form>\n');
      const { code, stderr } = await cli('render', broken, '--input', input);
      assert.equal(code, 2);
      assert.match(stderr, /broken\.liquid\.html:\d+:\d+/);
    } finally {
      cleanup();
    }
  });
});
