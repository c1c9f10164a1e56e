/**
 * The core bundle's side of the lazily loaded spatial bundle (docs/decisions/003-lazy-spatial-bundle.md).
 *
 * When a spatial tag ({@link SPATIAL_TAGS}) is in the document once it is parsed, or is added to it
 * later (by the parser or by script), the core injects one classic
 * `<script src="crowd-spatial-elements.js">`, found like this:
 *
 * 1. Nothing is injected when the spatial bundle has already run: inlined before or after the core
 *    (the decision waits until the document is parsed, when every inline script has run), or with
 *    the npm package.
 * 2. `data-quorum-spatial-src` on any `<script>` element of the page, resolved against the page's
 *    base URL: for a core bundle that is inlined, or served from elsewhere than its sibling.
 * 3. Else the directory of the core script's own URL (`document.currentScript`, captured when the
 *    core runs; for `<script type="module" src>`, which has none, the module script whose URL ends
 *    in `crowd-html-elements.js`), keeping its query string so both files come from one version.
 *
 * Until the spatial elements are defined, submissions are held back (the answer would lack their
 * part); if they cannot be loaded, the page shows why, the console says so, and submitting stays
 * blocked, so a worker never submits an empty answer.
 */
import { SPATIAL_BUNDLE_FILE, SPATIAL_TAGS } from '../spatial-tags.js';
import { deferControlDefinitions } from './form-protocol.js';
import { spatialState, whenSpatialDefined } from './spatial-state.js';
import { WARNINGS_URL, warnOnce } from './warn.js';

/** The attribute naming the spatial bundle's URL, for a page whose core bundle has no URL of its own. */
export const SPATIAL_SRC_ATTRIBUTE = 'data-quorum-spatial-src';

/** Id of the message shown in the page when the spatial bundle cannot be loaded. */
export const SPATIAL_ERROR_ID = 'quorum-spatial-error';

const SPATIAL_SELECTOR = SPATIAL_TAGS.join(',');

/** Handle of the running loader. */
export interface SpatialLoader {
  /**
   * Once the document is parsed: the spatial tags defined for this page, [] when the page has no
   * spatial element, or null when they could not be loaded (the page then shows the error).
   */
  settled(): Promise<readonly string[] | null>;
}

/** Starts watching the page for spatial tags. Call it while the core bundle's script runs. */
export function startSpatialLoader(): SpatialLoader {
  const ownScript = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
  const parsed = whenParsed();
  let loading: Promise<readonly string[] | null> | undefined;

  const request = (): Promise<readonly string[] | null> => {
    if (!loading) {
      observer.disconnect();
      loading = load(ownScript, parsed);
      deferControlDefinitions(loading);
    }
    return loading;
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof Element && (node.matches(SPATIAL_SELECTOR) || node.querySelector(SPATIAL_SELECTOR))) {
          void request();
          return;
        }
      }
    }
  });
  if (spatialState().defined || document.querySelector(SPATIAL_SELECTOR)) void request();
  else observer.observe(document, { childList: true, subtree: true });

  return {
    async settled() {
      await parsed;
      if (!loading && (spatialState().defined || document.querySelector(SPATIAL_SELECTOR))) void request();
      return loading ?? [];
    },
  };
}

/**
 * Resolves once every script that the parser runs has run: at `DOMContentLoaded`. Inlined module
 * scripts run after the parser set `readyState` to "interactive" but before that event, so
 * "interactive" does not tell, and the listener must be added while the core starts; for a core
 * injected by script after the event, `load` ends the wait.
 */
function whenParsed(): Promise<void> {
  if (document.readyState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    document.addEventListener('DOMContentLoaded', () => resolve(), { once: true });
    window.addEventListener('load', () => resolve(), { once: true });
  });
}

