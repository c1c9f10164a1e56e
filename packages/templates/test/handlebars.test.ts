import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Handlebars from 'handlebars';
import {
  BLOCKED_URL,
  TemplateError,
  compileHandlebars,
  createHandlebarsEnvironment,
  precompileHandlebars,
  renderHandlebars,
  runHandlebars,
} from '../src/index.js';

function renderError(source: string, input: Record<string, unknown> = {}, options = {}): TemplateError {
  try {
    renderHandlebars(source, input, options);
  } catch (error) {
    assert.ok(error instanceof TemplateError, `expected a TemplateError, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected ${JSON.stringify(source)} to fail`);
}

test('{{ }} HTML-escapes & < > " \' ` =, and {{{ }}} is the explicit opt-out', () => {
  const input = { v: `&<>"'\`=` };
  assert.equal(renderHandlebars('{{task.input.v}}', input), '&amp;&lt;&gt;&quot;&#x27;&#x60;&#x3D;');
  assert.equal(renderHandlebars('{{{task.input.v}}}', input), `&<>"'\`=`);
  assert.equal(renderHandlebars('{{task.input.n}} {{task.input.b}}', { n: 0, b: false }), '0 false');
});

test('json helper: the same safe JSON as Liquid to_json, not escaped again', () => {
  const input = { labels: ['a', "it's", '</script>', 'x&y'] };
  const rendered = renderHandlebars('{{json task.input.labels}}', input);
  assert.equal(rendered, '["a","it\\u0027s","\\u003c\\u002fscript\\u003e","x\\u0026y"]');
  assert.deepEqual(JSON.parse(rendered), input.labels);
  assert.equal(renderHandlebars('{{json task.input.missing}}', input), 'null');
  assert.match(renderError('{{json task.input.labels task.input.labels}}', input).message, /json takes one value, got 2/);
});

test('eq and default helpers', () => {
  const template = '{{#if (eq task.input.kind "text")}}T{{else}}O{{/if}}|{{default task.input.title "untitled"}}';
  assert.equal(renderHandlebars(template, { kind: 'text', title: 'Hi' }), 'T|Hi');
  assert.equal(renderHandlebars(template, { kind: 'image' }), 'O|untitled');
  for (const empty of [null, '', false, []]) {
    assert.equal(renderHandlebars('{{default task.input.v "d"}}', { v: empty }), 'd', JSON.stringify(empty));
  }
  assert.equal(renderHandlebars('{{default task.input.v "d"}}', { v: 0 }), '0');
  assert.equal(renderHandlebars('{{#if (eq task.input.n "1")}}same{{else}}strict{{/if}}', { n: 1 }), 'strict');
  assert.match(renderError('{{eq task.input.n}}', { n: 1 }).message, /eq takes two values, got 1/);
  // The fallback of default is escaped like any other output.
  assert.equal(renderHandlebars('{{default task.input.v task.input.f}}', { f: '<i>' }), '&lt;i&gt;');
});

test('grant_read_access helper: same rules as the Liquid filter, synchronous signers only', () => {
  const template = '<img src="{{grant_read_access task.input.u}}">';
  assert.equal(renderHandlebars(template, { u: 's3://bk1/a b.png' }), '<img src="https://s3.amazonaws.com/bk1/a%20b.png">');
  assert.equal(renderHandlebars(template, { u: 'javascript:alert(1)' }), `<img src="${BLOCKED_URL}">`);
  assert.equal(renderHandlebars(template, { u: 'https://x.example/?a=1&b=2' }), '<img src="https://x.example/?a&#x3D;1&amp;b&#x3D;2">');
  assert.equal(renderHandlebars(template, { u: 's3://bk1/k' }, { signer: () => 'https://signed.example/k' }), '<img src="https://signed.example/k">');
  const error = renderError(template, { u: 's3://bk1/k' }, { signer: async () => 'https://signed.example/k' });
  assert.match(error.message, /signer returned a promise/);
});

test('#each iterates arrays and objects (@key, @index, @first), with {{else}} for empty', () => {
  const input = { scores: { fluency: 4, relevance: '<5>' }, items: ['a', 'b'], none: {} };
  assert.equal(renderHandlebars('{{#each task.input.scores}}{{@key}}={{this}};{{/each}}', input), 'fluency=4;relevance=&lt;5&gt;;');
  assert.equal(renderHandlebars('{{#each task.input.items}}{{#if @first}}^{{/if}}{{@index}}:{{this}} {{/each}}', input), '^0:a 1:b ');
  assert.equal(renderHandlebars('{{#each task.input.none}}x{{else}}empty{{/each}}', input), 'empty');
  assert.equal(renderHandlebars('{{#each task.input.items as |item i|}}{{i}}{{item}}{{/each}}', input), '0a1b');
});

test('strict by default: a missing path is an error naming it, with a suggestion', () => {
  const input = { answer: 'yes' };
  const error = renderError('<p>\n  <b>{{ task.input.answr }}</b>\n</p>', input, { filename: 'relevance.hbs' });
  assert.equal(error.message, 'relevance.hbs:2:9: undefined variable task.input.answr (did you mean task.input.answer?)');
  assert.equal(error.engine, 'handlebars');
  assert.equal(error.line, 2);
  assert.equal(error.column, 9);
  assert.equal(renderError('{{task.inputs.answer}}', input).message, '<template>:1:3: undefined variable task.inputs (did you mean task.input?)');
  assert.equal(renderHandlebars('[{{ task.input.answr }}]', input, { strict: false }), '[]');
});

test('missing parents in helper arguments and #if are located too', () => {
  const input = { answer: 'yes', list: ['a b'] };
  assert.equal(renderError('x\n{{#if task.inpt.answer}}y{{/if}}', input).message, '<template>:2:7: undefined variable task.inpt (did you mean task.input?)');
  assert.equal(renderError('{{default task.inpt.answer "d"}}', input).message, '<template>:1:11: undefined variable task.inpt (did you mean task.input?)');
  assert.equal(renderError('{{ task.input.answer.text }}', input).message, '<template>:1:4: undefined variable task.input.answer.text (task.input.answer is string, it has no field text)');
  // A helper argument may be missing at its last step: that is how optional values are passed.
  assert.equal(renderHandlebars('{{default task.input.answer.text "d"}}', input), 'd');
  assert.equal(renderError('{{#each task.input.list}}\n  {{ nmae }}{{/each}}', input).message, '<template>:2:6: undefined variable nmae (its parent is "a b", not an object)');
  // An optional field tested by #if is fine in strict mode.
  assert.equal(renderHandlebars('{{#if task.input.note}}{{task.input.note}}{{else}}none{{/if}}', input), 'none');
});

test('unknown helpers and partials are errors with a position', () => {
  const helper = renderError('line\n  {{jsn task.input.x}}', { x: 1 }, { filename: 'h.hbs' });
  assert.equal(helper.message, 'h.hbs:2:5: unknown helper jsn (did you mean json?)');
  const partial = renderError('a\n {{> header}}', {}, { filename: 'p.hbs' });
  assert.equal(partial.message, 'p.hbs:2:2: unknown partial header (no partials were given)');
  assert.equal(
    renderHandlebars('{{> header title=task.input.t}}', { t: '<T>' }, { partials: { header: '<h1>{{title}}</h1>' } }),
    '<h1>&lt;T&gt;</h1>',
  );
});

test('syntax errors carry line and column', () => {
  const unclosed = renderError('<p>\n  {{#each task.input.x}}{{/eac}}', {}, { filename: 's.hbs' });
  assert.equal(unclosed.message, 's.hbs:2:6: syntax error: {{#each}} is closed by {{/eac}}');
  const broken = renderError('ok\nok {{ foo bar=}}', {}, { filename: 's.hbs' });
  assert.equal(broken.line, 2);
  assert.equal(broken.column, 15);
  assert.match(broken.message, /^s\.hbs:2:15: syntax error: expecting .* got 'CLOSE'$/);
});

test('prototype members are not reachable', () => {
  const input = { o: { a: 1 }, s: 'x' };
  for (const probe of ['{{task.input.o.constructor}}', '{{task.input.o.__proto__}}', '{{task.input.o.constructor.name}}', '{{lookup task.input.o "constructor"}}']) {
    assert.equal(renderHandlebars(probe, input, { strict: false }), '', probe);
  }
});

test('environments are isolated: helpers on the global Handlebars do not leak in', () => {
  Handlebars.registerHelper('leaky', () => 'LEAK');
  try {
    assert.match(renderError('{{leaky 1}}').message, /unknown helper leaky/);
    assert.equal(createHandlebarsEnvironment().helpers.leaky, undefined);
  } finally {
    Handlebars.unregisterHelper('leaky');
  }
});

test('compiled templates are cached by source', () => {
  const source = '{{task.input.x}} cached';
  assert.equal(compileHandlebars(source, { filename: 'c.hbs' }), compileHandlebars(source, { filename: 'c.hbs' }));
});

test('a precompiled template runs without the compiler and renders the same', async (t) => {
  const source = '<h1>{{task.input.title}}</h1>{{#each task.input.tags}}<i>{{this}}</i>{{/each}}<script>var d = {{json task.input}};</script>';
  const input = { title: 'A & B', tags: ['<x>', 'y'] };
  const spec = precompileHandlebars(source, { filename: 'pre.hbs' });
  const dir = mkdtempSync(join(tmpdir(), 'quorum-hbs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'template.mjs');
  writeFileSync(file, `export const spec = ${spec};\n`);
  const { spec: loaded } = (await import(pathToFileURL(file).href)) as { spec: TemplateSpecification };
  const env = createHandlebarsEnvironment();
  const precompiled = runHandlebars({ templateName: 'pre.hbs', ast: undefined, render: env.template(loaded) }, input, { env });
  assert.equal(precompiled, renderHandlebars(source, input));
  assert.equal(precompiled, '<h1>A &amp; B</h1><i>&lt;x&gt;</i><i>y</i><script>var d = {"title":"A\\u0020\\u0026\\u0020B","tags":["\\u003cx\\u003e","y"]};</script>');
  // Strictness is compiled in: the precompiled template rejects a missing path too.
  assert.throws(
    () => runHandlebars({ templateName: 'pre.hbs', ast: undefined, render: env.template(loaded) }, { tags: [] }, { env }),
    (error: Error) => error instanceof TemplateError && /^pre\.hbs:1:7: undefined variable title/.test(error.message),
  );
});

test('the task input must be a JSON object', () => {
  assert.throws(() => renderHandlebars('x', [] as unknown as Record<string, unknown>, { filename: 'i.hbs' }), /^TypeError: i\.hbs: the task input must be a JSON object/);
  assert.throws(() => renderHandlebars('x', { f: Symbol('s') }), /holds a symbol at \/f/);
});
