import { consolidatePayload, type ConsolidationMethod } from '@quorum/consolidate';
import { validatePostAnnotationEvent, QuorumValidationError } from '@quorum/schema';
import type { Command } from '../command.js';
import { CliError, ExitCode } from '../errors.js';
import { readJson, writeOutput } from '../files.js';
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

export const consolidateCommand: Command = {
  name: 'consolidate',
  summary: 'consolidate a post-annotation payload into the Lambda response',
  usage: [
    'Usage: quorum consolidate --payload <payload.json> --label-attribute <name>',
    '                          [--method majority|dawid-skene|gt-dawid-skene] [--out response.json]',
    '',
    'Reads a Ground Truth post-annotation payload file (the file at payload.s3Uri: data objects',
    'with every worker\'s annotation) and writes the response a post-annotation Lambda returns:',
    '[{datasetObjectId, consolidatedAnnotation: {content: {<name>: {label}, <name>-metadata: …}}}].',
    'Malformed annotations are reported on stderr with their data object and worker; the valid',
    'ones are still consolidated, and the exit code is 1.',
    '',
    'Options:',
    '  --payload <file>          the payload JSON file (required)',
    '  --label-attribute <name>  labelAttributeName of the job (or give --event)',
    '  --event <file>            a post-annotation event: its labelAttributeName and labelCategories are used',
    '  --categories <a,b,…>      the allowed labels in order (default: the event\'s labelCategories, else as seen)',
    '  --method <name>           gt-dawid-skene (default: Ground Truth\'s modified Dawid-Skene, as the',
    '                            Lambda handler uses), dawid-skene (full confusion matrices) or majority',
    '  --answer-name <name>      the form field holding the classifier answer (default: the only one with a label)',
    '  --seed <n>                seed of majority vote\'s random tie-break (default 0, so runs repeat)',
    '  --out <file>              write the response here (default: standard output)',
    '  --errors <file>           also write the problems found as a JSON array',
  ].join('\n'),
  options: {
    payload: { type: 'string', short: 'p' },
    'label-attribute': { type: 'string', short: 'l' },
    event: { type: 'string' },
    categories: { type: 'string' },
    method: { type: 'string', short: 'm' },
    'answer-name': { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string', short: 'o' },
    errors: { type: 'string' },
  },
  required: ['payload'],
  async run(values, _positionals, io) {
    const methodName = (values.method as string | undefined) ?? 'gt-dawid-skene';
    const method = methods[methodName];
    if (!method) {
      throw new CliError(`--method must be one of majority, dawid-skene, gt-dawid-skene; got "${methodName}"`);
    }
    let labelAttributeName = values['label-attribute'] as string | undefined;
    let labelCategories = (values.categories as string | undefined)?.split(',').map((label) => label.trim());
    if (values.event) {
      const eventPath = values.event as string;
      const event = validatePostAnnotationEvent(await readJson(eventPath, 'event'));
      if (!event.valid) throw new QuorumValidationError(event.issues, eventPath, 'post-annotation event');
      labelAttributeName ??= event.value.labelAttributeName;
      labelCategories ??= event.value.labelCategories;
    }
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
    const { response, errors } = consolidatePayload(payload, {
      labelAttributeName,
      method,
      ...(labelCategories ? { labelCategories } : {}),
      ...(values['answer-name'] ? { answerName: values['answer-name'] as string } : {}),
      ...(seed !== undefined ? { seed } : {}),
    });
    await writeOutput(values.out as string | undefined, `${JSON.stringify(response, null, 2)}\n`, io.stdout);
    await reportItemErrors(payloadPath, errors, io, values.errors as string | undefined);
    return errors.length > 0 ? ExitCode.partial : ExitCode.ok;
  },
};
