// Every template under templates/ rendered by the CLI with hostile task input, opened from
// file:// in real Chromium: no script from the input runs, no element or attribute is injected,
// every value shows as the exact text it was, and the form still submits its answer.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { repoRoot, runQuorum } from '../support/cli.js';

/** A payload that ran sets this global (or opens a dialog); a clean page never has it. */
const CANARY = '__pwned';

/** Hostile strings, each put into every string field of a template's input. */
const CORPUS: Record<string, string> = {
  'script tag': `<script>window.${CANARY} = 'script'; alert('script')</script>`,
  'script tag, upper case and split': `<SCRIPT>window.${CANARY}='upper'</SCRIPT><scr<script>ipt>window.${CANARY}='split'</script>`,
  'event handler on an image': `<img src=x onerror="window.${CANARY}='img'; alert('img')">`,
  'svg onload': `<svg onload="window.${CANARY}='svg'"><circle r=1 /></svg>`,
  'double-quote attribute breakout': `" onmouseover="window.${CANARY}='dq'" autofocus onfocus="window.${CANARY}='dq-focus'" x="`,
  'single-quote attribute breakout': `' onmouseover='window.${CANARY}="sq"' autofocus onfocus='alert(1)' x='`,
  'unquoted attribute breakout': `x onmouseover=window.${CANARY}=1 style=position:fixed;inset:0`,
  'tag breakout': `"><img src=x onerror=alert(document.domain)><"`,
  'javascript: URL': `javascript:window.${CANARY}='js';alert('js')`,
  'javascript: URL, obfuscated': ` JaVaScRiPt&#58;window.${CANARY}=1 \tjava\nscript:alert(1)`,
  'data: URL': `data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==`,
  'data: URL with markup': `data:text/html,<script>window.${CANARY}='data'</script>`,
  'raw-text breakouts': `</textarea></title></style></script><script>window.${CANARY}='raw'</script><!--`,
  'element breakout': `</classification-target></crowd-classifier></crowd-form><form action="javascript:alert(1)"><button autofocus>go</button></form>`,
  'Liquid delimiters': `{{ 7 | plus: 1 }} {% raw %}{{ task.input }}{% endraw %} {% assign x = "<script>" %}{{ x | skip_autoescape }} {%- comment -%}`,
  'Handlebars delimiters': `{{{task.input}}} {{#each task.input}}{{this}}{{/each}} {{> header}} {{constructor.constructor "alert(1)"}}`,
  'JavaScript template and JSON breakouts': `\${window.${CANARY}='tpl'}\`"}]}</script><script>window.${CANARY}='json'</script>`,
  'character references': `&lt;script&gt;window.${CANARY}=1&lt;/script&gt; &#x3C;img src=x onerror=alert(1)&#x3E; &amp;lt;b&amp;gt; &quot;`,
  'unicode direction overrides and separators': `\u202Egnp.exe\u202C \u2066isolate\u2069 \u200F\u200E \u2028line\u2029para \uFEFFbom`,
  'control characters': `nul\u0000 bell\u0007 escape\u001b[31m form\u000c feed`,
  'prototype names': `__proto__ constructor toString valueOf hasOwnProperty`,
  'megabyte string': `${'<b onmouseover=alert(1)>bold</b> &amp; '.repeat(28_000)}<script>window.${CANARY}='mega'</script>`.padEnd(1 << 20, 'x'),
};

/**
 * Input strings with `"format": "uri"` in a template's input schema name an image (an S3 URI that
 * grant_read_access turns into https://s3.amazonaws.com/…). They hold this URI on every page, and
 * the test serves {@link TEST_IMAGE} for it, so image elements load and the form can submit; what a
 * hostile URL becomes is checked by the grant_read_access unit tests.
 */
const IMAGE_URI = 's3://quorum-hostile/image.png';
const IMAGE_URL = 'https://s3.amazonaws.com/quorum-hostile/image.png';
const TEST_IMAGE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAGCAIAAABxZ0isAAAAD0lEQVR4nGNowAEYBlICABnRSAEtC4j6AAAAAElFTkSuQmCC', 'base64');

/** Text from the input as the page should show it: the HTML parser's own normalisation of NUL. */
const asParsed = (text: string): string => text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');

