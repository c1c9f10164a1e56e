/**
 * Tests of the built drop-in bundles, dist/crowd-html-elements.js (the core) and
 * dist/crowd-spatial-elements.js (the image elements, loaded lazily by the core), in pages of their
 * own (iframes): loaded as classic scripts, the way templates include Ground Truth's script, and
 * inlined. Build them first (`npm run build`); a missing bundle fails here.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { mount } from './internal/testing.test.js';
import { defineElements, elementClasses } from './define.js';
import { coreElementClasses } from './elements-core.js';
import { spatialElementClasses } from './elements-spatial.js';
import { SPATIAL_TAGS } from './spatial-tags.js';
import { SPATIAL_ERROR_ID } from './internal/spatial-loader.js';
import type { CrowdForm } from './crowd-form/crowd-form.js';
import type { CrowdClassifier } from './crowd-classifier/crowd-classifier.js';

const BUNDLE_URL = '/packages/elements/dist/crowd-html-elements.js';
const SPATIAL_URL = '/packages/elements/dist/crowd-spatial-elements.js';

const TEMPLATE = `
<crowd-form>
  <crowd-classifier name="relevance" categories="['1', '2', '3', '4', '5']"
      header="How relevant is the below answer to the question: What is the capital of France?">
    <classification-target>Paris is the capital of France.</classification-target>
    <full-instructions header="Rating guide">1 = irrelevant … 5 = fully answers the question</full-instructions>
    <short-instructions>Rate the relevance of the answer.</short-instructions>
  </crowd-classifier>
</crowd-form>`;

/** A 40 × 20 grey PNG, so that the image elements have something to load without a server. */
function imageUrl(): string {
  const canvas = document.createElement('canvas');
  canvas.width = 40;
  canvas.height = 20;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  context.fillStyle = '#808080';
  context.fillRect(0, 0, 40, 20);
  return canvas.toDataURL('image/png');
}

/** A Ground Truth bounding-box task, with instructions from the core bundle around the spatial element. */
function boxTemplate(): string {
  return `
<crowd-form>
  <crowd-bounding-box name="annotatedResult" src="${imageUrl()}" header="Draw a box around the cat" labels="['Cat', 'Dog']">
    <full-instructions header="Box guide">Draw tight boxes.</full-instructions>
    <short-instructions>Box every cat.</short-instructions>
  </crowd-bounding-box>
</crowd-form>`;
}

const BOX_ANSWER = { annotatedResult: { boundingBoxes: [{ label: 'Cat', left: 10, top: 5, width: 20, height: 10 }], inputImageProperties: { width: 40, height: 20 } } };

/**
 * Records errors, warnings and console errors of the page, whether all-crowd-elements-ready fired,
 * and which custom elements had rendered (had a shadow root) when it did.
 */
const PROBE = `<script>
  window.pageErrors = [];
  window.pageWarnings = [];
  window.consoleErrors = [];
  addEventListener('error', (event) => pageErrors.push(String(event.message)));
  const warn = console.warn;
  console.warn = (...args) => { pageWarnings.push(args.join(' ')); warn(...args); };
  const error = console.error;
  console.error = (...args) => { consoleErrors.push(args.join(' ')); error(...args); };
  window.elementsReady = new Promise((resolve) => document.addEventListener('all-crowd-elements-ready', () => {
    window.readyStateAtReady = document.readyState;
    window.renderedAtReady = [...document.querySelectorAll('*')].filter((element) => element.localName.includes('-'))
      .map((element) => [element.localName, Boolean(customElements.get(element.localName) && element.shadowRoot)]);
    resolve(true);
  }));
</script>`;

type PageWindow = Window & {
  pageErrors: string[];
  pageWarnings: string[];
  consoleErrors: string[];
  elementsReady: Promise<boolean>;
  renderedAtReady?: Array<[string, boolean]>;
  readyStateAtReady?: DocumentReadyState;
};

interface TaskPage {
  window: PageWindow;
  document: Document;
  frame: HTMLIFrameElement;
}

