/** One worker's ranking of a task's items: `responseRankings[i]` is the rank of item `i` (1 = best, ties share a rank). */
export interface WorkerRanking {
  workerId: string;
  responseRankings: readonly number[];
}

/** The rankings several workers gave the same items (one `<crowd-ranking>` / one ranking dimension). */
export interface RankingTask {
  id: string;
  /** Number of items; default the length of the first well-formed ranking. */
  items?: number;
  rankings: readonly WorkerRanking[];
}

/** A ranking that was set aside: its task, worker, position in `rankings`, and why. */
export interface RankingError {
  taskId: string;
  workerId: string;
  index: number;
  message: string;
}

/** Consensus of one task. */
export interface TaskConsensus {
  id: string;
  /** Per item: higher is better (the method's doc says what the number is). */
  scores: Float64Array;
  /** Dense consensus ranks per item in the items' original order, 1 = best; equal scores share a rank. */
  ranks: Int32Array;
  /** Number of rankings used. */
  rankings: number;
}

export interface RankingResult {
  tasks: TaskConsensus[];
  errors: RankingError[];
}

/**
 * Splits a task's rankings into well-formed ones and errors. A ranking must be an array of the task's
 * item count of positive integers; only the order of the numbers matters, so gaps (1, 1, 3) are read
 * like dense ranks (1, 1, 2). A task without any well-formed ranking still gets a result (all items
 * tied), so no task is lost.
 */
export function checkRankings(task: RankingTask, taskIndex: number): { taskId: string; items: number; valid: (readonly number[])[]; errors: RankingError[] } {
  const taskId = typeof task?.id === 'string' ? task.id : `(task ${taskIndex})`;
  const errors: RankingError[] = [];
  const valid: (readonly number[])[] = [];
  let items = task?.items;
  if (items !== undefined && (!Number.isInteger(items) || items < 1)) {
    throw new RangeError(`task "${taskId}": items must be a positive integer, found ${items}`);
  }
  const rankings = Array.isArray(task?.rankings) ? task.rankings : [];
  if (!Array.isArray(task?.rankings)) throw new TypeError(`task "${taskId}": rankings must be an array`);
  rankings.forEach((entry, index) => {
    const workerId = typeof entry?.workerId === 'string' ? entry.workerId : `(ranking ${index})`;
    const fail = (message: string): void => {
      errors.push({ taskId, workerId, index, message });
    };
    const ranks = entry?.responseRankings;
    if (!Array.isArray(ranks) || ranks.length === 0) return fail('responseRankings must be a non-empty array');
    const bad = ranks.findIndex((r) => !Number.isInteger(r) || r < 1);
    if (bad >= 0) return fail(`responseRankings[${bad}] must be a positive integer, found ${JSON.stringify(ranks[bad])}`);
    if (items === undefined) items = ranks.length;
    if (ranks.length !== items) return fail(`ranks ${ranks.length} items, the task has ${items}`);
    valid.push(ranks);
  });
  return { taskId, items: items ?? 0, valid, errors };
}

/**
 * Dense ranks of scores, higher is better: 1 for the best; a score within `tolerance` (relative to
 * max(1, |score|)) of the previous one in sorted order shares its rank.
 */
export function denseRanksOf(scores: Float64Array, tolerance = 1e-9): Int32Array {
  const order = Array.from(scores.keys()).sort((x, y) => scores[y] - scores[x] || x - y);
  const ranks = new Int32Array(scores.length);
  let rank = 0;
  let previous = 0;
  for (const i of order) {
    if (rank === 0 || previous - scores[i] > tolerance * Math.max(1, Math.abs(previous))) rank++;
    ranks[i] = rank;
    previous = scores[i];
  }
  return ranks;
}

/** One worker's ranking answer to one task: a `crowd-ranking` answer or a GT `crowd-text-ranking` answer. */
export interface RankingAnswer {
  taskId: string;
  workerId: string;
  /** `{ responseRankings }`, or `{ ordinalRankingDimensions: [{ responseRankings }, …] }` (one entry per dimension). */
  answer: unknown;
}

/**
 * Groups ranking answers by task (first-seen order) for {@link RankingTask}-based methods, reading
 * dimension `dimension` (default 0) of GT's `ordinalRankingDimensions`, or `responseRankings`
 * directly. An answer without that ranking is reported (`index` = its position in `answers`) and
 * left out; the rankings themselves are checked by the methods.
 */
export function rankingTasksFromAnswers(answers: readonly RankingAnswer[], options: { dimension?: number } = {}): { tasks: RankingTask[]; errors: RankingError[] } {
  const dimension = options.dimension ?? 0;
  if (!Number.isInteger(dimension) || dimension < 0) throw new RangeError(`dimension must be a non-negative integer, found ${dimension}`);
  const byTask = new Map<string, WorkerRanking[]>();
  const errors: RankingError[] = [];
  answers.forEach((entry, index) => {
    const taskId = typeof entry?.taskId === 'string' ? entry.taskId : '';
    const workerId = typeof entry?.workerId === 'string' ? entry.workerId : '';
    const fail = (message: string): void => {
      errors.push({ taskId, workerId, index, message });
    };
    if (!taskId || !workerId) return fail('taskId and workerId must be non-empty strings');
    const answer = entry.answer as { responseRankings?: unknown; ordinalRankingDimensions?: unknown } | null;
    let ranks: unknown;
    if (Array.isArray(answer?.ordinalRankingDimensions)) {
      const chosen = (answer.ordinalRankingDimensions as unknown[])[dimension] as { responseRankings?: unknown } | undefined;
      if (!chosen) return fail(`the answer has ${answer.ordinalRankingDimensions.length} ranking dimensions, not dimension ${dimension}`);
      ranks = chosen.responseRankings;
    } else if (dimension === 0) {
      ranks = answer?.responseRankings;
    } else {
      return fail(`the answer has no ordinalRankingDimensions for dimension ${dimension}`);
    }
    if (!Array.isArray(ranks)) return fail('the answer has no responseRankings array');
    let list = byTask.get(taskId);
    if (!list) byTask.set(taskId, (list = []));
    list.push({ workerId, responseRankings: ranks as number[] });
  });
  return { tasks: [...byTask].map(([id, rankings]) => ({ id, rankings })), errors };
}
