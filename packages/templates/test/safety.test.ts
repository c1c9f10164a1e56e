// Hostile task input rendered into every context a task template writes into, in both engines.
// The checks parse the output with a spec-compliant HTML parser: whatever the input, the page
// must have the template's elements and attributes and nothing else, and each value must come
// back as exactly the input text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BLOCKED_URL, renderHandlebars, renderLiquid } from '../src/index.js';
import { HOSTILE_STRINGS, asParsedAttribute, asParsedText, attribute, byId, elements, parseHtml, shape, textOf } from './support.js';
import type { HtmlNode } from './support.js';

const LIQUID_PAGE = `<div id="text">{{ task.input.value }}</div>
<span id="dq" title="{{ task.input.value }}"></span>
<span id="sq" title='{{ task.input.value }}'></span>
<span id="escaped" title="{{ task.input.value | escape }}">{{ task.input.value | escape_once }}</span>
<a id="link" href="{{ task.input.value | grant_read_access }}">open</a>
<crowd-classifier id="categories" categories='{{ task.input.list | to_json }}'></crowd-classifier>
<textarea id="area">{{ task.input.value }}</textarea>
<script id="data">window.taskData = {{ task.input | to_json }};</script>`;

const HANDLEBARS_PAGE = `<div id="text">{{task.input.value}}</div>
<span id="dq" title="{{task.input.value}}"></span>
<span id="sq" title='{{task.input.value}}'></span>
<span id="escaped" title="{{task.input.value}}">{{task.input.value}}</span>
<a id="link" href="{{grant_read_access task.input.value}}">open</a>
<crowd-classifier id="categories" categories='{{json task.input.list}}'></crowd-classifier>
<textarea id="area">{{task.input.value}}</textarea>
<script id="data">window.taskData = {{json task.input}};</script>`;

const ENGINES = {
  liquid: (input: Record<string, unknown>) => renderLiquid(LIQUID_PAGE, input),
  handlebars: async (input: Record<string, unknown>) => renderHandlebars(HANDLEBARS_PAGE, input),
};

const inputFor = (value: string) => ({ value, list: ['ok', value], nested: { [value]: value } });

function scriptData(document: HtmlNode): unknown {
  const code = textOf(byId(document, 'data'));
  const match = /^window\.taskData = (.*);$/s.exec(code);
  assert.ok(match, `the script was rewritten: ${code}`);
  return JSON.parse(match[1]!);
}

