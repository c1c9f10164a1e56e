import { createReadStream } from 'node:fs';
import {
  CsvError,
  JsonLinesError,
  parseCsv,
  preferenceRowsFromRatings,
  preferenceRowsFromVotes,
  readJsonLines,
  rewardRows,
  type DroppedItem,
  type PairwiseJudgement,
  type RatedResponse,
  type RatingStatistic,
} from '@quorum/consolidate';
import type { Command } from '../command.js';
import { CliError, ExitCode } from '../errors.js';
import { readText, writeOutput } from '../files.js';
import { ProblemLog } from './aggregate.js';

const FORMATS = ['reward', 'dpo'] as const;
const STATISTICS: RatingStatistic[] = ['mean', 'median', 'trimmed-mean', 'standardised'];

type Item = { kind: 'rated'; value: RatedResponse } | { kind: 'pairwise'; value: PairwiseJudgement };

/** Checks one input line; returns the item or a message saying what is wrong with it. */
function parseItem(value: unknown): Item | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON object';
  const record = value as Record<string, unknown>;
  if (typeof record.prompt !== 'string') return '"prompt" must be a string';
  const id = record.id === undefined ? {} : typeof record.id === 'string' || typeof record.id === 'number' ? { id: String(record.id) } : undefined;
  if (!id) return '"id" must be a string or a number';
  if ('votes' in record || 'response_a' in record) {
    if (typeof record.response_a !== 'string' || typeof record.response_b !== 'string') return '"response_a" and "response_b" must be strings';
    const votes = record.votes;
    if (typeof votes !== 'object' || votes === null || Array.isArray(votes)) return '"votes" must be an object {"<worker>": "a" | "b" | "tie"}';
    for (const [worker, vote] of Object.entries(votes)) {
      if (vote !== 'a' && vote !== 'b' && vote !== 'tie') return `the vote of worker "${worker}" must be "a", "b" or "tie", not ${JSON.stringify(vote)}`;
    }
    return { kind: 'pairwise', value: { ...id, prompt: record.prompt, response_a: record.response_a, response_b: record.response_b, votes: votes as PairwiseJudgement['votes'] } };
  }
  if (typeof record.response !== 'string') return '"response" must be a string (or give "response_a", "response_b" and "votes" for a pairwise judgement)';
  if (record.ratings !== undefined) {
    const ratings = record.ratings;
    if (typeof ratings !== 'object' || ratings === null || Array.isArray(ratings)) return '"ratings" must be an object {"<worker>": <number>}';
    for (const [worker, rating] of Object.entries(ratings)) {
      if (typeof rating !== 'number' || !Number.isFinite(rating)) return `the rating of worker "${worker}" must be a number, not ${JSON.stringify(rating)}`;
    }
    if (Object.keys(ratings).length > 0) return { kind: 'rated', value: { ...id, prompt: record.prompt, response: record.response, ratings: ratings as Record<string, number> } };
  }
  if (typeof record.score !== 'number' || !Number.isFinite(record.score)) return 'give "ratings" {"<worker>": <number>} or a numeric "score"';
  return { kind: 'rated', value: { ...id, prompt: record.prompt, response: record.response, score: record.score } };
}

