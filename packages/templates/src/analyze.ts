import { parseFragment } from 'parse5';
import type { DefaultTreeAdapterTypes } from 'parse5';
import { detectEngine } from './detect.js';
import { ANONYMOUS_TEMPLATE, TemplateError } from './errors.js';
import type { TemplateEngine } from './errors.js';
import { compileHandlebars } from './handlebars.js';
import { parseLiquid } from './liquid.js';
import { lineStarts, positionAt, scanTemplate } from './scan.js';
import type { ScannedTemplate, TemplateBlock, TemplateConstruct } from './scan.js';

type Element = DefaultTreeAdapterTypes.Element;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;

/** A piece of an attribute value: literal text (entities decoded) or template syntax. */
export type ValuePart = { kind: 'text'; text: string } | { kind: 'construct'; construct: TemplateConstruct };

/** An attribute as written in the template source. */
export interface TemplateAttribute {
  /** Lower-cased, as HTML reads it. */
  name: string;
  /** The value with entities decoded, when it has no template syntax; undefined otherwise. */
  value: string | undefined;
  /** The value split into literal text and template syntax (empty for an attribute without value). */
  parts: ValuePart[];
  /** Whether template syntax produced or touches the attribute's name (`{% if x %}checked{% endif %}`). */
  templatedName: boolean;
  /** The quote around the value as written: `"`, `'`, or `''` when unquoted or without value. */
  quote: '"' | "'" | '';
  line: number;
  column: number;
}

/** An element of the template, with where it is and what template blocks surround it. */
export interface TemplateElement {
  tag: string;
  attributes: TemplateAttribute[];
  line: number;
  column: number;
  /** Offset of its start tag in the source. */
  start: number;
  /** Offset just after its end (its end tag, or where the parser closed it). */
  end: number;
  /** Its content in the source (between start and end tag), as written. */
  inner: { start: number; end: number };
  parent: TemplateElement | undefined;
  /** Template blocks around the element, outermost first. */
  blocks: TemplateBlock[];
}

/** A template read without rendering it: its template syntax, its elements and its syntax error, if any. */
export interface TemplateAnalysis {
  engine: TemplateEngine;
  templateName: string;
  source: string;
  scan: ScannedTemplate;
  /** Every element, in document order (also those inside `<template>`). */
  elements: TemplateElement[];
  /** The engine's syntax error, when the template does not parse (the analysis is then best effort). */
  syntaxError: TemplateError | undefined;
  /** 1-based line and column of an offset in the source. */
  position(offset: number): { line: number; column: number };
}

/** Options of {@link analyzeTemplate}. */
export interface AnalyzeOptions {
  filename?: string;
  engine?: TemplateEngine | 'auto';
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references that attribute values in templates use. */
function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([a-zA-Z]+));?/g, (match, decimal: string, hex: string, name: string) => {
    if (decimal !== undefined || hex !== undefined) {
      const code = decimal !== undefined ? Number(decimal) : parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    }
    return ENTITIES[name.toLowerCase()] ?? match;
  });
}

