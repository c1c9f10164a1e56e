import { html, type TemplateResult } from 'lit';

/**
 * Renders untrusted text (a chat turn, a model's answer) with the little formatting that models
 * write in Markdown — paragraphs, line breaks, `-`/`1.` lists, fenced code blocks, `inline code`,
 * **bold** and *emphasis* — and nothing else. Everything becomes text nodes inside a fixed set of
 * elements built by Lit templates: no HTML in the input is ever parsed, links stay plain text, so
 * the output cannot run script or load anything.
 */
export function renderRichText(text: string): TemplateResult[] {
  const blocks: TemplateResult[] = [];
  const parts = text.replace(/\r\n?/g, '\n').split(/^```[^\n]*\n?/m);
  parts.forEach((part, index) => {
    // Odd parts sit between fences: code, shown as written. An unclosed fence runs to the end.
    if (index % 2 === 1) blocks.push(html`<pre><code>${part.replace(/\n$/, '')}</code></pre>`);
    else blocks.push(...renderProse(part));
  });
  return blocks;
}

function renderProse(text: string): TemplateResult[] {
  const blocks: TemplateResult[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const lines = paragraph.split('\n').filter((line) => line.trim() !== '');
    if (lines.length === 0) continue;
    if (lines.every((line) => /^\s*[-*+]\s+/.test(line))) {
      blocks.push(html`<ul>${lines.map((line) => html`<li>${renderInline(line.replace(/^\s*[-*+]\s+/, ''))}</li>`)}</ul>`);
    } else if (lines.every((line) => /^\s*\d+[.)]\s+/.test(line))) {
      const start = Number(/^\s*(\d+)/.exec(lines[0] ?? '')?.[1] ?? 1);
      blocks.push(html`<ol start=${start}>${lines.map((line) => html`<li>${renderInline(line.replace(/^\s*\d+[.)]\s+/, ''))}</li>`)}</ol>`);
    } else {
      blocks.push(html`<p>${lines.map((line, index) => (index === 0 ? renderInline(line) : html`<br />${renderInline(line)}`))}</p>`);
    }
  }
  return blocks;
}

// Delimiters hug their text (no inner space at either end); underscores count only outside words,
// as in CommonMark, so snake_case and __dunder__.names stay as written.
const INLINE = /`([^`\n]+)`|\*\*(\S(?:[^*\n]*\S)?)\*\*|(?<!\w)__(\S(?:[^_\n]*\S)?)__(?!\w)|\*(\S(?:[^*\n]*\S)?)\*|(?<!\w)_(\S(?:[^_\n]*\S)?)_(?!\w)/g;

function renderInline(text: string): Array<string | TemplateResult> {
  const pieces: Array<string | TemplateResult> = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const index = match.index ?? 0;
    if (index > last) pieces.push(text.slice(last, index));
    const [, code, strong, strongUnderscore, emphasis, emphasisUnderscore] = match;
    if (code !== undefined) pieces.push(html`<code>${code}</code>`);
    else if (strong !== undefined || strongUnderscore !== undefined) pieces.push(html`<strong>${strong ?? strongUnderscore}</strong>`);
    else pieces.push(html`<em>${emphasis ?? emphasisUnderscore}</em>`);
    last = index + match[0].length;
  }
  if (last < text.length) pieces.push(text.slice(last));
  return pieces;
}
