import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractAnswerSchema, formFromSchema } from '../src/index.js';
import { answerValidatorExpression, buildAnswerValidator, embedAnswerValidator } from '../src/validator.js';
import type { JsonSchema } from '../src/index.js';
import { validator as runtimeAjv } from './ajv.js';
import { readFixture } from './support.js';

type Result = { valid: true; value: unknown } | { valid: false; issues: Array<{ path: string; message: string; value?: unknown }> };
interface ValidatorModule {
  schema: JsonSchema;
  validateAnswer(answer: unknown): Result;
}

const work = mkdtempSync(join(tmpdir(), 'quorum-validator-'));
after(() => rmSync(work, { recursive: true, force: true }));
let count = 0;

/** Writes the generated module to a file and imports it, as a task page's bundler would. */
async function load(schema: JsonSchema): Promise<{ module: ValidatorModule; code: string }> {
  const { code } = buildAnswerValidator(schema, { name: 'test' });
  const file = join(work, `validator-${count++}.mjs`);
  writeFileSync(file, code);
  return { module: (await import(pathToFileURL(file).href)) as ValidatorModule, code };
}

const relevanceSchema = extractAnswerSchema(readFixture('relevance.liquid.html'), { filename: 'relevance.liquid.html' }).schema;

describe('buildAnswerValidator', () => {
  it('writes a self-contained module: no imports, no require, no eval, no new Function', async () => {
    const { code, module } = await load(relevanceSchema);
    assert.doesNotMatch(code, /^\s*import\b/m);
    assert.doesNotMatch(code, /\brequire\(\s*["']/);
    const statements = code.replace(/^\/\/.*$/gm, '');
    assert.doesNotMatch(statements, /\beval\(|new Function\b|\bFunction\(/);
    assert.deepEqual(module.schema, relevanceSchema);
  });

  it('accepts the answers the template submits and names what is wrong with others', async () => {
    const { module } = await load(relevanceSchema);
    assert.deepEqual(module.validateAnswer({ relevance: { label: '4' } }), { valid: true, value: { relevance: { label: '4' } } });

    const wrongLabel = module.validateAnswer({ relevance: { label: '6' } });
    assert.equal(wrongLabel.valid, false);
    assert.deepEqual(!wrongLabel.valid && wrongLabel.issues, [
      { path: '/relevance/label', message: 'must be equal to one of the allowed values: "1", "2", "3", "4", "5"', value: '6' },
    ]);

    const missing = module.validateAnswer({});
    assert.deepEqual(!missing.valid && missing.issues, [{ path: '/relevance', message: "must have required property 'relevance'" }]);

    const typo = module.validateAnswer({ relevance: { label: '3' }, relevence: { label: '3' } });
    assert.equal(typo.valid, false);
    assert.match(!typo.valid ? typo.issues[0]!.message : '', /has no property "relevence" in this task/);
  });

  it('agrees with Ajv compiling at run time, on a form with every kind of control', async () => {
    const form = formFromSchema({
      type: 'object',
      properties: {
        summary: { type: 'string', maxLength: 20, title: 'Summary' },
        verdict: { enum: ['keep', 'drop'] },
        tags: { type: 'array', items: { enum: ['spam', 'ads', 'ok'] } },
        stars: { type: 'integer', minimum: 1, maximum: 5 },
        flagged: { type: 'boolean' },
        customer: { type: 'object', properties: { tier: { enum: ['free', 'pro'] } }, required: ['tier'] },
      },
      required: ['summary', 'verdict', 'stars', 'customer'],
    });
    const { schema } = extractAnswerSchema(form, { filename: 'form.liquid.html' });
    const { module } = await load(schema);
    const reference = runtimeAjv(schema);
    const answers: unknown[] = [
      { summary: 'short', verdict: { label: 'keep' }, stars: { label: '4' }, 'customer.tier': { label: 'pro' }, tags: { labels: ['spam'] }, flagged: { on: true } },
      { summary: 'ä'.repeat(20), verdict: { label: 'keep' }, stars: { label: '1' }, 'customer.tier': { label: 'free' }, tags: { labels: [] }, flagged: { on: false } },
      { summary: '𝒳'.repeat(20), verdict: { label: 'drop' }, stars: { label: '5' }, 'customer.tier': { label: 'free' }, tags: { labels: [] }, flagged: { on: false } },
      { summary: 'x'.repeat(21), verdict: { label: 'keep' }, stars: { label: '4' }, 'customer.tier': { label: 'pro' }, tags: { labels: [] }, flagged: { on: false } },
      { summary: 'ok', verdict: { label: 'keep' }, stars: { label: '4' }, 'customer.tier': { label: 'pro' }, tags: { labels: ['spam', 'spam'] }, flagged: { on: false } },
      { summary: 'ok', verdict: { label: 'maybe' }, stars: { label: '9' }, 'customer.tier': { label: 'pro' }, tags: { labels: ['spam'] }, flagged: { on: 'yes' } },
      { summary: 42, verdict: 'keep', stars: null },
      [],
      null,
      'answer',
    ];
    for (const answer of answers) {
      const result = module.validateAnswer(answer);
      const expected = reference(answer);
      assert.equal(result.valid, expected.length === 0, `${JSON.stringify(answer)}: ${JSON.stringify(result)} vs ${expected.join('; ')}`);
      if (!result.valid) assert.equal(result.issues.length, expected.length, JSON.stringify(answer));
    }
    // The Unicode length rule (ucs2length) and deep equality (uniqueItems) were inlined and work.
    assert.equal(module.validateAnswer(answers[0]).valid, true);
    assert.equal(module.validateAnswer(answers[2]).valid, true);
    assert.equal(module.validateAnswer(answers[3]).valid, false);
    const repeated = module.validateAnswer(answers[4]);
    assert.deepEqual(!repeated.valid && repeated.issues.map((issue) => issue.path), ['/tags/labels']);
  });

  it('refuses a schema Ajv cannot compile, naming the problem', () => {
    assert.throws(() => buildAnswerValidator({ type: 'object', properties: { a: { type: 'strnig' } } }, { name: 't.liquid.html' }), /answer schema of t\.liquid\.html does not compile: .*type/);
    assert.throws(() => buildAnswerValidator([] as unknown as JsonSchema), /must be a JSON Schema object, got an array/);
  });

  it('runs in Chromium under a Content-Security-Policy without unsafe-eval', () => {
    const chromium = process.env.QUORUM_CHROMIUM ?? '/usr/bin/chromium';
    if (!existsSync(chromium)) throw new Error(`Chromium not found at ${chromium} (install Debian's chromium or set QUORUM_CHROMIUM)`);
    const { code } = buildAnswerValidator(relevanceSchema);
    const script = `${code}
const good = validateAnswer({ relevance: { label: '4' } });
const bad = validateAnswer({ relevance: { label: '9' } });
document.body.dataset.result = good.valid + ' ' + bad.valid + ' ' + bad.issues[0].path;
`;
    const hash = createHash('sha256').update(script).digest('base64');
    const page = join(work, 'csp.html');
    writeFileSync(
      page,
      `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-${hash}'"></head><body><script type="module">${script}</script></body></html>`,
    );
    const dom = execFileSync(
      'timeout',
      ['60', chromium, '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--dump-dom', pathToFileURL(page).href],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    assert.match(dom, /<body data-result="true false \/relevance\/label">/);
  });
});

describe('answerValidatorExpression and embedAnswerValidator', () => {
  it('the inline expression validates exactly as the module does', async () => {
    const { module } = await load(relevanceSchema);
    const file = join(work, `expression-${count++}.mjs`);
    writeFileSync(file, `export default ${answerValidatorExpression(relevanceSchema, { name: 'test' })};\n`);
    const inline = (await import(pathToFileURL(file).href)) as { default: ValidatorModule };
    assert.deepEqual(inline.default.schema, relevanceSchema);
    for (const answer of [{ relevance: { label: '4' } }, { relevance: { label: '6' } }, {}, { relevance: { label: '3' }, extra: 1 }, 'nope']) {
      assert.deepEqual(inline.default.validateAnswer(answer), module.validateAnswer(answer), JSON.stringify(answer));
    }
  });

  it('puts one script before the page\'s last </body>, with </script> in the schema kept inert', () => {
    const schema = { type: 'object', properties: { q: { enum: ['</script><script>alert(1)</script>', '<!--'] } } } as JsonSchema;
    const page = '<!doctype html><html><body>\n<p>task</p>\n<body-like>x</body-like>\n</body>\n</html>\n';
    const embedded = embedAnswerValidator(page, schema);
    const start = embedded.indexOf('<script type="module" data-quorum-answer-validator>');
    assert.ok(start > embedded.indexOf('<p>task</p>'));
    const end = embedded.indexOf('</script>', start);
    assert.equal(embedded.slice(end), '</script>\n</body>\n</html>\n');
    assert.doesNotMatch(embedded.slice(start + 10, end), /<\/script|<!--/i);
    assert.match(embedded, /form\.answerValidator = validator\.validateAnswer/);
    assert.throws(() => embedAnswerValidator(embedded, schema), /already has an embedded answer validator/);
    assert.match(embedAnswerValidator('<p>fragment</p>', schema), /^<p>fragment<\/p>\n<script type="module" data-quorum-answer-validator>/);
  });
});
