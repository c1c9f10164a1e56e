import type { AjvError, CompiledValidator } from './compiled-validator.js';
import * as compiled from './generated/validators.js';
import type {
  AnswerObject,
  CrowdClassifierAnswer,
  CrowdCheckboxAnswer,
  CrowdClassifierMultiSelectAnswer,
  CrowdInputAnswer,
  CrowdRadioButtonAnswer,
  CrowdSliderAnswer,
  CrowdTextAreaAnswer,
  CrowdToggleButtonAnswer,
  CrowdChatTranscriptAnswer,
  CrowdPairwiseAnswer,
  CrowdRankingAnswer,
  CrowdTextRankingAnswer,
  CrowdQuestionAnswerGenerationAnswer,
  CrowdBoundingBoxAnswer,
  CrowdKeypointAnswer,
  CrowdImageClassifierAnswer,
  CrowdImageClassifierMultiSelectAnswer,
  CrowdPolygonAnswer,
  CrowdLineAnswer,
  CrowdPolylineAnswer,
  CrowdSemanticSegmentationAnswer,
  CrowdInstanceSegmentationAnswer,
  CrowdTextractAnalyzeDocumentAnswer,
  CrowdRekognitionDetectModerationLabelsAnswer,
  CrowdRatingAnswer,
  CrowdRubricAnswer,
  CrowdEntityAnnotationAnswer,
  DataObject,
  LabelMetadata,
  OutputManifestLine,
  PayloadAnnotation,
  PayloadItem,
  PostAnnotationEvent,
  PostAnnotationPayload,
  PostAnnotationResponse,
  PreAnnotationEvent,
  PreAnnotationResponseInput,
} from './types.js';

/** One thing wrong with a value: where (a JSON pointer into it), what, and the offending value. */
export interface ValidationIssue {
  /** JSON pointer to the offending value, e.g. `/0/annotations/1/workerId`; `` for the value itself. */
  path: string;
  message: string;
  value?: unknown;
}

export type ValidationResult<T> = { valid: true; value: T } | { valid: false; issues: ValidationIssue[] };

/** Thrown by {@link assertValid}: carries every issue and where the value came from (a file, an event). */
export class QuorumValidationError extends Error {
  readonly issues: ValidationIssue[];
  readonly where: string | undefined;

  constructor(issues: ValidationIssue[], where?: string, what = 'value') {
    super(formatIssues(issues, where, what));
    this.name = 'QuorumValidationError';
    this.issues = issues;
    this.where = where;
  }
}

function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let current: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function messageFor(error: AjvError): string {
  switch (error.keyword) {
    case 'required':
      return `is missing the required property "${String(error.params.missingProperty)}"`;
    case 'additionalProperties':
      return `has an unexpected property "${String(error.params.additionalProperty)}"`;
    case 'type':
      return `must be of type ${String(error.params.type)}`;
    case 'enum':
      return `must be one of ${describe(error.params.allowedValues)}`;
    case 'pattern':
      return `must match the pattern ${String(error.params.pattern)}`;
    default:
      return error.message ?? `fails the "${error.keyword}" rule`;
  }
}

/**
 * Ajv reports every failed branch of an anyOf/oneOf; a reader wants the few that say what to fix.
 * Keep the deepest issues per path and drop the generic "must match a schema in anyOf" summaries
 * when a more specific issue at the same or a deeper path exists.
 */
