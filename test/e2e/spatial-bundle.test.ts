// The lazily loaded spatial bundle in real Chromium, from file:// as templates are opened on a
// laptop: the core bundle loads crowd-spatial-elements.js from its own directory when a page uses
// an image element (and only then), a missing file shows an error and blocks submitting, and
// `quorum render` inlines both bundles for an image template, so its page works with no network.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { validateCrowdBoundingBoxAnswer } from '@quorum/schema';
import { buildPreviewPage } from '@quorum/templates';
import { SPATIAL_TAGS } from '@quorum/elements/spatial-tags.js';
import { launchChromium } from '../support/chromium.js';
import { quorumBin, repoRoot, runQuorum } from '../support/cli.js';

const dist = join(repoRoot, 'packages/elements/dist');
const coreFile = join(dist, 'crowd-html-elements.js');
const spatialFile = join(dist, 'crowd-spatial-elements.js');

let browser: Browser;
let work: string;

before(async () => {
  for (const file of [coreFile, spatialFile]) assert.ok(readFileSync(file).length > 0, `${file} is missing: run npm run build first`);
  work = mkdtempSync(join(tmpdir(), 'quorum-spatial-e2e-'));
  writeFileSync(join(work, 'photo.png'), png(40, 20));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

/** A grey RGB PNG of the given size, written without any image library. */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (bytes: Buffer): number => {
    let crc = 0xffffffff;
    for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height, 0x80);
  for (let row = 0; row < height; row++) rows[row * (width * 3 + 1)] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const BOX_TASK = `<crowd-form>
  <crowd-bounding-box name="annotatedResult" src="photo.png" header="Draw a box around the cat" labels="['Cat', 'Dog']">
    <short-instructions>Box every cat.</short-instructions>
  </crowd-bounding-box>
</crowd-form>`;

const BOX_ANSWER = { annotatedResult: { boundingBoxes: [{ label: 'Cat', left: 10, top: 5, width: 20, height: 10 }], inputImageProperties: { width: 40, height: 20 } } };

interface OpenedPage {
  page: Page;
  /** Every URL the page requested. */
  requests: string[];
  pageErrors: string[];
  consoleErrors: string[];
}

/** Opens a file:// page, recording its requests and errors. */
async function open(file: string): Promise<OpenedPage> {
  const page = await browser.newPage();
  const opened: OpenedPage = { page, requests: [], pageErrors: [], consoleErrors: [] };
  page.on('request', (request) => opened.requests.push(request.url()));
  await page.addInitScript(() => document.addEventListener('all-crowd-elements-ready', () => ((window as unknown as { quorumReady?: boolean }).quorumReady = true)));
  page.on('pageerror', (error) => opened.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') opened.consoleErrors.push(message.text());
  });
  await page.goto(pathToFileURL(file).href);
  return opened;
}

/** Writes `body` as a page in a new folder beside copies of the bundles named in `bundles`, loading the core with `<script src>`. */
function pageWithCore(name: string, body: string, bundles: string[]): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'assets'), { recursive: true });
  for (const file of bundles) copyFileSync(file, join(dir, 'assets', file === coreFile ? 'crowd-html-elements.js' : 'crowd-spatial-elements.js'));
  copyFileSync(join(work, 'photo.png'), join(dir, 'photo.png'));
  const file = join(dir, 'task.html');
  writeFileSync(file, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Task</title><script src="assets/crowd-html-elements.js"></script></head><body>\n${body}\n</body></html>`);
  return file;
}

/** Waits for all-crowd-elements-ready (or for `timeout` ms), returning whether it fired. */
async function elementsReady(page: Page, timeout = 10000): Promise<boolean> {
  try {
    await page.waitForFunction(() => (window as unknown as { quorumReady?: boolean }).quorumReady === true, undefined, { timeout });
    return true;
  } catch {
    return false;
  }
}

/** Adds a box with the keyboard (N), presses the Submit button, and returns the answer the page shows. */
async function drawBoxAndSubmit(page: Page): Promise<unknown> {
  await page.waitForFunction(() => customElements.get('crowd-bounding-box') !== undefined);
  // Rendered, with its image loaded (the annotator's updateComplete waits for the image).
  await page.evaluate(() => (document.querySelector('crowd-bounding-box') as unknown as { updateComplete: Promise<unknown> }).updateComplete);
  await page.focus('crowd-bounding-box [part="stage"]');
  await page.keyboard.press('n');
  await page.click('crowd-button[form-action="submit"]');
  await page.waitForSelector('pre#quorum-answer');
  return JSON.parse((await page.textContent('pre#quorum-answer')) ?? 'null');
}

const spatialRequests = (opened: OpenedPage): string[] => opened.requests.filter((url) => url.includes('crowd-spatial-elements'));

describe('the spatial bundle loaded by the core from file://', () => {
  it('is loaded once from the core script\'s directory, and the bounding box answers in Ground Truth\'s shape', async () => {
    const file = pageWithCore('sibling', BOX_TASK, [coreFile, spatialFile]);
    const opened = await open(file);
    assert.equal(await elementsReady(opened.page), true);
    // all-crowd-elements-ready came after the bounding box (from the spatial bundle) rendered.
    assert.equal(await opened.page.evaluate(() => document.querySelector('crowd-bounding-box')?.shadowRoot?.querySelector('[part="base"]') != null), true);
    assert.deepEqual(spatialRequests(opened), [pathToFileURL(join(work, 'sibling/assets/crowd-spatial-elements.js')).href]);
    const answer = await drawBoxAndSubmit(opened.page);
    assert.deepEqual(answer, BOX_ANSWER);
    const checked = validateCrowdBoundingBoxAnswer((answer as typeof BOX_ANSWER).annotatedResult);
    assert.ok(checked.valid, JSON.stringify(checked));
    assert.deepEqual(opened.pageErrors, []);
    assert.deepEqual(opened.consoleErrors, []);
    assert.ok(opened.requests.every((url) => url.startsWith('file:')), opened.requests.join('\n'));
    await opened.page.close();
  });

  it('is loaded when a script adds a spatial element after the page loaded, and not before', async () => {
    const file = pageWithCore('later', '<crowd-form><crowd-input name="note" label="Note"></crowd-input></crowd-form>', [coreFile, spatialFile]);
    const opened = await open(file);
    assert.equal(await elementsReady(opened.page), true);
    assert.deepEqual(spatialRequests(opened), []);
    await opened.page.evaluate(() => {
      const box = document.createElement('crowd-bounding-box');
      box.setAttribute('name', 'annotatedResult');
      box.setAttribute('src', 'photo.png');
      box.setAttribute('labels', "['Cat']");
      document.querySelector('crowd-form form')?.prepend(box);
    });
    await opened.page.waitForFunction(() => customElements.get('crowd-bounding-box') !== undefined);
    assert.equal(spatialRequests(opened).length, 1);
    const answer = (await drawBoxAndSubmit(opened.page)) as typeof BOX_ANSWER;
    assert.deepEqual(answer.annotatedResult, BOX_ANSWER.annotatedResult);
    assert.deepEqual(opened.pageErrors, []);
    await opened.page.close();
  });

  it('shows an error in the page and the console, and blocks submitting, when the file is missing', async () => {
    const file = pageWithCore('missing', BOX_TASK, [coreFile]);
    const opened = await open(file);
    const error = opened.page.locator('#quorum-spatial-error');
    await error.waitFor({ state: 'visible' });
    assert.match((await error.textContent()) ?? '', /cannot be shown or submitted.*did not load/);
    assert.equal(await error.getAttribute('role'), 'alert');
    assert.ok(
      opened.consoleErrors.some((text) => /\[quorum:spatial-load-failed\].*crowd-spatial-elements\.js could not be loaded/.test(text)),
      opened.consoleErrors.join('\n'),
    );
    await opened.page.click('crowd-button[form-action="submit"]');
    await opened.page.keyboard.press('Enter');
    assert.equal(await opened.page.evaluate(() => (document.querySelector('crowd-form') as unknown as { submit(): boolean }).submit()), false);
    assert.equal(await opened.page.locator('pre#quorum-answer').count(), 0, 'nothing was submitted');
    assert.equal(await opened.page.evaluate(() => (window as unknown as { quorum?: { lastAnswer?: unknown } }).quorum?.lastAnswer), undefined);
    assert.equal(await elementsReady(opened.page, 300), false, 'all-crowd-elements-ready does not fire for a page whose elements cannot render');
    await opened.page.close();
  });
});

describe('quorum render with the spatial bundle', () => {
  const boxTemplate = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form>
  <crowd-bounding-box name="annotatedResult" src="{{ task.input.taskObject }}" header="{{ task.input.header }}" labels="['Cat', 'Dog']">
    <full-instructions header="Box guide">Draw tight boxes.</full-instructions>
    <short-instructions>Box every cat.</short-instructions>
  </crowd-bounding-box>
</crowd-form>`;

  async function render(template: string, input: unknown, name: string): Promise<string> {
    const templateFile = join(work, `${name}.liquid.html`);
    const inputFile = join(work, `${name}.json`);
    const pageFile = join(work, `${name}.html`);
    writeFileSync(templateFile, template);
    writeFileSync(inputFile, JSON.stringify(input));
    const result = await runQuorum(['render', templateFile, '--input', inputFile, '--out', pageFile]);
    assert.equal(result.code, 0, result.stderr);
    return pageFile;
  }

  it('inlines both bundles for a bounding-box template; the page works offline with no request', async () => {
    const pageFile = await render(boxTemplate, { taskObject: 'photo.png', header: 'Draw a box around the cat' }, 'box-task');
    const html = readFileSync(pageFile, 'utf8');
    const spatialSource = readFileSync(spatialFile, 'utf8');
    const marker = spatialSource.slice(0, 300);
    assert.equal(html.split(marker).length - 1, 1, 'the spatial bundle is inlined once');
    const opened = await open(pageFile);
    assert.equal(await elementsReady(opened.page), true);
    assert.deepEqual(await drawBoxAndSubmit(opened.page), BOX_ANSWER);
    // The page itself and its image, from disk; nothing else (no bundle fetched, no network).
    assert.deepEqual(
      opened.requests.map((url) => url.replace(pathToFileURL(work).href, '')),
      ['/box-task.html', '/photo.png'],
    );
    assert.deepEqual(opened.pageErrors, []);
    assert.deepEqual(opened.consoleErrors, []);
    await opened.page.close();
  });

  it('leaves the spatial bundle out of a template without image elements, and that page never asks for it', async () => {
    const template = readFileSync(join(repoRoot, 'templates/llm-relevance-rating/template.liquid.html'), 'utf8');
    const input = JSON.parse(readFileSync(join(repoRoot, 'templates/llm-relevance-rating/fixtures/input.json'), 'utf8')) as unknown;
    const pageFile = await render(template, input, 'relevance-task');
    const html = readFileSync(pageFile, 'utf8');
    assert.ok(!html.includes(readFileSync(spatialFile, 'utf8').slice(0, 300)), 'no spatial bundle inlined');
    assert.ok(html.length < readFileSync(coreFile, 'utf8').length + 20000, `page of ${html.length} characters`);
    const opened = await open(pageFile);
    assert.equal(await elementsReady(opened.page), true);
    assert.deepEqual(spatialRequests(opened), []);
    assert.deepEqual(opened.pageErrors, []);
    await opened.page.close();
  });
});

