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

/** Field names of the consolidated mode (`--label-attribute`). */
interface ConsolidatedFields {
  attribute: string;
  answerName: string | undefined;
  prompt: string;
  response: string;
  responseA: string;
  responseB: string;
}

/**
 * Turns one consolidated record (an output-manifest line, or a response item joined with its input
 * line) into a judgement: ratings from the answer's `ratings` metadata, pairwise votes from its
 * `choices` (a "both-bad" vote prefers neither response and is left out of the votes).
 */
function consolidatedItem(line: Record<string, unknown>, id: string | undefined, fields: ConsolidatedFields): Item | string {
  const content = line[fields.attribute];
  const metadata = line[`${fields.attribute}-metadata`] as { answers?: Record<string, { kind?: unknown; ratings?: unknown; choices?: unknown }> } | undefined;
  if (content === undefined) return `has no "${fields.attribute}" (the consolidated answers); is --label-attribute right?`;
  const answers = metadata?.answers;
  if (!answers || typeof answers !== 'object') {
    return `"${fields.attribute}-metadata" has no per-answer metadata ("answers"); consolidate with quorum consolidate --schema or --template`;
  }
  let name = fields.answerName;
  if (name === undefined) {
    const candidates = Object.keys(answers).filter((key) => answers[key]?.kind === 'rating' || answers[key]?.kind === 'pairwise');
    if (candidates.length !== 1) {
      return candidates.length === 0 ? 'has no rating or pairwise answer' : `has several rating or pairwise answers (${candidates.join(', ')}); give --answer-name`;
    }
    name = candidates[0]!;
  }
  const answer = answers[name];
  if (!answer) return `has no answer "${name}" (answers: ${Object.keys(answers).join(', ')})`;
  const text = (field: string) => (typeof line[field] === 'string' ? (line[field] as string) : undefined);
  const prompt = text(fields.prompt);
  if (prompt === undefined) return `"${fields.prompt}" must be a string (the prompt; set --prompt-field)`;
  const withId = id === undefined ? {} : { id };
  if (answer.kind === 'rating') {
    const response = text(fields.response);
    if (response === undefined) return `"${fields.response}" must be a string (the rated response; set --response-field)`;
    const ratings = answer.ratings as Record<string, number> | undefined;
    if (!ratings || typeof ratings !== 'object' || Object.keys(ratings).length === 0) return `answer "${name}" has no per-worker ratings in its metadata`;
    return { kind: 'rated', value: { ...withId, prompt, response, ratings } };
  }
  if (answer.kind === 'pairwise') {
    const responseA = text(fields.responseA);
    const responseB = text(fields.responseB);
    if (responseA === undefined || responseB === undefined) return `"${fields.responseA}" and "${fields.responseB}" must be strings (the compared responses; set --response-a-field, --response-b-field)`;
    const choices = answer.choices as Record<string, string> | undefined;
    if (!choices || typeof choices !== 'object') return `answer "${name}" has no per-worker choices in its metadata`;
    const votes: Record<string, 'a' | 'b' | 'tie'> = {};
    for (const [worker, choice] of Object.entries(choices)) {
      if (choice === 'A') votes[worker] = 'a';
      else if (choice === 'B') votes[worker] = 'b';
      else if (choice === 'tie') votes[worker] = 'tie';
    }
    return { kind: 'pairwise', value: { ...withId, prompt, response_a: responseA, response_b: responseB, votes } };
  }
  return `answer "${name}" is a ${String(answer.kind)} answer; export reads rating and pairwise answers`;
}

/**
 * Reads consolidated judgements: a `quorum consolidate` response (a JSON array) joined with its
 * input manifest by datasetObjectId (the 0-based line number, or `--id-field`), or an output
 * manifest from `quorum manifest` (JSON Lines).
 */
