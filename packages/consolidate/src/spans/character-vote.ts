import { numberInRange } from '../classification/types.js';

/** One labelled span as `<crowd-entity-annotation>` gives it: code-point offsets, `endOffset` exclusive. */
export interface EntitySpan {
  startOffset: number;
  endOffset: number;
  label: string;
}

/** One worker's `<crowd-entity-annotation>` answer. */
export interface EntityAnnotation {
  workerId: string;
  answer: { entities: readonly EntitySpan[] };
}

export interface SpanConsolidationOptions {
  /**
   * Share of the workers that must mark a character with a label for it to keep that label, in (0, 1];
   * default 0.5 (at least half: with two workers who disagree both spans survive — use e.g. 0.51 for a
   * strict majority).
   */
  minAgreement?: number;
  /** The annotated text: offsets beyond it are errors, and consolidated spans carry their `text`. */
  text?: string;
  /** The element's labels: an entity with another label is an error. Default: any non-empty string. */
  labels?: readonly string[];
}

/** A consolidated span. */
export interface ConsolidatedSpan extends EntitySpan {
  /** Mean share of workers agreeing over the span's characters, in [minAgreement, 1]. */
  confidence: number;
  /** Most workers agreeing on any one character of the span. */
  maxVotes: number;
  /** The span's text, when `text` was given. */
  text?: string;
}

/** A malformed answer or entity: whose, which entity (`index`, or -1 for the whole answer), and why. */
export interface SpanError {
  workerId: string;
  index: number;
  message: string;
}

export interface SpanConsolidationResult {
  /** Sorted by start, then label, then end. Spans of different labels may overlap. */
  entities: ConsolidatedSpan[];
  /** Number of workers whose answers counted (those with an `entities` list, even an empty one). */
  workers: number;
  errors: SpanError[];
}

/**
 * Character-level voting for named-entity spans: for each label, every character gets one vote from
 * each worker who covered it with that label (a worker's overlapping spans of one label count once);
 * characters with at least `minAgreement` × workers votes keep the label, and maximal runs of kept
 * characters become the consolidated spans. This is the token-free form of the per-token majority
 * vote used for sequence labelling (e.g. Rodrigues, Pereira & Ribeiro, "Sequence labeling with
 * multiple annotators", Machine Learning 95, 2014, majority-vote baseline); labels are voted
 * independently, so a character can keep two labels when enough workers give each.
 *
 * Workers who answered with an empty list vote "no entity" everywhere. A malformed entity is
 * reported with the worker and its index and skipped, the worker's other entities still count; an
 * answer without an `entities` array or a second answer of the same worker is reported with index -1
 * and not counted. Runs in O(E log E) over E entities: coverage is swept over span boundaries, never
 * per character.
 */
export function consolidateSpans(annotations: readonly EntityAnnotation[], options: SpanConsolidationOptions = {}): SpanConsolidationResult {
  const minAgreement = numberInRange('minAgreement', options.minAgreement ?? 0.5, 0, 1, false);
  if (minAgreement === 0) throw new RangeError('minAgreement must be greater than 0');
  const codePoints = options.text === undefined ? undefined : Array.from(options.text);
  const allowed = options.labels === undefined ? undefined : new Set(options.labels);
  const errors: SpanError[] = [];
  const seen = new Set<string>();
  // Per label, the boundary events of every worker's merged spans: +1 at a start, −1 at an end.
  const events = new Map<string, number[][]>();
  annotations.forEach((entry, answerIndex) => {
    const workerId = typeof entry?.workerId === 'string' && entry.workerId ? entry.workerId : `(answer ${answerIndex})`;
    const entities = entry?.answer?.entities;
    if (!Array.isArray(entities)) return errors.push({ workerId, index: -1, message: 'the answer has no entities array' });
    if (seen.has(workerId)) return errors.push({ workerId, index: -1, message: `worker ${workerId} answered twice; only the first answer is used` });
    seen.add(workerId);
    const byLabel = new Map<string, [number, number][]>();
    entities.forEach((entity: unknown, index) => {
      const problem = entityProblem(entity, codePoints?.length, allowed);
      if (problem) return errors.push({ workerId, index, message: `entities[${index}] ${problem}` });
      const { startOffset, endOffset, label } = entity as EntitySpan;
      let list = byLabel.get(label);
      if (!list) byLabel.set(label, (list = []));
      list.push([startOffset, endOffset]);
    });
    for (const [label, spans] of byLabel) {
      spans.sort((x, y) => x[0] - y[0]);
      let list = events.get(label);
      if (!list) events.set(label, (list = []));
      let [start, end] = spans[0];
      for (let s = 1; s < spans.length; s++) {
        if (spans[s][0] <= end) end = Math.max(end, spans[s][1]);
        else {
          list.push([start, 1], [end, -1]);
          [start, end] = spans[s];
        }
      }
      list.push([start, 1], [end, -1]);
    }
  });
  const workers = seen.size;
  const needed = minAgreement * workers * (1 - 1e-12);
  const entities: ConsolidatedSpan[] = [];
  for (const [label, list] of events) {
    // Ends before starts at one offset, so touching spans of two workers do not count double there.
    list.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    let votes = 0;
    let runStart = -1;
    let weighted = 0;
    let maxVotes = 0;
    let previous = 0;
    for (let e = 0; e < list.length; ) {
      const position = list[e][0];
      // [previous, position) had `votes` votes and, inside a run, was kept.
      if (runStart >= 0) weighted += votes * (position - previous);
      while (e < list.length && list[e][0] === position) votes += list[e++][1];
      const keep = votes > 0 && votes >= needed;
      if (keep && runStart < 0) {
        runStart = position;
        weighted = 0;
        maxVotes = 0;
      } else if (!keep && runStart >= 0) {
        const span: ConsolidatedSpan = {
          startOffset: runStart,
          endOffset: position,
          label,
          confidence: weighted / ((position - runStart) * workers),
          maxVotes,
        };
        if (codePoints) span.text = codePoints.slice(runStart, position).join('');
        entities.push(span);
        runStart = -1;
      }
      if (keep) maxVotes = Math.max(maxVotes, votes);
      previous = position;
    }
  }
  entities.sort((x, y) => x.startOffset - y.startOffset || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0) || x.endOffset - y.endOffset);
  return { entities, workers, errors };
}

function entityProblem(entity: unknown, textLength: number | undefined, allowed: ReadonlySet<string> | undefined): string | null {
  if (typeof entity !== 'object' || entity === null || Array.isArray(entity)) return 'is not an object';
  const { startOffset, endOffset, label } = entity as Record<string, unknown>;
  if (typeof label !== 'string' || !label) return `has no label (found ${JSON.stringify(label)})`;
  if (allowed && !allowed.has(label)) return `has label "${label}", not one of ${JSON.stringify([...allowed])}`;
  if (!Number.isInteger(startOffset) || (startOffset as number) < 0) return `startOffset must be a non-negative integer, found ${JSON.stringify(startOffset)}`;
  if (!Number.isInteger(endOffset)) return `endOffset must be an integer, found ${JSON.stringify(endOffset)}`;
  if ((endOffset as number) <= (startOffset as number)) return `is empty or reversed (startOffset ${startOffset}, endOffset ${endOffset})`;
  if (textLength !== undefined && (endOffset as number) > textLength) return `ends at ${endOffset}, beyond the text (${textLength} characters)`;
  return null;
}
