import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  CATEGORICAL_METHODS,
  consolidateAnswersAsync,
  consolidatePayload,
  jobNameOf,
  parseS3Uri,
  planFromAnswerSchema,
  type AttributeConfig,
  type CategoricalMethod,
  type ConsolidationMethod,
  type ObjectWriter,
} from '@quorum/consolidate';
import { validatePostAnnotationEvent, QuorumValidationError } from '@quorum/schema';
import { extractAnswerSchema } from '@quorum/templates';
import type { Command } from '../command.js';
import { CliError, ExitCode } from '../errors.js';
import { readJson, readText, writeOutput } from '../files.js';
import { engineOption } from '../options.js';
import { reportItemErrors } from '../report.js';

const methods: Record<string, ConsolidationMethod> = {
  majority: 'majority-vote',
  'majority-vote': 'majority-vote',
  mv: 'majority-vote',
  'dawid-skene': 'dawid-skene',
  ds: 'dawid-skene',
  'gt-dawid-skene': 'gt-dawid-skene',
  'gt-ds': 'gt-dawid-skene',
};

/** The categorical method of `--method` when answers are dispatched by kind (any `quorum aggregate` method works there too). */
const dispatchMethods: Record<string, CategoricalMethod> = {
  majority: 'mv',
  'majority-vote': 'mv',
  'dawid-skene': 'ds',
  'gt-dawid-skene': 'gt-ds',
  ...Object.fromEntries(CATEGORICAL_METHODS.map((method) => [method, method])),
};

