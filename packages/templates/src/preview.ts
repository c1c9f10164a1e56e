import { escapeHtml, safeJson } from './escape.js';

/** Options of {@link buildPreviewPage}. */
export interface PreviewPageOptions {
  /** The elements bundle (an ES module, e.g. `@quorum/elements`' self-contained build) to inline. */
  elementsBundle: string;
  /**
   * The spatial elements bundle (`@quorum/elements/crowd-spatial-elements.js`), which the core
   * bundle otherwise loads from its own URL, which an inlined bundle does not have; and the tags
   * it defines (`SPATIAL_TAGS` of `@quorum/elements/spatial-tags.js`). It is inlined right after
   * the elements bundle when the fragment uses one of these tags, and left out otherwise.
   */
  spatialBundle?: SpatialBundle;
  /**
   * A URL the page can load the spatial bundle from (a preview server's), for a spatial element
   * that a script adds although the fragment did not name it: set on the inlined elements bundle
   * as its `data-quorum-spatial-src` attribute. Pages opened from `file://` have no such URL.
   */
  spatialSrc?: string;
  /** The page title (escaped); defaults to "Task preview". */
  title?: string;
  /**
   * The task input the fragment was rendered with. When given it is embedded as JSON in
   * `<script type="application/json" id="quorum-task-input">`, for the host page or a test to read.
   */
  input?: unknown;
  /**
   * Makes the page reload itself when a preview server says its content changed (see
   * {@link liveReloadScript}). Only for a local preview server: a page opened from `file://` or
   * served to workers has no event stream.
   */
  liveReload?: LiveReloadOptions;
}

/** A second bundle to inline only for fragments that use its tags. */
export interface SpatialBundle {
  /** The bundle's source. */
  source: string;
  /** The tags it defines, lower case, e.g. `crowd-bounding-box`. */
  tags: readonly string[];
}

/** Where a preview page hears about changes, and which content it shows. */
export interface LiveReloadOptions {
  /** URL of the Server-Sent Events stream (same origin), e.g. `/__quorum/events`. */
  eventsUrl: string;
  /** The version of the content this page shows; the page reloads when the server announces another. */
  version: string;
}

/**
 * A classic inline `<script>` that listens on a Server-Sent Events stream and reloads the page
 * when a `version` or `reload` event carries a version other than the page's own. Comparing
 * versions, rather than reloading on every event, covers a change made between the page load and
 * the stream's (re)connection, and a server restarted with other content, without reload loops.
 */
export function liveReloadScript(options: LiveReloadOptions): string {
  if (typeof options?.eventsUrl !== 'string' || options.eventsUrl === '' || typeof options.version !== 'string') {
    throw new TypeError('liveReloadScript: options must be { eventsUrl: non-empty string, version: string }');
  }
  return `<script>
(() => {
  const version = ${safeJson(options.version)};
  const events = new EventSource(${safeJson(options.eventsUrl)});
  const check = (event) => {
    if (event.data === version) return;
    events.close();
    location.reload();
  };
  events.addEventListener('version', check);
  events.addEventListener('reload', check);
})();
</script>`;
}

/** Elements whose content the HTML parser reads as raw text: a `<` inside them is not a tag. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);

interface StartTag {
  name: string;
  attributes: Map<string, string>;
  /** Index just past the tag's `>` (or the end of the input). */
  end: number;
}

const isSpace = (char: string | undefined): boolean => char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\f';

/** Reads the start tag at `start` (which holds `<` and a letter), as the HTML tokenizer would. */
function readStartTag(html: string, start: number): StartTag {
  let index = start + 1;
  while (index < html.length && !isSpace(html[index]) && html[index] !== '/' && html[index] !== '>') index++;
  const name = html.slice(start + 1, index).toLowerCase();
  const attributes = new Map<string, string>();
  while (index < html.length) {
    while (isSpace(html[index]) || html[index] === '/') index++;
    if (index >= html.length) break;
    if (html[index] === '>') return { name, attributes, end: index + 1 };
    const nameStart = index;
    index++;
    while (index < html.length && !isSpace(html[index]) && !'/>='.includes(html[index]!)) index++;
    const attributeName = html.slice(nameStart, index).toLowerCase();
    while (isSpace(html[index])) index++;
    let value = '';
    if (html[index] === '=') {
      index++;
      while (isSpace(html[index])) index++;
      const quote = html[index];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, index + 1);
        const valueEnd = close < 0 ? html.length : close;
        value = html.slice(index + 1, valueEnd);
        index = valueEnd + 1;
      } else {
        const valueStart = index;
        while (index < html.length && !isSpace(html[index]) && html[index] !== '>') index++;
        value = html.slice(valueStart, index);
      }
    }
    if (!attributes.has(attributeName)) attributes.set(attributeName, value);
  }
  return { name, attributes, end: html.length };
}

