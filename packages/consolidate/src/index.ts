/**
 * @quorum/consolidate: typed consolidation of crowd answers (majority vote, Dawid-Skene) and Ground
 * Truth pre-/post-annotation functions. Pure and platform-neutral: no DOM, no Node APIs, no AWS SDK
 * (the Lambda handlers live at `@quorum/consolidate/lambda`).
 */
export {
  CategoricalEncoder,
  encodeAnswers,
  encodeAnswersAsync,
  type AnswerRow,
  type CategoricalData,
  type DuplicatePolicy,
  type EncodeOptions,
} from './encode.js';
export { mulberry32 } from './random.js';
export {
  argmaxLowest,
  checkCategoricalData,
  decodeLabels,
  TIE_TOLERANCE,
  type ClassificationResult,
  type DecodedLabel,
} from './classification/types.js';
export { majorityVote, type MajorityVoteOptions } from './classification/majority-vote.js';
export { dawidSkene, type DawidSkeneOptions } from './classification/dawid-skene.js';
export {
  normalizePreAnnotationResponse,
  preAnnotation,
  type PreAnnotationOptions,
} from './lambda/pre-annotation.js';
export {
  consolidatePayload,
  postAnnotation,
  type ConsolidateOptions,
  type ConsolidationMethod,
  type ItemError,
  type PostAnnotationOptions,
  type PostAnnotationResult,
} from './lambda/post-annotation.js';
export { parseS3Uri, type S3Location } from './lambda/s3-uri.js';
export {
  buildOutputManifest,
  groundTruthDate,
  type ManifestError,
  type ManifestTaskType,
  type OutputManifestOptions,
} from './manifest.js';
export { CsvError, parseCsv, readAnswersCsv, readCsv, type CsvOptions, type CsvRecord, type CsvRow } from './io/csv.js';
export { JsonLinesError, parseJsonLines, readJsonLines, type JsonLine, type JsonLinesOptions } from './io/jsonl.js';
export { textChunks, type TextChunk, type TextSource } from './io/text-source.js';
