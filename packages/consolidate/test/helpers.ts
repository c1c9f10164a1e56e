import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodeAnswers, encodeAnswersAsync, type CategoricalData, type EncodeOptions } from '../src/encode.js';
import { readAnswersCsv, readCsv } from '../src/io/csv.js';

/** The shared data folder (`../shared` beside the repository), or QUORUM_SHARED. Missing data fails the test. */
export function sharedPath(relative: string): string {
  const base = process.env.QUORUM_SHARED ?? fileURLToPath(new URL('../../../../shared/', import.meta.url));
  const path = `${base.replace(/\/$/, '')}/${relative}`;
  if (!existsSync(path)) throw new Error(`shared test data not found: ${path} (set QUORUM_SHARED to the shared folder)`);
  return path;
}

export function readSharedJson(relative: string): unknown {
  return JSON.parse(readFileSync(sharedPath(relative), 'utf8'));
}

export interface ToyFixture {
  description: string;
  labels: string[];
  answers: [string, string, string][];
  truth?: Record<string, string>;
  expected: Record<string, Record<string, unknown>>;
}

export function readFixture(name: string): ToyFixture {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as ToyFixture;
}

export function encodeFixture(fixture: ToyFixture, options: EncodeOptions = {}): CategoricalData {
  return encodeAnswers(
    fixture.answers.map(([task, worker, label]) => ({ task, worker, label })),
    { labels: fixture.labels, ...options },
  );
}

export const TRUTH_INFERENCE_DATASETS = [
  'd_Duck_Identification',
  'd_jn-product',
  'd_sentiment',
  's4_Dog_data',
  's4_Face_Sentiment_Identification',
  's4_Relevance',
  's5_AdultContent',
] as const;

export async function loadDataset(
  name: string,
  options: EncodeOptions = {},
): Promise<{ data: CategoricalData; truth: Map<string, string> }> {
  const answersPath = sharedPath(`datasets/truth-inference/${name}.answers.csv`);
  const data = await encodeAnswersAsync(readAnswersCsv(createReadStream(answersPath), { sourceName: answersPath }), options);
  const truthPath = sharedPath(`datasets/truth-inference/${name}.truth.csv`);
  const truth = new Map<string, string>();
  for await (const row of readCsv(createReadStream(truthPath), ['task', 'label'], { sourceName: truthPath })) {
    truth.set(row.task, row.label);
  }
  return { data, truth };
}

/** Share of tasks with a known truth (and at least one answer) whose consolidated label is right. */
export function accuracy(data: CategoricalData, labels: Int32Array, truth: Map<string, string>): { accuracy: number; evaluated: number } {
  let evaluated = 0;
  let correct = 0;
  data.tasks.forEach((task, t) => {
    const expected = truth.get(task);
    if (expected === undefined) return;
    evaluated++;
    if (labels[t] >= 0 && data.labels[labels[t]] === expected) correct++;
  });
  return { accuracy: correct / evaluated, evaluated };
}

/** A Fisher–Yates shuffle drawing from `random` (such as fast-check's stream of integers), so a failing property run replays. */
export function shuffle<T>(items: readonly T[], random: Iterator<number>): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = (random.next().value as number) % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
