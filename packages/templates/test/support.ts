// Shared helpers for the templates tests: the shared data folder, an HTML parser, and the corpus
// of hostile task-input strings.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The shared data folder (`../shared` beside the repo root), overridable with QUORUM_SHARED. */
export function sharedPath(...parts: string[]): string {
  const root = process.env.QUORUM_SHARED ?? fileURLToPath(new URL('../../../../shared/', import.meta.url));
  const path = join(root, ...parts);
  if (!existsSync(path)) throw new Error(`shared test data is missing: ${path} (set QUORUM_SHARED to the shared folder)`);
  return path;
}

export function readFixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

/** The subset of parse5 6's default tree that the tests read. */
export interface HtmlNode {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: HtmlNode[];
  content?: HtmlNode;
}

// parse5 is the HTML parser of the WHATWG spec (used by jsdom and @web/dev-server); it is
// installed with the dev tooling. It ships no types, hence the narrow interface above.
const parse5 = createRequire(import.meta.url)('parse5') as { parse(html: string): HtmlNode };

/** Parses a whole document exactly as a browser would tokenise and tree-build it. */
export function parseHtml(html: string): HtmlNode {
  return parse5.parse(html);
}

export function walk(node: HtmlNode, visit: (node: HtmlNode) => void): void {
  visit(node);
  for (const child of node.childNodes ?? []) walk(child, visit);
  if (node.content) walk(node.content, visit);
}

export function elements(root: HtmlNode): HtmlNode[] {
  const found: HtmlNode[] = [];
  walk(root, (node) => {
    if (node.tagName) found.push(node);
  });
  return found;
}

export function attribute(node: HtmlNode, name: string): string | undefined {
  return node.attrs?.find((attr) => attr.name === name)?.value;
}

export function byId(root: HtmlNode, id: string): HtmlNode {
  const found = elements(root).filter((node) => attribute(node, 'id') === id);
  if (found.length !== 1) throw new Error(`expected one element #${id}, found ${found.length}`);
  return found[0]!;
}

export function textOf(node: HtmlNode): string {
  let text = '';
  walk(node, (child) => {
    if (child.nodeName === '#text') text += child.value ?? '';
  });
  return text;
}

/**
 * The document's shape: every element with its attribute names, in document order. Input that
 * is rendered as data never changes it; input that became markup adds elements or attributes.
 */
export function shape(root: HtmlNode): string[] {
  return elements(root).map((node) => `${node.tagName}[${(node.attrs ?? []).map((attr) => attr.name).sort().join(',')}]`);
}

/** Strings a hostile data object might carry, aimed at every context a template writes into. */
export const HOSTILE_STRINGS: readonly string[] = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  '" onmouseover="alert(1)',
  "x' autofocus onfocus='alert(1)' y='",
  'x onmouseover=alert(1)',
  'javascript:alert(1)',
  ' JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  '</textarea><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '</script><script>alert(1)</script>',
  '</SCRIPT ><script>alert(1)</script>',
  '<!--<script>alert(1)</script>-->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<svg onload=alert(1)>',
  '<style>*{background:url(javascript:alert(1))}</style>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;script&#62;',
  '{{7*7}}',
  '{{ 7 | plus: 1 }}',
  '{% raw %}{{ task }}{% endraw %}',
  '{% include "/etc/passwd" %}',
  '{{#each this}}{{this}}{{/each}}',
  '{{> evil}}',
  '{{{ task.input }}}',
  '${alert(1)}',
  '\u2028\u2029 line separators',
  '\u202egnp.exe',
  'zero\u200bwidth\ufeffbom',
  'emoji 🎉 and lone surrogate \ud800',
  'back`tick`=equals',
  '\\"</script>\\u003c',
  'a\r\nb\rc',
  'nul\u0000char',
];

/** What the HTML parser makes of text it reads in element content (CR/LF normalised, NUL dropped). */
export function asParsedText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replaceAll('\u0000', '');
}

/** What the HTML parser makes of an attribute value or RCDATA (CR/LF normalised, NUL → U+FFFD). */
export function asParsedAttribute(value: string): string {
  return value.replace(/\r\n?/g, '\n').replaceAll('\u0000', '\ufffd');
}