function toIssues(errors: AjvError[], data: unknown): ValidationIssue[] {
  const specific = errors.filter((error) => error.keyword !== 'anyOf' && error.keyword !== 'oneOf' && error.keyword !== 'if');
  const chosen = specific.length > 0 ? specific : errors;
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const error of chosen) {
    const message = messageFor(error);
    const key = `${error.instancePath}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const issue: ValidationIssue = { path: error.instancePath, message };
    const value = valueAt(data, error.instancePath);
    if (value !== undefined && (value === null || typeof value !== 'object')) issue.value = value;
    issues.push(issue);
  }
  return issues;
}

/** Formats issues as one readable block: `<where>: <what> is invalid:` then one line per issue. */
export function formatIssues(issues: ValidationIssue[], where?: string, what = 'value'): string {
  const head = `${where ? `${where}: ` : ''}${what} is invalid:`;
  const lines = issues.map(
    (issue) => `  - ${issue.path || '(root)'} ${issue.message}${'value' in issue ? ` (found ${describe(issue.value)})` : ''}`,
  );
  return [head, ...lines].join('\n');
}

function validator<T>(compiledValidator: CompiledValidator) {
  return (data: unknown): ValidationResult<T> =>
    compiledValidator(data)
      ? { valid: true, value: data as T }
      : { valid: false, issues: toIssues(compiledValidator.errors ?? [], data) };
}

export const validateCrowdClassifierAnswer = validator<CrowdClassifierAnswer>(compiled.crowdClassifierAnswer);
export const validateCrowdClassifierMultiSelectAnswer = validator<CrowdClassifierMultiSelectAnswer>(compiled.crowdClassifierMultiSelectAnswer);
export const validateCrowdCheckboxAnswer = validator<CrowdCheckboxAnswer>(compiled.crowdCheckboxAnswer);
export const validateCrowdRadioButtonAnswer = validator<CrowdRadioButtonAnswer>(compiled.crowdRadioButtonAnswer);
export const validateCrowdToggleButtonAnswer = validator<CrowdToggleButtonAnswer>(compiled.crowdToggleButtonAnswer);
export const validateCrowdInputAnswer = validator<CrowdInputAnswer>(compiled.crowdInputAnswer);
export const validateCrowdTextAreaAnswer = validator<CrowdTextAreaAnswer>(compiled.crowdTextAreaAnswer);
export const validateCrowdSliderAnswer = validator<CrowdSliderAnswer>(compiled.crowdSliderAnswer);
export const validateCrowdRatingAnswer = validator<CrowdRatingAnswer>(compiled.crowdRatingAnswer);
export const validateCrowdPairwiseAnswer = validator<CrowdPairwiseAnswer>(compiled.crowdPairwiseAnswer);
export const validateCrowdRubricAnswer = validator<CrowdRubricAnswer>(compiled.crowdRubricAnswer);
export const validateCrowdChatTranscriptAnswer = validator<CrowdChatTranscriptAnswer>(compiled.crowdChatTranscriptAnswer);
export const validateCrowdRankingAnswer = validator<CrowdRankingAnswer>(compiled.crowdRankingAnswer);
export const validateCrowdTextRankingAnswer = validator<CrowdTextRankingAnswer>(compiled.crowdTextRankingAnswer);
export const validateCrowdQuestionAnswerGenerationAnswer = validator<CrowdQuestionAnswerGenerationAnswer>(compiled.crowdQuestionAnswerGenerationAnswer);
export const validateCrowdEntityAnnotationAnswer = validator<CrowdEntityAnnotationAnswer>(compiled.crowdEntityAnnotationAnswer);
export const validateCrowdBoundingBoxAnswer = validator<CrowdBoundingBoxAnswer>(compiled.crowdBoundingBoxAnswer);
export const validateCrowdKeypointAnswer = validator<CrowdKeypointAnswer>(compiled.crowdKeypointAnswer);
export const validateCrowdImageClassifierAnswer = validator<CrowdImageClassifierAnswer>(compiled.crowdImageClassifierAnswer);
export const validateCrowdImageClassifierMultiSelectAnswer = validator<CrowdImageClassifierMultiSelectAnswer>(compiled.crowdImageClassifierMultiSelectAnswer);
export const validateCrowdPolygonAnswer = validator<CrowdPolygonAnswer>(compiled.crowdPolygonAnswer);
export const validateCrowdLineAnswer = validator<CrowdLineAnswer>(compiled.crowdLineAnswer);
export const validateCrowdPolylineAnswer = validator<CrowdPolylineAnswer>(compiled.crowdPolylineAnswer);
export const validateCrowdSemanticSegmentationAnswer = validator<CrowdSemanticSegmentationAnswer>(compiled.crowdSemanticSegmentationAnswer);
export const validateCrowdInstanceSegmentationAnswer = validator<CrowdInstanceSegmentationAnswer>(compiled.crowdInstanceSegmentationAnswer);
export const validateCrowdTextractAnalyzeDocumentAnswer = validator<CrowdTextractAnalyzeDocumentAnswer>(compiled.crowdTextractAnalyzeDocumentAnswer);
export const validateCrowdRekognitionDetectModerationLabelsAnswer = validator<CrowdRekognitionDetectModerationLabelsAnswer>(compiled.crowdRekognitionDetectModerationLabelsAnswer);
export const validateAnswerObject = validator<AnswerObject>(compiled.answerObject);
export const validateDataObject = validator<DataObject>(compiled.dataObject);
export const validatePreAnnotationEvent = validator<PreAnnotationEvent>(compiled.preAnnotationEvent);
export const validatePreAnnotationResponse = validator<PreAnnotationResponseInput>(compiled.preAnnotationResponse);
export const validatePostAnnotationEvent = validator<PostAnnotationEvent>(compiled.postAnnotationEvent);
export const validatePostAnnotationPayload = validator<PostAnnotationPayload>(compiled.postAnnotationPayload);
export const validatePayloadItem = validator<PayloadItem>(compiled.payloadItem);
export const validatePayloadAnnotation = validator<PayloadAnnotation>(compiled.payloadAnnotation);
export const validatePostAnnotationResponse = validator<PostAnnotationResponse>(compiled.postAnnotationResponse);
export const validateLabelMetadata = validator<LabelMetadata>(compiled.labelMetadata);

/**
 * Checks one output-manifest line: an object holding `<labelAttributeName>` and a valid
 * `<labelAttributeName>-metadata` (either Ground Truth spelling).
 */
export function validateOutputManifestLine(line: unknown, labelAttributeName: string): ValidationResult<OutputManifestLine> {
  if (line === null || typeof line !== 'object' || Array.isArray(line)) {
    return { valid: false, issues: [{ path: '', message: 'must be a JSON object' }] };
  }
  const record = line as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  if (!(labelAttributeName in record)) {
    issues.push({ path: '', message: `is missing the label attribute "${labelAttributeName}"` });
  }
  const metadataKey = `${labelAttributeName}-metadata`;
  if (!(metadataKey in record)) {
    issues.push({ path: '', message: `is missing "${metadataKey}"` });
  } else {
    const metadata = validateLabelMetadata(record[metadataKey]);
    if (!metadata.valid) {
      const prefix = `/${metadataKey.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      issues.push(...metadata.issues.map((issue) => ({ ...issue, path: prefix + issue.path })));
    }
  }
  return issues.length === 0 ? { valid: true, value: record as OutputManifestLine } : { valid: false, issues };
}

/** Returns the value typed when valid; otherwise throws a {@link QuorumValidationError} naming `where`. */
export function assertValid<T>(
  validate: (data: unknown) => ValidationResult<T>,
  data: unknown,
  where?: string,
  what?: string,
): T {
  const result = validate(data);
  if (!result.valid) throw new QuorumValidationError(result.issues, where, what);
  return result.value;
}
