import type { ConsolidatedItem, JsonObject, JsonValue, OutputManifestLine } from '@quorum/schema';

/** Output format: Ground Truth's custom-workflow metadata, or one of its built-in classification types. */
export type ManifestTaskType = 'custom' | 'text-classification' | 'image-classification';

export interface OutputManifestOptions {
  labelAttributeName: string;
  /** Labeling job name, written as `job_name` (custom) or `job-name` (built-in types). */
  jobName: string;
  /** When the labels were created; default now. Written like Ground Truth: `2020-10-18T22:18:13.527000` (UTC, no zone). */
  creationDate?: Date;
  /**
   * `custom` (default): a custom workflow; the consolidated content is written as returned, with
   * `type: "groundTruth/custom"`, `job_name`, `creation_date`. The classification types write the
   * built-in format: `<attr>` is the class index as a string and the metadata has `class-name`,
   * `confidence`, `type: "groundtruth/<taskType>"`, `job-name`, `creation-date`.
   */
  taskType?: ManifestTaskType;
  /** Class list for the built-in types (the job's label categories); the class index is a position in it. */
  labelCategories?: readonly string[];
  /**
   * Field of an input line that holds its `datasetObjectId`. Default: none, and a line's id is its
   * 0-based position among the input lines, the numbering Ground Truth's examples use ("0", "1", …).
   * Pass every line of the manifest (e.g. `text.split('\n')`), unparsed ones included, so positions
   * stay line numbers; blank strings keep their position and are skipped without an error.
   */
  idField?: string;
}

/** A line or response item that could not be written; `line` is the 0-based input line index. */
export interface ManifestError {
  line?: number;
  datasetObjectId?: string;
  message: string;
}

/**
 * Builds output-manifest lines: each input line plus `<labelAttributeName>` and
 * `<labelAttributeName>-metadata`, in input order. Every input line is either in `lines` or in
 * `errors` (no consolidated item, unparsable JSON, a label outside `labelCategories`), and so is every
 * response item that matches no line.
 *
 * Formats: https://docs.aws.amazon.com/sagemaker/latest/dg/sms-data-output.html (built-in types) and
 * https://docs.aws.amazon.com/sagemaker/latest/dg/sms-custom-templates-step3-lambda-requirements.html
 * (custom workflows).
 */
export function buildOutputManifest(
  inputLines: Iterable<string | object>,
  response: readonly ConsolidatedItem[],
  options: OutputManifestOptions,
): { lines: OutputManifestLine[]; errors: ManifestError[] } {
  const { labelAttributeName: attribute, jobName, idField } = options;
  const taskType = options.taskType ?? 'custom';
  if (typeof attribute !== 'string' || attribute === '') throw new TypeError('labelAttributeName must be a non-empty string');
  if (typeof jobName !== 'string' || jobName === '') throw new TypeError('jobName must be a non-empty string');
  if (!['custom', 'text-classification', 'image-classification'].includes(taskType)) {
    throw new RangeError(`taskType must be custom, text-classification or image-classification, found ${JSON.stringify(taskType)}`);
  }
  if (taskType !== 'custom' && !options.labelCategories) {
    throw new TypeError(`taskType ${taskType} needs labelCategories to turn a label into its class index`);
  }
  const creationDate = groundTruthDate(options.creationDate ?? new Date());
  const metadataKey = `${attribute}-metadata`;
  const errors: ManifestError[] = [];

  const byId = new Map<string, ConsolidatedItem>();
  for (const item of response) {
    if (byId.has(item.datasetObjectId)) {
      errors.push({ datasetObjectId: item.datasetObjectId, message: 'appears more than once in the response; the first is used' });
    } else byId.set(item.datasetObjectId, item);
  }
  const used = new Set<string>();
  const lines: OutputManifestLine[] = [];
  let index = -1;
  for (const input of inputLines) {
    index++;
    let line: JsonObject;
    if (typeof input === 'string') {
      if (input.trim() === '') continue;
      try {
        line = JSON.parse(input) as JsonObject;
      } catch (cause) {
        errors.push({ line: index, message: `is not valid JSON (${(cause as Error).message})` });
        continue;
      }
    } else line = input as JsonObject;
    if (line === null || typeof line !== 'object' || Array.isArray(line)) {
      errors.push({ line: index, message: 'is not a JSON object' });
      continue;
    }
    const idValue = idField === undefined ? String(index) : line[idField];
    if (typeof idValue !== 'string' && typeof idValue !== 'number') {
      errors.push({ line: index, message: `has no ${idField} field to match a datasetObjectId` });
      continue;
    }
    const id = String(idValue);
    const item = byId.get(id);
    if (!item) {
      errors.push({ line: index, datasetObjectId: id, message: 'has no consolidated annotation in the response' });
      continue;
    }
    used.add(id);
    const content = item.consolidatedAnnotation.content;
    const consolidatedMetadata = asObject(content[metadataKey]);
    if (taskType === 'custom') {
      const output: OutputManifestLine = { ...line };
      for (const [key, value] of Object.entries(content)) if (key !== metadataKey) output[key] = value;
      output[metadataKey] = {
        ...consolidatedMetadata,
        type: 'groundTruth/custom',
        job_name: jobName,
        'human-annotated': 'yes',
        creation_date: creationDate,
      };
      lines.push(output);
      continue;
    }
    const label = labelOf(content[attribute]) ?? stringOf(consolidatedMetadata['class-name']);
    const classIndex = label === undefined ? -1 : options.labelCategories!.indexOf(label);
    if (classIndex < 0) {
      errors.push({
        line: index,
        datasetObjectId: id,
        message:
          label === undefined
            ? `the consolidated content has no label under "${attribute}"`
            : `label "${label}" is not one of the label categories ${JSON.stringify(options.labelCategories)}`,
      });
      continue;
    }
    const confidence = consolidatedMetadata.confidence;
    lines.push({
      ...line,
      [attribute]: String(classIndex),
      [metadataKey]: {
        'class-name': label!,
        ...(typeof confidence === 'number' && { confidence }),
        type: `groundtruth/${taskType}`,
        'job-name': jobName,
        'human-annotated': 'yes',
        'creation-date': creationDate,
      },
    });
  }
  for (const id of byId.keys()) {
    if (!used.has(id)) errors.push({ datasetObjectId: id, message: 'matches no input line' });
  }
  return { lines, errors };
}

/** Ground Truth's timestamp format: ISO 8601 in UTC with microseconds and no zone suffix. */
export function groundTruthDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('creationDate is an invalid Date');
  return `${date.toISOString().slice(0, -1)}000`;
}

function asObject(value: JsonValue | undefined): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function stringOf(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function labelOf(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  return stringOf(asObject(value).label);
}
