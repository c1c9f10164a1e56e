import { buildOutputManifest, MANIFEST_TASK_TYPES, type ManifestTaskType } from '@quorum/consolidate';
import { validatePostAnnotationEvent, validatePostAnnotationResponse, QuorumValidationError } from '@quorum/schema';
import type { Command } from '../command.js';
import { CliError, ExitCode } from '../errors.js';
import { readJson, readText, writeOutput } from '../files.js';
import { reportItemErrors } from '../report.js';

const taskTypes: readonly ManifestTaskType[] = MANIFEST_TASK_TYPES;

export const manifestCommand: Command = {
  name: 'manifest',
  summary: 'write the output manifest from the input manifest and the consolidated response',
  usage: [
    'Usage: quorum manifest --input <input.manifest> --consolidated <response.json> --label-attribute <name>',
    '                       --job-name <name> [--out output.manifest]',
    '',
    'Joins each input manifest line (JSON Lines) with its consolidated annotation (datasetObjectId is',
    'the 0-based line number, as in Ground Truth) and writes the output manifest: the input line plus',
    '<name> and <name>-metadata. Lines without a consolidated annotation, and annotations without a',
    'line, are reported on stderr; the exit code is then 1.',
    '',
    'Formats (--task-type): custom writes the consolidated content as it is, with Ground Truth\'s',
    'custom-workflow metadata (type "groundTruth/custom", job_name, creation_date). The built-in types',
    'write Ground Truth\'s own output: text-/image-classification "<class index>" with class-name and',
    'confidence; *-classification-multilabel [indices] with class-map and confidence-map;',
    'object-detection {image_size, annotations: [{class_id, left, top, width, height}]} with objects and',
    'class-map; named-entity-recognition {annotations: {entities, labels}} (type groundtruth/text-span);',
    'semantic-segmentation <name>-ref (the label image) with <name>-ref-metadata: internal-color-map.',
    'They read either response form of `quorum consolidate` (with or without --schema).',
    '',
    'Options:',
    '  --input <file>            the input manifest, one JSON object per line (required)',
    '  --consolidated <file>     the post-annotation response, from `quorum consolidate` (required)',
    '  --label-attribute <name>  labelAttributeName of the job (required)',
    '  --job-name <name>         the labeling job name written in the metadata (required)',
    `  --task-type <type>        custom (default: Ground Truth's custom-workflow metadata), ${taskTypes.filter((type) => type !== 'custom').join(', ')}`,
    '  --answer-name <name>      built-in types: the answer holding the labels, when the content has several',
    '  --image-depth <n>         object-detection: depth written in image_size (default 3)',
    '  --categories <a,b,…>      the job\'s label categories, in order (built-in types write a label\'s index)',
    '  --event <file>            a post-annotation event: its labelCategories are used',
    '  --creation-date <iso>     creation date written in the metadata (default: now)',
    '  --out <file>              write the manifest here (default: standard output)',
    '  --errors <file>           also write the problems found as a JSON array',
  ].join('\n'),
  options: {
    input: { type: 'string', short: 'i' },
    consolidated: { type: 'string', short: 'c' },
    'label-attribute': { type: 'string', short: 'l' },
    'job-name': { type: 'string', short: 'j' },
    'task-type': { type: 'string' },
    'creation-date': { type: 'string' },
    categories: { type: 'string' },
    'answer-name': { type: 'string' },
    'image-depth': { type: 'string' },
    event: { type: 'string' },
    out: { type: 'string', short: 'o' },
    errors: { type: 'string' },
  },
  required: ['input', 'consolidated', 'label-attribute', 'job-name'],
  async run(values, _positionals, io) {
    const taskType = ((values['task-type'] as string | undefined) ?? 'custom') as ManifestTaskType;
    if (!taskTypes.includes(taskType)) {
      throw new CliError(`--task-type must be one of ${taskTypes.join(', ')}; got "${taskType}"`);
    }
    let creationDate: Date | undefined;
    if (values['creation-date'] !== undefined) {
      creationDate = new Date(values['creation-date'] as string);
      if (Number.isNaN(creationDate.getTime())) {
        throw new CliError(`--creation-date must be an ISO date such as 2026-11-23T10:00:00, not "${String(values['creation-date'])}"`);
      }
    }
    const inputPath = values.input as string;
    const consolidatedPath = values.consolidated as string;
    const [inputText, consolidated] = await Promise.all([
      readText(inputPath, 'input manifest'),
      readJson(consolidatedPath, 'consolidated response'),
    ]);
    const response = validatePostAnnotationResponse(consolidated);
    if (!response.valid) throw new QuorumValidationError(response.issues, consolidatedPath, 'consolidated response');
    let labelCategories = (values.categories as string | undefined)?.split(',').map((label) => label.trim());
    if (values.event && !labelCategories) {
      const eventPath = values.event as string;
      const event = validatePostAnnotationEvent(await readJson(eventPath, 'event'));
      if (!event.valid) throw new QuorumValidationError(event.issues, eventPath, 'post-annotation event');
      labelCategories = event.value.labelCategories;
    }
    let imageDepth: number | undefined;
    if (values['image-depth'] !== undefined) {
      imageDepth = Number(values['image-depth']);
      if (!Number.isInteger(imageDepth) || imageDepth < 1) throw new CliError(`--image-depth must be a positive integer, not "${String(values['image-depth'])}"`);
    }
    if (taskType !== 'custom' && taskType !== 'named-entity-recognition' && taskType !== 'semantic-segmentation' && !labelCategories) {
      throw new CliError(`--task-type ${taskType} writes each label's index among the job's categories: give --categories or --event`);
    }
    // Every line, blank and malformed ones included, so that positions stay the 0-based line numbers
    // Ground Truth uses as datasetObjectId.
    const { lines, errors } = buildOutputManifest(inputText.split(/\r?\n/), response.value, {
      labelAttributeName: values['label-attribute'] as string,
      jobName: values['job-name'] as string,
      taskType,
      ...(labelCategories ? { labelCategories } : {}),
      ...(creationDate ? { creationDate } : {}),
      ...(values['answer-name'] !== undefined ? { answerName: values['answer-name'] as string } : {}),
      ...(imageDepth !== undefined ? { imageDepth } : {}),
    });
    const text = lines.map((line) => JSON.stringify(line)).join('\n');
    await writeOutput(values.out as string | undefined, text ? `${text}\n` : '', io.stdout);
    // Input lines are reported 1-based, as editors show them; an annotation that matches no line is
    // a problem of the consolidated file.
    const problems = errors.map((error) =>
      error.line === undefined ? { ...error, file: consolidatedPath } : { ...error, line: error.line + 1 },
    );
    await reportItemErrors(inputPath, problems, io, values.errors as string | undefined);
    return problems.length > 0 ? ExitCode.partial : ExitCode.ok;
  },
};
