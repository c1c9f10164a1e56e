import type { TemplateEngine } from './errors.js';

/**
 * One piece of template syntax in a template's source: a Liquid `{{ }}` / `{% %}` or a
 * Handlebars `{{ }}` / `{{{ }}}`. The HTML around it is analysed separately (see analyze.ts).
 */
export interface TemplateConstruct {
  /** `output` prints a value; `tag` is a Liquid tag or a Handlebars block, else or partial; `comment` prints nothing. */
  kind: 'output' | 'tag' | 'comment';
  /** Offset of the first delimiter character. */
  start: number;
  /** Offset just after the closing delimiter. */
  end: number;
  /**
   * For tags, the tag as written first: Liquid `for`, `endfor`, `if`; Handlebars `#each`, `/each`,
   * `^if`, `else`, `>header`. Empty for outputs and comments.
   */
  name: string;
  /** The text between the delimiters, without whitespace-control marks (`-`, `~`) and the tag name's sigil. */
  body: string;
  /** A Handlebars output that skips escaping: `{{{ x }}}` or `{{& x}}`. */
  unescaped: boolean;
}

/** A block of a template: from its opening construct to the end of its closing one. */
export interface TemplateBlock {
  /** `loop`: Liquid `for`/`tablerow`, Handlebars `each`; `conditional`: `if`, `unless`, `case`, `^x`; `capture`; `other`: `with`, custom helpers. */
  kind: 'loop' | 'conditional' | 'capture' | 'other';
  /** The block's name without sigil: `for`, `if`, `each`, `with`. */
  name: string;
  open: TemplateConstruct;
  /** Offset just after the closing construct (the source's end when it is never closed). */
  end: number;
  /**
   * Names whose value changes with each iteration: the loop variable and `forloop` in Liquid;
   * block parameters, `this` and `@index`/`@key` in Handlebars.
   */
  variables: string[];
  /** The expression a loop iterates over (`task.input.items`), when it is one. */
  collection: string | undefined;
}

/** The template syntax of a source, and the source with that syntax blanked out for an HTML parser. */
export interface ScannedTemplate {
  constructs: TemplateConstruct[];
  blocks: TemplateBlock[];
  /**
   * The source with every construct replaced by as many filler characters (newlines kept), so an
   * HTML parser sees the markup only and reports the same offsets, lines and columns.
   */
  masked: string;
}

const LIQUID_BLOCKS: Readonly<Record<string, TemplateBlock['kind']>> = {
  for: 'loop',
  tablerow: 'loop',
  if: 'conditional',
  unless: 'conditional',
  case: 'conditional',
  capture: 'capture',
};

/** Where the closing delimiter `close` is, skipping over quoted strings; -1 when there is none. */
function findClose(source: string, from: number, close: string): number {
  let index = from;
  while (index < source.length) {
    const char = source[index];
    if (char === '"' || char === "'") {
      const endQuote = source.indexOf(char, index + 1);
      // An unbalanced quote is a syntax error the engine reports; fall back to the plain search.
      if (endQuote === -1) return source.indexOf(close, from);
      index = endQuote + 1;
      continue;
    }
    if (source.startsWith(close, index)) return index;
    index++;
  }
  return -1;
}

function stripMarks(inner: string, mark: string): string {
  let text = inner;
  if (text.startsWith(mark)) text = text.slice(1);
  if (text.endsWith(mark)) text = text.slice(0, -1);
  return text.trim();
}

