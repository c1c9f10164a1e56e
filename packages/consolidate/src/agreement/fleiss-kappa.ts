import type { CategoricalData } from '../encode.js';
import type { AgreementOptions, AgreementResult } from './types.js';
import { bootstrapInterval, UnitSums, unitsOf } from './units.js';

/**
 * Per-task label counts of the tasks with at least two workers, as unit sums
 * `[1, P_t, n_t1 … n_tK]` where `P_t = Σ_k n_tk (n_tk − 1) / (n_t (n_t − 1))` is the share of agreeing
 * ordered pairs of answers on task t.
 */
export function pairAgreementSums(data: CategoricalData): { sums: UnitSums; values: number } {
  const K = data.labels.length;
  const { offsets, label } = unitsOf(data);
  const sums = new UnitSums(2 + K);
  const counts = new Float64Array(K);
  let values = 0;
  for (let t = 0; t < data.tasks.length; t++) {
    const n = offsets[t + 1] - offsets[t];
    if (n < 2) continue;
    counts.fill(0);
    for (let j = offsets[t]; j < offsets[t + 1]; j++) counts[label[j]]++;
    let agreeing = 0;
    for (let k = 0; k < K; k++) agreeing += counts[k] * (counts[k] - 1);
    sums.add(0, 1);
    sums.add(1, agreeing / (n * (n - 1)));
    for (let k = 0; k < K; k++) sums.add(2 + k, counts[k]);
    sums.endUnit();
    values += n;
  }
  return { sums, values };
}

/**
 * Fleiss' κ for many raters: J. L. Fleiss, "Measuring nominal scale agreement among many raters",
 * Psychological Bulletin 76(5):378–382, 1971.
 *
 * `κ = (P̄ − P̄_e) / (1 − P̄_e)` with `P̄` the mean over tasks of the share of agreeing answer pairs
 * and `P̄_e = Σ_k p_k²`, `p_k` the share of all answers (on counted tasks) with label k. Fleiss defines
 * it for the same number of raters per task; with varying numbers (crowdsourcing) each task's
 * `P_t` uses its own count, the usual generalisation. Tasks with fewer than two workers do not
 * count; a worker's repeated answers to a task count once. NaN when every answer has the same label.
 */
export function fleissKappa(data: CategoricalData, options: AgreementOptions = {}): AgreementResult {
  const K = data.labels.length;
  const { sums, values } = pairAgreementSums(data);
  const parts = (s: Float64Array) => {
    let total = 0;
    for (let k = 0; k < K; k++) total += s[2 + k];
    let expected = 0;
    for (let k = 0; k < K; k++) expected += (s[2 + k] / total) ** 2;
    const observed = s[0] > 0 ? s[1] / s[0] : NaN;
    return { observed, expected, kappa: expected < 1 ? (observed - expected) / (1 - expected) : NaN };
  };
  const { observed, expected, kappa } = parts(sums.total());
  const interval = bootstrapInterval(sums, (s) => parts(s).kappa, options.bootstrap);
  return { value: kappa, observed, expected, units: sums.units, values, ...(interval ? { interval } : {}) };
}