async function load(ownScript: HTMLScriptElement | null, parsed: Promise<void>): Promise<readonly string[] | null> {
  // A submission now would leave the spatial elements' answers out.
  const blockSubmit = (event: Event): void => {
    event.preventDefault();
    event.stopImmediatePropagation();
    const shown = document.getElementById(SPATIAL_ERROR_ID);
    if (shown) shown.scrollIntoView({ block: 'nearest' });
    else warnOnce(document, 'spatial-not-ready', 'The task was not submitted: its image elements are still loading. Try again in a moment.');
  };
  document.addEventListener('submit', blockSubmit, true);
  // An inlined spatial bundle after the core has run once the document is parsed.
  await parsed;
  const state = spatialState();
  if (!state.defined) {
    const src = spatialSource(ownScript);
    if (!src) {
      showLoadError(
        'the URL of crowd-html-elements.js could not be found (it is inlined, or loaded as a module under another file name), so crowd-spatial-elements.js cannot be loaded from beside it',
        `Inline crowd-spatial-elements.js too (quorum render does), or put ${SPATIAL_SRC_ATTRIBUTE}="<its URL>" on a <script> element.`,
      );
      return null;
    }
    const problem = await inject(src, ownScript);
    if (problem !== null && !state.defined) {
      showLoadError(`${src} ${problem}`, 'Check that crowd-spatial-elements.js is deployed next to crowd-html-elements.js (same version), then reload the page.');
      return null;
    }
  }
  const tags = await whenSpatialDefined();
  document.removeEventListener('submit', blockSubmit, true);
  for (const tag of SPATIAL_TAGS) {
    if (!tags.includes(tag) && document.querySelector(tag)) {
      warnOnce(document, 'unknown-element', `<${tag}> is not in this build of Quorum's elements; update @quorum/elements.`, tag);
    }
  }
  return tags;
}

/** Adds the spatial bundle's `<script>`; resolves with null once it ran, or with what went wrong. */
function inject(src: string, ownScript: HTMLScriptElement | null): Promise<string | null> {
  return new Promise((resolve) => {
    const script = document.createElement('script');
    script.src = src;
    // A page with a strict Content-Security-Policy allowed the core through its nonce.
    if (ownScript?.nonce) script.nonce = ownScript.nonce;
    if (ownScript?.crossOrigin) script.crossOrigin = ownScript.crossOrigin;
    script.addEventListener('load', () => resolve(spatialState().defined ? null : 'loaded, but defined no elements (is it the spatial bundle of the same version?)'));
    script.addEventListener('error', () => resolve('could not be loaded (missing file, network error or blocked by the page)'));
    (document.head ?? document.documentElement).append(script);
  });
}

/** Where the spatial bundle is, or null when nothing says (an inlined core bundle without the attribute). */
function spatialSource(ownScript: HTMLScriptElement | null): string | null {
  const configured = document.querySelector(`script[${SPATIAL_SRC_ATTRIBUTE}]`)?.getAttribute(SPATIAL_SRC_ATTRIBUTE)?.trim();
  if (configured) return new URL(configured, document.baseURI).href;
  const coreSrc = ownScript ? ownScript.src : moduleCoreSrc();
  if (!coreSrc) return null;
  const url = new URL(SPATIAL_BUNDLE_FILE, coreSrc);
  url.search = new URL(coreSrc).search;
  return url.href;
}

/** The URL of `<script type="module" src="…/crowd-html-elements.js">`, which has no `document.currentScript`. */
function moduleCoreSrc(): string {
  const scripts = [...document.querySelectorAll<HTMLScriptElement>('script[type="module" i][src]')];
  return scripts.reverse().find((script) => /\/crowd-html-elements\.js$/i.test(new URL(script.src).pathname))?.src ?? '';
}

/** Shows why the spatial elements are missing, above the task, and logs it. */
function showLoadError(problem: string, remedy: string): void {
  const message = `This task cannot be shown or submitted: Quorum's image annotation elements did not load (${problem}).`;
  console.error(`[quorum:spatial-load-failed] ${message} ${remedy} See ${WARNINGS_URL}#spatial-load-failed`);
  if (document.getElementById(SPATIAL_ERROR_ID)) return;
  const box = document.createElement('div');
  box.id = SPATIAL_ERROR_ID;
  box.setAttribute('role', 'alert');
  box.style.cssText = 'margin:0 0 16px;padding:12px 16px;border-left:4px solid #b42318;background:#fdf3f1;color:#1f2328;font:16px/1.5 system-ui,sans-serif';
  box.textContent = `${message} Reload the page; if that does not help, tell the requester.`;
  (document.body ?? document.documentElement).prepend(box);
}
