/**
 * TypeScript types for every Quorum contract. Each type mirrors a JSON Schema in
 * `packages/schema/schemas/`; the validators in `./validate.ts` check data against
 * those schemas, and the tests check both against Ground Truth's documented examples.
 */

/** Answer of one `<crowd-classifier>`: the chosen category. */
export interface CrowdClassifierAnswer {
  label: string;
}

/**
 * Answer of one `<crowd-classifier-multi-select>`: the chosen categories in category order; `[]`
 * when the worker chose the exclusion category.
 */
export interface CrowdClassifierMultiSelectAnswer {
  labels: string[];
}

/**
 * Answer of the `<crowd-checkbox>` elements sharing a name: `{ "<value or 'on'>": checked }` per
 * element, unchecked ones as false.
 */
export type CrowdCheckboxAnswer = Record<string, boolean>;

/** Answer of the `<crowd-radio-button>` elements sharing a name: `{ "<value or 'on'>": checked }` per button. */
export type CrowdRadioButtonAnswer = Record<string, boolean>;

/** Answer of a `<crowd-toggle-button>`: `{ "<value or 'on'>": on }`. */
export type CrowdToggleButtonAnswer = Record<string, boolean>;

/** Answer of a `<crowd-input>`: the text entered (a string for every type); absent when empty. */
export type CrowdInputAnswer = string;

/** Answer of a `<crowd-text-area>`: the text entered, line breaks as `\n`; absent when empty. */
export type CrowdTextAreaAnswer = string;

/** Answer of a `<crowd-slider>`: the chosen number; absent while unset. */
export type CrowdSliderAnswer = number;

/** Answer of one `<crowd-rating>` (Quorum's shape): the chosen point of 1..max, and the comment when written. */
export interface CrowdRatingAnswer {
  rating: number;
  comment?: string;
}

/** A preference between response A and response B: A or B better, a tie, or both unacceptable. */
export type PairwiseChoice = 'A' | 'B' | 'tie' | 'both-bad';

/** How much better the chosen response is (only with choice A or B). */
export type PairwiseStrength = 'slightly' | 'much';

/** The preference on one dimension of a `<crowd-pairwise>`. */
export interface PairwisePreference {
  choice: PairwiseChoice;
  strength?: PairwiseStrength;
}

/** Answer of one `<crowd-pairwise>` (Quorum's shape): the overall preference, rationale, and one preference per dimension. */
export interface CrowdPairwiseAnswer extends PairwisePreference {
  rationale?: string;
  dimensions?: { [dimension: string]: PairwisePreference };
}

/** Score of one criterion of a `<crowd-rubric>`. */
export interface RubricCriterionScore {
  /** The chosen level, 1 (lowest) to the criterion's number of levels. */
  score: number;
  /** The level's label, when the criterion names its levels. */
  label?: string;
  comment?: string;
}

/** Answer of one `<crowd-rubric>` (Quorum's shape): a score per criterion, keyed by its name, and the overall score. */
export interface CrowdRubricAnswer {
  criteria: { [criterion: string]: RubricCriterionScore };
  overall?: number;
}

/** One turn flagged in a `<crowd-chat-transcript>`. */
export interface ChatTranscriptFlag {
  /** 0-based index of the turn. */
  turn: number;
  role: string;
  reason: string;
  comment?: string;
}

/** Answer of one `<crowd-chat-transcript>` (Quorum's shape): flagged turns in order, and the corrected reply when written. */
export interface CrowdChatTranscriptAnswer {
  flags: ChatTranscriptFlag[];
  correctedReply?: string;
}

/**
 * Answer of one `<crowd-ranking>` (Quorum's shape, after crowd-text-ranking's `responseRankings`):
 * the rank of each item in the items' original order; 1 is best, ties share a rank (dense).
 */
export interface CrowdRankingAnswer {
  responseRankings: number[];
}

/**
 * Answer of one `<crowd-text-ranking>` (Ground Truth V2; inferred, as GT documents no output):
 * per dimension, the rank of each response in the responses' original order; 1 is best, ties
 * share a rank. `name` is Quorum's addition.
 */
export interface CrowdTextRankingAnswer {
  ordinalRankingDimensions: { name?: string; responseRankings: number[] }[];
}

/** One question-answer pair written in a `<crowd-question-answer-generation>`. */
export interface QuestionAnswerPair {
  question: string;
  answer: string;
  tags: string[];
}

/** Answer of one `<crowd-question-answer-generation>` (Ground Truth V2; Quorum's shape, GT documents none). */
export interface CrowdQuestionAnswerGenerationAnswer {
  questionAnswerPairs: QuestionAnswerPair[];
}

/** One labelled span of a `<crowd-entity-annotation>`: code-point offsets, `endOffset` exclusive. */
export interface EntitySpan {
  startOffset: number;
  endOffset: number;
  label: string;
}

