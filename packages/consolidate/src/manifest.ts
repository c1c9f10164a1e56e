import type { ConsolidatedItem, JsonObject, JsonValue, OutputManifestLine } from '@quorum/schema';

/**
 * Output format: Ground Truth's custom-workflow metadata, or the output of one of its built-in task
 * types (https://docs.aws.amazon.com/sagemaker/latest/dg/sms-data-output.html).
 */
export type ManifestTaskType =
  | 'custom'
  | 'text-classification'
  | 'image-classification'
  | 'text-classification-multilabel'
  | 'image-classification-multilabel'
  | 'object-detection'
  | 'named-entity-recognition'
  | 'semantic-segmentation';

/** Every task type {@link buildOutputManifest} writes. */
export const MANIFEST_TASK_TYPES: readonly ManifestTaskType[] = [
  'custom',
  'text-classification',
  'image-classification',
  'text-classification-multilabel',
  'image-classification-multilabel',
  'object-detection',
  'named-entity-recognition',
  'semantic-segmentation',
];

/** The `type` Ground Truth writes in the metadata of each built-in task type. */
const METADATA_TYPE: Record<Exclude<ManifestTaskType, 'custom'>, string> = {
  'text-classification': 'groundtruth/text-classification',
  'image-classification': 'groundtruth/image-classification',
  'text-classification-multilabel': 'groundtruth/text-classification-multilabel',
  'image-classification-multilabel': 'groundtruth/image-classification-multilabel',
  'object-detection': 'groundtruth/object-detection',
  'named-entity-recognition': 'groundtruth/text-span',
  'semantic-segmentation': 'groundtruth/semantic-segmentation',
};

/** Task types whose output names no class by its index, so they need no label categories. */
const WITHOUT_CATEGORIES: ReadonlySet<ManifestTaskType> = new Set(['custom', 'named-entity-recognition', 'semantic-segmentation']);

/** Ground Truth's segmentation attribute: the label attribute name ending in `-ref`, which it requires. */
export function segmentationRefName(labelAttributeName: string): string {
  return labelAttributeName.endsWith('-ref') ? labelAttributeName : `${labelAttributeName}-ref`;
}

