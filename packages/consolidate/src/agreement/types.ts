import type { BootstrapOptions, ConfidenceInterval } from './units.js';

/** Result of an agreement coefficient over {@link CategoricalData}. */
export interface AgreementResult {
  /** The coefficient; NaN when it is undefined (e.g. fewer than two answers on every task, or no chance of disagreement). */
  value: number;
  /** Observed agreement (percent agreement, κ): share of agreeing answer pairs. */
  observed?: number;
  /** Agreement expected by chance (κ). */
  expected?: number;
  /** Observed disagreement D_o (Krippendorff's α). */
  observedDisagreement?: number;
  /** Disagreement expected by chance D_e (Krippendorff's α). */
  expectedDisagreement?: number;
  /** Tasks that count: answered by at least two distinct workers (for Cohen's κ: by both workers). */
  units: number;
  /** Answers on those tasks, one per worker and task. */
  values: number;
  /** Seeded percentile bootstrap interval over tasks, unless `bootstrap.samples` is 0. */
  interval?: ConfidenceInterval;
}

/** Options shared by the agreement coefficients. */
export interface AgreementOptions {
  bootstrap?: BootstrapOptions;
}

export type { BootstrapOptions, ConfidenceInterval };
