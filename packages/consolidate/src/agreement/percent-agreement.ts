import type { CategoricalData } from '../encode.js';
import { pairAgreementSums } from './fleiss-kappa.js';
import type { AgreementOptions, AgreementResult } from './types.js';
import { bootstrapInterval } from './units.js';

/**
 * Percent agreement: the mean over tasks of the share of agreeing pairs of answers from distinct
 * workers (Fleiss's P̄). Tasks with fewer than two workers do not count; a worker's repeated answers
 * to a task count once (the first). Not corrected for chance: with two labels, random answers already
 * agree half the time — prefer Fleiss' κ or Krippendorff's α to compare jobs.
 */
export function percentAgreement(data: CategoricalData, options: AgreementOptions = {}): AgreementResult {
  const { sums, values } = pairAgreementSums(data);
  const statistic = (s: Float64Array) => (s[0] > 0 ? s[1] / s[0] : NaN);
  const value = statistic(sums.total());
  const interval = bootstrapInterval(sums, statistic, options.bootstrap);
  return { value, observed: value, units: sums.units, values, ...(interval ? { interval } : {}) };
}
