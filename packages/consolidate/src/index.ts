/**
 * @quorum/consolidate: typed consolidation of crowd answers (majority vote, Dawid-Skene, GLAD, MACE, …) and Ground
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
  EM_TIE_TOLERANCE,
  TIE_TOLERANCE,
  type ByWorker,
  type ClassificationResult,
  type DecodedLabel,
  type GoldLabels,
} from './classification/types.js';
export { majorityVote, type MajorityVoteOptions } from './classification/majority-vote.js';
export { dawidSkene, type DawidSkeneOptions } from './classification/dawid-skene.js';
export { oneCoinDawidSkene, type OneCoinDawidSkeneOptions } from './classification/one-coin-dawid-skene.js';
export { weightedMajorityVote, type WeightedMajorityVoteOptions } from './classification/weighted-majority-vote.js';
export { goldMajorityVote, type GoldMajorityVoteOptions } from './classification/gold-majority-vote.js';
export { wawa } from './classification/wawa.js';
export { zeroBasedSkill, type ZeroBasedSkillOptions } from './classification/zero-based-skill.js';
export { glad, type GladOptions, type GladResult } from './classification/glad.js';
export { mace, type MaceOptions, type MaceResult } from './classification/mace.js';
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
