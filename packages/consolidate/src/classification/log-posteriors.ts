/**
 * Turns rows of unnormalised log posteriors (tasks × K, in place) into probabilities, skipping
 * tasks without answers, and returns the log-likelihood Σ_t log Σ_c exp(row_t,c). The row maximum
 * is subtracted before exponentiating so that long tasks cannot underflow.
 */
export function normaliseLogPosteriors(posterior: Float64Array, K: number, answered: Uint8Array): number {
  let logLikelihood = 0;
  for (let t = 0; t < answered.length; t++) {
    if (!answered[t]) continue;
    const row = t * K;
    let max = -Infinity;
    for (let c = 0; c < K; c++) if (posterior[row + c] > max) max = posterior[row + c];
    let sum = 0;
    for (let c = 0; c < K; c++) sum += posterior[row + c] = Math.exp(posterior[row + c] - max);
    for (let c = 0; c < K; c++) posterior[row + c] /= sum;
    logLikelihood += max + Math.log(sum);
  }
  return logLikelihood;
}
