import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli, fixture, tempDir } from './helpers.js';

type Result = { valid: true; value: unknown } | { valid: false; issues: Array<{ path: string; message: string; value?: unknown }> };

describe('quorum schema --validator', () => {
  it('writes a self-contained validator module and its declarations beside the schema', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 'answer.schema.json');
      const validatorFile = join(dir, 'validate-answer.js');
      const { code, stderr } = await cli('schema', fixture('template.liquid.html'), '--out', out, '--validator', validatorFile);
      assert.equal(stderr, '');
      assert.equal(code, 0);
      const source = readFileSync(validatorFile, 'utf8');
      assert.doesNotMatch(source, /^\s*import\b|\brequire\(\s*["']/m);
      assert.match(readFileSync(join(dir, 'validate-answer.d.ts'), 'utf8'), /export declare function validateAnswer\(answer: unknown\)/);
      // The tempdir has no package.json saying "type": "module"; a page or bundler treats it as ESM, so import it as .mjs here.
      const moduleFile = join(dir, 'validate-answer.mjs');
      await cli('schema', fixture('template.liquid.html'), '--out', out, '--validator', moduleFile);
      assert.match(readFileSync(join(dir, 'validate-answer.d.mts'), 'utf8'), /validateAnswer/);
      const { validateAnswer, schema } = (await import(pathToFileURL(moduleFile).href)) as { validateAnswer: (answer: unknown) => Result; schema: unknown };
      assert.deepEqual(schema, JSON.parse(readFileSync(out, 'utf8')));
      assert.equal(validateAnswer({ relevance: { label: '5' } }).valid, true);
      const wrong = validateAnswer({ relevance: { label: 'five' } });
      assert.deepEqual(!wrong.valid && wrong.issues.map((issue) => [issue.path, issue.value]), [['/relevance/label', 'five']]);
    } finally {
      cleanup();
    }
  });

  it('refuses a validator file that is not a module name', async () => {
    const { code, stderr } = await cli('schema', fixture('template.liquid.html'), '--validator', 'validator.json');
    assert.equal(code, 2);
    assert.match(stderr, /--validator writes an ES module: name it \.js or \.mjs, not validator\.json/);
  });

  it("knows Quorum's own elements: validate passes them, schema includes their answers", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const template = join(dir, 'review.liquid.html');
      writeFileSync(
        template,
        `<crowd-form>
  <crowd-rating name="stars" max="5"></crowd-rating>
  <crowd-pairwise name="preference" response-a="{{ task.input.a }}" response-b="{{ task.input.b }}"></crowd-pairwise>
  <crowd-rubric name="grade" criteria="['accuracy', 'clarity']"></crowd-rubric>
  <crowd-chat-transcript name="review" turns="{{ task.input.turns | to_json | escape }}"></crowd-chat-transcript>
  <crowd-ranking name="order" items="['a', 'b']" required></crowd-ranking>
</crowd-form>
`,
      );
      const validated = await cli('validate', template);
      assert.equal(validated.code, 0, validated.stdout + validated.stderr);
      const { code, stdout } = await cli('schema', template);
      assert.equal(code, 0);
      const schema = JSON.parse(stdout) as { properties: Record<string, { required?: string[] }>; required: string[] };
      assert.deepEqual(Object.keys(schema.properties), ['stars', 'preference', 'grade', 'review', 'order']);
      assert.deepEqual(schema.properties.grade!.required, ['criteria', 'overall']);
      assert.deepEqual(schema.required, ['order']);
    } finally {
      cleanup();
    }
  });
});