export const consolidateCommand: Command = {
  name: 'consolidate',
  summary: 'consolidate a post-annotation payload into the Lambda response',
  usage: [
    'Usage: quorum consolidate --payload <payload.json> --label-attribute <name>',
    '                          [--schema <answer.schema.json> | --template <template>]',
    '                          [--method majority|dawid-skene|gt-dawid-skene] [--out response.json]',
    '',
    'Reads a Ground Truth post-annotation payload file (the file at payload.s3Uri: data objects',
    'with every worker\'s annotation) and writes the response a post-annotation Lambda returns.',
    '',
    'With --schema (from `quorum schema`) or --template, every answer of the template is consolidated',
    'by its kind: classifier, radio and <select> answers by a categorical method; multi-select and',
    'checkboxes by binary relevance; ratings and sliders by --statistic; crowd-pairwise by vote with',
    'Bradley-Terry scores; rankings by Borda or Plackett-Luce per dimension; entity spans by',
    'character voting; boxes, keypoints, polygons and lines by matching; free text by its medoid (the',
    'answer closest to the others by edit distance); semantic segmentation by a pixel-wise vote, the',
    'label image written as <dir>/<datasetObjectId>_<date>.png (--out-dir); instance segmentation and',
    'anything else is kept as every worker\'s answer. An object whose only answer is a segmentation',
    'gets Ground Truth\'s built-in content: <name>-ref (the file path, or --output-prefix + file name)',
    'and <name>-ref-metadata with internal-color-map (write its manifest with quorum manifest',
    '--task-type semantic-segmentation).',
    'The response is then',
    '  [{datasetObjectId, consolidatedAnnotation: {content: {<name>: {<answer>: …}, <name>-metadata:',
    '     {"worker-count", "human-annotated", answers: {<answer>: {kind, method, confidence, …}}}}}}]',
    'Without them, the one classifier answer is consolidated:',
    '  [{datasetObjectId, consolidatedAnnotation: {content: {<name>: {label}, <name>-metadata: …}}}].',
    'Malformed annotations are reported on stderr with their data object, worker and answer; the',
    'valid ones are still consolidated, and the exit code is 1.',
    '',
    'Options:',
    '  --payload <file>          the payload JSON file (required)',
    '  --label-attribute <name>  labelAttributeName of the job (or give --event)',
    '  --event <file>            a post-annotation event: its labelAttributeName and labelCategories are used',
    '  --categories <a,b,…>      the allowed labels in order (default: the event\'s labelCategories, else as seen)',
    '  --schema <file>           the template\'s answer schema (quorum schema): consolidate every answer by kind',
    '  --template <file>         the task template: its answer schema is extracted (with each answer\'s element)',
    '  --engine <name>           liquid or handlebars, for --template (default: from the file name, then the source)',
    '  --method <name>           categorical answers: gt-dawid-skene (default: Ground Truth\'s modified',
    '                            Dawid-Skene, as the Lambda handler uses), dawid-skene (full confusion',
    '                            matrices) or majority; with --schema/--template also mv, wmv, ds, ds1,',
    '                            gt-ds, glad, mace, wawa, zbs',
    '  --statistic <name>        ratings (with --schema/--template): mean (default), median, trimmed-mean, standardised',
    '  --ranking <name>          rankings (with --schema/--template): borda (default) or plackett-luce',
    '  --bootstrap <n>           bootstrap samples of each rating interval (default 1000; 0 for none)',
    '  --answer-name <name>      without a schema: the form field holding the classifier answer',
    '                            (default: the only one with a label)',
    '  --seed <n>                seed of random tie-breaks and bootstraps (default 0, so runs repeat)',
    '  --out-dir <dir>           segmentation: write the consolidated label images (PNG) into this folder',
    '  --output-prefix <s3://…>  segmentation: record each image as <prefix><file name> (where you upload',
    '                            --out-dir) instead of its local path',
    '  --job-name <name>         segmentation: job-name of the metadata (default: from --event\'s labelingJobArn)',
    '  --out <file>              write the response here (default: standard output)',
    '  --errors <file>           also write the problems found as a JSON array',
  ].join('\n'),
  options: {
    payload: { type: 'string', short: 'p' },
    'label-attribute': { type: 'string', short: 'l' },
    event: { type: 'string' },
    categories: { type: 'string' },
    schema: { type: 'string' },
    template: { type: 'string' },
    engine: { type: 'string' },
    method: { type: 'string', short: 'm' },
    statistic: { type: 'string' },
    ranking: { type: 'string' },
    bootstrap: { type: 'string' },
    'answer-name': { type: 'string' },
    seed: { type: 'string' },
    'out-dir': { type: 'string' },
    'output-prefix': { type: 'string' },
    'job-name': { type: 'string' },
    out: { type: 'string', short: 'o' },
    errors: { type: 'string' },
  },
  required: ['payload'],
  async run(values, _positionals, io) {
    const dispatch = values.schema !== undefined || values.template !== undefined;
    if (values.schema !== undefined && values.template !== undefined) throw new CliError('give --schema or --template, not both');
    for (const option of ['statistic', 'ranking', 'bootstrap', 'engine', 'out-dir', 'output-prefix', 'job-name'] as const) {
      if (values[option] !== undefined && !dispatch) throw new CliError(`--${option} applies to --schema or --template`);
    }
    if (dispatch && values['answer-name'] !== undefined) throw new CliError('--answer-name applies without --schema/--template (every answer is consolidated with them)');
    const methodName = (values.method as string | undefined) ?? 'gt-dawid-skene';
    const method = methods[methodName];
    const dispatchMethod = dispatchMethods[methodName];
    if (dispatch ? !dispatchMethod : !method) {
      throw new CliError(`--method must be one of ${dispatch ? Object.keys(dispatchMethods).join(', ') : 'majority, dawid-skene, gt-dawid-skene'}; got "${methodName}"`);
    }
    if (values['output-prefix'] !== undefined && values['out-dir'] === undefined) throw new CliError('--output-prefix names where the images of --out-dir are uploaded: give --out-dir too');
    let labelAttributeName = values['label-attribute'] as string | undefined;
    let jobName = values['job-name'] as string | undefined;
    let labelCategories = (values.categories as string | undefined)?.split(',').map((label) => label.trim());
    if (values.event) {
      const eventPath = values.event as string;
      const event = validatePostAnnotationEvent(await readJson(eventPath, 'event'));
      if (!event.valid) throw new QuorumValidationError(event.issues, eventPath, 'post-annotation event');
      labelAttributeName ??= event.value.labelAttributeName;
      labelCategories ??= event.value.labelCategories;
      jobName ??= jobNameOf(event.value.labelingJobArn);
    }
    if (labelCategories?.length === 0) labelCategories = undefined;
    if (!labelAttributeName) throw new CliError(`give --label-attribute <name> or --event <event.json>\n\n${this.usage}`);
    let seed: number | undefined;
    if (values.seed !== undefined) {
      seed = Number(values.seed);
      if (!Number.isInteger(seed)) throw new CliError(`--seed must be an integer, not "${String(values.seed)}"`);
    }
    const payloadPath = values.payload as string;
    const payload = await readJson(payloadPath, 'payload');
    if (!Array.isArray(payload)) {
      throw new CliError(`${payloadPath}: the payload must be a JSON array of data objects ({datasetObjectId, dataObject, annotations})`);
    }
    if (!dispatch) {
      const { response, errors } = consolidatePayload(payload, {
        labelAttributeName,
        method: method!,
        ...(labelCategories ? { labelCategories } : {}),
        ...(values['answer-name'] ? { answerName: values['answer-name'] as string } : {}),
        ...(seed !== undefined ? { seed } : {}),
      });
      await writeOutput(values.out as string | undefined, `${JSON.stringify(response, null, 2)}\n`, io.stdout);
      await reportItemErrors(payloadPath, errors, io, values.errors as string | undefined);
      return errors.length > 0 ? ExitCode.partial : ExitCode.ok;
    }

    const { schema, elements, source } = await answerSchemaOf(values, io);
    const plan = planFromAnswerSchema(schema, elements);
    for (const note of plan.notes) io.stderr.write(`${source}: note: ${note}\n`);
    const attributes = methodOverrides(plan.attributes, values, values.method === undefined ? undefined : dispatchMethod);
    let bootstrapSamples: number | undefined;
    if (values.bootstrap !== undefined) {
      bootstrapSamples = Number(values.bootstrap);
      if (!Number.isInteger(bootstrapSamples) || bootstrapSamples < 0 || String(values.bootstrap).trim() === '') throw new CliError(`--bootstrap must be an integer ≥ 0, not "${String(values.bootstrap)}"`);
    }
    const { response, errors } = await consolidateAnswersAsync(payload, {
      labelAttributeName,
      schema,
      elements,
      attributes,
      writeObject: fileWriter(values['out-dir'] as string | undefined, values['output-prefix'] as string | undefined),
      ...(jobName ? { jobName } : {}),
      ...(labelCategories ? { labelCategories } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(bootstrapSamples !== undefined ? { bootstrapSamples } : {}),
    });
    await writeOutput(values.out as string | undefined, `${JSON.stringify(response, null, 2)}\n`, io.stdout);
    await reportItemErrors(payloadPath, errors, io, values.errors as string | undefined);
    return errors.length > 0 ? ExitCode.partial : ExitCode.ok;
  },
};

/**
 * Writes consolidated label images into `outDir` and returns the reference recorded in the response:
 * `<outputPrefix><name>` when given, else the file's absolute path. Without `outDir` each image is
 * an error of its data object that says which option is missing.
 */
function fileWriter(outDir: string | undefined, outputPrefix: string | undefined): ObjectWriter {
  if (outDir === undefined) {
    return async (name) => {
      throw new Error(`give --out-dir <dir> to write ${name} (and --output-prefix s3://bucket/prefix/ to record where you upload it)`);
    };
  }
  let prefix: string | undefined;
  if (outputPrefix !== undefined) {
    prefix = outputPrefix.endsWith('/') ? outputPrefix : `${outputPrefix}/`;
    try {
      parseS3Uri(`${prefix}x`);
    } catch (error) {
      throw new CliError(`--output-prefix: ${(error as Error).message}`);
    }
  }
  let ready: Promise<unknown> | undefined;
  return async (name, bytes) => {
    ready ??= mkdir(resolve(outDir), { recursive: true });
    await ready;
    const path = resolve(join(outDir, name));
    await writeFile(path, bytes);
    return prefix === undefined ? path : `${prefix}${name}`;
  };
}

/** The answer schema from --schema, or extracted from --template with the element of each answer. */
async function answerSchemaOf(values: Record<string, unknown>, io: { stderr: NodeJS.WritableStream }): Promise<{ schema: unknown; elements: Record<string, string>; source: string }> {
  if (values.schema !== undefined) {
    const path = values.schema as string;
    const schema = await readJson(path, 'answer schema');
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) throw new CliError(`${path}: an answer schema must be a JSON object (the output of quorum schema)`);
    return { schema, elements: {}, source: path };
  }
  const path = values.template as string;
  const text = await readText(path, 'template');
  const extracted = extractAnswerSchema(text, { filename: path, engine: engineOption(values.engine) });
  for (const note of extracted.notes) io.stderr.write(`${path}:${note.line}:${note.column}: note: ${note.message}\n`);
  const elements: Record<string, string> = {};
  for (const control of extracted.controls) {
    // Native inputs are named by their tag only; their kind comes from the schema.
    if (control.key?.kind === 'static' && control.tag.startsWith('crowd-')) elements[control.key.name] ??= control.tag;
  }
  return { schema: extracted.schema, elements, source: path };
}

/** Per-answer configs that carry --method, --statistic and --ranking into the plan. */
function methodOverrides(planned: Record<string, AttributeConfig>, values: Record<string, unknown>, method: CategoricalMethod | undefined): Record<string, AttributeConfig> {
  const statistic = values.statistic as string | undefined;
  if (statistic !== undefined && !['mean', 'median', 'trimmed-mean', 'standardised'].includes(statistic)) {
    throw new CliError(`--statistic must be mean, median, trimmed-mean or standardised; got "${statistic}"`);
  }
  const ranking = values.ranking as string | undefined;
  if (ranking !== undefined && ranking !== 'borda' && ranking !== 'plackett-luce') throw new CliError(`--ranking must be borda or plackett-luce; got "${ranking}"`);
  const overrides: Record<string, AttributeConfig> = {};
  for (const [key, config] of Object.entries(planned)) {
    if (config.kind === 'categorical' && method) overrides[key] = { ...config, method };
    if (config.kind === 'rating' && statistic) overrides[key] = { ...config, statistic: statistic as AttributeConfig['statistic'] };
    if (config.kind === 'ranking' && ranking) overrides[key] = { ...config, rankingMethod: ranking as AttributeConfig['rankingMethod'] };
  }
  return overrides;
}