async function fetchBundle(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`${url} is missing (HTTP ${response.status}). Build it: QUORUM_PACKAGES=elements npx rollup -c && node packages/elements/scripts/postbuild.mjs`);
  }
  return response.text();
}

const bundleSource = (): Promise<string> => fetchBundle(BUNDLE_URL);
const spatialSource = (): Promise<string> => fetchBundle(SPATIAL_URL);

/** Opens a page with `scripts` in its head (before the template, as in Ground Truth's templates) and `body`. */
async function openPage(scripts: string, body: string, { withElements = true } = {}): Promise<TaskPage> {
  await Promise.all([bundleSource(), spatialSource()]);
  const frame = await mount<HTMLIFrameElement>(html`<iframe title="task page" style="width: 900px; height: 600px"></iframe>`);
  const loaded = oneEvent(frame, 'load');
  frame.srcdoc = `<!doctype html><html lang="en"><head><title>Task</title>${PROBE}${scripts}</head><body>${body}</body></html>`;
  await loaded;
  const page = frame.contentWindow as PageWindow;
  if (withElements) expect(await page.elementsReady).to.equal(true);
  return { window: page, document: frame.contentDocument as Document, frame };
}

const openTaskPage = (scripts: string, options?: { withElements?: boolean }): Promise<TaskPage> => openPage(scripts, TEMPLATE, options);

/** The URLs of the spatial bundle the page requested. */
function spatialRequests(page: TaskPage): string[] {
  return page.window.performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.includes('crowd-spatial-elements'));
}

/** Chooses "4" with the real keyboard and submits with Enter; returns the previewed answer. */
async function rateFourAndSubmit(page: TaskPage): Promise<unknown> {
  const classifier = page.document.querySelector('crowd-classifier') as CrowdClassifier;
  page.frame.focus();
  classifier.focus();
  await sendKeys({ press: '4' });
  await sendKeys({ press: 'Enter' });
  const output = page.document.getElementById('quorum-answer');
  expect(output, 'the answer preview').to.not.equal(null);
  return JSON.parse(output?.textContent ?? '');
}

/** Adds a box with the keyboard (N: a box in the middle, label 1) and submits the form; returns the previewed answer. */
async function drawBoxAndSubmit(page: TaskPage): Promise<unknown> {
  const box = page.document.querySelector('crowd-bounding-box') as HTMLElement & { updateComplete: Promise<unknown> };
  await box.updateComplete;
  page.frame.focus();
  box.focus();
  await sendKeys({ press: 'n' });
  expect((page.document.querySelector('crowd-form') as CrowdForm).submit(), 'submitted').to.equal(true);
  return JSON.parse(page.document.getElementById('quorum-answer')?.textContent ?? 'null');
}

/** What each element's shadow root applies: the text of every rule of its adopted style sheets. */
async function renderedStyles(doc: Document, tags: readonly string[]): Promise<Record<string, string[]>> {
  const host = doc.createElement('div');
  doc.body.append(host);
  const styles: Record<string, string[]> = {};
  for (const tag of tags) {
    const element = doc.createElement(tag) as HTMLElement & { updateComplete?: Promise<unknown> };
    host.append(element);
    await element.updateComplete;
    styles[tag] = (element.shadowRoot?.adoptedStyleSheets ?? []).flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText));
  }
  host.remove();
  return styles;
}

