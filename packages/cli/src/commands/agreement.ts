import {
  cohenKappa,
  fleissKappa,
  krippendorffAlpha,
  percentAgreement,
  workerReport,
  type AgreementResult,
  type BootstrapOptions,
  type MeasurementLevel,
} from '@quorum/consolidate';
import type { Command } from '../command.js';
import { CliError, ExitCode } from '../errors.js';
import { writeOutput } from '../files.js';
import { answerFileOptions, answerFileUsage, ProblemLog, Progress, readAnswerFile } from './aggregate.js';

const METRICS = ['alpha', 'fleiss', 'cohen', 'percent'] as const;
type Metric = (typeof METRICS)[number];
const LEVELS: MeasurementLevel[] = ['nominal', 'ordinal', 'interval'];

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const format = (value: number | undefined, digits = 4) => (value === undefined || Number.isNaN(value) ? 'undefined' : value.toFixed(digits));

export const agreementCommand: Command = {
  name: 'agreement',
  summary: 'inter-annotator agreement (Krippendorff\'s α, Fleiss\' κ, Cohen\'s κ, percent) with bootstrap CI',
  usage: [
    'Usage: quorum agreement <answers.csv|answers.jsonl> [--metric alpha|fleiss|cohen|percent]',
    '                        [--level nominal|ordinal|interval] [--report workers.csv]',
    '',
    'Reads task,worker,label answers (as `quorum aggregate` does) and prints how much the workers agree,',
    'with a percentile bootstrap confidence interval over tasks (seeded, so runs repeat). A worker\'s',
    'repeated answers to one task count once; tasks with a single worker do not count.',
    '',
    'Metrics: alpha Krippendorff\'s α (default) · fleiss Fleiss\' κ · cohen Cohen\'s κ of two workers',
    '(--workers a,b, or the only two), or with more workers the mean over pairs (Light\'s κ) · percent',
    'the share of agreeing answer pairs (not corrected for chance).',
    '',
    'Options:',
    '  --metric <name>           alpha, fleiss, cohen or percent (default alpha)',
    '  --level <level>           alpha: nominal (default), ordinal (label order) or interval (labels as numbers)',
    '  --workers <a,b>           cohen: the two workers to compare',
    '  --min-shared <n>          cohen with many workers: pairs sharing fewer tasks are left out (default 10)',
    '  --bootstrap <n>           bootstrap samples (default 1000; 0 for no interval)',
    '  --seed <n>                seed of the bootstrap (default 0)',
    '  --confidence <p>          coverage of the interval (default 0.95)',
    '  --report <file>           also write a per-worker CSV: worker,answers,shared,agreement,estimated_accuracy',
    '                            (agreement with the other workers\' majority; accuracy estimated by Dawid-Skene)',
    '  --json                    print the result as JSON',
    ...answerFileUsage,
  ].join('\n'),
  options: {
    metric: { type: 'string', short: 'm' },
    level: { type: 'string' },
    workers: { type: 'string' },
    'min-shared': { type: 'string' },
    bootstrap: { type: 'string' },
    seed: { type: 'string' },
    confidence: { type: 'string' },
    report: { type: 'string' },
    json: { type: 'boolean' },
    ...answerFileOptions,
  },
  operands: { name: 'answers file', min: 1, max: 1 },
  async run(values, positionals, io) {
    const metric = ((values.metric as string | undefined) ?? 'alpha') as Metric;
    if (!METRICS.includes(metric)) throw new CliError(`--metric must be one of ${METRICS.join(', ')}; got "${metric}"`);
    const level = ((values.level as string | undefined) ?? 'nominal') as MeasurementLevel;
    if (!LEVELS.includes(level)) throw new CliError(`--level must be one of ${LEVELS.join(', ')}; got "${level}"`);
    if (values.level !== undefined && metric !== 'alpha') throw new CliError('--level is an option of --metric alpha');
    const integer = (name: string, fallback: number, min: number) => {
      if (values[name] === undefined) return fallback;
      const value = Number(values[name]);
      if (!Number.isInteger(value) || value < min) throw new CliError(`--${name} must be an integer ≥ ${min}, not "${String(values[name])}"`);
      return value;
    };
    const bootstrap: BootstrapOptions = { samples: integer('bootstrap', 1000, 0), seed: integer('seed', 0, -(2 ** 31)) };
    if (values.confidence !== undefined) {
      const level = Number(values.confidence);
      if (!(level > 0 && level < 1)) throw new CliError(`--confidence must be a number between 0 and 1, not "${String(values.confidence)}"`);
      bootstrap.level = level;
    }
    let workers: [string, string] | undefined;
    if (values.workers !== undefined) {
      if (metric !== 'cohen') throw new CliError('--workers is an option of --metric cohen');
      const ids = (values.workers as string).split(',').map((id) => id.trim());
      if (ids.length !== 2 || ids.some((id) => id === '')) throw new CliError(`--workers takes two worker ids separated by a comma, not "${String(values.workers)}"`);
      workers = [ids[0]!, ids[1]!];
    }
    const minShared = integer('min-shared', 10, 1);

    const [answersPath] = positionals as [string];
    const problems = new ProblemLog();
    const progress = new Progress(io);
    const data = await readAnswerFile(answersPath, values, problems, progress);

    let result: AgreementResult & { pairs?: number };
    let title: string;
    progress.update(`${metric}: computing with ${bootstrap.samples} bootstrap samples…`, true);
    try {
      switch (metric) {
        case 'alpha':
          result = krippendorffAlpha(data, { level, bootstrap });
          title = `Krippendorff's α (${level})`;
          break;
        case 'fleiss':
          result = fleissKappa(data, { bootstrap });
          title = 'Fleiss\' κ';
          break;
        case 'cohen':
          result = cohenKappa(data, { bootstrap, minSharedTasks: minShared, ...(workers ? { workers } : {}) });
          title = workers || data.workers.length === 2 ? `Cohen's κ (${(workers ?? data.workers).join(' vs ')})` : `Light's κ (mean Cohen's κ over ${result.pairs} pairs of workers sharing ≥ ${minShared} tasks)`;
          break;
        case 'percent':
          result = percentAgreement(data, { bootstrap });
          title = 'percent agreement';
          break;
      }
    } catch (error) {
      if (error instanceof RangeError) throw new CliError(`${answersPath}: ${error.message}`);
      throw error;
    } finally {
      progress.clear();
    }

    if (values.json) {
      io.stdout.write(`${JSON.stringify({ metric, ...(metric === 'alpha' ? { level } : {}), ...result, value: Number.isNaN(result.value) ? null : result.value }, null, 2)}\n`);
    } else {
      const interval = result.interval
        ? `  ${Math.round(result.interval.level * 100)} % CI [${format(result.interval.lower)}, ${format(result.interval.upper)}] (${result.interval.samples} bootstrap samples over tasks, seed ${bootstrap.seed})`
        : '';
      const lines = [`${title}: ${format(result.value)}${interval}`];
      const details = [`${result.units} tasks with ≥ 2 workers, ${result.values} answers`];
      if (result.observed !== undefined) details.push(`observed agreement ${format(result.observed)}`);
      if (result.expected !== undefined) details.push(`expected by chance ${format(result.expected)}`);
      if (result.observedDisagreement !== undefined) details.push(`observed disagreement ${format(result.observedDisagreement)}, expected ${format(result.expectedDisagreement)}`);
      lines.push(details.join('; '));
      if (Number.isNaN(result.value)) lines.push('the coefficient is undefined: too few shared tasks, or every answer has the same label');
      io.stdout.write(`${lines.join('\n')}\n`);
    }

    if (values.report) {
      const rows = workerReport(data).map(
        (row) => `${csvField(row.worker)},${row.answers},${row.shared},${Number.isNaN(row.agreement) ? '' : row.agreement.toFixed(6)},${row.estimatedAccuracy.toFixed(6)}`,
      );
      await writeOutput(values.report as string, `worker,answers,shared,agreement,estimated_accuracy\n${rows.join('\n')}\n`, io.stdout);
    }
    await problems.report(io, values.errors as string | undefined);
    return problems.problems.length > 0 ? ExitCode.partial : ExitCode.ok;
  },
};