/** Where the raw-text element that started before `from` ends (just past `</name …>`). */
function rawTextEnd(html: string, name: string, from: number): number {
  const closing = new RegExp(`</${name}(?=[\\s/>])`, 'gi');
  closing.lastIndex = from;
  const match = closing.exec(html);
  if (!match) return html.length;
  const close = html.indexOf('>', match.index);
  return close < 0 ? html.length : close + 1;
}

function decodeAttribute(value: string): string {
  return value.replace(/&(amp|quot|apos|#39|#x27);/gi, (_, entity: string) => ({ amp: '&', quot: '"' } as Record<string, string>)[entity.toLowerCase()] ?? "'");
}

/**
 * Ground Truth's loaders `https://assets.crowd.aws/crowd-html-elements.js` and the GenAI elements'
 * `crowd-html-elements-v2.js` (from any host or path), or with `extension` `css`, the V2 elements'
 * stylesheet `…/css/crowd-html-elements-v2.css`, which Quorum's elements replace too.
 */
function isElementsLoader(src: string, extension = 'js'): boolean {
  const path = decodeAttribute(src).trim().split(/[?#]/, 1)[0]!;
  return new RegExp(`(?:^|/)crowd-html-elements(?:-v2)?\\.${extension}$`, 'i').test(path);
}

/**
 * Walks the start tags of `html` as the HTML tokenizer sees them, skipping comments and the
 * content of raw-text elements (a tag quoted in an inline script or a `<textarea>` is text, not a
 * tag). `visit` gets each start tag, for a raw-text element the index just past its end tag, and
 * the tag's position.
 */
function scanStartTags(html: string, visit: (tag: StartTag, rawEnd: number | undefined, start: number) => void): void {
  let index = 0;
  while (index < html.length) {
    const open = html.indexOf('<', index);
    if (open < 0) break;
    if (html.startsWith('<!--', open)) {
      const close = html.indexOf('-->', open + 4);
      index = close < 0 ? html.length : close + 3;
      continue;
    }
    if (!/[a-zA-Z]/.test(html[open + 1] ?? '')) {
      index = open + 1;
      continue;
    }
    const tag = readStartTag(html, open);
    index = tag.end;
    if (!RAW_TEXT_ELEMENTS.has(tag.name)) {
      visit(tag, undefined, open);
      continue;
    }
    const end = rawTextEnd(html, tag.name, tag.end);
    visit(tag, end, open);
    index = end;
  }
}

/**
 * The `[start, end)` ranges of every Ground Truth loader in the fragment: `<script
 * src=…crowd-html-elements.js></script>` (or `-v2.js`) and `<link rel="stylesheet"
 * href=…crowd-html-elements-v2.css>`, skipping comments and the content of raw-text elements (a
 * loader tag quoted in an inline script or a `<textarea>` is text, not a tag).
 */
export function findElementsLoaders(html: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  scanStartTags(html, (tag, rawEnd, start) => {
    if (tag.name === 'script' && rawEnd !== undefined && isElementsLoader(tag.attributes.get('src') ?? '')) found.push([start, rawEnd]);
    else if (tag.name === 'link' && /(?:^|\s)stylesheet(?:\s|$)/i.test(tag.attributes.get('rel') ?? '') && isElementsLoader(tag.attributes.get('href') ?? '', 'css')) found.push([start, tag.end]);
  });
  return found;
}

/**
 * Whether the fragment uses one of `tags`: as an element, or named in an inline script (quoted, as
 * in `document.createElement('crowd-polygon')`, or as markup in a string), since a script may add
 * the element after the page loaded.
 */
export function usesAnyTag(html: string, tags: readonly string[]): boolean {
  const wanted = new Set(tags.map((tag) => tag.toLowerCase()));
  if (wanted.size === 0) return false;
  const inScript = new RegExp(`(?:['"\`]|<)(?:${[...wanted].map((tag) => tag.replace(/[^a-z0-9-]/g, '')).join('|')})(?=['"\`\\s/>])`, 'i');
  let used = false;
  scanStartTags(html, (tag, rawEnd) => {
    if (used) return;
    if (wanted.has(tag.name)) used = true;
    else if (tag.name === 'script' && rawEnd !== undefined && !tag.attributes.has('src')) used = inScript.test(html.slice(tag.end, rawEnd));
  });
  return used;
}

/**
 * Makes script text safe to place between `<script>` and `</script>`: `</script` cannot close the
 * element early and `<!--` cannot switch the HTML parser into its escaped script states. Both only
 * occur inside strings, regular expressions, template literals or comments of a module, where
 * `<\/` and `\x3C` mean the same characters.
 */
export function escapeInlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '\\x3C!--');
}

const PAGE_STYLE = `:root { color-scheme: light; }
body { margin: 0; padding: 24px; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #16191f; background: #fff; }`;

/**
 * A self-contained HTML page for previewing a rendered task fragment offline (also from
 * `file://`): every Ground Truth loader `<script src="…crowd-html-elements.js">` is replaced by
 * the elements bundle inlined as `<script type="module">` (the first one; later duplicates are
 * dropped, as defining the elements twice would throw), or the bundle is put at the top of the
 * fragment when it has no loader. When the fragment uses a tag of `options.spatialBundle`, that
 * bundle is inlined right after the elements bundle (as the core bundle cannot fetch it from
 * the URL an inlined script does not have). Nothing else in the fragment changes, so its own inline
 * scripts and styles keep working. The page itself loads nothing from the network.
 */
export function buildPreviewPage(fragment: string, options: PreviewPageOptions): string {
  if (typeof fragment !== 'string') throw new TypeError(`buildPreviewPage: the fragment must be a string, got ${typeof fragment}`);
  if (typeof options?.elementsBundle !== 'string' || options.elementsBundle.trim() === '') {
    throw new TypeError('buildPreviewPage: options.elementsBundle must be the non-empty source of the elements bundle (an ES module)');
  }
  if (options.title !== undefined && typeof options.title !== 'string') {
    throw new TypeError(`buildPreviewPage: options.title must be a string, got ${typeof options.title}`);
  }
  const spatial = options.spatialBundle;
  if (spatial !== undefined && (typeof spatial?.source !== 'string' || spatial.source.trim() === '' || !Array.isArray(spatial.tags) || !spatial.tags.every((tag) => typeof tag === 'string'))) {
    throw new TypeError('buildPreviewPage: options.spatialBundle must be { source: the non-empty source of the spatial bundle, tags: string[] }');
  }
  if (options.spatialSrc !== undefined && (typeof options.spatialSrc !== 'string' || options.spatialSrc.trim() === '')) {
    throw new TypeError('buildPreviewPage: options.spatialSrc must be a non-empty URL string');
  }
  const moduleScript = (source: string, attributes = ''): string => `<script type="module"${attributes}>\n${escapeInlineScript(source)}\n</script>`;
  const spatialSrcAttribute = options.spatialSrc === undefined ? '' : ` data-quorum-spatial-src="${escapeHtml(options.spatialSrc)}"`;
  const bundleElement =
    moduleScript(options.elementsBundle, spatialSrcAttribute) + (spatial && usesAnyTag(fragment, spatial.tags) ? `\n${moduleScript(spatial.source)}` : '');
  const loaders = findElementsLoaders(fragment);
  let body: string;
  if (loaders.length === 0) {
    body = `${bundleElement}\n${fragment}`;
  } else {
    const pieces: string[] = [];
    let last = 0;
    loaders.forEach(([start, end], position) => {
      pieces.push(fragment.slice(last, start));
      if (position === 0) pieces.push(bundleElement);
      last = end;
    });
    pieces.push(fragment.slice(last));
    body = pieces.join('');
  }
  const inputElement =
    options.input === undefined ? '' : `\n<script type="application/json" id="quorum-task-input">${safeJson(options.input)}</script>`;
  const reloadElement = options.liveReload === undefined ? '' : `\n${liveReloadScript(options.liveReload)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title ?? 'Task preview')}</title>
<style>
${PAGE_STYLE}
</style>${inputElement}${reloadElement}
</head>
<body>
${body}
</body>
</html>
`;
}