describe('dist/crowd-html-elements.js', () => {
  it('works as a classic <script src> loaded twice: no errors, one warning, every core tag defined', async () => {
    const page = await openTaskPage(`<script src="${BUNDLE_URL}"></script><script src="${BUNDLE_URL}"></script>`);
    expect(page.window.pageErrors).to.deep.equal([]);
    expect(page.window.pageWarnings.filter((text) => text.startsWith('[quorum:'))).to.have.length(1);
    expect(page.window.pageWarnings[0]).to.match(/^\[quorum:loaded-twice\]/);
    for (const elementClass of coreElementClasses) {
      expect(page.window.customElements.get(elementClass.tagName), elementClass.tagName).to.be.a('function');
    }
    expect(await rateFourAndSubmit(page)).to.deep.equal({ relevance: { label: '4' } });
    expect(JSON.stringify((page.document.querySelector('crowd-form') as CrowdForm).answer)).to.equal('{"relevance":{"label":"4"}}');
  });

  it('works inlined in a <script type="module">', async () => {
    const source = await bundleSource();
    expect(source).to.not.match(/<\/script|<!--/i);
    const page = await openTaskPage(`<script type="module">${source}</script>`);
    expect(page.window.pageErrors).to.deep.equal([]);
    expect(await rateFourAndSubmit(page)).to.deep.equal({ relevance: { label: '4' } });
  });

  it("declares nothing in the page's global scope but window.quorum (and Lit's version records)", async () => {
    const before = await openTaskPage('', { withElements: false });
    // Minified bundles name things t, e, s …; a page script declaring the same names must still run.
    const pageScript = `<script>const t = 1, e = 1, s = 1, i = 1, o = 1, r = 1, n = 1, a = 1, h = 1, l = 1, c = 1; window.pageScriptRan = true;</script>`;
    const after = await openTaskPage(`<script src="${BUNDLE_URL}"></script>${pageScript}`);
    expect(after.window.pageErrors).to.deep.equal([]);
    expect((after.window as unknown as { pageScriptRan?: boolean }).pageScriptRan).to.equal(true);
    // Lit records its versions on window (litHtmlVersions …) so that duplicate copies can be detected.
    const litGlobals = ['litPropertyMetadata', 'reactiveElementVersions', 'litHtmlVersions', 'litElementVersions'];
    const added = (): string[] =>
      Object.keys(after.window).filter((key) => !(key in before.window) && key !== 'pageScriptRan' && key !== 'renderedAtReady' && key !== 'readyStateAtReady' && !litGlobals.includes(key));
    expect(added()).to.deep.equal([]);
    await rateFourAndSubmit(after);
    expect(added()).to.deep.equal(['quorum']);
  });

  it('defines no spatial element and never requests the spatial bundle on a page without spatial tags', async () => {
    const page = await openTaskPage(`<script src="${BUNDLE_URL}"></script>`);
    // Ready right after DOMContentLoaded, not held until the window's load event.
    expect(page.window.readyStateAtReady).to.equal('interactive');
    expect(await rateFourAndSubmit(page)).to.deep.equal({ relevance: { label: '4' } });
    // Give a late request every chance to show up.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(spatialRequests(page)).to.deep.equal([]);
    for (const tag of SPATIAL_TAGS) expect(page.window.customElements.get(tag), tag).to.equal(undefined);
  });
});

