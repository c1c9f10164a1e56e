import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { buildPreviewPage, escapeInlineScript, findElementsLoaders, liveReloadScript } from '../src/index.js';
import { attribute, elements, parseHtml, textOf } from './support.js';
import type { HtmlNode } from './support.js';

const BUNDLE = 'const defined = "crowd-elements";\nexport { defined };';
const MODULE_SCRIPT = `<script type="module">\n${BUNDLE}\n</script>`;

function scripts(document: HtmlNode): HtmlNode[] {
  return elements(document).filter((node) => node.tagName === 'script');
}

function assertOffline(page: string): void {
  assert.doesNotMatch(page, /assets\.crowd\.aws/);
  assert.doesNotMatch(page, /crowd-html-elements\.js/);
  for (const element of elements(parseHtml(page))) {
    const src = attribute(element, 'src') ?? attribute(element, 'href');
    assert.ok(src === undefined || !/^(?:https?:)?\/\//i.test(src), `network URL left: <${element.tagName} ${src}>`);
  }
}

const LOADER_VARIANTS = [
  '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>',
  "<script src='https://assets.crowd.aws/crowd-html-elements.js'></script>",
  '<script src=https://assets.crowd.aws/crowd-html-elements.js></script>',
  '<SCRIPT SRC="https://assets.crowd.aws/crowd-html-elements.js"></SCRIPT>',
  '<script type="text/javascript" src="https://assets.crowd.aws/crowd-html-elements.js" async defer></script>',
  '<script async src="https://assets.crowd.aws/crowd-html-elements.js" crossorigin="anonymous" integrity="sha384-x"></script>',
  '<script\n    src="https://assets.crowd.aws/crowd-html-elements.js"\n    defer\n></script >',
  '<script src="http://localhost:8080/vendor/crowd-html-elements.js?v=3#x"></script>',
  '<script src="/static/js/crowd-html-elements.js"></script>',
  '<script src="crowd-html-elements.js" type="module"></script>',
  '<script src="  https://assets.crowd.aws/crowd-html-elements.js  "></script>',
  '<script defer src="https://assets.crowd.aws/crowd-html-elements.js"/></script>',
];

for (const loader of LOADER_VARIANTS) {
  test(`the loader is replaced by the inlined bundle: ${loader.replace(/\n\s*/g, ' ')}`, () => {
    const fragment = `${loader}\n<crowd-form><crowd-input name="a"></crowd-input></crowd-form>`;
    const page = buildPreviewPage(fragment, { elementsBundle: BUNDLE });
    assertOffline(page);
    assert.ok(page.includes(`${MODULE_SCRIPT}\n<crowd-form><crowd-input name="a"></crowd-input></crowd-form>`));
    const found = scripts(parseHtml(page));
    assert.equal(found.length, 1);
    assert.equal(attribute(found[0]!, 'type'), 'module');
    assert.equal(attribute(found[0]!, 'src'), undefined);
    assert.equal(textOf(found[0]!), `\n${BUNDLE}\n`);
  });
}

test('without a loader the bundle goes at the top of the fragment', () => {
  const fragment = '<crowd-form>\n  <crowd-button>Go</crowd-button>\n</crowd-form>';
  const page = buildPreviewPage(fragment, { elementsBundle: BUNDLE });
  assert.ok(page.includes(`<body>\n${MODULE_SCRIPT}\n${fragment}\n</body>`));
});

test('several loaders give one bundle: the first is replaced, later ones are dropped', () => {
  const loader = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>';
  const page = buildPreviewPage(`${loader}<p>a</p>${loader}<p>b</p>`, { elementsBundle: BUNDLE });
  assert.ok(page.includes(`${MODULE_SCRIPT}<p>a</p><p>b</p>`));
  assert.equal(page.split('const defined').length, 2);
  assertOffline(page);
});

test('scripts that only look like loaders are left alone', () => {
  const lookalikes = [
    '<script src="https://assets.crowd.aws/my-crowd-html-elements.js"></script>',
    '<script src="https://assets.crowd.aws/crowd-html-elements.json"></script>',
    '<script data-src="https://assets.crowd.aws/crowd-html-elements.js"></script>',
  ];
  for (const lookalike of lookalikes) {
    assert.deepEqual(findElementsLoaders(lookalike), [], lookalike);
  }
});

test('a loader in a comment, an inline script or a textarea is text, not a tag', () => {
  const fragment = [
    '<!-- <script src="https://assets.crowd.aws/crowd-html-elements.js"></script> -->',
    '<script>var note = "<script src=\\"x/crowd-html-elements.js\\"><\\/script>";</script>',
    '<textarea><script src="crowd-html-elements.js"></script></textarea>',
    '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>',
  ].join('\n');
  const loaders = findElementsLoaders(fragment);
  assert.equal(loaders.length, 1);
  const [start, end] = loaders[0]!;
  assert.equal(fragment.slice(start, end), '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>');
});

test('the template\'s own scripts, styles and elements are kept as they are', () => {
  const fragment = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<style>crowd-form { display: block; } .x > p { color: red; }</style>
<crowd-form>
  <crowd-text-area name="comment"></crowd-text-area>
</crowd-form>
<script>
  document.querySelector('crowd-form').addEventListener('submit', function (event) {
    if (1 < 2 && "</p>") console.log('ok');
  });
</script>`;
  const page = buildPreviewPage(fragment, { elementsBundle: BUNDLE });
  assert.ok(page.includes(fragment.replace('<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>', MODULE_SCRIPT)));
  const found = scripts(parseHtml(page));
  assert.equal(found.length, 2);
  assert.match(textOf(found[1]!), /addEventListener\('submit'/);
});

test('</script> and <!-- inside the bundle cannot end or confuse the inline script', async (t) => {
  const tricky = [
    'export const closer = "</script><script>alert(1)</script>";',
    'export const upper = "</SCRIPT >";',
    'export const comment = "<!-- <script>";',
    'export const pattern = /<\\/script>|<!--/i;',
    'export const templated = `</script>`;',
    '// a comment with </script> in it',
  ].join('\n');
  const page = buildPreviewPage('<crowd-form></crowd-form>', { elementsBundle: tricky });
  const found = scripts(parseHtml(page));
  assert.equal(found.length, 1, 'the bundle stays one script element');
  const inlined = textOf(found[0]!);
  assert.doesNotMatch(inlined, /<\/script/i);
  assert.doesNotMatch(inlined, /<!--/);
  assert.equal(elements(parseHtml(page)).filter((node) => node.tagName === 'crowd-form').length, 1);
  // The escaped module still means the same: import it and compare its values.
  const dir = mkdtempSync(join(tmpdir(), 'quorum-preview-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'inlined.mjs');
  writeFileSync(file, inlined);
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  assert.equal(module.closer, '</script><script>alert(1)</script>');
  assert.equal(module.upper, '</SCRIPT >');
  assert.equal(module.comment, '<!-- <script>');
  assert.equal(module.templated, '</script>');
  assert.ok((module.pattern as RegExp).test('</SCRIPT>'));
  assert.ok((module.pattern as RegExp).test('<!--'));
});

test('escapeInlineScript only touches the two dangerous sequences', () => {
  assert.equal(escapeInlineScript('a < b && c > d; "</p>"; x<!--y; "</Script>"'), 'a < b && c > d; "</p>"; x\\x3C!--y; "<\\/Script>"');
});

test('the page is a complete, UTF-8, mobile-ready document with an escaped title', () => {
  const page = buildPreviewPage('<p>é ✓</p>', { elementsBundle: BUNDLE, title: '</title><script>alert(1)</script> & co' });
  assert.match(page, /^<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">/);
  const document = parseHtml(page);
  const title = elements(document).find((node) => node.tagName === 'title')!;
  assert.equal(textOf(title), '</title><script>alert(1)</script> & co');
  assert.equal(scripts(document).length, 1);
  assert.ok(elements(document).some((node) => node.tagName === 'style'));
  assert.match(page, /<p>é ✓<\/p>/);
  assert.match(buildPreviewPage('', { elementsBundle: BUNDLE }), /<title>Task preview<\/title>/);
});

test('the task input is embedded as inert JSON that cannot break out', () => {
  const input = { text: '</script><script>alert(1)</script>', quote: "it's", nested: { list: [1, '<!--'] } };
  const document = parseHtml(buildPreviewPage('<p>x</p>', { elementsBundle: BUNDLE, input }));
  const data = scripts(document).filter((node) => attribute(node, 'type') === 'application/json');
  assert.equal(data.length, 1);
  assert.equal(attribute(data[0]!, 'id'), 'quorum-task-input');
  assert.deepEqual(JSON.parse(textOf(data[0]!)), input);
  assert.equal(scripts(document).length, 2);
});

test('bad arguments are refused with a message saying what is expected', () => {
  assert.throws(() => buildPreviewPage(undefined as unknown as string, { elementsBundle: BUNDLE }), /fragment must be a string, got undefined/);
  assert.throws(() => buildPreviewPage('<p>', { elementsBundle: '' }), /elementsBundle must be the non-empty source/);
  assert.throws(() => buildPreviewPage('<p>', undefined as unknown as { elementsBundle: string }), /elementsBundle/);
  assert.throws(() => buildPreviewPage('<p>', { elementsBundle: BUNDLE, title: 5 as unknown as string }), /title must be a string, got number/);
});

test('live reload is only in the page when asked for, with its values as inert script strings', async () => {
  assert.doesNotMatch(buildPreviewPage('<p>x</p>', { elementsBundle: BUNDLE }), /EventSource/);
  const liveReload = { eventsUrl: '/__quorum/events', version: '</script><script>alert(1)</script>' };
  const document = parseHtml(buildPreviewPage('<p>x</p>', { elementsBundle: BUNDLE, liveReload }));
  const classic = scripts(document).filter((node) => attribute(node, 'type') === undefined);
  assert.equal(classic.length, 1, 'one classic reload script, the hostile version cannot split it');
  const code = textOf(classic[0]!);

  // Run it against a stand-in EventSource: same version → stays; other version → reloads once.
  const listeners = new Map<string, (event: { data: string }) => void>();
  let reloads = 0;
  let closed = false;
  let openedUrl = '';
  const EventSource = class {
    constructor(url: string) {
      openedUrl = url;
    }
    addEventListener(type: string, listener: (event: { data: string }) => void): void {
      listeners.set(type, listener);
    }
    close(): void {
      closed = true;
    }
  };
  runInNewContext(code, { EventSource, location: { reload: () => reloads++ } });
  assert.equal(openedUrl, '/__quorum/events');
  listeners.get('version')!({ data: liveReload.version });
  assert.equal(reloads, 0);
  listeners.get('reload')!({ data: 'v2' });
  assert.equal(reloads, 1);
  assert.equal(closed, true);

  assert.throws(() => liveReloadScript({ eventsUrl: '', version: '1' }), /eventsUrl: non-empty string/);
});
