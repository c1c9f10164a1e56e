import type { CategoricalData } from '../encode.js';
import type { AgreementOptions, AgreementResult } from './types.js';
import { bootstrapInterval, UnitSums, unitsOf } from './units.js';

/** Level of measurement of the labels, which sets how far apart two different labels are. */
export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval';

export interface KrippendorffAlphaOptions extends AgreementOptions {
  /** Default `nominal`: any two different labels disagree equally. */
  level?: MeasurementLevel;
}

/**
 * Krippendorff's α: K. Krippendorff, "Computing Krippendorff's Alpha-Reliability", University of
 * Pennsylvania, 2011 (https://repository.upenn.edu/asc_papers/43), and *Content Analysis*, 4th ed.,
 * Sage, 2019, ch. 12.
 *
 * `α = 1 − D_o / D_e`, from the coincidence matrix: a task with `m ≥ 2` answers (one per worker)
 * adds `1 / (m − 1)` to `o[c][k]` for every ordered pair of its answers (c, k); `n_c = Σ_k o[c][k]`,
 * `n = Σ_c n_c`. `D_o = Σ_{c,k} o[c][k] δ²(c, k) / n` and `D_e = Σ_{c,k} n_c n_k δ²(c, k) / (n (n − 1))`.
 * Tasks with one answer are not pairable and do not count; missing answers are simply absent.
 *
 * Distances δ²: `nominal` 0 for equal labels and 1 otherwise; `ordinal` `(Σ_{g=c..k} n_g − (n_c + n_k)/2)²`
 * over the label order of the data (numeric order when every label is a number, or the order given
 * to the encoder); `interval` `(v_c − v_k)²` with `v` the labels read as numbers (throws if an
 * answered label is not a number). 1 is perfect agreement, 0 agreement at chance level; NaN when
 * every pairable answer has the same label.
 */
export function krippendorffAlpha(data: CategoricalData, options: KrippendorffAlphaOptions = {}): AgreementResult {
  const level = options.level ?? 'nominal';
  if (level !== 'nominal' && level !== 'ordinal' && level !== 'interval') {
    throw new RangeError(`level must be "nominal", "ordinal" or "interval", found ${JSON.stringify(level)}`);
  }
  const K = data.labels.length;
  const { offsets, label } = unitsOf(data);
  // Sums: n_c at [0, K), then the coincidences o[c][k] for c < k at K + c·K + k.
  const sums = new UnitSums(K + K * K);
  const counts = new Float64Array(K);
  const present: number[] = [];
  let values = 0;
  for (let t = 0; t < data.tasks.length; t++) {
    const m = offsets[t + 1] - offsets[t];
    if (m < 2) continue;
    present.length = 0;
    for (let j = offsets[t]; j < offsets[t + 1]; j++) {
      if (counts[label[j]]++ === 0) present.push(label[j]);
    }
    present.sort((a, b) => a - b);
    for (let a = 0; a < present.length; a++) {
      const c = present[a];
      sums.add(c, counts[c]);
      for (let b = a + 1; b < present.length; b++) {
        const k = present[b];
        sums.add(K + c * K + k, (counts[c] * counts[k]) / (m - 1));
      }
    }
    for (const c of present) counts[c] = 0;
    sums.endUnit();
    values += m;
  }

  let numeric: Float64Array | undefined;
  if (level === 'interval') {
    numeric = new Float64Array(K);
    const used = new Uint8Array(K);
    for (let j = 0; j < label.length; j++) used[label[j]] = 1;
    for (let k = 0; k < K; k++) {
      const value = Number(data.labels[k]);
      if (used[k] && (data.labels[k].trim() === '' || !Number.isFinite(value))) {
        throw new RangeError(`interval α needs numeric labels, found "${data.labels[k]}"`);
      }
      numeric[k] = value;
    }
  }
  const distance = new Float64Array(K * K);
  const parts = (s: Float64Array) => {
    let n = 0;
    for (let c = 0; c < K; c++) n += s[c];
    for (let c = 0; c < K; c++) {
      let between = 0; // Σ n_g for c < g < k
      for (let k = c + 1; k < K; k++) {
        let d: number;
        if (level === 'nominal') d = 1;
        else if (level === 'interval') d = (numeric![c] - numeric![k]) ** 2;
        else d = (s[c] / 2 + between + s[k] / 2) ** 2;
        distance[c * K + k] = d;
        between += s[k];
      }
    }
    let observed = 0;
    let expected = 0;
    for (let c = 0; c < K; c++) {
      for (let k = c + 1; k < K; k++) {
        const d = distance[c * K + k];
        // Both orders (c, k) and (k, c): the factor 2 cancels in the ratio but not in D_o and D_e.
        observed += 2 * s[K + c * K + k] * d;
        expected += 2 * s[c] * s[k] * d;
      }
    }
    const observedDisagreement = observed / n;
    const expectedDisagreement = expected / (n * (n - 1));
    return { observedDisagreement, expectedDisagreement, alpha: expectedDisagreement > 0 ? 1 - observedDisagreement / expectedDisagreement : NaN };
  };
  const { observedDisagreement, expectedDisagreement, alpha } = parts(sums.total());
  const interval = bootstrapInterval(sums, (s) => parts(s).alpha, options.bootstrap);
  return { value: alpha, observedDisagreement, expectedDisagreement, units: sums.units, values, ...(interval ? { interval } : {}) };
}
