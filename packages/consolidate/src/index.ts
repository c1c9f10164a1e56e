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
  consolidateBoundingBoxes,
  intersectionOverUnion,
  type BoxConsolidationOptions,
  type BoxConsolidationResult,
  type ConsolidatedBox,
} from './spatial/boxes.js';
export {
  consolidateKeypoints,
  type ConsolidatedKeypoint,
  type KeypointConsolidationOptions,
  type KeypointConsolidationResult,
} from './spatial/keypoints.js';
export type { SpatialError, WorkerAnswer } from './spatial/common.js';
export {
  consolidatePolygons,
  polygonArea,
  polygonIoU,
  type ConsolidatedPolygon,
  type PolygonConsolidationOptions,
  type PolygonConsolidationResult,
  type ShapeConsolidationError,
  type Vertex,
} from './spatial/polygons.js';
export {
  consolidateLines,
  consolidatePolylines,
  polylineDistance,
  type ConsolidatedPolyline,
  type PolylineConsolidationOptions,
  type PolylineConsolidationResult,
} from './spatial/lines.js';
export {
  aggregateCategorical,
  CATEGORICAL_METHODS,
  scoreAgainstTruth,
  type AggregateOptions,
  type CategoricalMethod,
  type TruthScore,
} from './classification/methods.js';
export { percentAgreement } from './agreement/percent-agreement.js';
export { cohenKappa, type CohenKappaOptions, type CohenKappaResult } from './agreement/cohen-kappa.js';
export { fleissKappa } from './agreement/fleiss-kappa.js';
export { krippendorffAlpha, type KrippendorffAlphaOptions, type MeasurementLevel } from './agreement/krippendorff-alpha.js';
export { workerReport, type WorkerAgreement, type WorkerReportOptions } from './agreement/worker-report.js';
export { bootstrapInterval, quantile, UnitSums, type BootstrapOptions, type ConfidenceInterval } from './agreement/units.js';
export type { AgreementOptions, AgreementResult } from './agreement/types.js';
export { consolidateRatings, ratingValues, type RatingOptions, type RatingResult, type RatingStatistic } from './ratings/ratings.js';
export {
  preferenceRowsFromRatings,
  preferenceRowsFromVotes,
  rewardRows,
  type DroppedItem,
  type PairwiseJudgement,
  type PreferenceOptions,
  type PreferenceRow,
  type RatedPreferenceOptions,
  type RatedResponse,
  type RewardOptions,
  type RewardRow,
} from './rlhf/export.js';
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
export {
  CsvColumns,
  CsvError,
  CsvParser,
  parseCsv,
  readAnswersCsv,
  readCsv,
  type CsvOptions,
  type CsvRecord,
  type CsvRecordHandler,
  type CsvRow,
} from './io/csv.js';
export { JsonLinesError, LineSplitter, parseJsonLines, readJsonLines, type JsonLine, type JsonLinesOptions } from './io/jsonl.js';
export { encodeAnswersCsv, encodeAnswersJsonLines, type AnswerFileOptions } from './io/answers.js';
export { textChunks, type TextChunk, type TextSource } from './io/text-source.js';
export {
  bradleyTerry,
  encodeComparisons,
  OUTCOME_A,
  OUTCOME_B,
  OUTCOME_TIE,
  PairwiseEncoder,
  pairwiseFromAnswers,
  type BradleyTerryOptions,
  type BradleyTerryResult,
  type Comparison,
  type PairwiseAnswer,
  type PairwiseAnswerError,
  type PairwiseData,
  type PairwiseFromAnswersResult,
} from './pairwise/bradley-terry.js';
export {
  denseRanksOf,
  rankingTasksFromAnswers,
  type RankingAnswer,
  type RankingError,
  type RankingResult,
  type RankingTask,
  type TaskConsensus,
  type WorkerRanking,
} from './ranking/common.js';
export { bordaCount } from './ranking/borda.js';
export { plackettLuce, type PlackettLuceOptions, type PlackettLuceResult, type PlackettLuceTask } from './ranking/plackett-luce.js';
export {
  consolidateSpans,
  type ConsolidatedSpan,
  type EntityAnnotation,
  type EntitySpan,
  type SpanConsolidationOptions,
  type SpanConsolidationResult,
  type SpanError,
} from './spans/character-vote.js';
export {
  binaryRelevance,
  decodeMultiLabel,
  type BinaryRelevanceOptions,
  type BinaryRelevanceResult,
  type MultiLabelAnswer,
  type MultiLabelError,
} from './multilabel/binary-relevance.js';
export {
  BACKGROUND_CLASS,
  consolidateSemanticSegmentation,
  consolidateSemanticSegmentationPayload,
  SEGMENTATION_PALETTE,
  SegmentationConsolidationError,
  semanticSegmentationManifestFields,
  type ColorMapEntry,
  type SegmentationConsolidationOptions,
  type SegmentationConsolidationResult,
  type SegmentationError,
  type SegmentationItemResult,
  type SegmentationManifestOptions,
  type SegmentationPayloadOptions,
} from './spatial/segmentation.js';
export { decodeBase64, decodePng, encodeBase64, encodeIndexedPng, MAX_PNG_PIXELS, PngError, type IndexedImage, type RgbaImage } from './spatial/png.js';
export { explainPreAnnotation, type ExplainedPreAnnotation, type PreAnnotationOutput, type ResponseFlagFormat } from './lambda/pre-annotation.js';
export { canonicalJson, compileRouting, RoutingOptionsError, unitHash, type A2ICondition, type A2ISimpleCondition, type ActivationConditionOptions, type EqualsRule, type EscalationRule, type HumanLoopActivationConditions, type InRule, type KeywordsRule, type RegexRule, type RoutingDecision, type RoutingOptions, type RoutingReason, type SamplingOptions, type ThresholdRule } from './lambda/routing.js';
export { parseJsonPath, resolveJsonPath, type JsonPath, type PathSegment } from './lambda/json-path.js';
export { consolidateAnswers, type ConsolidateAnswersOptions, type ConsolidateAnswersResult } from './dispatch/consolidate.js';
export { ANSWER_KINDS, checkAttributeConfigs, planFromAnswerSchema, type AnswerKind, type AnswerPlan, type AnswerShape, type AttributeConfig } from './dispatch/plan.js';
export { parsePayloadItems, type ParsedAnnotation, type ParsedItem } from './dispatch/payload.js';
export { MANIFEST_TASK_TYPES } from './manifest.js';
export { encodeWorkerComparisons, noisyBradleyTerry, type NoisyBradleyTerryOptions, type NoisyBradleyTerryResult, type WorkerComparison, type WorkerPairwiseData } from './pairwise/noisy-bt.js';
export { aggregateText, levenshtein, normalisedEditDistance, textMedoid, type MedoidResult, type TextAnswerRow, type TextCompareOptions, type TextConsensus } from './text/medoid.js';
export { consolidateAnswersAsync, type ConsolidateAnswersAsyncOptions, type ObjectWriter } from './dispatch/consolidate.js';
export { jobNameOf, type PostAnnotationObjectWriter } from './lambda/post-annotation.js';
export { segmentationRefName } from './manifest.js';
export { IdTable, type IdLookup } from './encode.js';
export { consolidateInstanceSegmentation, INSTANCE_PALETTE, MAX_INSTANCES, type ConsolidatedInstance, type DroppedInstance, type InstanceMember, type InstanceSegmentationOptions, type InstanceSegmentationResult } from './spatial/instance-segmentation.js';
