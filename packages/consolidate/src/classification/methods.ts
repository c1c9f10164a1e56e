import type { CategoricalData } from '../encode.js';
import { dawidSkene } from './dawid-skene.js';
import { glad } from './glad.js';
import { mace } from './mace.js';
import { majorityVote } from './majority-vote.js';
import { oneCoinDawidSkene } from './one-coin-dawid-skene.js';
import { entriesOf, type ByWorker, type ClassificationResult, type GoldLabels } from './types.js';
import { wawa } from './wawa.js';
import { weightedMajorityVote } from './weighted-majority-vote.js';
import { zeroBasedSkill } from './zero-based-skill.js';

/**
 * Short names of the categorical methods, as the CLI's `--method` takes them (crowd-kit's
 * abbreviations): majority vote, weighted majority vote, Dawid-Skene, one-coin Dawid-Skene,
 * Ground Truth's Dawid-Skene, GLAD, MACE, Wawa, zero-based skill.
 */
export const CATEGORICAL_METHODS = ['mv', 'wmv', 'ds', 'ds1', 'gt-ds', 'glad', 'mace', 'wawa', 'zbs'] as const;
export type CategoricalMethod = (typeof CATEGORICAL_METHODS)[number];

export interface AggregateOptions {
  /** `wmv`: vote weight per worker id. */
  weights?: ByWorker<number>;
  /** `wmv`: known labels of some tasks, from which worker weights are learned. */
  gold?: GoldLabels;
  /** Seed of the methods with random choices (`mace` restarts); default each method's own. */
  seed?: number;
}

/**
 * Runs one categorical method by its short name with its documented defaults. `wmv` needs `weights`
 * or `gold` (without either it would be plain majority vote).
 */
export function aggregateCategorical(data: CategoricalData, method: CategoricalMethod, options: AggregateOptions = {}): ClassificationResult {
  switch (method) {
    case 'mv':
      return majorityVote(data);
    case 'wmv':
      if (!options.weights && !options.gold) throw new RangeError('wmv (weighted majority vote) needs worker weights or gold labels');
      return weightedMajorityVote(data, { ...(options.weights ? { weights: options.weights } : {}), ...(options.gold ? { gold: options.gold } : {}) });
    case 'ds':
      return dawidSkene(data);
    case 'ds1':
      return oneCoinDawidSkene(data);
    case 'gt-ds':
      return dawidSkene(data, { mode: 'gt-parity' });
    case 'glad':
      return glad(data);
    case 'mace':
      return mace(data, options.seed === undefined ? {} : { seed: options.seed });
    case 'wawa':
      return wawa(data);
    case 'zbs':
      return zeroBasedSkill(data);
    default:
      throw new RangeError(`unknown method ${JSON.stringify(method)}; expected one of ${CATEGORICAL_METHODS.join(', ')}`);
  }
}

/** How consolidated labels compare with known true labels. */
export interface TruthScore {
  /** Tasks that have both answers and a true label. */
  evaluated: number;
  /** Of those, tasks whose consolidated label equals the true label. */
  correct: number;
  /** `correct / evaluated`, or NaN when nothing could be evaluated. */
  accuracy: number;
  /** True labels of tasks that have no answers in the data (not evaluated). */
  unanswered: number;
}

/**
 * Scores consolidated labels against true labels (task id → label id). A true label that is not
 * among the data's labels counts as a miss: the method could not have produced it.
 */
export function scoreAgainstTruth(data: CategoricalData, labels: Int32Array, truth: GoldLabels): TruthScore {
  let taskIndex = data.taskIndex;
  if (!taskIndex) {
    const index = new Map<string, number>();
    for (let t = 0; t < data.tasks.length; t++) index.set(data.tasks[t], t);
    taskIndex = index;
  }
  let evaluated = 0;
  let correct = 0;
  let unanswered = 0;
  for (const [task, label] of entriesOf(truth)) {
    const t = taskIndex.get(task);
    if (t === undefined || labels[t] < 0) {
      unanswered++;
      continue;
    }
    evaluated++;
    if (data.labels[labels[t]] === label) correct++;
  }
  return { evaluated, correct, accuracy: evaluated > 0 ? correct / evaluated : NaN, unanswered };
}