describe('buildPreviewPage with a spatial bundle', () => {
  const core = 'window.core = 1;';
  const spatial = { source: 'window.spatial = 1;', tags: SPATIAL_TAGS };
  const inlined = (fragment: string): boolean => buildPreviewPage(fragment, { elementsBundle: core, spatialBundle: spatial }).includes(spatial.source);

  it('inlines it right after the elements bundle when the fragment has a spatial element', () => {
    const page = buildPreviewPage('<script src="https://assets.crowd.aws/crowd-html-elements.js"></script><crowd-form><CROWD-Keypoint name="k"></CROWD-Keypoint></crowd-form>', {
      elementsBundle: core,
      spatialBundle: spatial,
    });
    assert.match(page, /<script type="module">\nwindow\.core = 1;\n<\/script>\n<script type="module">\nwindow\.spatial = 1;\n<\/script><crowd-form>/);
  });

  it('inlines it for a spatial element that an inline script creates, or that a <template> holds', () => {
    assert.equal(inlined(`<crowd-form></crowd-form><script>document.querySelector('crowd-form').append(document.createElement("crowd-polygon"));</script>`), true);
    assert.equal(inlined(`<script>form.innerHTML = '<crowd-line name="l"></crowd-line>';</script>`), true);
    assert.equal(inlined('<template><crowd-bounding-box name="b"></crowd-bounding-box></template>'), true);
  });

  it('leaves it out when spatial tags are only text: in a comment, a <textarea>, prose, or a longer tag name', () => {
    assert.equal(inlined('<crowd-form><crowd-classifier name="c"></crowd-classifier></crowd-form>'), false);
    assert.equal(inlined('<!-- <crowd-bounding-box> --><crowd-form></crowd-form>'), false);
    assert.equal(inlined('<textarea><crowd-polygon></crowd-polygon></textarea>'), false);
    assert.equal(inlined('<p>Use crowd-bounding-box for boxes.</p><crowd-form></crowd-form>'), false);
    assert.equal(inlined('<crowd-bounding-box-preview></crowd-bounding-box-preview>'), false);
    assert.equal(inlined(`<script>const tag = 'crowd-line-chart';</script>`), false);
  });

  it('puts spatialSrc on the inlined elements bundle, escaped, and rejects a malformed spatial bundle', () => {
    const page = buildPreviewPage('<p>x</p>', { elementsBundle: core, spatialBundle: spatial, spatialSrc: '/b/crowd-spatial-elements.js?a=1&b="2"' });
    assert.match(page, /<script type="module" data-quorum-spatial-src="\/b\/crowd-spatial-elements\.js\?a=1&amp;b=&quot;2&quot;">\nwindow\.core/);
    assert.ok(!page.includes(spatial.source));
    assert.throws(() => buildPreviewPage('<p>x</p>', { elementsBundle: core, spatialBundle: { source: '', tags: [] } }), /options\.spatialBundle must be/);
    assert.throws(() => buildPreviewPage('<p>x</p>', { elementsBundle: core, spatialSrc: '' }), /options\.spatialSrc must be/);
  });
});