async function readConsolidated(fromPath: string, values: Record<string, unknown>, problems: ProblemLog, format: string): Promise<{ items: Item[]; lines: number[] }> {
  const fields: ConsolidatedFields = {
    attribute: values['label-attribute'] as string,
    answerName: values['answer-name'] as string | undefined,
    prompt: (values['prompt-field'] as string | undefined) ?? 'prompt',
    response: (values['response-field'] as string | undefined) ?? 'response',
    responseA: (values['response-a-field'] as string | undefined) ?? 'response_a',
    responseB: (values['response-b-field'] as string | undefined) ?? 'response_b',
  };
  const text = await readText(fromPath, 'consolidated output');
  const records: Array<{ line: number; record: Record<string, unknown>; id: string | undefined; file: string }> = [];
  if (text.trimStart().startsWith('[')) {
    const inputPath = values.input as string | undefined;
    if (!inputPath) throw new CliError(`${fromPath} is a consolidated response; give --input <input.manifest> for the prompts and responses it refers to`);
    let response: unknown;
    try {
      response = JSON.parse(text);
    } catch (error) {
      throw new CliError(`${fromPath}: not valid JSON (${(error as Error).message})`);
    }
    if (!Array.isArray(response)) throw new CliError(`${fromPath}: a consolidated response must be a JSON array`);
    const idField = values['id-field'] as string | undefined;
    const inputLines = (await readText(inputPath, 'input manifest')).split(/\r?\n/);
    const byId = new Map<string, { line: number; record: Record<string, unknown> }>();
    inputLines.forEach((raw, index) => {
      if (raw.trim() === '') return;
      let record: unknown;
      try {
        record = JSON.parse(raw);
      } catch (error) {
        problems.add(inputPath, new JsonLinesError(`not valid JSON (${(error as Error).message})`, index + 1, inputPath));
        return;
      }
      if (record === null || typeof record !== 'object' || Array.isArray(record)) return problems.add(inputPath, new JsonLinesError('expected a JSON object', index + 1, inputPath));
      const id = idField === undefined ? String(index) : (record as Record<string, unknown>)[idField];
      if (typeof id !== 'string' && typeof id !== 'number') return problems.add(inputPath, new JsonLinesError(`has no "${idField}" to match a datasetObjectId`, index + 1, inputPath));
      byId.set(String(id), { line: index + 1, record: record as Record<string, unknown> });
    });
    response.forEach((item: unknown, index) => {
      const entry = item as { datasetObjectId?: unknown; consolidatedAnnotation?: { content?: Record<string, unknown> } };
      const id = typeof entry?.datasetObjectId === 'string' || typeof entry?.datasetObjectId === 'number' ? String(entry.datasetObjectId) : undefined;
      const content = entry?.consolidatedAnnotation?.content;
      if (id === undefined || !content || typeof content !== 'object') {
        return problems.add(fromPath, new JsonLinesError(`item ${index} is not {datasetObjectId, consolidatedAnnotation: {content}}`, index + 1, fromPath));
      }
      const input = byId.get(id);
      if (!input) return problems.add(fromPath, new JsonLinesError(`data object "${id}" (item ${index}) matches no line of ${inputPath}`, index + 1, fromPath));
      records.push({ line: input.line, record: { ...input.record, ...content }, id, file: inputPath });
    });
  } else {
    for await (const { line, value } of readJsonLines(createReadStream(fromPath), { sourceName: fromPath, onError: (error) => problems.add(fromPath, error) })) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        problems.add(fromPath, new JsonLinesError('expected a JSON object (an output-manifest line)', line, fromPath));
        continue;
      }
      const record = value as Record<string, unknown>;
      const id = typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id) : undefined;
      records.push({ line, record, id, file: fromPath });
    }
  }
  const items: Item[] = [];
  const lines: number[] = [];
  for (const { line, record, id, file } of records) {
    const item = consolidatedItem(record, id, fields);
    if (typeof item === 'string') {
      problems.add(file, new JsonLinesError(item, line, file));
      continue;
    }
    if (items.length > 0 && item.kind !== items[0]!.kind) {
      problems.add(file, new JsonLinesError(`a ${item.kind} answer among ${items[0]!.kind} answers; give --answer-name`, line, file));
      continue;
    }
    if (format === 'reward' && item.kind === 'pairwise') {
      problems.add(file, new JsonLinesError('--format reward needs rating answers, found a pairwise answer', line, file));
      continue;
    }
    items.push(item);
    lines.push(line);
  }
  return { items, lines };
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
    '       quorum export --format reward|dpo --from <consolidated> --label-attribute <name> [--input <input.manifest>]',
    '',
    'Reads JSON Lines of judged responses and writes JSON Lines with the field names of Hugging Face',
    'TRL\'s dataset formats. Input lines are either',
    '  rated:    {"id"?, "prompt", "response", "ratings": {"<worker>": <number>, …}}   (or a "score")',
    '  pairwise: {"id"?, "prompt", "response_a", "response_b", "votes": {"<worker>": "a"|"b"|"tie", …}}',
    '',
    'With --label-attribute, --from is consolidated output of a rating (crowd-rating, slider) or',
    'crowd-pairwise answer: the response of `quorum consolidate --schema/--template` (a JSON array;',
    'give --input, the input manifest, for the prompts and responses), or the output manifest that',
    '`quorum manifest` writes from it. The workers\' ratings and choices are read from the answer\'s',
    'metadata (<name>-metadata.answers.<answer>.ratings / .choices; a "both-bad" choice is no vote),',
    'the texts from the fields --prompt-field, --response-field (rated) or --response-a-field and',
    '--response-b-field (pairwise) of the input line.',
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
    '  --label-attribute <name>  read consolidated output (see above): the job\'s label attribute name',
    '  --answer-name <name>      consolidated output: the rating or pairwise answer (default: the only one)',
    '  --input <file>            consolidated response: the input manifest (datasetObjectId = 0-based line)',
    '  --id-field <name>         consolidated response: the input field holding the datasetObjectId instead',
    '  --prompt-field <name>     consolidated output: field of the prompt (default prompt)',
    '  --response-field <name>   consolidated ratings: field of the rated response (default response)',
    '  --response-a-field <name> consolidated pairwise: field of response A (default response_a)',
    '  --response-b-field <name> consolidated pairwise: field of response B (default response_b)',
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
    'label-attribute': { type: 'string', short: 'l' },
    'answer-name': { type: 'string' },
    input: { type: 'string', short: 'i' },
    'id-field': { type: 'string' },
    'prompt-field': { type: 'string' },
    'response-field': { type: 'string' },
    'response-a-field': { type: 'string' },
    'response-b-field': { type: 'string' },
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
    let items: Item[] = [];
    let lines: number[] = [];
    const consolidated = values['label-attribute'] !== undefined;
    for (const option of ['answer-name', 'input', 'id-field', 'prompt-field', 'response-field', 'response-a-field', 'response-b-field']) {
      if (values[option] !== undefined && !consolidated) throw new CliError(`--${option} applies to consolidated output: give --label-attribute too`);
    }
    try {
      if (consolidated) ({ items, lines } = await readConsolidated(fromPath, values, problems, format));
      else {
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
