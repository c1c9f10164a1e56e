import type { CategoricalData } from '../encode.js';
import { dawidSkene } from '../classification/dawid-skene.js';
import type { ClassificationResult } from '../classification/types.js';
import { unitsOf } from './units.js';

/** One worker's line in {@link workerReport}. */
export interface WorkerAgreement {
  worker: string;
  /** Every answer of the worker, repeats included. */
  answers: number;
  /** Answers on tasks that other workers answered too (the ones `agreement` is measured on). */
  shared: number;
  /**
   * Agreement with the consensus of the other workers: per shared answer, 1 when its label is the
   * others' unique most frequent label, 1/m when it is one of m tied most frequent labels, else 0;
   * averaged. NaN without shared answers. Leaving the worker out keeps a worker from agreeing with
   * themselves on tasks with two or three answers.
   */
  agreement: number;
  /**
   * Estimated probability that the worker's answer is right: `workerSkill` of the model (by default
   * Dawid-Skene, Σ_c p_c π_w[c][c]).
   */
  estimatedAccuracy: number;
}

export interface WorkerReportOptions {
  /** A fitted model whose `workerSkill` is reported as estimated accuracy; default `dawidSkene(data)`. */
  model?: ClassificationResult;
}

/**
 * Per-worker quality report: answer count, leave-one-out agreement with the other workers' majority,
 * and the accuracy a model estimates. Rows follow the data's worker order. Repeated answers of a
 * worker to one task count once for `agreement` (the first), and all count in `answers`.
 */
export function workerReport(data: CategoricalData, options: WorkerReportOptions = {}): WorkerAgreement[] {
  const K = data.labels.length;
  const W = data.workers.length;
  const model = options.model ?? dawidSkene(data);
  if (!model.workerSkill || model.workerSkill.length !== W) throw new RangeError('the model has no workerSkill for every worker of the data');
  const answers = new Float64Array(W);
  for (let i = 0; i < data.count; i++) answers[data.worker[i]]++;

  const { offsets, worker, label } = unitsOf(data);
  const shared = new Float64Array(W);
  const agreed = new Float64Array(W);
  const counts = new Float64Array(K);
  for (let t = 0; t < data.tasks.length; t++) {
    const start = offsets[t];
    const end = offsets[t + 1];
    if (end - start < 2) continue;
    for (let j = start; j < end; j++) counts[label[j]]++;
    for (let j = start; j < end; j++) {
      const own = label[j];
      counts[own]--;
      let top = 0;
      let tied = 0;
      for (let k = 0; k < K; k++) {
        if (counts[k] > top) {
          top = counts[k];
          tied = 1;
        } else if (counts[k] === top && top > 0) {
          tied++;
        }
      }
      const w = worker[j];
      shared[w]++;
      if (counts[own] === top) agreed[w] += 1 / tied;
      counts[own]++;
    }
    for (let j = start; j < end; j++) counts[label[j]] = 0;
  }
  return data.workers.map((id, w) => ({
    worker: id,
    answers: answers[w],
    shared: shared[w],
    agreement: shared[w] > 0 ? agreed[w] / shared[w] : NaN,
    estimatedAccuracy: model.workerSkill![w],
  }));
}