for (const [engine, render] of Object.entries(ENGINES)) {
  const benignShape = render(inputFor('benign')).then((html) => shape(parseHtml(html)));

  for (const value of HOSTILE_STRINGS) {
    test(`${engine}: ${JSON.stringify(value)} stays data in text, attributes, URLs, JSON and script`, async () => {
      const input = inputFor(value);
      const html = await render(input);
      const document = parseHtml(html);
      // No element or attribute came from the input.
      assert.deepEqual(shape(document), await benignShape);
      // Each context gives back exactly the input text.
      // Liquid's escaper writes NUL as U+FFFD, so text keeps it as attributes do; Handlebars' own escaper leaves NUL, which the parser drops from text.
      const asText = engine === 'liquid' ? asParsedAttribute : asParsedText;
      assert.equal(textOf(byId(document, 'text')), asText(value));
      assert.equal(attribute(byId(document, 'dq'), 'title'), asParsedAttribute(value));
      assert.equal(attribute(byId(document, 'sq'), 'title'), asParsedAttribute(value));
      assert.equal(attribute(byId(document, 'escaped'), 'title'), asParsedAttribute(value));
      assert.equal(textOf(byId(document, 'escaped')), asText(engine === 'liquid' ? decodeOnce(value) : value));
      assert.equal(textOf(byId(document, 'area')), asParsedAttribute(value).replace(/^\n/, ''));
      // A URL from input is http(s) or blocked, never script or data.
      const href = attribute(byId(document, 'link'), 'href')!;
      assert.ok(href === BLOCKED_URL || /^https?:\/\//.test(href), `unsafe href ${href}`);
      // JSON in an attribute and in a script is the input, value for value.
      assert.deepEqual(JSON.parse(attribute(byId(document, 'categories'), 'categories')!), JSON.parse(JSON.stringify(input.list)));
      assert.deepEqual(scriptData(document), JSON.parse(JSON.stringify(input)));
      // Template syntax in the input was not evaluated: it came back verbatim above, and the
      // output holds no trace of an evaluation.
      assert.doesNotMatch(html, /\b49\b|\b8<\/div>/);
    });
  }
}

/** What escape_once shows for a value that already holds character references. */
function decodeOnce(value: string): string {
  return value.replace(/&(lt|gt|amp|quot|#39|#60|#62);/g, (_, name: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", '#60': '<', '#62': '>' })[name]!);
}

test('exact escaped output for the classic payloads', async () => {
  const cases: Array<[string, string, string]> = [
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['"><img src=x onerror=alert(1)>', '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;', '&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;'],
    ["' onmouseover='alert(1)", '&#39; onmouseover=&#39;alert(1)', '&#x27; onmouseover&#x3D;&#x27;alert(1)'],
    ['</textarea><script>', '&lt;/textarea&gt;&lt;script&gt;', '&lt;/textarea&gt;&lt;script&gt;'],
    ['{{ 7 | plus: 1 }}', '{{ 7 | plus: 1 }}', '{{ 7 | plus: 1 }}'],
    ['{% raw %}x{% endraw %}', '{% raw %}x{% endraw %}', '{% raw %}x{% endraw %}'],
    ['{{7*7}}', '{{7*7}}', '{{7*7}}'],
    ['\u2028', '\u2028', '\u2028'],
  ];
  for (const [value, liquid, handlebars] of cases) {
    assert.equal(await renderLiquid('{{ task.input.v }}', { v: value }), liquid, value);
    assert.equal(renderHandlebars('{{task.input.v}}', { v: value }), handlebars, value);
  }
  const json = '"\\u003c\\u002fscript\\u003e\\u003cscript\\u003ealert(1)\\u003c\\u002fscript\\u003e\\u2028\\u0027"';
  const payload = '</script><script>alert(1)</script>\u2028\'';
  assert.equal(await renderLiquid('{{ task.input.v | to_json }}', { v: payload }), json);
  assert.equal(renderHandlebars('{{json task.input.v}}', { v: payload }), json);
});

test('the checks above do catch injection: skip_autoescape and {{{ }}} on hostile input add markup', async () => {
  const value = '"><img src=x onerror=alert(1)>';
  const liquid = parseHtml(await renderLiquid('<span title="{{ task.input.v | skip_autoescape }}"></span>', { v: value }));
  const handlebars = parseHtml(renderHandlebars('<span title="{{{task.input.v}}}"></span>', { v: value }));
  for (const document of [liquid, handlebars]) {
    assert.notDeepEqual(shape(document), shape(parseHtml('<span title="x"></span>')));
    assert.ok(shape(document).some((entry) => entry.startsWith('img[')));
  }
});

test('to_json misplaced in a double-quoted or unquoted attribute still cannot add attributes', async () => {
  const payloads = ['x" onmouseover=alert(1) y="', 'x" autofocus onfocus="alert(1)', "a' b='c", 'a/onclick=alert(1)', 'a>b<img src=x>'];
  for (const value of payloads) {
    const input = { list: [value] };
    const template = '<i a="{{ task.input.list | to_json }}"></i><b c={{ task.input.list | to_json }}></b>';
    const document = parseHtml(await renderLiquid(template, input));
    const benign = parseHtml(await renderLiquid(template, { list: ['benign'] }));
    // Same elements, same number of attributes; the double-quoted one breaks at JSON's own `"`,
    // and the rest is glued into one junk attribute name, the same as with benign input.
    const counts = (root: HtmlNode) => elements(root).map((node) => `${node.tagName}:${node.attrs?.length}`);
    assert.deepEqual(counts(document), counts(benign), value);
    for (const node of elements(document)) {
      for (const attr of node.attrs ?? []) assert.ok(['a', 'c'].includes(attr.name) || attr.name.includes('"'), `injected attribute ${attr.name}`);
    }
    // Unquoted, the value is the whole JSON; piped through escape, the double-quoted one is too.
    const unquoted = parseHtml(await renderLiquid('<b c={{ task.input.list | to_json }}></b>', input));
    assert.deepEqual(JSON.parse(attribute(unquoted.childNodes![0]!.childNodes![1]!.childNodes![0]!, 'c')!), [value]);
    const escaped = parseHtml(await renderLiquid('<i a="{{ task.input.list | to_json | escape }}"></i>', input));
    assert.deepEqual(JSON.parse(attribute(escaped.childNodes![0]!.childNodes![1]!.childNodes![0]!, 'a')!), [value]);
  }
});

test('object keys from input are escaped in JSON as well', async () => {
  const input = { ['</script><script>alert(1)</script>']: "'" };
  const html = await renderLiquid('<script>var d = {{ task.input | to_json }};</script>', input);
  assert.equal(html.match(/<script/gi)!.length, 1);
  assert.equal(renderHandlebars('<script>var d = {{json task.input}};</script>', input), html);
});

test('NUL in task input is written as U+FFFD, which the HTML parser keeps in text and attributes alike (it drops a raw NUL from text)', async () => {
  const { escapeHtml, escapeHtmlOnce } = await import('../src/index.js');
  assert.equal(escapeHtml('a\0b<'), 'a\uFFFDb&lt;');
  assert.equal(escapeHtmlOnce('a\0b&amp;'), 'a\uFFFDb&amp;');
  const html = await renderLiquid('<p title="{{ task.input.x }}">{{ task.input.x }}</p>', { x: 'n\0l' });
  assert.equal(html, '<p title="n\uFFFDl">n\uFFFDl</p>');
});