export interface OutputManifestOptions {
  labelAttributeName: string;
  /** Labeling job name, written as `job_name` (custom) or `job-name` (built-in types). */
  jobName: string;
  /** When the labels were created; default now. Written like Ground Truth: `2020-10-18T22:18:13.527000` (UTC, no zone). */
  creationDate?: Date;
  /**
   * `custom` (default): a custom workflow; the consolidated content is written as returned, with
   * `type: "groundTruth/custom"`, `job_name`, `creation_date`. The built-in types write Ground
   * Truth's own format, with `type`, `job-name`, `human-annotated`, `creation-date` in the metadata:
   * - `text-classification`, `image-classification`: `<attr>` is the class index as a string;
   *   metadata `class-name`, `confidence`;
   * - `*-classification-multilabel`: `<attr>` is the array of selected class indices; metadata
   *   `class-map` (index → label, selected ones) and `confidence-map` (index → confidence);
   * - `object-detection`: `<attr>` is `{image_size: [{width, height, depth}], annotations: [{class_id,
   *   left, top, width, height}]}`; metadata `objects: [{confidence}]` and `class-map`;
   * - `named-entity-recognition`: `<attr>` is `{annotations: {entities: [...], labels: [{label}]}}`;
   *   metadata `entities: [{confidence}]` and `type: "groundtruth/text-span"`;
   * - `semantic-segmentation`: `<attr>-ref` (`-ref` appended unless the name ends with it, as Ground
   *   Truth requires) is the label image's URI; metadata `internal-color-map` (class index →
   *   `class-name`, `hex-color`, `confidence`). Read from `<attr>-ref` / `<attr>-ref-metadata` of the
   *   content, or from an answer `{ref}` whose per-answer metadata has `internal-color-map`.
   * The consolidated content may be either form `postAnnotation` writes: the classification form
   * (`{label}` under `<attr>`) or the answer-object form (`{<answerName>: …}` under `<attr>`, with
   * per-answer metadata under `answers`); see `answerName`.
   */
  taskType?: ManifestTaskType;
  /** Class list for the built-in types (the job's label categories); the class index is a position in it. */
  labelCategories?: readonly string[];
  /**
   * Which answer of an answer-object content holds the label for a built-in type; default: the only
   * answer of the right shape.
   */
  answerName?: string;
  /** `depth` written in `image_size` for object detection; default 3 (colour images, as in Ground Truth's examples). */
  imageDepth?: number;
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
  if (!MANIFEST_TASK_TYPES.includes(taskType)) {
    throw new RangeError(`taskType must be one of ${MANIFEST_TASK_TYPES.join(', ')}, found ${JSON.stringify(taskType)}`);
  }
  if (!WITHOUT_CATEGORIES.has(taskType) && !options.labelCategories) {
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
    const built = builtInLabel(taskType, content, attribute, options);
    if (typeof built === 'string') {
      errors.push({ line: index, datasetObjectId: id, message: built });
      continue;
    }
    const outputKey = taskType === 'semantic-segmentation' ? segmentationRefName(attribute) : attribute;
    lines.push({
      ...line,
      [outputKey]: built.label,
      [`${outputKey}-metadata`]: {
        ...built.metadata,
        type: METADATA_TYPE[taskType],
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

const isObject = (value: JsonValue | undefined): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The answer value and its metadata in either content form, or a message saying why none fits. */
function findAnswer(
  content: JsonObject,
  attribute: string,
  answerName: string | undefined,
  fits: (value: JsonValue) => boolean,
  expected: string,
): { value: JsonValue; metadata: JsonObject } | string {
  const value = content[attribute];
  const metadata = asObject(content[`${attribute}-metadata`]);
  const perAnswer = asObject(metadata.answers);
  if (answerName !== undefined) {
    if (!isObject(value) || value[answerName] === undefined) return `the consolidated content has no answer "${answerName}" under "${attribute}"`;
    if (!fits(value[answerName])) return `answer "${answerName}" is not ${expected}`;
    return { value: value[answerName], metadata: asObject(perAnswer[answerName]) };
  }
  if (value !== undefined && fits(value)) return { value, metadata };
  if (isObject(value)) {
    const candidates = Object.keys(value).filter((key) => fits(value[key]!));
    if (candidates.length === 1) return { value: value[candidates[0]!]!, metadata: asObject(perAnswer[candidates[0]!]) };
    if (candidates.length > 1) return `the consolidated content has several answers that are ${expected} (${candidates.join(', ')}); set answerName`;
  }
  return `the consolidated content has no ${expected} under "${attribute}"`;
}

/** `<attr>` and the type-specific metadata of a built-in task type, or a message saying what is wrong. */
function builtInLabel(
  taskType: Exclude<ManifestTaskType, 'custom'>,
  content: JsonObject,
  attribute: string,
  options: OutputManifestOptions,
): { label: JsonValue; metadata: JsonObject } | string {
  const categories = options.labelCategories ?? [];
  const classIndex = (label: string) => categories.indexOf(label);
  const outside = (labels: string[]) => `label${labels.length > 1 ? 's' : ''} ${labels.map((label) => `"${label}"`).join(', ')} ${labels.length > 1 ? 'are' : 'is'} not one of the label categories ${JSON.stringify(categories)}`;
  switch (taskType) {
    case 'text-classification':
    case 'image-classification': {
      const found = findAnswer(content, attribute, options.answerName, (value) => labelOf(value) !== undefined, 'a label');
      if (typeof found === 'string') {
        const named = stringOf(asObject(content[`${attribute}-metadata`])['class-name']);
        if (named === undefined) return found;
        return builtInClass(named, asObject(content[`${attribute}-metadata`]).confidence, classIndex, outside);
      }
      return builtInClass(labelOf(found.value)!, found.metadata.confidence, classIndex, outside);
    }
    case 'text-classification-multilabel':
    case 'image-classification-multilabel': {
      const found = findAnswer(content, attribute, options.answerName, (value) => isObject(value) && Array.isArray(value.labels), 'a multi-label answer ({labels})');
      if (typeof found === 'string') return found;
      const labels = ((found.value as JsonObject).labels as JsonValue[]).filter((label): label is string => typeof label === 'string');
      const unknown = labels.filter((label) => classIndex(label) < 0);
      if (unknown.length > 0) return outside(unknown);
      const confidences = asObject(found.metadata['confidence-map']);
      const indices = labels.map(classIndex);
      return {
        label: indices,
        metadata: {
          'class-map': Object.fromEntries(indices.map((i) => [String(i), categories[i]!])),
          'confidence-map': Object.fromEntries(indices.map((i) => [String(i), typeof confidences[categories[i]!] === 'number' ? confidences[categories[i]!]! : 0])),
        },
      };
    }
    case 'object-detection': {
      const found = findAnswer(content, attribute, options.answerName, (value) => isObject(value) && Array.isArray(value.boundingBoxes), 'a bounding-box answer ({boundingBoxes})');
      if (typeof found === 'string') return found;
      const answer = found.value as JsonObject;
      const boxes = (answer.boundingBoxes as JsonValue[]).filter(isObject);
      const unknown = [...new Set(boxes.map((box) => String(box.label)).filter((label) => classIndex(label) < 0))];
      if (unknown.length > 0) return outside(unknown);
      const image = asObject(answer.inputImageProperties);
      if (typeof image.width !== 'number' || typeof image.height !== 'number') return 'the bounding-box answer has no inputImageProperties {width, height}, which image_size needs';
      const objects = Array.isArray(found.metadata.objects) ? found.metadata.objects : [];
      const used = [...new Set(boxes.map((box) => classIndex(String(box.label))))].sort((a, b) => a - b);
      return {
        label: {
          image_size: [{ width: image.width, height: image.height, depth: options.imageDepth ?? 3 }],
          annotations: boxes.map((box) => ({ class_id: classIndex(String(box.label)), left: box.left!, top: box.top!, width: box.width!, height: box.height! })),
        },
        metadata: {
          objects: boxes.map((_, i) => ({ confidence: typeof asObject(objects[i]).confidence === 'number' ? asObject(objects[i]).confidence! : 0 })),
          'class-map': Object.fromEntries(used.map((i) => [String(i), categories[i]!])),
        },
      };
    }
    case 'named-entity-recognition': {
      const found = findAnswer(content, attribute, options.answerName, (value) => isObject(value) && Array.isArray(value.entities), 'an entity answer ({entities})');
      if (typeof found === 'string') return found;
      const entities = ((found.value as JsonObject).entities as JsonValue[]).filter(isObject);
      if (options.labelCategories) {
        const unknown = [...new Set(entities.map((entity) => String(entity.label)).filter((label) => classIndex(label) < 0))];
        if (unknown.length > 0) return outside(unknown);
      }
      const labels = options.labelCategories ?? [...new Set(entities.map((entity) => String(entity.label)))];
      const confidences = Array.isArray(found.metadata.entities) ? found.metadata.entities : [];
      return {
        label: {
          annotations: {
            labels: labels.map((label) => ({ label })),
            entities: entities.map(({ label, startOffset, endOffset }) => ({ label: label!, startOffset: startOffset!, endOffset: endOffset! })),
          },
        },
        // "If a single worker labeled each data object, the confidence value for each entity will be zero."
        metadata: {
          entities: entities.map((_, i) => ({ confidence: found.metadata['worker-count'] !== 1 && typeof asObject(confidences[i]).confidence === 'number' ? asObject(confidences[i]).confidence! : 0 })),
        },
      };
    }
    case 'semantic-segmentation': {
      const refName = segmentationRefName(attribute);
      const direct = content[refName];
      if (typeof direct === 'string') {
        const colorMap = asObject(content[`${refName}-metadata`])['internal-color-map'];
        if (!isObject(colorMap)) return `the consolidated content has "${refName}" but no internal-color-map in "${refName}-metadata"`;
        return { label: direct, metadata: { 'internal-color-map': colorMap } };
      }
      const found = findAnswer(content, attribute, options.answerName, (value) => isObject(value) && typeof value.ref === 'string', `a semantic segmentation ("${refName}" or an answer {ref})`);
      if (typeof found === 'string') return found;
      const colorMap = found.metadata['internal-color-map'];
      if (!isObject(colorMap)) return 'the semantic segmentation answer has no internal-color-map in its metadata';
      return { label: (found.value as JsonObject).ref!, metadata: { 'internal-color-map': colorMap } };
    }
  }
}

function builtInClass(
  label: string,
  confidence: JsonValue | undefined,
  classIndex: (label: string) => number,
  outside: (labels: string[]) => string,
): { label: JsonValue; metadata: JsonObject } | string {
  const index = classIndex(label);
  if (index < 0) return outside([label]);
  return { label: String(index), metadata: { 'class-name': label, ...(typeof confidence === 'number' && { confidence }) } };
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
