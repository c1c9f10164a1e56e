import { escapeHtml, safeJson } from './escape.js';

/** Options of {@link buildPreviewPage}. */
export interface PreviewPageOptions {
  /** The elements bundle (an ES module, e.g. `@quorum/elements`' self-contained build) to inline. */
  elementsBundle: string;
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

/** Ground Truth's loader `https://assets.crowd.aws/crowd-html-elements.js`, from any host or path. */
function isElementsLoader(src: string): boolean {
  const path = decodeAttribute(src).trim().split(/[?#]/, 1)[0]!;
  return /(?:^|\/)crowd-html-elements\.js$/i.test(path);
}

/**
 * The `[start, end)` ranges of every `<script src=…crowd-html-elements.js></script>` element in
 * the fragment, skipping comments and the content of raw-text elements (a loader tag quoted in an
 * inline script or a `<textarea>` is text, not a tag).
 */
export function findElementsLoaders(html: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
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
    if (!RAW_TEXT_ELEMENTS.has(tag.name)) continue;
    const end = rawTextEnd(html, tag.name, tag.end);
    if (tag.name === 'script' && isElementsLoader(tag.attributes.get('src') ?? '')) found.push([open, end]);
    index = end;
  }
  return found;
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
 * fragment when it has no loader. Nothing else in the fragment changes, so its own inline
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
  const bundleElement = `<script type="module">\n${escapeInlineScript(options.elementsBundle)}\n</script>`;
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