function syntaxErrorOf(source: string, engine: TemplateEngine, filename: string | undefined): TemplateError | undefined {
  try {
    if (engine === 'liquid') parseLiquid(source, { filename });
    else compileHandlebars(source, { filename });
    return undefined;
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
}

/**
 * Reads a template's HTML and template syntax without rendering it: which elements it has, with
 * which attributes, where (line and column in the template source), inside which loops and
 * conditionals. Template syntax is blanked out before the HTML is parsed (by parse5, the WHATWG
 * parser), so `{{ }}` in an attribute or `{% if %}` inside a tag does not confuse the parser and
 * every position stays that of the source.
 */
export function analyzeTemplate(source: string, options: AnalyzeOptions = {}): TemplateAnalysis {
  if (typeof source !== 'string') throw new TypeError(`template source must be a string, got ${source === null ? 'null' : typeof source}`);
  const requested = options.engine ?? 'auto';
  const engine = requested === 'auto' ? detectEngine(source, options.filename) : requested;
  const scan = scanTemplate(source, engine);
  const starts = lineStarts(source);
  const position = (offset: number) => positionAt(starts, offset);
  const constructs = scan.constructs;

  const constructsIn = (start: number, end: number): TemplateConstruct[] =>
    constructs.filter((construct) => construct.start < end && construct.end > start);

  const readAttribute = (element: Element, name: string, value: string): TemplateAttribute => {
    const location = element.sourceCodeLocation?.attrs?.[name];
    if (!location) return { name, value, parts: value === '' ? [] : [{ kind: 'text', text: value }], templatedName: false, quote: '', line: 0, column: 0 };
    const raw = source.slice(location.startOffset, location.endOffset);
    const equals = /^[^=]*?=\s*/.exec(raw);
    const nameEnd = location.startOffset + (equals ? raw.indexOf('=') : raw.length);
    const templatedName = constructsIn(location.startOffset, nameEnd).length > 0;
    const parts: ValuePart[] = [];
    let quoteUsed: TemplateAttribute['quote'] = '';
    if (equals) {
      let valueStart = location.startOffset + equals[0].length;
      let valueEnd = location.endOffset;
      const quote = source[valueStart];
      if (quote === '"' || quote === "'") {
        quoteUsed = quote;
        valueStart++;
        if (source[valueEnd - 1] === quote) valueEnd--;
      }
      let index = valueStart;
      for (const construct of constructsIn(valueStart, valueEnd)) {
        if (construct.start > index) parts.push({ kind: 'text', text: decodeEntities(source.slice(index, construct.start)) });
        parts.push({ kind: 'construct', construct });
        index = construct.end;
      }
      if (index < valueEnd) parts.push({ kind: 'text', text: decodeEntities(source.slice(index, valueEnd)) });
    }
    const literal = parts.every((part) => part.kind === 'text');
    return {
      name,
      value: literal ? parts.map((part) => (part.kind === 'text' ? part.text : '')).join('') : undefined,
      parts,
      templatedName,
      quote: quoteUsed,
      line: location.startLine,
      column: location.startCol,
    };
  };

  const elements: TemplateElement[] = [];
  const visit = (node: ParentNode, parent: TemplateElement | undefined): void => {
    for (const child of node.childNodes) {
      if (!('tagName' in child)) continue;
      const location = child.sourceCodeLocation;
      const start = location?.startOffset ?? 0;
      const element: TemplateElement = {
        tag: child.tagName,
        attributes: child.attrs.map((attribute) => readAttribute(child, attribute.name, attribute.value)),
        line: location?.startLine ?? 0,
        column: location?.startCol ?? 0,
        start,
        end: location?.endOffset ?? start,
        inner: { start: location?.startTag?.endOffset ?? start, end: location?.endTag?.startOffset ?? location?.endOffset ?? start },
        parent,
        blocks: scan.blocks.filter((block) => block.open.start < start && block.end > start),
      };
      elements.push(element);
      visit(child, element);
      if (child.tagName === 'template' && 'content' in child) visit(child.content as ParentNode, element);
    }
  };
  visit(parseFragment(scan.masked, { sourceCodeLocationInfo: true }), undefined);

  return {
    engine,
    templateName: options.filename ?? ANONYMOUS_TEMPLATE,
    source,
    scan,
    elements,
    syntaxError: syntaxErrorOf(source, engine, options.filename),
    position,
  };
}

/**
 * The text content of an element as a value (`<option>Negative</option>`): entities decoded and
 * trimmed; undefined when template syntax or child elements make it.
 */
export function staticTextOf(analysis: TemplateAnalysis, element: TemplateElement): string | undefined {
  const { start, end } = element.inner;
  const text = analysis.source.slice(start, end);
  if (/[<]/.test(text) || analysis.scan.constructs.some((construct) => construct.start < end && construct.end > start)) return undefined;
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

/** The attribute of an element by (lower-case) name. */
export function attributeOf(element: TemplateElement, name: string): TemplateAttribute | undefined {
  return element.attributes.find((attribute) => attribute.name === name);
}

/** Whether the element sits inside an element with tag `tag`. */
export function isInside(element: TemplateElement, tag: string): boolean {
  for (let ancestor = element.parent; ancestor; ancestor = ancestor.parent) if (ancestor.tag === tag) return true;
  return false;
}