function scanLiquid(source: string): TemplateConstruct[] {
  const constructs: TemplateConstruct[] = [];
  let index = 0;
  while (index < source.length) {
    const open = source.indexOf('{', index);
    if (open === -1) break;
    const next = source[open + 1];
    if (next !== '{' && next !== '%') {
      index = open + 1;
      continue;
    }
    const closer = next === '{' ? '}}' : '%}';
    const close = findClose(source, open + 2, closer);
    if (close === -1) break;
    const end = close + 2;
    const body = stripMarks(source.slice(open + 2, close), '-');
    if (next === '{') {
      constructs.push({ kind: 'output', start: open, end, name: '', body, unescaped: false });
      index = end;
      continue;
    }
    const name = /^[#\w]+/.exec(body)?.[0] ?? '';
    const rest = body.slice(name.length).trim();
    if (name === 'raw' || name === 'comment') {
      // The text up to the end tag is printed as it is (raw) or dropped (comment).
      const endTag = new RegExp(`\\{%-?\\s*end${name}\\s*-?%\\}`, 'g');
      endTag.lastIndex = end;
      const found = endTag.exec(source);
      const blockEnd = found ? found.index + found[0].length : source.length;
      if (name === 'comment') {
        constructs.push({ kind: 'comment', start: open, end: blockEnd, name: '', body: '', unescaped: false });
      } else {
        constructs.push({ kind: 'tag', start: open, end, name, body: rest, unescaped: false });
        if (found) constructs.push({ kind: 'tag', start: found.index, end: blockEnd, name: 'endraw', body: '', unescaped: false });
      }
      index = blockEnd;
      continue;
    }
    constructs.push({ kind: name === '#' ? 'comment' : 'tag', start: open, end, name, body: rest, unescaped: false });
    index = end;
  }
  return constructs;
}

function scanHandlebars(source: string): TemplateConstruct[] {
  const constructs: TemplateConstruct[] = [];
  let index = 0;
  while (index < source.length) {
    const open = source.indexOf('{{', index);
    if (open === -1) break;
    if (source[open - 1] === '\\') {
      // `\{{` prints a literal `{{`.
      index = open + 2;
      continue;
    }
    if (source.startsWith('{{!--', open) || source.startsWith('{{~!--', open)) {
      const close = source.indexOf('--', open + 5);
      const closeEnd = close === -1 ? -1 : source.indexOf('}}', close);
      const end = closeEnd === -1 ? source.length : closeEnd + 2;
      constructs.push({ kind: 'comment', start: open, end, name: '', body: '', unescaped: false });
      index = end;
      continue;
    }
    const triple = source[open + 2] === '{';
    const close = findClose(source, open + (triple ? 3 : 2), triple ? '}}}' : '}}');
    if (close === -1) break;
    const end = close + (triple ? 3 : 2);
    let body = stripMarks(source.slice(open + (triple ? 3 : 2), close), '~');
    if (triple) {
      constructs.push({ kind: 'output', start: open, end, name: '', body, unescaped: true });
      index = end;
      continue;
    }
    const sigil = body[0];
    if (sigil === '!') {
      constructs.push({ kind: 'comment', start: open, end, name: '', body: '', unescaped: false });
    } else if (sigil === '&') {
      constructs.push({ kind: 'output', start: open, end, name: '', body: body.slice(1).trim(), unescaped: true });
    } else if (sigil === '#' || sigil === '/' || sigil === '^' || sigil === '>') {
      body = body.slice(1).trim();
      const name = /^[^\s()}]*/.exec(body)?.[0] ?? '';
      // A bare `{{^}}` is an else.
      const tagName = sigil === '^' && name === '' ? 'else' : `${sigil}${name.replace(/^\*/, '')}`;
      constructs.push({ kind: 'tag', start: open, end, name: tagName, body: body.slice(name.length).trim(), unescaped: false });
    } else if (/^else(?:\s|$)/.test(body)) {
      constructs.push({ kind: 'tag', start: open, end, name: 'else', body: body.slice(4).trim(), unescaped: false });
    } else {
      constructs.push({ kind: 'output', start: open, end, name: '', body, unescaped: false });
    }
    index = end;
  }
  return constructs;
}

function liquidBlock(open: TemplateConstruct): Omit<TemplateBlock, 'end'> | undefined {
  const kind = LIQUID_BLOCKS[open.name];
  if (!kind) return undefined;
  if (kind !== 'loop') return { kind, name: open.name, open, variables: [], collection: undefined };
  const loop = /^([\w-]+)\s+in\s+(\S+)/.exec(open.body);
  const variables = loop ? [loop[1]!, open.name === 'for' ? 'forloop' : 'tablerowloop'] : [];
  return { kind, name: open.name, open, variables, collection: loop?.[2] };
}

