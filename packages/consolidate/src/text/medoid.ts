/**
 * Free-text consolidation: the medoid answer under normalised edit distance.
 *
 * Several workers transcribe, correct or answer the same item in free text; the consolidated answer
 * is the one closest to all others (the medoid), which — unlike a character-level vote — is always an
 * answer somebody actually wrote.
 */

/** How answers are compared. The returned answer is always the original text, never the normalised one. */
export interface TextCompareOptions {
  /** Trim and collapse every run of Unicode white space to one space before comparing; default false. */
  whitespace?: boolean;
  /** Compare lower-cased text (`String.prototype.toLowerCase`, locale-independent); default false. */
  caseInsensitive?: boolean;
  /** Unicode normalisation applied before comparing (`NFC`, `NFKC`), or none (default): code points as given. */
  unicode?: 'NFC' | 'NFKC';
}

/** The medoid of one set of answers. */
export interface MedoidResult {
  /** Index of the medoid in the input array; -1 when there were no answers. */
  index: number;
  /** The medoid answer as written, or `null` when there were no answers. */
  text: string | null;
  /**
   * Agreement: mean similarity (1 − normalised edit distance) of the medoid to the other answers, in
   * [0, 1]. 0 for a single answer, which nobody confirms (as Ground Truth gives a single worker 0.00).
   */
  confidence: number;
  /** Similarity of every answer to the medoid, by input index (the medoid's own is 1). */
  similarities: Float64Array;
}

/**
 * Levenshtein distance between two strings counted in Unicode code points (a surrogate pair is one
 * character): the fewest insertions, deletions and substitutions that turn one into the other.
 *
 * Common prefix and suffix are stripped first. If the shorter remainder has at most 32 code points the
 * distance comes from the bit-parallel algorithm of G. Myers, "A fast bit-vector algorithm for
 * approximate string matching based on dynamic programming", JACM 46(3):395–415, 1999, in the
 * edit-distance form of H. Hyyrö, "A bit-vector algorithm for computing Levenshtein and Damerau edit
 * distances", Nordic Journal of Computing 10(1):29–39, 2003: O(n) word operations. Longer strings use
 * the dynamic programme over one row of the shorter length: O(m n) time, O(min(m, n)) memory.
 */
export function levenshtein(a: string, b: string): number {
  return codePointDistance(codePoints(a), codePoints(b));
}

/** Levenshtein distance divided by the longer length in code points, in [0, 1]; 0 for two empty strings. */
export function normalisedEditDistance(a: string, b: string, options: TextCompareOptions = {}): number {
  const x = codePoints(normalise(a, options));
  const y = codePoints(normalise(b, options));
  const longer = Math.max(x.length, y.length);
  return longer === 0 ? 0 : codePointDistance(x, y) / longer;
}

/**
 * The medoid of `answers`: the answer whose summed normalised edit distance to all others is smallest
 * (equivalently, highest mean similarity). O(n²) distance computations for n answers.
 *
 * Tie-breaking (sums within 1e-9 of each other): the answer whose compared (normalised) text comes
 * first in code-point order, then the one whose original text does, then the lowest input index — so
 * the result never depends on the order the answers arrive in, only on their texts.
 */
export function textMedoid(answers: readonly string[], options: TextCompareOptions = {}): MedoidResult {
  answers.forEach((answer, i) => {
    if (typeof answer !== 'string') throw new TypeError(`answer ${i} must be a string, found ${JSON.stringify(answer)}`);
  });
  const n = answers.length;
  if (n === 0) return { index: -1, text: null, confidence: 0, similarities: new Float64Array(0) };
  const keys = answers.map((answer) => normalise(answer, options));
  const points = keys.map(codePoints);
  const sums = new Float64Array(n);
  // Identical compared texts are at distance 0: compute each distinct pair of texts once.
  const distance = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const longer = Math.max(points[i].length, points[j].length);
      const d = keys[i] === keys[j] || longer === 0 ? 0 : codePointDistance(points[i], points[j]) / longer;
      distance[i * n + j] = distance[j * n + i] = d;
      sums[i] += d;
      sums[j] += d;
    }
  }
  let best = 0;
  for (let i = 1; i < n; i++) {
    const diff = sums[i] - sums[best];
    if (diff < -1e-9 || (diff <= 1e-9 && comesFirst(i, best, keys, answers))) best = i;
  }
  const similarities = new Float64Array(n);
  for (let j = 0; j < n; j++) similarities[j] = 1 - distance[best * n + j];
  const confidence = n === 1 ? 0 : 1 - sums[best] / (n - 1);
  return { index: best, text: answers[best], confidence, similarities };
}

/** One free-text answer: which task, whose, what. */
export interface TextAnswerRow {
  task: string;
  worker: string;
  text: string;
}

