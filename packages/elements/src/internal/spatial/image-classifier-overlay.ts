import { html, nothing, svg, type TemplateResult } from 'lit';
import type { BoundingBox } from '@quorum/schema';
import { parseLiteral, type LiteralValue, type ParseLiteralOptions } from '../literal.js';
import type { Size } from './geometry.js';
import { LABEL_COLORS } from './labels.js';

/** One label of an overlay with the colour it is drawn in. */
export interface OverlayLabel {
  label: string;
  color: string;
}

/**
 * What a verification task draws over the image (Ground Truth's `overlay` attribute of
 * `<crowd-image-classifier>`): the boxes of a bounding-box job, or the label image of a semantic
 * segmentation job.
 */
export type ImageOverlay =
  | { kind: 'boundingBox'; labels: OverlayLabel[]; boxes: BoundingBox[] }
  | { kind: 'semanticSegmentation'; labels: OverlayLabel[]; src: string };

/**
 * Reads `overlay`: a JSON/JS-literal object whose one key names the task type in camelCase, as
 * Ground Truth documents it —
 * `{ boundingBox: { labels: ['bird'], value: [{ label, left, top, width, height }] } }` or
 * `{ semanticSegmentation: { labels: [...], labelMappings: { Cat: { color: '#2ca02c' } }, src: '<label image URL>' } }`.
 * Box labels take colours from `labels` in order (Ground Truth's palette), so the same label has
 * the same colour as in `<crowd-bounding-box>`; segmentation labels take theirs from `labelMappings`.
 * Returns null for `{}`; throws with the place of the problem for anything else it cannot draw.
 */
export function parseOverlay(text: string, options: ParseLiteralOptions): ImageOverlay | null {
  const what = options.what ?? 'overlay';
  const value = parseLiteral(text, options);
  if (!isObject(value)) throw new SyntaxError(`${what} must be an object like { boundingBox: {...} } or { semanticSegmentation: {...} }, found ${short(value)}.`);
  const kinds = Object.keys(value);
  if (kinds.length === 0) return null;
  if (kinds.length > 1) throw new SyntaxError(`${what} has ${kinds.join(', ')}; it takes one task type.`);
  const kind = kinds[0] as string;
  const body = value[kind];
  if (!isObject(body)) throw new SyntaxError(`${what}.${kind} must be an object, found ${short(body)}.`);
  if (kind === 'boundingBox') return readBoxes(body, `${what}.boundingBox`);
  if (kind === 'semanticSegmentation') return readSegmentation(body, `${what}.semanticSegmentation`);
  throw new SyntaxError(`${what} has the task type "${kind}"; Quorum draws boundingBox and semanticSegmentation overlays.`);
}

/** The overlay drawn over an image of natural size `size`: an SVG in image pixels, or the label image. */
export function renderOverlay(overlay: ImageOverlay, size: Size, labelImageSrc: string | null): TemplateResult {
  if (overlay.kind === 'semanticSegmentation') {
    return labelImageSrc ? html`<img part="overlay" class="overlay segmentation" src=${labelImageSrc} alt="" aria-hidden="true" />` : html``;
  }
  const colorOf = (label: string): string => overlay.labels.find((candidate) => candidate.label === label)?.color ?? '#7f7f7f';
  const stroke = Math.max(1, Math.min(size.width, size.height) / 250);
  return html`
    <svg part="overlay" class="overlay" viewBox="0 0 ${size.width} ${size.height}" preserveAspectRatio="none" aria-hidden="true">
      ${overlay.boxes.map(
        (box) => svg`<rect x=${box.left} y=${box.top} width=${box.width} height=${box.height} fill=${`${colorOf(box.label)}26`} stroke=${colorOf(box.label)} stroke-width=${stroke * 2}></rect>`,
      )}
    </svg>
  `;
}

/** The legend: each label with its colour, and for boxes how many there are; read by screen readers. */
export function renderOverlayLegend(overlay: ImageOverlay): TemplateResult {
  const count = (label: string): number => (overlay.kind === 'boundingBox' ? overlay.boxes.filter((box) => box.label === label).length : 0);
  const shown = overlay.kind === 'boundingBox' ? overlay.labels.filter((label) => count(label.label) > 0) : overlay.labels;
  return html`
    <ul part="overlay-legend" class="overlay-legend" aria-label=${overlay.kind === 'boundingBox' ? 'Boxes drawn on the image' : 'Labels painted on the image'}>
      ${shown.map(
        (label) => html`<li><span class="swatch" style="--_label-color: ${label.color}" aria-hidden="true"></span>${label.label}${overlay.kind === 'boundingBox' ? html` <span class="count">(${count(label.label)} ${count(label.label) === 1 ? 'box' : 'boxes'})</span>` : nothing}</li>`,
      )}
    </ul>
  `;
}

function readBoxes(body: Record<string, LiteralValue>, where: string): ImageOverlay {
  const value = body['value'];
  if (!Array.isArray(value)) throw new SyntaxError(`${where}.value must be an array of { label, left, top, width, height } boxes.`);
  const boxes = value.map((item, index): BoundingBox => {
    if (!isObject(item)) throw new SyntaxError(`${where}.value[${index}] must be a box object, found ${short(item)}.`);
    const { label, left, top, width, height } = item;
    if (typeof label !== 'string') throw new SyntaxError(`${where}.value[${index}] needs a string label.`);
    for (const [key, number] of Object.entries({ left, top, width, height })) {
      if (typeof number !== 'number' || !Number.isFinite(number)) throw new SyntaxError(`${where}.value[${index}].${key} must be a number, found ${short(number ?? null)}.`);
    }
    return { label, left: left as number, top: top as number, width: width as number, height: height as number };
  });
  const listed = stringList(body['labels'], `${where}.labels`);
  const names = [...listed, ...boxes.map((box) => box.label).filter((label, index, all) => !listed.includes(label) && all.indexOf(label) === index)];
  return { kind: 'boundingBox', boxes, labels: names.map((label, index) => ({ label, color: LABEL_COLORS[index % LABEL_COLORS.length] as string })) };
}

function readSegmentation(body: Record<string, LiteralValue>, where: string): ImageOverlay {
  const src = body['src'];
  if (typeof src !== 'string' || src === '') throw new SyntaxError(`${where}.src must be the URL of the label image.`);
  const mappings = body['labelMappings'] ?? {};
  if (!isObject(mappings)) throw new SyntaxError(`${where}.labelMappings must be an object like { Cat: { color: '#2ca02c' } }.`);
  const listed = stringList(body['labels'], `${where}.labels`);
  const names = [...listed, ...Object.keys(mappings).filter((label) => !listed.includes(label))];
  const labels = names.map((label, index) => {
    const mapping = mappings[label];
    const color = isObject(mapping) && typeof mapping['color'] === 'string' ? mapping['color'] : (LABEL_COLORS[index % LABEL_COLORS.length] as string);
    return { label, color };
  });
  return { kind: 'semanticSegmentation', src, labels };
}

function stringList(value: LiteralValue | undefined, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw new SyntaxError(`${where} must be an array of strings.`);
  return value as string[];
}

function isObject(value: LiteralValue | undefined): value is { [key: string]: LiteralValue } {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