function handlebarsBlock(open: TemplateConstruct): Omit<TemplateBlock, 'end'> | undefined {
  if (!open.name.startsWith('#') && !open.name.startsWith('^')) return undefined;
  const name = open.name.slice(1);
  if (open.name.startsWith('^')) return { kind: 'conditional', name, open, variables: [], collection: undefined };
  const params = /\bas\s*\|([^|]*)\|/.exec(open.body)?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
  const expression = open.body.replace(/\bas\s*\|[^|]*\|/, '').trim();
  if (name === 'each') {
    return { kind: 'loop', name, open, variables: [...params, 'this', '.', '@index', '@key', '@first', '@last'], collection: expression.split(/\s+/)[0] };
  }
  if (name === 'if' || name === 'unless') return { kind: 'conditional', name, open, variables: [], collection: undefined };
  return { kind: 'other', name, open, variables: params, collection: undefined };
}

/** Pairs opening and closing constructs into blocks; an unclosed block runs to the end of the source. */
function buildBlocks(constructs: readonly TemplateConstruct[], engine: TemplateEngine, sourceLength: number): TemplateBlock[] {
  const blocks: TemplateBlock[] = [];
  const stack: Array<Omit<TemplateBlock, 'end'>> = [];
  for (const construct of constructs) {
    if (construct.kind !== 'tag') continue;
    const opened = engine === 'liquid' ? liquidBlock(construct) : handlebarsBlock(construct);
    if (opened) {
      stack.push(opened);
      continue;
    }
    const closes = engine === 'liquid' ? /^end(\w+)$/.exec(construct.name)?.[1] : construct.name.startsWith('/') ? construct.name.slice(1) : undefined;
    if (closes === undefined) continue;
    const at = stack.map((block) => block.name).lastIndexOf(closes);
    if (at === -1) continue;
    // Blocks left open inside the one being closed end where it ends (the engine reports them).
    for (const block of stack.splice(at)) blocks.push({ ...block, end: construct.end });
  }
  for (const block of stack) blocks.push({ ...block, end: sourceLength });
  return blocks.sort((a, b) => a.open.start - b.open.start);
}

/** Replaces each construct by filler of the same length, keeping line breaks where they were. */
function mask(source: string, constructs: readonly TemplateConstruct[]): string {
  let masked = '';
  let index = 0;
  for (const construct of constructs) {
    masked += source.slice(index, construct.start);
    // A letter keeps the HTML tokenizer in the state it is in (text, attribute name or value).
    masked += source.slice(construct.start, construct.end).replace(/[^\r\n]/g, 'x');
    index = construct.end;
  }
  return masked + source.slice(index);
}

/** Finds the template syntax of a source and its block structure, without rendering anything. */
export function scanTemplate(source: string, engine: TemplateEngine): ScannedTemplate {
  const constructs = engine === 'liquid' ? scanLiquid(source) : scanHandlebars(source);
  return { constructs, blocks: buildBlocks(constructs, engine, source.length), masked: mask(source, constructs) };
}

/** 1-based line and column of an offset, from the offsets where lines start. */
export function lineStarts(source: string): number[] {
  const starts = [0];
  for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

export function positionAt(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low]! + 1 };
}

/** The first name an expression reads: `item` in `item.id | upcase`, `task` in `task.input.x`. */
export function rootName(expression: string): string {
  const trimmed = expression.trim();
  if (trimmed.startsWith('@')) return /^@\w+/.exec(trimmed)?.[0] ?? trimmed;
  if (trimmed === 'this' || trimmed.startsWith('this.') || trimmed.startsWith('this/')) return 'this';
  if (trimmed.startsWith('./') || trimmed === '.') return '.';
  return /^[\w-]+/.exec(trimmed)?.[0] ?? '';
}