const TEMPLATE_FILE = /^template\.(?:liquid\.html|liquid|html|hbs|handlebars|hbs\.html)$/;

interface TemplateCase {
  name: string;
  template: string;
  inputSchema: JsonSchema;
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  minItems?: number;
  [keyword: string]: unknown;
};

/** Every template folder under templates/, each with one template file and its input schema. */
function templateCases(): TemplateCase[] {
  const root = join(repoRoot, 'templates');
  const cases: TemplateCase[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const folder = join(root, entry.name);
    const templates = readdirSync(folder).filter((file) => TEMPLATE_FILE.test(file));
    assert.equal(templates.length, 1, `templates/${entry.name} must hold exactly one template.* file, found: ${templates.join(', ') || 'none'}`);
    const schemaFile = join(folder, 'input.schema.json');
    assert.ok(existsSync(schemaFile), `templates/${entry.name}/input.schema.json is missing: it tells this test which fields to fill`);
    cases.push({ name: entry.name, template: join(folder, templates[0]!), inputSchema: JSON.parse(readFileSync(schemaFile, 'utf8')) as JsonSchema });
  }
  assert.ok(cases.length > 0, 'no templates under templates/');
  return cases;
}

/**
 * An input that fits the template's input schema with `text(path)` in every string field
 * (enums and constants keep an allowed value, so the template takes its usual branches).
 */
function fillInput(schema: JsonSchema, text: (path: string) => string, path = ''): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum !== undefined) return schema.enum[0];
  const type = Array.isArray(schema.type) ? (schema.type.includes('string') ? 'string' : schema.type[0]) : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, property]) => [key, fillInput(property, text, `${path}/${key}`)]));
    case 'array': {
      if (!schema.items) throw new Error(`input.schema.json ${path || '/'}: an array needs "items" for this test to fill it`);
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, (_, index) => fillInput(schema.items!, text, `${path}/${index}`));
    }
    case 'string':
      return schema.format === 'uri' ? IMAGE_URI : text(path);
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      throw new Error(`input.schema.json ${path || '/'}: cannot fill a value of type ${JSON.stringify(schema.type)} (extend fillInput in ${import.meta.url})`);
  }
}

/** What the page is made of: every element and element@attribute, in the document and open shadow roots. */
interface PageShape {
  structure: string[];
  /** URL-bearing attributes whose value is a script or data URL. */
  dangerousUrls: string[];
  /** Text of every text node outside script/style, and every attribute value. */
  strings: string[];
}

function pageShape(): PageShape {
  const structure = new Set<string>();
  const dangerousUrls: string[] = [];
  const strings: string[] = [];
  const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'srcdoc', 'data', 'ping']);
  const visit = (root: Document | ShadowRoot): void => {
    for (const element of root.querySelectorAll('*')) {
      const tag = element.localName;
      structure.add(tag);
      for (const attribute of element.attributes) {
        structure.add(`${tag}@${attribute.name}`);
        strings.push(attribute.value);
        // As the URL parser reads it: leading C0 controls and spaces dropped, tabs and newlines removed anywhere.
        let start = 0;
        while (start < attribute.value.length && attribute.value.charCodeAt(start) <= 0x20) start++;
        const url = attribute.value.slice(start).replace(/[\t\n\r]/g, '');
        if (urlAttributes.has(attribute.name) && /^(?:javascript|data|vbscript):/i.test(url)) {
          dangerousUrls.push(`<${tag} ${attribute.name}="${attribute.value.slice(0, 80)}">`);
        }
      }
      if (tag !== 'script' && tag !== 'style') {
        for (const child of element.childNodes) if (child.nodeType === Node.TEXT_NODE) strings.push(child.nodeValue ?? '');
      }
      if (element.shadowRoot) {
        structure.add(`${tag}::shadow`);
        visit(element.shadowRoot);
      }
    }
  };
  visit(document);
  return { structure: [...structure].sort(), dangerousUrls, strings };
}

