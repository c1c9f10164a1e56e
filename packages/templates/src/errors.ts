/** Which template language a template is written in. */
export type TemplateEngine = 'liquid' | 'handlebars';

/** Name used in messages when the caller gave no file name. */
export const ANONYMOUS_TEMPLATE = '<template>';

/**
 * A template could not be parsed or rendered. Both engines' errors are wrapped into this one
 * class so callers (CLI, demo editor, tests) show one format: `file:line:column: what`.
 */
export class TemplateError extends Error {
  /** The file name given by the caller (or a partial's name), `<template>` when none was given. */
  readonly templateName: string;
  /** 1-based line of the offending expression or tag, when the engine reported one. */
  readonly line: number | undefined;
  /** 1-based column of the offending expression or tag, when the engine reported one. */
  readonly column: number | undefined;
  readonly engine: TemplateEngine;
  /** The message without the `file:line:column:` prefix. */
  readonly reason: string;

  constructor(
    reason: string,
    where: { templateName: string; line?: number | undefined; column?: number | undefined; engine: TemplateEngine },
    options?: { cause?: unknown },
  ) {
    const position = where.line === undefined ? '' : `:${where.line}${where.column === undefined ? '' : `:${where.column}`}`;
    super(`${where.templateName}${position}: ${reason}`, options);
    this.name = 'TemplateError';
    this.templateName = where.templateName;
    this.line = where.line;
    this.column = where.column;
    this.engine = where.engine;
    this.reason = reason;
  }
}

/** Edit distance, used to suggest the field a misspelt variable probably meant. */
function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** The closest candidate to `name`, if it is close enough to be a plausible typo. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = name.toLowerCase();
  for (const candidate of candidates) {
    const distance = candidate.toLowerCase() === lower ? 0.5 : editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(1, Math.floor(name.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Explains why `path` (dotted, e.g. `task.input.answr`) does not resolve in `root`: names the first
 * segment that is missing and, when one of its siblings is spelt almost the same, suggests it.
 * Returns undefined when the path does resolve (the engine failed for another reason).
 */
export function describeMissingPath(path: readonly string[], root: unknown): string | undefined {
  let current: unknown = root;
  for (let index = 0; index < path.length; index++) {
    const segment = path[index]!;
    const reached = path.slice(0, index);
    const here = [...reached, segment].join('.');
    if (!isRecord(current)) {
      const kind = current === null ? 'null' : Array.isArray(current) ? 'an array' : typeof current;
      return `undefined variable ${here} (${reached.join('.')} is ${kind}, it has no field ${segment})`;
    }
    if (!Object.prototype.hasOwnProperty.call(current, segment)) {
      const siblings = Array.isArray(current) ? [] : Object.keys(current);
      const guess = closestName(segment, siblings);
      const hint = guess === undefined ? '' : ` (did you mean ${[...reached, guess].join('.')}?)`;
      return `undefined variable ${here}${hint}`;
    }
    current = current[segment];
  }
  return undefined;
}