/** The consolidated text of one task. */
export interface TextConsensus {
  task: string;
  /** The medoid answer as written. */
  text: string;
  /** Worker who wrote the medoid (the first, in the tie-break order of {@link textMedoid}, among identical texts). */
  worker: string;
  /** Mean similarity of the medoid to the task's other answers; 0 for a single answer. */
  confidence: number;
  /** Number of answers of the task. */
  answers: number;
}

/**
 * Groups answers by task (first-seen task order) and returns each task's medoid. Every row must have
 * string `task`, `worker` and `text`; a bad row throws with its position, so nothing is dropped silently.
 */
export function aggregateText(rows: Iterable<TextAnswerRow>, options: TextCompareOptions = {}): TextConsensus[] {
  const byTask = new Map<string, { workers: string[]; texts: string[] }>();
  let index = 0;
  for (const row of rows) {
    for (const field of ['task', 'worker', 'text'] as const) {
      if (typeof row?.[field] !== 'string') {
        throw new TypeError(`answer ${index}: ${field} must be a string, found ${JSON.stringify(row?.[field])}`);
      }
    }
    let group = byTask.get(row.task);
    if (group === undefined) byTask.set(row.task, (group = { workers: [], texts: [] }));
    group.workers.push(row.worker);
    group.texts.push(row.text);
    index++;
  }
  const result: TextConsensus[] = [];
  for (const [task, { workers, texts }] of byTask) {
    const medoid = textMedoid(texts, options);
    result.push({ task, text: medoid.text!, worker: workers[medoid.index], confidence: medoid.confidence, answers: texts.length });
  }
  return result;
}

function normalise(text: string, options: TextCompareOptions): string {
  let result = options.unicode ? text.normalize(options.unicode) : text;
  if (options.whitespace) result = result.trim().replace(/\s+/gu, ' ');
  if (options.caseInsensitive) result = result.toLowerCase();
  return result;
}

function comesFirst(i: number, j: number, keys: readonly string[], answers: readonly string[]): boolean {
  if (keys[i] !== keys[j]) return codePointLess(keys[i], keys[j]);
  if (answers[i] !== answers[j]) return codePointLess(answers[i], answers[j]);
  return i < j;
}

/** Code-point order (JavaScript's `<` compares UTF-16 units, which orders astral characters differently). */
function codePointLess(a: string, b: string): boolean {
  const x = codePoints(a);
  const y = codePoints(b);
  const n = Math.min(x.length, y.length);
  for (let k = 0; k < n; k++) if (x[k] !== y[k]) return x[k] < y[k];
  return x.length < y.length;
}

function codePoints(text: string): Uint32Array {
  const out = new Uint32Array(text.length);
  let n = 0;
  for (let k = 0; k < text.length; k++) {
    const unit = text.charCodeAt(k);
    if (unit >= 0xd800 && unit <= 0xdbff && k + 1 < text.length) {
      const low = text.charCodeAt(k + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        out[n++] = (unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        k++;
        continue;
      }
    }
    out[n++] = unit;
  }
  return out.subarray(0, n);
}

function codePointDistance(x: Uint32Array, y: Uint32Array): number {
  let start = 0;
  let endX = x.length;
  let endY = y.length;
  while (start < endX && start < endY && x[start] === y[start]) start++;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--;
    endY--;
  }
  let s = x.subarray(start, endX);
  let t = y.subarray(start, endY);
  if (s.length > t.length) [s, t] = [t, s];
  if (s.length === 0) return t.length;
  return s.length <= 32 ? bitParallel(s, t) : rowDistance(s, t);
}

/** Hyyrö's bit-vector Levenshtein distance, pattern `p` of 1–32 code points against text `t`. */
function bitParallel(p: Uint32Array, t: Uint32Array): number {
  const m = p.length;
  const peq = new Map<number, number>();
  for (let k = 0; k < m; k++) peq.set(p[k], (peq.get(p[k]) ?? 0) | (1 << k));
  const last = 1 << (m - 1);
  let pv = -1;
  let mv = 0;
  let score = m;
  for (let j = 0; j < t.length; j++) {
    const eq = peq.get(t[j]) ?? 0;
    const xv = eq | mv;
    const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & last) score++;
    else if (mh & last) score--;
    // Row 0 of the matrix grows by one per column: shift a 1 into the horizontal positive deltas.
    ph = (ph << 1) | 1;
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
  }
  return score;
}

/** The textbook dynamic programme over one row of length |s| + 1 (s the shorter string). */
function rowDistance(s: Uint32Array, t: Uint32Array): number {
  const m = s.length;
  const row = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) row[i] = i;
  for (let j = 1; j <= t.length; j++) {
    let diagonal = row[0];
    row[0] = j;
    const c = t[j - 1];
    for (let i = 1; i <= m; i++) {
      const above = row[i];
      const substitute = diagonal + (s[i - 1] === c ? 0 : 1);
      const insertOrDelete = Math.min(above, row[i - 1]) + 1;
      row[i] = substitute < insertOrDelete ? substitute : insertOrDelete;
      diagonal = above;
    }
  }
  return row[m];
}
