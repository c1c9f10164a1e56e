import { buildOutputManifest, type ManifestTaskType } from '@quorum/consolidate';
import { validatePostAnnotationEvent, validatePostAnnotationResponse, QuorumValidationError } from '@quorum/schema';
import type { Command } from '../command.js';
import { CliError, ExitCode } from '../errors.js';
import { readJson, readText, writeOutput } from '../files.js';
import { reportItemErrors } from '../report.js';

const taskTypes: ManifestTaskType[] = ['custom', 'text-classification', 'image-classification'];

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
    'Options:',
    '  --input <file>            the input manifest, one JSON object per line (required)',
    '  --consolidated <file>     the post-annotation response, from `quorum consolidate` (required)',
    '  --label-attribute <name>  labelAttributeName of the job (required)',
    '  --job-name <name>         the labeling job name written in the metadata (required)',
    `  --task-type <type>        ${taskTypes.join(', ')} (default custom: Ground Truth's custom-workflow metadata)`,
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
    if (taskType !== 'custom' && !labelCategories) {
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