/** Gives each control an answer it accepts, as a worker would pick one. */
function answerEveryControl(): string[] {
  const unanswered: string[] = [];
  for (const control of document.querySelectorAll<HTMLElement & { categories?: unknown; value?: unknown }>('crowd-form [name]')) {
    const tag = control.localName;
    if (Array.isArray(control.categories) && control.categories.length > 0 && 'value' in control) {
      control.value = String(control.categories[0]);
    } else if (tag === 'crowd-input' || tag === 'crowd-text-area' || tag === 'textarea' || (tag === 'input' && /^(?:text|search)?$/.test((control as HTMLInputElement).type))) {
      (control as HTMLInputElement).value = 'an answer';
    } else if (control.hasAttribute('required')) {
      unanswered.push(`<${tag} name="${control.getAttribute('name')}">`);
    }
  }
  return unanswered;
}

let browser: Browser;
let page: Page;
let work: string;
/** What went wrong on the page since the last `openPage`: dialogs, errors, requests. */
let problems: string[] = [];
let pageUrl = '';

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'quorum-hostile-'));
  browser = await launchChromium();
  const context = await browser.newContext();
  // tsx compiles this file with esbuild's keepNames, so functions handed to page.evaluate call its
  // `__name` helper; the page needs a stand-in for them to run there.
  await context.addInitScript('globalThis.__name = (target) => target;');
  page = await context.newPage();
  await page.route(IMAGE_URL, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: TEST_IMAGE }));
  page.on('dialog', (dialog) => {
    problems.push(`dialog opened: ${dialog.type()} "${dialog.message()}"`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text().slice(0, 300)}`);
  });
  page.on('request', (request) => {
    if (request.url() !== pageUrl && request.url() !== IMAGE_URL) problems.push(`request: ${request.url().slice(0, 200)}`);
  });
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function render(template: string, input: unknown, name: string): Promise<string> {
  const inputFile = join(work, `${name}.json`);
  const pageFile = join(work, `${name}.html`);
  writeFileSync(inputFile, JSON.stringify(input));
  const result = await runQuorum(['render', template, '--input', inputFile, '--out', pageFile]);
  assert.equal(result.code, 0, `quorum render ${name}: ${result.stderr}`);
  return pageFile;
}

/** Opens a page, lets every handler that could fire fire, and returns its shape. */
async function openPage(file: string): Promise<PageShape> {
  problems = [];
  pageUrl = pathToFileURL(file).href;
  await page.goto(pageUrl, { waitUntil: 'load' });
  await page.waitForFunction(() => customElements.get('crowd-form') !== undefined);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  const shape = await page.evaluate(pageShape);
  // Hover and focus over the page: an injected onmouseover/onfocus would run now.
  const { width, height } = page.viewportSize() ?? { width: 1280, height: 720 };
  for (let y = 10; y < height; y += height / 6) await page.mouse.move(width / 3, y);
  for (let presses = 0; presses < 4; presses++) await page.keyboard.press('Tab');
  return shape;
}

async function canary(): Promise<unknown> {
  return page.evaluate((name) => (window as unknown as Record<string, unknown>)[name], CANARY);
}

/** Answers every control, clicks Submit and returns the answer shown on the page. */
async function submit(): Promise<unknown> {
  const unanswered = await page.evaluate(answerEveryControl);
  assert.deepEqual(unanswered, [], 'controls this test cannot answer yet (extend answerEveryControl)');
  await page.locator('crowd-button[form-action="submit"], crowd-form button[type="submit"], crowd-form input[type="submit"]').last().click();
  await page.waitForSelector('pre#quorum-answer', { timeout: 5_000 });
  const shown = JSON.parse((await page.textContent('pre#quorum-answer')) ?? 'null') as unknown;
  const last = await page.evaluate(() => (window as unknown as { quorum?: { lastAnswer?: unknown } }).quorum?.lastAnswer);
  assert.deepEqual(shown, last, 'the page shows the answer it submitted');
  return shown;
}

for (const templateCase of templateCases()) {
  describe(`hostile input through templates/${templateCase.name}`, () => {
    const benignText = (path: string): string => `benign text for ${path}`;
    let benign: { shape: PageShape; answer: unknown; shownFields: string[] };
    const hostilePages = new Map<string, string>();

    before(async () => {
      const benignInput = fillInput(templateCase.inputSchema, benignText);
      const entries = Object.entries(CORPUS);
      // Two renders at a time: one process each, and this machine has two cores.
      const files: string[] = [];
      for (let index = 0; index < entries.length; index += 2) {
        const batch = entries.slice(index, index + 2).map(([, payload], offset) =>
          render(templateCase.template, fillInput(templateCase.inputSchema, () => payload), `${templateCase.name}-${index + offset}`),
        );
        files.push(...(await Promise.all(batch)));
      }
      entries.forEach(([name], index) => hostilePages.set(name, files[index]!));
      const benignFile = await render(templateCase.template, benignInput, `${templateCase.name}-benign`);
      const shape = await openPage(benignFile);
      assert.deepEqual(problems, [], 'the benign page itself has problems');
      const fieldPaths: string[] = [];
      fillInput(templateCase.inputSchema, (path) => (fieldPaths.push(path), ''));
      const shownFields = fieldPaths.filter((path) => shape.strings.some((text) => text.includes(benignText(path))));
      assert.ok(shownFields.length > 0, 'the template shows none of its input fields');
      benign = { shape, answer: await submit(), shownFields };
    });

    /** Everything that shows the input was not kept as inert text; empty for a safe page. */
    async function breaches(shape: PageShape, payload: string): Promise<string[]> {
      const found: string[] = [];
      const ran = await canary();
      if (ran !== undefined) found.push(`window.${CANARY} = ${JSON.stringify(ran)}: a script from the input ran`);
      const added = shape.structure.filter((item) => !benign.shape.structure.includes(item));
      const missing = benign.shape.structure.filter((item) => !shape.structure.includes(item));
      if (added.length > 0 || missing.length > 0) found.push(`other elements or attributes than with benign input: added ${added.join(' ')}; missing ${missing.join(' ')}`);
      const urls = shape.dangerousUrls.filter((url) => !benign.shape.dangerousUrls.includes(url));
      if (urls.length > 0) found.push(`script or data URLs from the input: ${urls.join(' ')}`);
      if (!shape.strings.some((text) => text.includes(asParsed(payload)))) {
        found.push(`the input does not appear as exact text anywhere (${benign.shownFields.join(', ')} are shown with benign input)`);
      }
      return found;
    }

    for (const [name, payload] of Object.entries(CORPUS)) {
      it(`${name}: no script runs, nothing is injected, the text is exact, the form works`, async () => {
        const shape = await openPage(hostilePages.get(name)!);
        assert.deepEqual(await breaches(shape, payload), []);
        const answer = await submit();
        assert.deepEqual(answer, benign.answer, 'the answer differs from the one submitted with benign input');
        assert.equal(await canary(), undefined, `window.${CANARY} was set after submitting`);
        assert.deepEqual(problems, [], 'dialogs, errors, console messages or requests on the page');
      });
    }

    it('control: the same checks catch a copy of the template that prints input unescaped', async () => {
      const source = readFileSync(templateCase.template, 'utf8');
      const unsafe = /\.(?:hbs|handlebars)/.test(templateCase.template)
        ? source.replace(/\{\{\s*(task\.input\.[\w.]+)\s*\}\}/g, '{{{$1}}}')
        : source.replace(/\{\{\s*(task\.input\.[\w.]+)\s*\}\}/g, '{{ $1 | skip_autoescape }}');
      assert.notEqual(unsafe, source, 'the template prints no task.input field directly; write a control for it');
      const unsafeTemplate = join(work, `${templateCase.name}-unsafe${templateCase.template.slice(templateCase.template.indexOf('.', templateCase.template.lastIndexOf('/')))}`);
      writeFileSync(unsafeTemplate, unsafe);
      // Markup breaks out of element content, a double quote out of an attribute: whichever the
      // template prints input in, one of these must be caught.
      const missed: string[] = [];
      for (const name of ['script tag', 'event handler on an image', 'element breakout', 'double-quote attribute breakout']) {
        const payload = CORPUS[name]!;
        const file = await render(unsafeTemplate, fillInput(templateCase.inputSchema, () => payload), `${templateCase.name}-unsafe`);
        const shape = await openPage(file);
        const found = [...(await breaches(shape, payload)), ...problems];
        if (!found.some((breach) => /a script from the input ran|other elements or attributes/.test(breach))) missed.push(`"${name}" (found only: ${found.join('; ') || 'nothing'})`);
      }
      assert.ok(missed.length < 4, `the checks missed every payload printed unescaped: ${missed.join(', ')}`);
    });
  });
}
