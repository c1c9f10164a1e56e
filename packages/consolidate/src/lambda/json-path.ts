/**
 * A small JSON path dialect for routing rules: `a.b.c`, `a[0].b`, `turns[*].text`, `["key.with.dots"]`,
 * with an optional leading `$` or `$.`. `[*]` walks every element of an array (or every value of an
 * object), so a rule can test each turn of a chat transcript.
 */
export type PathSegment = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

/** A parsed path: its segments and the text it came from (for messages). */
export interface JsonPath {
  text: string;
  segments: PathSegment[];
}

/** Parses a path; throws a `SyntaxError` quoting the path and the position of the problem. */
export function parseJsonPath(text: string): JsonPath {
  if (typeof text !== 'string') throw new SyntaxError(`a path must be a string, found ${typeof text}`);
  const segments: PathSegment[] = [];
  let i = 0;
  if (text.startsWith('$')) i = text[1] === '.' ? 2 : 1;
  const fail = (message: string): never => {
    throw new SyntaxError(`path ${JSON.stringify(text)}: ${message} at character ${i + 1}`);
  };
  let expectKey = true;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '[') {
      // A quoted key may hold "]": look for the bracket after its closing quote.
      const quoted = /^\[(?:"(?:[^"\\]|\\.)*"|'[^']*')\]/.exec(text.slice(i));
      const close = quoted ? i + quoted[0].length - 1 : text.indexOf(']', i);
      if (close < 0) fail('"[" without "]"');
      const inside = text.slice(i + 1, close);
      if (inside === '*') segments.push({ kind: 'wildcard' });
      else if (/^\d+$/.test(inside)) segments.push({ kind: 'index', index: Number(inside) });
      else if (/^"(?:[^"\\]|\\.)*"$/.test(inside) || /^'[^']*'$/.test(inside)) {
        segments.push({ kind: 'key', key: inside.startsWith('"') ? (JSON.parse(inside) as string) : inside.slice(1, -1) });
      } else fail(`"[${inside}]" is not an index, [*] or a quoted key`);
      i = close + 1;
      expectKey = false;
      continue;
    }
    if (char === '.') {
      if (expectKey) fail('empty key');
      i++;
      expectKey = true;
      continue;
    }
    if (!expectKey) fail('expected "." or "["');
    let end = i;
    while (end < text.length && text[end] !== '.' && text[end] !== '[') end++;
    const key = text.slice(i, end);
    segments.push(key === '*' ? { kind: 'wildcard' } : { kind: 'key', key });
    i = end;
    expectKey = false;
  }
  if (expectKey && segments.length > 0) fail('the path ends with "."');
  return { text, segments };
}

/** Every value the path reaches in `root` (several through `[*]`); empty when it reaches none. */
export function resolveJsonPath(root: unknown, path: JsonPath): unknown[] {
  let current: unknown[] = [root];
  for (const segment of path.segments) {
    const next: unknown[] = [];
    for (const value of current) {
      if (segment.kind === 'wildcard') {
        if (Array.isArray(value)) next.push(...value);
        else if (value !== null && typeof value === 'object') next.push(...Object.values(value));
      } else if (segment.kind === 'index') {
        if (Array.isArray(value) && segment.index < value.length) next.push(value[segment.index]);
      } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, segment.key)) {
        next.push((value as Record<string, unknown>)[segment.key]);
      }
    }
    current = next;
  }
  return current;
}
