import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './helpers.js';

const jsonl = (records: unknown[]) => records.map((record) => JSON.stringify(record)).join('\n') + '\n';
const readRows = (path: string) => readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('quorum export', () => {
  it('--format reward writes prompt/response/score rows with an interval, from ratings', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const from = join(dir, 'ratings.jsonl');
      writeFileSync(from, jsonl([
        { id: 'q1-a', prompt: 'How do I reset my password?', response: 'Open Settings → Security → Reset.', ratings: { w1: 5, w2: 4, w3: 5 } },
        { id: 'q1-b', prompt: 'How do I reset my password?', response: 'I cannot help with that.', ratings: { w1: 1, w2: 2, w3: 1 } },
      ]));
      const out = join(dir, 'reward.jsonl');
      const run = await cli('export', '--format', 'reward', '--from', from, '--out', out, '--statistic', 'median', '--bootstrap', '200');
      assert.equal(run.stderr, '');
      assert.equal(run.code, 0);
      assert.equal(run.stdout, `2 reward rows from 2 rated judgements; written to ${out}\n`);
      const rows = readRows(out);
      assert.deepEqual(rows.map((row) => Object.keys(row)), Array(2).fill(['id', 'prompt', 'response', 'score', 'score_lower', 'score_upper', 'ratings', 'rating_sd']));
      assert.deepEqual(rows.map((row) => [row.id, row.score, row.ratings]), [['q1-a', 5, 3], ['q1-b', 1, 3]]);
      for (const row of rows) assert.ok((row.score_lower as number) <= (row.score as number) && (row.score as number) <= (row.score_upper as number));
    } finally {
      cleanup();
    }
  });

  it('--format dpo writes prompt/chosen/rejected from pairwise votes, dropping ties and low agreement', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const from = join(dir, 'pairs.jsonl');
      writeFileSync(from, jsonl([
        { id: 1, prompt: 'Summarise the ticket', response_a: 'Short and right.', response_b: 'Long and wrong.', votes: { w1: 'a', w2: 'a', w3: 'b' } },
        { id: 2, prompt: 'Translate "merci"', response_a: 'thanks', response_b: 'thank you', votes: { w1: 'a', w2: 'b' } },
        { id: 3, prompt: 'Pick one', response_a: 'x', response_b: 'y', votes: { w1: 'a', w2: 'b', w3: 'tie', w4: 'a', w5: 'b', w6: 'a' } },
        { id: 4, prompt: 'Expert call', response_a: 'p', response_b: 'q', votes: { expert: 'b', w1: 'a', w2: 'a' } },
      ]));
      const weights = join(dir, 'weights.csv');
      writeFileSync(weights, 'worker,weight\nexpert,3\n');
      const out = join(dir, 'dpo.jsonl');
      const droppedFile = join(dir, 'dropped.json');
      const run = await cli('export', '--format', 'dpo', '--from', from, '--out', out, '--weights', weights, '--dropped', droppedFile);
      assert.equal(run.code, 0);
      assert.equal(run.stdout, `2 preference pairs from 4 pairwise judgements; dropped 1 ties, 1 below agreement 0.6; written to ${out}\n`);
      assert.deepEqual(readRows(out), [
        { id: '1', prompt: 'Summarise the ticket', chosen: 'Short and right.', rejected: 'Long and wrong.', agreement: 2 / 3, annotators: 3, chosen_weight: 2, rejected_weight: 1, tie_weight: 0 },
        { id: '4', prompt: 'Expert call', chosen: 'q', rejected: 'p', agreement: 0.6, annotators: 3, chosen_weight: 3, rejected_weight: 2, tie_weight: 0 },
      ]);
      assert.deepEqual(JSON.parse(readFileSync(droppedFile, 'utf8')), [
        { index: 1, id: '2', reason: 'tie', agreement: 0.5, line: 2 },
        { index: 2, id: '3', reason: 'low-agreement', agreement: 0.5, line: 3 },
      ]);
    } finally {
      cleanup();
    }
  });

  it('--format dpo pairs rated responses to the same prompt by margin', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const from = join(dir, 'ratings.jsonl');
      writeFileSync(from, jsonl([
        { prompt: 'p', response: 'good', ratings: { w1: 5, w2: 4 } },
        { prompt: 'p', response: 'bad', ratings: { w1: 2, w2: 2 } },
        { prompt: 'p', response: 'fine', ratings: { w1: 4, w2: 4 } },
      ]));
      const run = await cli('export', '--format', 'dpo', '--from', from, '--bootstrap', '0');
      assert.equal(run.code, 0);
      const rows = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.deepEqual(rows.map((row) => [row.chosen, row.rejected, row.margin, row.agreement]), [['good', 'bad', 2.5, 1], ['fine', 'bad', 2, 1]]);
      assert.equal(run.stderr, '2 preference pairs from 3 rated judgements\n');
    } finally {
      cleanup();
    }
  });

  it('reports unreadable lines with file:line, keeps the rest, exits 1', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const from = join(dir, 'mixed.jsonl');
      writeFileSync(from, [
        JSON.stringify({ prompt: 'p', response: 'r', ratings: { w1: 4 } }),
        '{"prompt": "p", "response"',
        JSON.stringify({ prompt: 'p', response: 'r', ratings: { w1: 'great' } }),
        JSON.stringify({ prompt: 'p', response_a: 'a', response_b: 'b', votes: { w1: 'a' } }),
        JSON.stringify({ response: 'r', score: 3 }),
      ].join('\n'));
      const run = await cli('export', '--format', 'reward', '--from', from, '--bootstrap', '0');
      assert.equal(run.code, 1);
      assert.equal(run.stdout.trim().split('\n').length, 1);
      const lines = run.stderr.trim().split('\n');
      assert.match(lines[1]!, new RegExp(`^${from.replaceAll('.', '\\.')}:2: not valid JSON`));
      assert.equal(lines[2], `${from}:3: the rating of worker "w1" must be a number, not "great"`);
      assert.equal(lines[3], `${from}:4: a pairwise line in a file of rated lines (line 1); one file holds one kind`);
      assert.equal(lines[4], `${from}:5: "prompt" must be a string`);
      assert.equal(lines[5], '4 records were skipped');

      assert.match((await cli('export', '--format', 'sft', '--from', from)).stderr, /--format must be reward or dpo; got "sft"/);
      assert.match((await cli('export', '--format', 'dpo')).stderr, /missing --from/);
      assert.match((await cli('export', '--format', 'dpo', '--from', join(dir, 'none.jsonl'))).stderr, /judgements file not found/);
      assert.match((await cli('export', '--format', 'dpo', '--from', from, '--min-agreement', '2')).stderr, /--min-agreement must be a number from 0 to 1, not "2"/);
    } finally {
      cleanup();
    }
  });
});