/** Answer of one `<crowd-entity-annotation>` (Ground Truth's shape). */
export interface CrowdEntityAnnotationAnswer {
  entities: EntitySpan[];
}

/** The natural size of the annotated image, in pixels (`inputImageProperties` of every image answer). */
export interface InputImageProperties {
  width: number;
  height: number;
}

/** One box of a `<crowd-bounding-box>` answer: integer natural pixels, top-left corner and size. */
export interface BoundingBox {
  label: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Answer of one `<crowd-bounding-box>` (Ground Truth's shape). `initialValueModified` is present
 * only when the element had an `initial-value` (adjustment and verification jobs).
 */
export interface CrowdBoundingBoxAnswer {
  boundingBoxes: BoundingBox[];
  inputImageProperties: InputImageProperties;
  initialValueModified?: boolean;
}

/** One point of a `<crowd-keypoint>` answer, in integer natural pixels. */
export interface Keypoint {
  label: string;
  x: number;
  y: number;
}

/** Answer of one `<crowd-image-classifier>` (Ground Truth's shape): the chosen category, and the worker's comment when written. */
export interface CrowdImageClassifierAnswer {
  label: string;
  workerComment?: string;
}

/**
 * Answer of one `<crowd-image-classifier-multi-select>` (Ground Truth's shape): the chosen labels in
 * category order (`[]` for the exclusion category), and the worker's comment when written.
 */
export interface CrowdImageClassifierMultiSelectAnswer {
  labels: string[];
  workerComment?: string;
}

/** One polygon of a `<crowd-polygon>` answer: its vertices in order, in integer natural pixels. */
export interface Polygon {
  label: string;
  vertices: { x: number; y: number }[];
}

/** Answer of one `<crowd-polygon>` (Ground Truth's shape). */
export interface CrowdPolygonAnswer {
  inputImageProperties: InputImageProperties;
  polygons: Polygon[];
  initialValueModified?: boolean;
}

/** One line of a `<crowd-line>` answer: its start and end point. */
export type Line = Polygon;

/** One open path of a `<crowd-polyline>` answer: its points in order. */
export type Polyline = Polygon;

/** Answer of one `<crowd-line>` (Ground Truth's shape). */
export interface CrowdLineAnswer {
  inputImageProperties: InputImageProperties;
  lines: Line[];
  initialValueModified?: boolean;
}

/** Answer of one `<crowd-polyline>` (Ground Truth's shape). */
export interface CrowdPolylineAnswer {
  inputImageProperties: InputImageProperties;
  polylines: Polyline[];
  initialValueModified?: boolean;
}

/** Answer of one `<crowd-keypoint>` (Ground Truth's shape). */
export interface CrowdKeypointAnswer {
  inputImageProperties: InputImageProperties;
  keypoints: Keypoint[];
  initialValueModified?: boolean;
}

/** JSON value as it appears in answers and manifests. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * What `<crowd-form>` submits: one entry per named control, keyed by its `name`,
 * e.g. `{"relevance": {"label": "4"}}`. Ground Truth posts it as `taskAnswers = JSON.stringify([answer])`.
 */
export type AnswerObject = { [name: string]: JsonValue };

/**
 * One line of an input manifest (and `dataObject` of the Lambda events): `source` holds inline data,
 * `source-ref` an S3 URI; any other keys are the team's own fields.
 */
export interface DataObject {
  source?: JsonValue;
  'source-ref'?: string;
  [key: string]: JsonValue | undefined;
}

/** Request Ground Truth sends to a pre-annotation Lambda. */
export interface PreAnnotationEvent {
  version: string;
  labelingJobArn: string;
  dataObject: DataObject;
}

/**
 * Response of a pre-annotation Lambda. `isHumanAnnotationRequired` defaults to true. Ground Truth's own
 * example Lambda returns `humanAnnotationRequired: "true"` instead; both spellings, as booleans or as
 * the strings "true"/"false", are accepted on input. Quorum always writes the documented form.
 */
export interface PreAnnotationResponse {
  taskInput: JsonObject;
  isHumanAnnotationRequired?: boolean;
}

/** The accepted input variants of a pre-annotation response (see {@link PreAnnotationResponse}). */
export interface PreAnnotationResponseInput {
  taskInput: JsonObject;
  isHumanAnnotationRequired?: boolean | 'true' | 'false';
  humanAnnotationRequired?: boolean | 'true' | 'false';
}

/** Request Ground Truth sends to a post-annotation (consolidation) Lambda. */
export interface PostAnnotationEvent {
  version: string;
  labelingJobArn: string;
  labelCategories?: string[];
  labelAttributeName: string;
  roleArn: string;
  payload: { s3Uri: string };
  outputConfig?: string;
}

/** One worker's annotation in the post-annotation payload. `content` is the answer object as a JSON string. */
export interface PayloadAnnotation {
  workerId: string;
  annotationData: { content?: string; s3Uri?: string };
}

/** One data object in the post-annotation payload file (the file at `payload.s3Uri`). */
export interface PayloadItem {
  datasetObjectId: string;
  dataObject: { s3Uri?: string; content?: string; [key: string]: JsonValue | undefined };
  annotations: PayloadAnnotation[];
}

/** The post-annotation payload file: an array of data objects with their annotations. */
export type PostAnnotationPayload = PayloadItem[];

/** One consolidated data object in the post-annotation Lambda response. */
export interface ConsolidatedItem {
  datasetObjectId: string;
  consolidatedAnnotation: { content: JsonObject };
}

/** Response of a post-annotation Lambda. */
export type PostAnnotationResponse = ConsolidatedItem[];

/** `<labelAttributeName>-metadata` as written by built-in task types (`type: "groundtruth/<task>"`). */
export interface BuiltInLabelMetadata {
  type: string;
  'job-name': string;
  'human-annotated': 'yes' | 'no';
  'creation-date': string;
  'class-name'?: string;
  confidence?: number;
  [key: string]: JsonValue | undefined;
}

/** `<labelAttributeName>-metadata` as written by custom workflows (`type: "groundTruth/custom"`). */
export interface CustomLabelMetadata {
  type: string;
  job_name: string;
  'human-annotated': 'yes' | 'no';
  creation_date: string;
  'class-name'?: string;
  confidence?: number;
  [key: string]: JsonValue | undefined;
}

export type LabelMetadata = BuiltInLabelMetadata | CustomLabelMetadata;

/** One line of an output manifest: the input line plus `<name>` and `<name>-metadata`. */
export type OutputManifestLine = { [key: string]: JsonValue };

/** `labeledImage` of a segmentation answer: the label PNG at the natural image size, base64 without a `data:` prefix. */
export interface LabeledImage {
  pngImageData: string;
}

/**
 * Answer of one `<crowd-semantic-segmentation>` (Ground Truth's shape): each labeled pixel of
 * `labeledImage` has the colour `labelMappings` gives its label; unlabeled pixels are transparent.
 */
export interface CrowdSemanticSegmentationAnswer {
  inputImageProperties: InputImageProperties;
  labelMappings: { [label: string]: { color: string } };
  labeledImage: LabeledImage;
  initialValueModified?: boolean;
}

/** One instance of a `<crowd-instance-segmentation>` answer: its unique colour in the PNG and its label. */
export interface SegmentationInstance {
  color: string;
  label: string;
}

/** Answer of one `<crowd-instance-segmentation>` (Ground Truth's shape): one colour per instance, a label per colour. */
export interface CrowdInstanceSegmentationAnswer {
  inputImageProperties: InputImageProperties;
  instances: SegmentationInstance[];
  labeledImage: LabeledImage;
  initialValueModified?: boolean;
}

/** A bounding box of a Textract block, in ratios of the page's width and height (0 … 1). */
export interface TextractBoundingBox {
  width: number;
  height: number;
  left: number;
  top: number;
}

/** Where a Textract block is on the page: its box and its outline, both in page ratios. */
export interface TextractGeometry {
  boundingBox: TextractBoundingBox;
  polygon?: { x: number; y: number }[];
}

/** A link from one Textract block to others: `VALUE` (key → value) or `CHILD` (block → words). */
export interface TextractRelationship {
  type: string;
  ids: string[];
}

/**
 * One reviewed Textract block (camelCase, as A2I writes it): the KEY or the VALUE of a key-value
 * pair. Fields of the input block the reviewer cannot change (e.g. `page`) pass through.
 */
export interface TextractBlock {
  blockType: string;
  id: string;
  text: string;
  entityTypes: ('KEY' | 'VALUE')[];
  relationships?: TextractRelationship[];
  geometry?: TextractGeometry;
  /** Textract's confidence (0 … 100), kept only for a block the reviewer left unchanged. */
  confidence?: number;
  page?: number;
}

/** Answer of one `<crowd-textract-analyze-document>` (Amazon A2I's shape under `AWS/Textract/AnalyzeDocument/Forms/V1`). */
export interface CrowdTextractAnalyzeDocumentAnswer {
  blocks: TextractBlock[];
}

/** A Rekognition moderation label as A2I templates pass it (camelCase). */
export interface ModerationLabel {
  name: string;
  parentName?: string;
  confidence?: number;
}

/**
 * Answer of one `<crowd-rekognition-detect-moderation-labels>` (Amazon A2I's shape under
 * `AWS/Rekognition/DetectModerationLabels/Image/V3`): the chosen categories, strings or whole
 * objects as the template gave them; `[]` for the exclusion category.
 */
export interface CrowdRekognitionDetectModerationLabelsAnswer {
  moderationLabels: (string | ModerationLabel)[];
}
