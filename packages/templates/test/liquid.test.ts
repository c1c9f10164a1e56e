import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BLOCKED_URL, TemplateError, parseLiquid, renderLiquid } from '../src/index.js';

const render = (source: string, input: Record<string, unknown> = {}, options = {}) => renderLiquid(source, input, options);

async function renderError(source: string, input: Record<string, unknown> = {}, options = {}): Promise<TemplateError> {
  try {
    await renderLiquid(source, input, options);
  } catch (error) {
    assert.ok(error instanceof TemplateError, `expected a TemplateError, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected ${JSON.stringify(source)} to fail`);
}

test('autoescape: every {{ }} output is HTML-escaped with GT entities', async () => {
  assert.equal(await render('{{ task.input.v }}', { v: `&<>"'` }), '&amp;&lt;&gt;&quot;&#39;');
  assert.equal(await render('{{ "a & b" }}'), 'a &amp; b');
  assert.equal(await render('{{ task.input.n }} {{ task.input.b }} {{ task.input.none }}', { n: 4.5, b: true, none: null }), '4.5 true ');
});

test('escape then autoescape does not double-escape; escape is what autoescape does', async () => {
  const input = { v: `Tom & "Jerry" <3 'x'` };
  const plain = await render('{{ task.input.v }}', input);
  assert.equal(await render('{{ task.input.v | escape }}', input), plain);
  assert.equal(plain, 'Tom &amp; &quot;Jerry&quot; &lt;3 &#39;x&#39;');
});

test('escape_once leaves existing character references alone and escapes the rest', async () => {
  const input = { v: `&amp; &lt;b&gt; &copy; &#39; &#x27; & <i> "q" 'a' &bogus &1;` };
  assert.equal(
    await render('{{ task.input.v | escape_once }}', input),
    '&amp; &lt;b&gt; &copy; &#39; &#x27; &amp; &lt;i&gt; &quot;q&quot; &#39;a&#39; &amp;bogus &amp;1;',
  );
  // Applied twice it changes nothing more, and autoescape does not touch its result.
  assert.equal(await render('{{ task.input.v | escape_once | escape_once }}', input), await render('{{ task.input.v | escape_once }}', input));
  assert.equal(await render('{{ task.input.v | escape | escape_once }}', { v: 'a & b' }), 'a &amp; b');
});

test('an explicit escape after escape escapes again (it is asked for), and a string filter after escape re-escapes', async () => {
  assert.equal(await render('{{ "a&b" | escape | escape }}'), 'a&amp;amp;b');
  // upcase turns the escaped text into plain text again, which autoescape then escapes: safe, if ugly.
  assert.equal(await render('{{ "a&b" | escape | upcase }}'), 'A&amp;AMP;B');
});

test('skip_autoescape is the one opt-out: its output is written as is', async () => {
  assert.equal(await render('{{ task.input.html | skip_autoescape }}', { html: '<b>bold</b> & co' }), '<b>bold</b> & co');
  // Only when it is the last step: a filter after it gives plain text again, which is escaped.
  assert.equal(await render('{{ task.input.html | skip_autoescape | append: "!" }}', { html: '<b>' }), '&lt;b&gt;!');
});

test('raw is not a GT filter: it is an error pointing at skip_autoescape, never a silent bypass', async () => {
  const error = await renderError('<p>\n  {{ task.input.html | raw }}</p>', { html: '<b>' }, { filename: 'x.liquid' });
  assert.equal(error.templateName, 'x.liquid');
  assert.equal(error.line, 2);
  assert.match(error.message, /^x\.liquid:2:\d+: undefined filter: raw \(.*skip_autoescape/);
});

test('to_json: JSON that is not escaped again, with < > & \' as \\u escapes', async () => {
  const input = { labels: ['a', "it's", '</script>', 'x&y'], n: 1 };
  const rendered = await render('{{ task.input.labels | to_json }}', input);
  assert.equal(rendered, '["a","it\\u0027s","\\u003c\\u002fscript\\u003e","x\\u0026y"]');
  assert.deepEqual(JSON.parse(rendered), input.labels);
  assert.equal(await render('{{ task.input | to_json }}', input), JSON.stringify(input).replace(/'/g, '\\u0027').replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\//g, '\\u002f'));
  assert.equal(await render('{{ task.input.missing | to_json }}', input), 'null');
  assert.equal(await render('{{ "say \\"hi\\"" | to_json }}'), '"say\\u0020\\"hi\\""');
});

test('to_json keeps its safety through assign, and capture output is not escaped twice', async () => {
  const input = { o: { q: `"<'>` }, name: 'A & B' };
  assert.equal(await render('{% assign j = task.input.o | to_json %}{{ j }}', input), '{"q":"\\"\\u003c\\u0027\\u003e"}');
  assert.equal(await render('{% capture c %}<b>{{ task.input.name }}</b>{% endcapture %}{{ c }}', input), '<b>A &amp; B</b>');
  assert.equal(await render('{% assign e = task.input.name | escape %}{% if e == "A &amp; B" %}same{% endif %} {{ e | size }} {{ e.size }}', input), 'same 9 9');
});

test('grant_read_access: s3 URIs become path-style S3 URLs with each key segment percent-encoded', async () => {
  assert.equal(await render('{{ "s3://mybucket/myphoto.png" | grant_read_access }}'), 'https://s3.amazonaws.com/mybucket/myphoto.png');
  assert.equal(
    await render('{{ task.input.u | grant_read_access }}', { u: "s3://my.bucket/dir one/a+b%(c)'!*~.png" }),
    'https://s3.amazonaws.com/my.bucket/dir%20one/a%2Bb%25%28c%29%27%21%2A~.png',
  );
  assert.equal(await render('{{ "s3://Bad_Bucket/k" | grant_read_access }}'), BLOCKED_URL);
  assert.equal(await render('{{ "s3://bucket" | grant_read_access }}'), BLOCKED_URL);
  assert.equal(await render('{{ "s3://bucket/" | grant_read_access }}'), BLOCKED_URL);
});

test('grant_read_access: http(s) passes (normalised, then autoescaped), everything else is blocked', async () => {
  const cases: Array<[unknown, string]> = [
    ['https://example.com/a.png?x=1&y=2', 'https://example.com/a.png?x=1&amp;y=2'],
    ['http://example.com', 'http://example.com/'],
    ['  https://example.com/a b.png', 'https://example.com/a%20b.png'],
    ['javascript:alert(1)', BLOCKED_URL],
    [' JavaScript:alert(1)', BLOCKED_URL],
    ['java\tscript:alert(1)', BLOCKED_URL],
    ['java\nscript:alert(1)', BLOCKED_URL],
    ['data:text/html,<script>alert(1)</script>', BLOCKED_URL],
    ['vbscript:msgbox(1)', BLOCKED_URL],
    ['//evil.example/x.js', BLOCKED_URL],
    ['../relative/junk.png', BLOCKED_URL],
    ['file:///etc/passwd', BLOCKED_URL],
    ['', BLOCKED_URL],
    [42, BLOCKED_URL],
    [null, BLOCKED_URL],
    [['https://example.com'], BLOCKED_URL],
  ];
  for (const [value, expected] of cases) {
    assert.equal(await render('{{ task.input.u | grant_read_access }}', { u: value }), expected, `for ${JSON.stringify(value)}`);
  }
});

test('grant_read_access uses the signer (sync or async) for s3 URIs only, and checks what it returns', async () => {
  const seen: string[] = [];
  const signer = (uri: string) => {
    seen.push(uri);
    return `https://signed.example/${encodeURIComponent(uri)}?token=t`;
  };
  const template = '{{ task.input.a | grant_read_access }} {{ task.input.b | grant_read_access }}';
  const input = { a: 's3://b/k.png', b: 'https://cdn.example/x.png' };
  assert.equal(await render(template, input, { signer }), 'https://signed.example/s3%3A%2F%2Fb%2Fk.png?token=t https://cdn.example/x.png');
  assert.deepEqual(seen, ['s3://b/k.png']);
  const asyncSigner = async (uri: string) => `https://async.example/${uri.slice(5)}`;
  assert.equal(await render('{{ task.input.a | grant_read_access }}', input, { signer: asyncSigner }), 'https://async.example/b/k.png');
  const error = await renderError('{{ task.input.a | grant_read_access }}', input, { signer: () => 'javascript:alert(1)', filename: 'img.liquid' });
  assert.match(error.message, /^img\.liquid:1:\d+: grant_read_access: the signer returned "javascript:alert\(1\)" for s3:\/\/b\/k\.png/);
});

test('a partial rendered by {% render %} still gets the signer', async () => {
  const rendered = await render('{% render "img", u: task.input.u %}', { u: 's3://b/k' }, {
    partials: { img: '<img src="{{ u | grant_read_access }}">' },
    signer: () => 'https://signed.example/k',
  });
  assert.equal(rendered, '<img src="https://signed.example/k">');
});

test('missing variables render empty by default (GT) and are errors naming the path when strict', async () => {
  const input = { answer: 'yes' };
  const template = '<p>\n  <b>{{ task.input.answr }}</b>\n</p>';
  assert.equal(await render(template, input), '<p>\n  <b></b>\n</p>');
  const error = await renderError(template, input, { strict: true, filename: 'relevance.liquid.html' });
  assert.equal(error.message, 'relevance.liquid.html:2:9: undefined variable task.input.answr (did you mean task.input.answer?)');
  assert.equal(error.line, 2);
  assert.equal(error.column, 9);
  assert.equal(error.engine, 'liquid');
  assert.equal(error.templateName, 'relevance.liquid.html');
  const parent = await renderError('{{ task.inputs.answer }}', input, { strict: true });
  assert.equal(parent.message, '<template>:1:4: undefined variable task.inputs (did you mean task.input?)');
});

test('strict mode still lets a template test for optional fields with if and default', async () => {
  const template = '{% if task.input.note %}[{{ task.input.note }}]{% endif %}{{ task.input.title | default: "untitled" }}';
  assert.equal(await render(template, {}, { strict: true }), 'untitled');
  assert.equal(await render(template, { note: 'n', title: 't' }, { strict: true }), '[n]t');
});

test('syntax errors carry the line and column of the offending tag', async () => {
  const unclosed = await renderError('<p>\n\n   {% if task.input.x %}\n</p>', {}, { filename: 'bad.liquid' });
  assert.equal(unclosed.line, 3);
  assert.equal(unclosed.column, 4);
  assert.match(unclosed.message, /^bad\.liquid:3:4: tag \{% if task\.input\.x %\} not closed/);
  const output = await renderError('ok\n{{ task.input.x ', {});
  assert.match(output.message, /^<template>:2:1: output "\{\{ task\.input\.x " not closed/);
  const filter = await renderError('{{ task.input.x | to_jsn }}', {});
  assert.match(filter.message, /^<template>:1:1: undefined filter: to_jsn \(Ground Truth filters:/);
  const tag = await renderError('line one\n  {% frobnicate %}', {});
  assert.equal(tag.line, 2);
  assert.match(tag.reason, /frobnicate/);
});

test('templates cannot reach prototype members of the input or of filter results', async () => {
  const input = { o: { a: 1 }, s: 'text', list: [1, 2] };
  const probes = [
    '{{ task.input.o.constructor }}',
    '{{ task.input.o.constructor.name }}',
    '{{ task.input.o.__proto__ }}',
    '{{ task.input.o.toString }}',
    '{{ task.input.o.hasOwnProperty }}',
    '{{ task.input.s.constructor }}',
    '{{ task.input.list.constructor }}',
    '{{ task.constructor }}',
    '{% assign e = task.input.s | escape %}{{ e.constructor }}{{ e.__proto__ }}',
  ];
  for (const probe of probes) assert.equal(await render(probe, input), '', probe);
  const strict = await renderError('{{ task.input.o.constructor }}', input, { strict: true });
  assert.match(strict.message, /undefined variable task\.input\.o\.constructor/);
});

test('no file system: include, render and layout see only the partials given', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-liquid-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const secretFile = join(dir, 'secret.html');
  writeFileSync(secretFile, 'TOP-SECRET');
  for (const tag of ['include', 'render', 'layout']) {
    for (const name of [secretFile, 'secret.html', `../${dir.split('/').pop()}/secret.html`]) {
      const error = await renderError(`{% ${tag} "${name}" %}`, {}, { filename: 'x.liquid' });
      assert.doesNotMatch(error.message, /TOP-SECRET/);
      assert.match(error.reason, /Failed to lookup/);
    }
  }
  const dynamic = await renderError('{% include task.input.p %}', { p: secretFile });
  assert.match(dynamic.reason, /Failed to lookup/);
  const partials = { row: '<li>{{ item }}</li>' };
  assert.equal(await render('{% for item in task.input.items %}{% render "row", item: item %}{% endfor %}', { items: ['a', '<b>'] }, { partials }), '<li>a</li><li>&lt;b&gt;</li>');
});

test('an error inside a partial names the partial and its position', async () => {
  const error = await renderError('{% render "card" %}', {}, { partials: { card: '<div>\n {% if %}</div>' }, filename: 'main.liquid' });
  assert.equal(error.templateName, 'card');
  assert.equal(error.line, 2);
});

test('the task input must be a JSON object', async () => {
  const bad: Array<[unknown, RegExp]> = [
    [[], /must be a JSON object .* got an array/],
    [null, /got null/],
    ['text', /got a string/],
    [new Date(0), /got a Date object/],
    [{ a: { b: [1, () => 1] } }, /holds a function at \/a\/b\/1/],
    [{ n: Number.NaN }, /holds NaN at \/n/],
    [{ big: 1n }, /holds a bigint at \/big/],
    [{ 'a/b': { 'c~d': new Map() } }, /holds a Map object at \/a~1b\/c~0d/],
  ];
  for (const [input, message] of bad) {
    await assert.rejects(renderLiquid('{{ task.input }}', input as Record<string, unknown>, { filename: 't.liquid' }), (error: Error) => {
      assert.ok(error instanceof TypeError);
      assert.match(error.message, /^t\.liquid: /);
      assert.match(error.message, message);
      return true;
    });
  }
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = { back: cyclic };
  await assert.rejects(renderLiquid('x', cyclic), /refers to itself at \/self\/back/);
});

test('a template is parsed once and reused', () => {
  const source = '{{ task.input.x }} cached';
  assert.equal(parseLiquid(source, { filename: 'c.liquid' }), parseLiquid(source, { filename: 'c.liquid' }));
});

test('GT-style templates: loops, conditions and standard filters work with autoescape', async () => {
  const template = `<crowd-classifier name="sentiment" categories='{{ task.input.labels | to_json }}' header='{{ task.input.header }}'>
{% for label in task.input.labels %}<li>{{ forloop.index }}. {{ label | upcase }}</li>{% endfor %}
{% if task.input.labels.size > 2 %}many{% else %}few{% endif %}
</crowd-classifier>`;
  const rendered = await render(template, { labels: ['happy', "it's <ok>"], header: "What's up?" });
  assert.equal(
    rendered,
    `<crowd-classifier name="sentiment" categories='["happy","it\\u0027s\\u0020\\u003cok\\u003e"]' header='What&#39;s up?'>
<li>1. HAPPY</li><li>2. IT&#39;S &lt;OK&gt;</li>
few
</crowd-classifier>`,
  );
});

test('echo and the liquid tag autoescape like {{ }}', async () => {
  const input = { v: '<b>&' };
  assert.equal(await render('{% echo task.input.v %}|{% echo task.input.v | skip_autoescape %}', input), '&lt;b&gt;&amp;|<b>&');
  assert.equal(await render('{% liquid\n  echo task.input.v\n  echo task.input.v | to_json\n%}', input), '&lt;b&gt;&amp;"\\u003cb\\u003e\\u0026"');
});

test('prints an array or object as JSON, escaped, as A2I\'s own templates expect (initial-value="{{ …blocks }}")', async () => {
  const html = await render('<x initial-value="{{ task.input.blocks }}" keys="{{ task.input.keys }}">{{ task.input.n }}</x>', {
    blocks: [{ Text: 'Name:', BlockType: 'KEY_VALUE_SET' }],
    keys: ['Name:', "O'Brien"],
    n: 3,
  });
  assert.equal(
    html,
    '<x initial-value="[{&quot;Text&quot;:&quot;Name:&quot;,&quot;BlockType&quot;:&quot;KEY_VALUE_SET&quot;}]" keys="[&quot;Name:&quot;,&quot;O&#39;Brien&quot;]">3</x>',
  );
});

test('escape, escape_once and skip_autoescape print objects as JSON too, not [object Object]', async () => {
  const input = { o: { a: [1, 'x'] } };
  assert.equal(await render('{{ task.input.o | escape }}', input), '{&quot;a&quot;:[1,&quot;x&quot;]}');
  assert.equal(await render('{{ task.input.o | escape_once }}', input), '{&quot;a&quot;:[1,&quot;x&quot;]}');
  assert.equal(await render('{{ task.input.o | skip_autoescape }}', input), '{"a":[1,"x"]}');
});
