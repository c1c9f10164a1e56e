/**
 * Tests of the built drop-in bundle, dist/crowd-html-elements.js, in pages of its own (iframes):
 * loaded twice as classic scripts, the way templates include Ground Truth's script, and inlined
 * in a `<script type="module">`. Build it first (`npm run build`); a missing bundle fails here.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { mount } from './internal/testing.test.js';
import type { CrowdForm } from './crowd-form/crowd-form.js';
import type { CrowdClassifier } from './crowd-classifier/crowd-classifier.js';

const BUNDLE_URL = '/packages/elements/dist/crowd-html-elements.js';

const TEMPLATE = `
<crowd-form>
  <crowd-classifier name="relevance" categories="['1', '2', '3', '4', '5']"
      header="How relevant is the below answer to the question: What is the capital of France?">
    <classification-target>Paris is the capital of France.</classification-target>
    <full-instructions header="Rating guide">1 = irrelevant … 5 = fully answers the question</full-instructions>
    <short-instructions>Rate the relevance of the answer.</short-instructions>
  </crowd-classifier>
</crowd-form>`;

/** Records errors and warnings of the page, and whether all-crowd-elements-ready fired. */
const PROBE = `<script>
  window.pageErrors = [];
  window.pageWarnings = [];
  addEventListener('error', (event) => pageErrors.push(String(event.message)));
  const warn = console.warn;
  console.warn = (...args) => { pageWarnings.push(args.join(' ')); warn(...args); };
  window.elementsReady = new Promise((resolve) => document.addEventListener('all-crowd-elements-ready', () => resolve(true)));
</script>`;

interface TaskPage {
  window: Window & { pageErrors: string[]; pageWarnings: string[]; elementsReady: Promise<boolean> };
  document: Document;
  frame: HTMLIFrameElement;
}

async function bundleSource(): Promise<string> {
  const response = await fetch(BUNDLE_URL);
  if (!response.ok) {
    throw new Error(`${BUNDLE_URL} is missing (HTTP ${response.status}). Build it: QUORUM_PACKAGES=elements npx rollup -c && node packages/elements/scripts/postbuild.mjs`);
  }
  return response.text();
}

async function openTaskPage(scripts: string, { withElements = true } = {}): Promise<TaskPage> {
  await bundleSource();
  const frame = await mount<HTMLIFrameElement>(html`<iframe title="task page" style="width: 900px; height: 600px"></iframe>`);
  const loaded = oneEvent(frame, 'load');
  // The scripts come first, before the template, as in Ground Truth's templates.
  frame.srcdoc = `<!doctype html><html lang="en"><head><title>Task</title>${PROBE}${scripts}</head><body>${TEMPLATE}</body></html>`;
  await loaded;
  const page = frame.contentWindow as TaskPage['window'];
  if (withElements) expect(await page.elementsReady).to.equal(true);
  return { window: page, document: frame.contentDocument as Document, frame };
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

describe('dist/crowd-html-elements.js', () => {
  it('works as a classic <script src> loaded twice: no errors, one warning, every tag defined', async () => {
    const page = await openTaskPage(`<script src="${BUNDLE_URL}"></script><script src="${BUNDLE_URL}"></script>`);
    expect(page.window.pageErrors).to.deep.equal([]);
    expect(page.window.pageWarnings.filter((text) => text.startsWith('[quorum:'))).to.have.length(1);
    expect(page.window.pageWarnings[0]).to.match(/^\[quorum:loaded-twice\]/);
    for (const tag of ['crowd-form', 'crowd-classifier', 'crowd-button', 'classification-target', 'short-instructions', 'full-instructions']) {
      expect(page.window.customElements.get(tag), tag).to.be.a('function');
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
      Object.keys(after.window).filter((key) => !(key in before.window) && key !== 'pageScriptRan' && !litGlobals.includes(key));
    expect(added()).to.deep.equal([]);
    await rateFourAndSubmit(after);
    expect(added()).to.deep.equal(['quorum']);
  });
});
