import type { CategoricalData } from '../encode.js';
import type { AgreementOptions, AgreementResult } from './types.js';
import { bootstrapInterval, UnitSums, unitsOf } from './units.js';

export interface CohenKappaOptions extends AgreementOptions {
  /**
   * The two workers to compare (ids). Default: the data's two workers when there are exactly two;
   * with more, the mean of Cohen's κ over every pair of workers (Light's κ), see {@link cohenKappa}.
   */
  workers?: readonly [string, string];
  /** Light's κ: pairs of workers with fewer shared tasks than this are left out; default 10. */
  minSharedTasks?: number;
}

/** Cohen's κ of a pair of workers, or Light's mean over pairs, with the pairs that were used. */
export interface CohenKappaResult extends AgreementResult {
  /** Pairs of workers averaged (1 for two workers). */
  pairs: number;
}

/**
 * Cohen's κ: J. Cohen, "A Coefficient of Agreement for Nominal Scales", Educational and Psychological
 * Measurement 20(1):37–46, 1960. For two workers on the tasks both answered:
 * `κ = (p_o − p_e) / (1 − p_e)`, `p_o` the share of those tasks with the same label, `p_e = Σ_k a_k b_k`
 * with `a_k`, `b_k` each worker's share of label k there. A worker's repeated answers to a task count
 * once (the first).
 *
 * With more than two workers and no `workers` option, returns Light's κ — the mean of Cohen's κ over
 * every pair of workers sharing at least `minSharedTasks` tasks (R. J. Light, "Measures of response
 * agreement for qualitative data", Psychological Bulletin 76(5):365–377, 1971); pairs whose κ is
 * undefined (both always gave one and the same label) are left out. `units` then counts tasks with
 * at least one counted pair, and the bootstrap resamples tasks and recomputes every pair.
 */
export function cohenKappa(data: CategoricalData, options: CohenKappaOptions = {}): CohenKappaResult {
  const K = data.labels.length;
  const minShared = options.minSharedTasks ?? 10;
  if (!Number.isInteger(minShared) || minShared < 1) throw new RangeError(`minSharedTasks must be a positive integer, found ${minShared}`);
  let chosen: [number, number] | undefined;
  if (options.workers) {
    const [a, b] = options.workers.map((id) => {
      const index = data.workers.indexOf(id);
      if (index === -1) throw new RangeError(`worker "${id}" has no answers`);
      return index;
    });
    if (a === b) throw new RangeError(`Cohen's κ compares two different workers, found "${options.workers[0]}" twice`);
    chosen = [a!, b!];
  } else if (data.workers.length === 2) {
    chosen = [0, 1];
  } else if (data.workers.length < 2) {
    throw new RangeError(`Cohen's κ needs two workers, found ${data.workers.length}`);
  }
  const { offsets, worker, label } = unitsOf(data);

  // Each pair of workers gets a block of sums [shared tasks, agreements, a's label counts, b's label counts].
  const block = 2 + 2 * K;
  const pairIndex = new Map<number, number>();
  const pairOf = (a: number, b: number) => {
    const key = a * data.workers.length + b;
    let index = pairIndex.get(key);
    if (index === undefined) {
      index = pairIndex.size;
      pairIndex.set(key, index);
    }
    return index;
  };
  // One record per pair of answers on a task: [task, pair, first worker's label, second worker's label].
  const records: number[] = [];
  const shared: number[] = [];
  for (let t = 0; t < data.tasks.length; t++) {
    const start = offsets[t];
    const end = offsets[t + 1];
    for (let x = start; x < end; x++) {
      for (let y = start; y < end; y++) {
        const a = worker[x];
        const b = worker[y];
        if (chosen ? a !== chosen[0] || b !== chosen[1] : a >= b) continue;
        const pair = pairOf(a, b);
        shared[pair] = (shared[pair] ?? 0) + 1;
        records.push(t, pair, label[x], label[y]);
      }
    }
  }
  // Pairs below the overlap threshold are dropped before summing, so they never enter any replicate.
  const keep = shared.map((count) => chosen !== undefined || count >= minShared);
  const sums = new UnitSums(pairIndex.size * block);
  let values = 0;
  let currentTask = -1;
  for (let r = 0; r < records.length; r += 4) {
    const [t, pair, labelA, labelB] = [records[r], records[r + 1], records[r + 2], records[r + 3]];
    if (!keep[pair]) continue;
    if (t !== currentTask) {
      if (currentTask !== -1) sums.endUnit();
      currentTask = t;
    }
    const base = pair * block;
    sums.add(base, 1);
    sums.add(base + 1, labelA === labelB ? 1 : 0);
    sums.add(base + 2 + labelA, 1);
    sums.add(base + 2 + K + labelB, 1);
    values += 2;
  }
  if (currentTask !== -1) sums.endUnit();

  const pairKappa = (s: Float64Array, base: number) => {
    const tasks = s[base];
    if (!(tasks > 0)) return NaN;
    const observed = s[base + 1] / tasks;
    let expected = 0;
    for (let k = 0; k < K; k++) expected += (s[base + 2 + k] / tasks) * (s[base + 2 + K + k] / tasks);
    return { observed, expected, kappa: expected < 1 ? (observed - expected) / (1 - expected) : NaN };
  };
  const statistic = (s: Float64Array) => {
    let total = 0;
    let pairs = 0;
    for (let p = 0; p < pairIndex.size; p++) {
      if (!keep[p]) continue;
      const result = pairKappa(s, p * block);
      if (typeof result === 'number' || Number.isNaN(result.kappa)) continue;
      total += result.kappa;
      pairs++;
    }
    return { kappa: pairs > 0 ? total / pairs : NaN, pairs };
  };
  const totals = sums.total();
  const { kappa, pairs } = statistic(totals);
  const interval = bootstrapInterval(sums, (s) => statistic(s).kappa, options.bootstrap);
  const single = chosen ? pairKappa(totals, 0) : undefined;
  return {
    value: kappa,
    ...(single && typeof single !== 'number' ? { observed: single.observed, expected: single.expected } : {}),
    units: sums.units,
    values,
    pairs,
    ...(interval ? { interval } : {}),
  };
}
