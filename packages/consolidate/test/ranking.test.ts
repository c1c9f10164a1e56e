import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bordaCount } from '../src/ranking/borda.js';
import { rankingTasksFromAnswers, type RankingTask } from '../src/ranking/common.js';
import { plackettLuce } from '../src/ranking/plackett-luce.js';

const shared = process.env.QUORUM_SHARED ?? new URL('../../../../shared/', import.meta.url).pathname;
const task = (id: string, ...rankings: number[][]): RankingTask => ({
  id,
  rankings: rankings.map((responseRankings, w) => ({ workerId: `w${w}`, responseRankings })),
});
const close = (actual: ArrayLike<number>, expected: number[], tolerance = 1e-9): void => {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(actual[i] - expected[i]) < tolerance, `[${i}] ${actual[i]} ≠ ${expected[i]}`);
};

/** Random tasks: 2–5 items, 1–6 rankings with ties (ranks drawn from 1..items). */
const tasks = fc.integer({ min: 2, max: 5 }).chain((m) =>
  fc.array(fc.array(fc.integer({ min: 1, max: m }), { minLength: m, maxLength: m }), { minLength: 1, maxLength: 6 }).map((rankings) => ({ m, rankings })),
);

describe('bordaCount', () => {
  it('averages Borda points per item and ranks by them', () => {
    const { tasks: [result], errors } = bordaCount([task('t', [1, 2, 3], [1, 3, 2], [2, 1, 3])]);
    assert.deepEqual(errors, []);
    close(result.scores, [5 / 3, 1, 1 / 3]);
    assert.deepEqual([...result.ranks], [1, 2, 3]);
    assert.equal(result.rankings, 3);
  });

  it('gives tied items the averaged score and ties equal consensus', () => {
    const { tasks: [tied] } = bordaCount([task('t', [1, 1, 2])]);
    close(tied.scores, [1.5, 1.5, 0]);
    assert.deepEqual([...tied.ranks], [1, 1, 2]);
    const { tasks: [split] } = bordaCount([task('t', [1, 2], [2, 1])]);
    assert.deepEqual([...split.ranks], [1, 1]);
  });

  it('reads the Ground Truth crowd-text-ranking answer', () => {
    const answer = JSON.parse(readFileSync(`${shared}gt-reference/answer.crowd-text-ranking.inferred.json`, 'utf8')) as {
      ordinalRankingDimensions: { responseRankings: number[] }[];
    };
    const { tasks: [result] } = bordaCount([{ id: 'gt', rankings: answer.ordinalRankingDimensions.map((d, i) => ({ workerId: `w${i}`, ...d })) }]);
    assert.deepEqual([...result.ranks], [2, 1, 3]);
  });

  it('reports malformed rankings with task, worker and index and keeps the task', () => {
    const { tasks: results, errors } = bordaCount([
      {
        id: 'q1',
        rankings: [
          { workerId: 'a', responseRankings: [1, 2, 3] },
          { workerId: 'b', responseRankings: [1, 2] },
          { workerId: 'c', responseRankings: [1, 0, 2] },
          { workerId: 'd', responseRankings: [1, 2.5, 3] },
        ],
      },
      { id: 'q2', rankings: [{ workerId: 'e', responseRankings: 'no' as unknown as number[] }] },
    ]);
    assert.deepEqual(errors.map((e) => [e.taskId, e.workerId, e.index]), [['q1', 'b', 1], ['q1', 'c', 2], ['q1', 'd', 3], ['q2', 'e', 0]]);
    assert.match(errors[1].message, /responseRankings\[1\]/);
    assert.equal(results[0].rankings, 1);
    assert.equal(results[1].id, 'q2');
    assert.equal(results[1].rankings, 0);
  });

  it('hands out m(m − 1)/2 points per ranking and ignores ranking order (property)', () => {
    fc.assert(
      fc.property(tasks, ({ m, rankings }) => {
        const { tasks: [a] } = bordaCount([task('t', ...rankings)]);
        const total = a.scores.reduce((s, x) => s + x, 0);
        assert.ok(Math.abs(total - (m * (m - 1)) / 2) < 1e-9);
        const { tasks: [b] } = bordaCount([task('t', ...[...rankings].reverse())]);
        assert.deepEqual([...b.ranks], [...a.ranks]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('rankingTasksFromAnswers', () => {
  it('groups GT and Quorum ranking answers by task, per dimension', () => {
    const gt = JSON.parse(readFileSync(`${shared}gt-reference/answer.crowd-text-ranking.inferred.json`, 'utf8')) as unknown;
    const { tasks: grouped, errors } = rankingTasksFromAnswers([
      { taskId: 'q1', workerId: 'a', answer: gt },
      { taskId: 'q2', workerId: 'a', answer: { responseRankings: [1, 2] } },
      { taskId: 'q1', workerId: 'b', answer: { ordinalRankingDimensions: [{ responseRankings: [1, 2, 3] }] } },
      { taskId: 'q1', workerId: 'c', answer: { label: 'x' } },
    ]);
    assert.deepEqual(grouped.map((t) => [t.id, t.rankings.map((r) => r.workerId)]), [['q1', ['a', 'b']], ['q2', ['a']]]);
    assert.deepEqual(grouped[0].rankings[0].responseRankings, [2, 1, 3]);
    assert.deepEqual(errors.map((e) => [e.taskId, e.workerId, e.index]), [['q1', 'c', 3]]);
    const second = rankingTasksFromAnswers([{ taskId: 'q1', workerId: 'a', answer: gt }], { dimension: 1 });
    assert.equal(second.tasks.length, 0);
    assert.match(second.errors[0].message, /not dimension 1/);
  });
});

describe('plackettLuce', () => {
  it('matches the analytic two-item estimate ln(wins / losses)', () => {
    const { tasks: [result] } = plackettLuce([task('t', [1, 2], [1, 2], [1, 2], [2, 1])], { prior: 0 });
    assert.ok(result.converged);
    assert.ok(Math.abs(result.scores[0] - result.scores[1] - Math.log(3)) < 1e-7);
    assert.deepEqual([...result.ranks], [1, 2]);
  });

  it('recovers a clear consensus and keeps unanimous winners finite', () => {
    const { tasks: [result] } = plackettLuce([task('t', [3, 1, 2, 4], [3, 1, 2, 4], [2, 1, 3, 4], [3, 2, 1, 4])]);
    assert.ok(result.converged);
    assert.deepEqual([...result.ranks], [3, 1, 2, 4]);
    for (const s of result.scores) assert.ok(Number.isFinite(s));
    assert.throws(() => plackettLuce([task('t', [1, 2], [1, 2])], { prior: 0 }), /never chosen/);
  });

  it('treats tied items alike and learns nothing from an all-tied ranking', () => {
    const { tasks: [tied] } = plackettLuce([task('t', [1, 1, 2], [1, 1, 2])]);
    assert.deepEqual([...tied.ranks], [1, 1, 2]);
    const { tasks: [flat] } = plackettLuce([task('t', [1, 1, 1])]);
    close(flat.scores, [0, 0, 0]);
    assert.deepEqual([...flat.ranks], [1, 1, 1]);
  });

  it('follows unanimous rankings, ignores ranking order and relabels with the items (property)', () => {
    fc.assert(
      fc.property(tasks, ({ rankings }) => {
        const { tasks: [unanimous] } = plackettLuce([task('t', rankings[0], rankings[0])]);
        const distinct = [...new Set(rankings[0])].sort((x, y) => x - y);
        assert.deepEqual([...unanimous.ranks], rankings[0].map((r) => distinct.indexOf(r) + 1));

        const { tasks: [a] } = plackettLuce([task('t', ...rankings)]);
        const { tasks: [b] } = plackettLuce([task('t', ...[...rankings].reverse())]);
        close(b.scores, [...a.scores], 1e-6);
        // Move item 0 to the end in every ranking: the scores move with it.
        const rotate = <T>(list: T[]): T[] => [...list.slice(1), list[0]];
        const { tasks: [c] } = plackettLuce([task('t', ...rankings.map(rotate))]);
        close(c.scores, rotate([...a.scores]), 1e-6);
      }),
      { numRuns: 100 },
    );
  });
});