describe('the lazily loaded dist/crowd-spatial-elements.js', () => {
  it('is loaded once from beside the core script when the page has a spatial tag; ready waits for it; the answer has Ground Truth shape', async () => {
    const page = await openPage(`<script src="${BUNDLE_URL}"></script>`, boxTemplate());
    expect(page.window.pageErrors).to.deep.equal([]);
    expect(spatialRequests(page).map((url) => new URL(url).pathname)).to.deep.equal([SPATIAL_URL]);
    // Every custom element had rendered when all-crowd-elements-ready fired, the spatial one included.
    expect(page.window.renderedAtReady).to.deep.include(['crowd-bounding-box', true]);
    expect(page.window.renderedAtReady?.every(([, rendered]) => rendered), JSON.stringify(page.window.renderedAtReady)).to.equal(true);
    expect(await drawBoxAndSubmit(page)).to.deep.equal(BOX_ANSWER);
    expect(page.window.consoleErrors).to.deep.equal([]);
  });

  it('is loaded when a script adds a spatial tag after the page loaded', async () => {
    const page = await openTaskPage(`<script src="${BUNDLE_URL}"></script>`);
    expect(spatialRequests(page)).to.deep.equal([]);
    const polygon = page.document.createElement('crowd-polygon');
    polygon.setAttribute('name', 'outline');
    polygon.setAttribute('src', imageUrl());
    polygon.setAttribute('labels', "['Roof']");
    page.document.querySelector('form')?.append(polygon);
    await page.window.customElements.whenDefined('crowd-polygon');
    expect(polygon.shadowRoot, 'rendered').to.not.equal(null);
    expect(spatialRequests(page)).to.have.length(1);
    // A second spatial element later does not load it again.
    page.document.querySelector('form')?.append(page.document.createElement('crowd-keypoint'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(spatialRequests(page)).to.have.length(1);
    expect(page.window.pageErrors).to.deep.equal([]);
  });

  it('shares form registration, undo, the ? overlay and drafts with the core copy of <crowd-form>', async () => {
    const page = await openPage(`<script src="${BUNDLE_URL}"></script>`, boxTemplate());
    const form = page.document.querySelector('crowd-form') as CrowdForm;
    const box = page.document.querySelector('crowd-bounding-box') as HTMLElement & { updateComplete: Promise<unknown>; captureState(): string | null };
    const empty = JSON.stringify(form.answer);
    page.frame.focus();
    box.focus();
    await sendKeys({ press: 'n' });
    expect(form.answer).to.deep.equal(BOX_ANSWER);
    expect(form.canUndo).to.equal(true);
    expect(form.undo()).to.equal(true);
    expect(JSON.stringify(form.answer)).to.equal(empty);
    expect(form.redo()).to.equal(true);
    expect(form.answer).to.deep.equal(BOX_ANSWER);

    await sendKeys({ type: '?' });
    const dialog = form.shadowRoot?.querySelector('dialog') as HTMLDialogElement;
    await form.updateComplete;
    expect(dialog.open, 'the ? overlay').to.equal(true);
    expect(dialog.textContent).to.include('Add a box in the middle of the view');
    form.closeShortcuts();

    // The draft (saved when the page is hidden) brings the box back after a reload.
    page.window.dispatchEvent(new Event('pagehide'));
    const reloaded = oneEvent(page.frame, 'load');
    page.window.location.reload();
    await reloaded;
    const again = page.frame.contentWindow as PageWindow;
    expect(await again.elementsReady).to.equal(true);
    const restoredForm = page.frame.contentDocument?.querySelector('crowd-form') as CrowdForm;
    expect(await restoredForm.draftRestored).to.equal(true);
    expect(restoredForm.answer).to.deep.equal(BOX_ANSWER);
    restoredForm.clearDraft();
  });

  it('shows an error in the page and the console, and blocks submitting, when it cannot be loaded', async () => {
    const missing = '/packages/elements/dist/no-such-spatial-bundle.js';
    const page = await openPage(`<script src="${BUNDLE_URL}" data-quorum-spatial-src="${missing}"></script>`, boxTemplate(), { withElements: false });
    const shown = async (): Promise<HTMLElement | null> => {
      for (let attempt = 0; attempt < 100 && !page.document.getElementById(SPATIAL_ERROR_ID); attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
      return page.document.getElementById(SPATIAL_ERROR_ID);
    };
    const error = await shown();
    expect(error, 'the error message').to.not.equal(null);
    expect(error?.getAttribute('role')).to.equal('alert');
    expect(error?.textContent).to.include('cannot be shown or submitted');
    expect(error?.checkVisibility()).to.equal(true);
    expect(page.window.consoleErrors.join('\n')).to.match(/\[quorum:spatial-load-failed\].*no-such-spatial-bundle\.js/);
    const form = page.document.querySelector('crowd-form') as CrowdForm;
    let crowdSubmits = 0;
    form.addEventListener('crowd-submit', () => crowdSubmits++);
    expect(form.submit(), 'submit()').to.equal(false);
    (page.document.querySelector('crowd-button[form-action="submit"]') as HTMLElement).click();
    expect(crowdSubmits).to.equal(0);
    expect(page.document.getElementById('quorum-answer')).to.equal(null);
    expect((page.window as unknown as { quorum?: { lastAnswer?: unknown } }).quorum?.lastAnswer).to.equal(undefined);
    // all-crowd-elements-ready never fires: the bounding box never renders.
    const fired = await Promise.race([page.window.elementsReady, new Promise((resolve) => setTimeout(() => resolve(false), 100))]);
    expect(fired).to.equal(false);
  });

  it('shows an error when the core is inlined without the spatial bundle or its URL', async () => {
    const page = await openPage(`<script>${await bundleSource()}</script>`, boxTemplate(), { withElements: false });
    for (let attempt = 0; attempt < 100 && !page.document.getElementById(SPATIAL_ERROR_ID); attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(page.document.getElementById(SPATIAL_ERROR_ID)?.textContent).to.include('did not load');
    expect(page.window.consoleErrors.join('\n')).to.include('data-quorum-spatial-src');
    expect((page.document.querySelector('crowd-form') as CrowdForm).submit()).to.equal(false);
  });

  it('is loaded from beside a <script type="module" src> core, which has no document.currentScript', async () => {
    const page = await openPage(`<script type="module" src="${BUNDLE_URL}?v=7"></script>`, boxTemplate());
    expect(spatialRequests(page).map((url) => `${new URL(url).pathname}${new URL(url).search}`)).to.deep.equal([`${SPATIAL_URL}?v=7`]);
    expect(await drawBoxAndSubmit(page)).to.deep.equal(BOX_ANSWER);
  });

  it('loads from data-quorum-spatial-src when the core is inlined', async () => {
    const page = await openPage(`<script data-quorum-spatial-src="${SPATIAL_URL}">${await bundleSource()}</script>`, boxTemplate());
    expect(spatialRequests(page)).to.have.length(1);
    expect(await drawBoxAndSubmit(page)).to.deep.equal(BOX_ANSWER);
  });

  for (const [order, scripts] of [
    ['core then spatial, classic', (core: string, spatial: string) => `<script>${core}</script><script>${spatial}</script>`],
    ['spatial then core, classic', (core: string, spatial: string) => `<script>${spatial}</script><script>${core}</script>`],
    ['core then spatial, module', (core: string, spatial: string) => `<script type="module">${core}</script><script type="module">${spatial}</script>`],
    ['core in head, spatial at the end of the body', (core: string, spatial: string) => `<script>${core}</script>${'\u0000'}<script>${spatial}</script>`],
  ] as const) {
    it(`is neither requested nor defined twice when both bundles are inlined (${order})`, async () => {
      const [core, spatial] = await Promise.all([bundleSource(), spatialSource()]);
      expect(spatial).to.not.match(/<\/script|<!--/i);
      const [head, tail = ''] = scripts(core, spatial).split('\u0000');
      const page = await openPage(head as string, `${boxTemplate()}${tail}`);
      expect(page.window.pageErrors).to.deep.equal([]);
      expect(page.window.pageWarnings.filter((text) => text.startsWith('[quorum:'))).to.deep.equal([]);
      expect(spatialRequests(page)).to.deep.equal([]);
      expect(page.window.renderedAtReady?.every(([, rendered]) => rendered)).to.equal(true);
      expect(await drawBoxAndSubmit(page)).to.deep.equal(BOX_ANSWER);
    });
  }

  it('defines exactly the spatial tags, and the core none of them', () => {
    for (const elementClass of spatialElementClasses) expect(SPATIAL_TAGS, elementClass.tagName).to.include(elementClass.tagName);
    for (const elementClass of coreElementClasses) expect(SPATIAL_TAGS, elementClass.tagName).to.not.include(elementClass.tagName);
  });
});

describe('the minified CSS of the bundles', () => {
  it("gives every element the same parsed style rules as the sources' CSS", async () => {
    defineElements();
    const tags = elementClasses.map((elementClass) => elementClass.tagName);
    const fromSources = await renderedStyles(document, tags);
    const [core, spatial] = await Promise.all([bundleSource(), spatialSource()]);
    const page = await openPage(`<script>${core}</script><script>${spatial}</script>`, '');
    const fromBundles = await renderedStyles(page.document, tags);
    for (const tag of tags) {
      expect(fromSources[tag]?.length, `${tag} has styles`).to.be.greaterThan(0);
      expect(fromBundles[tag], tag).to.deep.equal(fromSources[tag]);
    }
  });
});