describe('quorum preview with the spatial bundle', () => {
  it('serves both bundles; a spatial element added by script loads the second from the server', async () => {
    const dir = join(work, 'preview');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'task.liquid.html'), '<crowd-form><crowd-input name="note" label="{{ task.input.label }}"></crowd-input></crowd-form>');
    writeFileSync(join(dir, 'input.json'), JSON.stringify({ label: 'Note' }));
    const child = spawn(process.execPath, [quorumBin, 'preview', join(dir, 'task.liquid.html'), '--input', join(dir, 'input.json'), '--port', '0'], { cwd: repoRoot });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          output += chunk;
          const match = /at (http:\/\/\S+)/.exec(output);
          if (match) resolve(match[1]!);
        });
        child.on('exit', (code) => reject(new Error(`quorum preview exited with ${code}: ${output}`)));
      });
      for (const [path, file] of [['crowd-html-elements.js', coreFile], ['crowd-spatial-elements.js', spatialFile]] as const) {
        const response = await fetch(new URL(path, url));
        assert.equal(response.status, 200, path);
        assert.match(response.headers.get('content-type') ?? '', /^text\/javascript/);
        assert.equal(await response.text(), readFileSync(file, 'utf8'), path);
      }
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(new URL(request.url()).pathname));
      await page.goto(url);
      await page.waitForFunction(() => customElements.get('crowd-input') !== undefined);
      assert.deepEqual(requests.filter((path) => path.endsWith('.js')), [], 'both bundles are inlined or not needed');
      await page.evaluate(() => document.querySelector('crowd-form form')?.append(document.createElement('crowd-keypoint')));
      await page.waitForFunction(() => customElements.get('crowd-keypoint') !== undefined);
      assert.deepEqual(requests.filter((path) => path.endsWith('.js')), ['/crowd-spatial-elements.js']);
      await page.close();
    } finally {
      const exited = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
