import { checkRankings, denseRanksOf, type RankingError, type RankingResult, type RankingTask } from './common.js';

/**
 * Borda count (J.-C. de Borda, "Mémoire sur les élections au scrutin", 1781): in a ranking of m items
 * an item scores the number of items ranked below it, so the best of m scores m − 1.
 *
 * Ties get the averaged Borda score (each item tied with it counts ½; e.g. in 1, 1, 2 the two tied
 * items score 1.5, the last 0), so every ranking gives out m(m − 1)/2 points whatever its ties. The
 * consensus score of an item is its mean score over the task's well-formed rankings; consensus ranks
 * are dense, items whose mean scores are equal (within 1e-9) share a rank. Malformed rankings are
 * reported in `errors` with task, worker and index and left out. Time O(rankings × m log m).
 */
export function bordaCount(tasks: readonly RankingTask[]): RankingResult {
  const errors: RankingError[] = [];
  const result = tasks.map((task, taskIndex) => {
    const checked = checkRankings(task, taskIndex);
    errors.push(...checked.errors);
    const m = checked.items;
    const scores = new Float64Array(m);
    const order = new Int32Array(m);
    for (const ranks of checked.valid) {
      for (let i = 0; i < m; i++) order[i] = i;
      order.sort((x, y) => ranks[x] - ranks[y]);
      // Walk groups of equal rank from the best: items after the group are below it.
      let start = 0;
      while (start < m) {
        let end = start + 1;
        while (end < m && ranks[order[end]] === ranks[order[start]]) end++;
        const points = m - end + (end - start - 1) / 2;
        for (let g = start; g < end; g++) scores[order[g]] += points;
        start = end;
      }
    }
    const used = checked.valid.length;
    if (used > 0) for (let i = 0; i < m; i++) scores[i] /= used;
    return { id: checked.taskId, scores, ranks: denseRanksOf(scores), rankings: used };
  });
  return { tasks: result, errors };
}