function number(values: Record<string, unknown>, name: string, fallback: number, check: (value: number) => boolean, rule: string): number {
  if (values[name] === undefined) return fallback;
  const value = Number(values[name]);
  if (!check(value) || String(values[name]).trim() === '') throw new CliError(`--${name} must be ${rule}, not "${String(values[name])}"`);
  return value;
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'RLHF training data (reward-model rows, DPO pairs) from rated or compared responses',
  usage: [
    'Usage: quorum export --format reward|dpo --from <judgements.jsonl> [--out <file.jsonl>]',
    '',
    'Reads JSON Lines of judged responses and writes JSON Lines with the field names of Hugging Face',
    'TRL\'s dataset formats. Input lines are either',
    '  rated:    {"id"?, "prompt", "response", "ratings": {"<worker>": <number>, …}}   (or a "score")',
    '  pairwise: {"id"?, "prompt", "response_a", "response_b", "votes": {"<worker>": "a"|"b"|"tie", …}}',
    '',
    '--format reward writes {prompt, response, score, score_lower, score_upper, ratings, rating_sd} per',
    'rated response (ratings consolidated with --statistic, bootstrap interval per response).',
    '--format dpo writes {prompt, chosen, rejected, agreement, annotators, chosen_weight, rejected_weight,',
    'tie_weight} — the preference format of DPOTrainer and RewardTrainer. From pairwise lines the',
    'response with more (weighted) votes is chosen; ties and pairs whose agreement is below',
    '--min-agreement are dropped. From rated lines, responses to the same prompt whose scores differ',
    'by at least --min-margin are paired (adds score_chosen, score_rejected, margin).',
    'Lines that cannot be read are reported with file:line and skipped (exit code 1).',
    '',
    'Options:',
    '  --format <reward|dpo>     what to write (required)',
    '  --from <file>             the judgements, JSON Lines (required)',
    '  --out <file>              write the rows here (default: standard output; the summary then goes to stderr)',
    `  --statistic <name>        rated input: ${STATISTICS.join(', ')} (default mean)`,
    '  --min-agreement <p>       dpo from votes: drop pairs whose winner has a smaller share of votes (default 0.6)',
    '  --min-margin <x>          dpo from ratings: drop pairs whose scores differ by less (default 1)',
    '  --weights <file>          dpo from votes: CSV worker,weight (workers not listed weigh 1)',
    '  --bootstrap <n>           reward: bootstrap samples per response (default 1000; 0 for none)',
    '  --seed <n>                seed of the bootstrap (default 0)',
    '  --dropped <file>          write the dropped items as JSON {index, line, id, reason, agreement}',
    '  --errors <file>           also write every skipped line as a JSON array {file, line, message}',
  ].join('\n'),
  options: {
    format: { type: 'string', short: 'f' },
    from: { type: 'string' },
    out: { type: 'string', short: 'o' },
    statistic: { type: 'string' },
    'min-agreement': { type: 'string' },
    'min-margin': { type: 'string' },
    weights: { type: 'string' },
    bootstrap: { type: 'string' },
    seed: { type: 'string' },
    dropped: { type: 'string' },
    errors: { type: 'string' },
  },
  required: ['format', 'from'],
  async run(values, _positionals, io) {
    const format = values.format as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new CliError(`--format must be reward or dpo; got "${format}"`);
    const statistic = ((values.statistic as string | undefined) ?? 'mean') as RatingStatistic;
    if (!STATISTICS.includes(statistic)) throw new CliError(`--statistic must be one of ${STATISTICS.join(', ')}; got "${statistic}"`);
    const minAgreement = number(values, 'min-agreement', 0.6, (v) => v >= 0 && v <= 1, 'a number from 0 to 1');
    const minMargin = number(values, 'min-margin', 1, (v) => v >= 0 && Number.isFinite(v), 'a number ≥ 0');
    const samples = number(values, 'bootstrap', 1000, (v) => Number.isInteger(v) && v >= 0, 'an integer ≥ 0');
    const seed = number(values, 'seed', 0, Number.isInteger, 'an integer');

    const fromPath = values.from as string;
    const problems = new ProblemLog();
    const items: Item[] = [];
    const lines: number[] = [];
    try {
      for await (const { line, value } of readJsonLines(createReadStream(fromPath), { sourceName: fromPath, onError: (error) => problems.add(fromPath, error) })) {
        const item = parseItem(value);
        if (typeof item === 'string') {
          problems.add(fromPath, new JsonLinesError(item, line, fromPath));
          continue;
        }
        if (items.length > 0 && item.kind !== items[0]!.kind) {
          problems.add(fromPath, new JsonLinesError(`a ${item.kind} line in a file of ${items[0]!.kind} lines (line ${lines[0]}); one file holds one kind`, line, fromPath));
          continue;
        }
        if (format === 'reward' && item.kind === 'pairwise') {
          problems.add(fromPath, new JsonLinesError('--format reward needs rated lines {"prompt", "response", "ratings"}, found a pairwise judgement', line, fromPath));
          continue;
        }
        items.push(item);
        lines.push(line);
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new CliError(`judgements file not found: ${fromPath}`);
      if (code === 'EISDIR') throw new CliError(`judgements must be a file, but ${fromPath} is a directory`);
      if (error instanceof TypeError && /encoded data was not valid/.test(error.message)) throw new CliError(`${fromPath}: the file is not valid UTF-8 text`);
      throw error;
    }
    if (items.length === 0) {
      await problems.report(io, values.errors as string | undefined);
      throw new CliError(`${fromPath}: no judgements to export`);
    }

    let weights: Map<string, number> | undefined;
    if (values.weights) {
      const weightsPath = values.weights as string;
      const text = await readText(weightsPath, 'weights');
      weights = new Map();
      let header = true;
      const records = parseCsv(text, { sourceName: weightsPath });
      const next = async () => {
        try {
          return await records.next();
        } catch (error) {
          throw error instanceof CsvError ? new CliError(error.message) : error;
        }
      };
      for (let step = await next(); !step.done; step = await next()) {
        const record = step.value;
        if (header) {
          header = false;
          if (record.fields[0]?.trim() !== 'worker' || record.fields[1]?.trim() !== 'weight') throw new CliError(`${weightsPath}:1: the header must be worker,weight`);
          continue;
        }
        const weight = Number(record.fields[1]);
        if (record.fields.length !== 2 || !Number.isFinite(weight) || weight < 0 || record.fields[1]!.trim() === '') {
          throw new CliError(`${weightsPath}:${record.line}: expected worker,weight with a number ≥ 0`);
        }
        weights.set(record.fields[0]!, weight);
      }
    }

    const bootstrap = { samples, seed };
    let rows: object[];
    let dropped: DroppedItem[] = [];
    const kind = items[0]!.kind;
    if (format === 'reward') {
      rows = rewardRows(items.map((item) => item.value as RatedResponse), { statistic, bootstrap });
    } else if (kind === 'pairwise') {
      ({ rows, dropped } = preferenceRowsFromVotes(items.map((item) => item.value as PairwiseJudgement), { minAgreement, ...(weights ? { weights } : {}) }));
    } else {
      ({ rows, dropped } = preferenceRowsFromRatings(items.map((item) => item.value as RatedResponse), { statistic, bootstrap, minMargin }));
    }

    const outPath = values.out as string | undefined;
    await writeOutput(outPath, rows.map((row) => `${JSON.stringify(row)}\n`).join(''), io.stdout);
    const summary = outPath ? io.stdout : io.stderr;
    const reasons = new Map<string, number>();
    for (const item of dropped) reasons.set(item.reason, (reasons.get(item.reason) ?? 0) + 1);
    const described = { tie: 'ties', 'low-agreement': `below agreement ${minAgreement}`, 'no-votes': 'without votes', 'small-margin': `responses without a pair ${minMargin} points apart` };
    const droppedText = dropped.length > 0 ? `; dropped ${[...reasons].map(([reason, count]) => `${count} ${described[reason as keyof typeof described]}`).join(', ')}` : '';
    summary.write(`${rows.length} ${format === 'reward' ? 'reward rows' : 'preference pairs'} from ${items.length} ${kind} judgements${droppedText}${outPath ? `; written to ${outPath}` : ''}\n`);
    if (values.dropped) {
      const records = dropped.map((item) => ({ ...item, line: lines[item.index] }));
      await writeOutput(values.dropped as string, `${JSON.stringify(records, null, 2)}\n`, io.stdout);
    }
    await problems.report(io, values.errors as string | undefined);
    return problems.problems.length > 0 ? ExitCode.partial : ExitCode.ok;
  },
};
