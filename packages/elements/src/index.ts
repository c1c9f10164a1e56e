/**
 * @quorum/elements: Lit web components with Ground Truth's crowd-* tag names and answer shapes.
 *
 * This entry has no side effects: it exports the classes without defining any tag. Call
 * {@link defineElements} (or import `@quorum/elements/register.js`) to define them all.
 */
export { ClassificationTarget } from './classification-target/classification-target.js';
export { CrowdButton, type CrowdButtonFormAction, type CrowdButtonVariant } from './crowd-button/crowd-button.js';
export { CrowdClassifier } from './crowd-classifier/crowd-classifier.js';
export { CrowdBoundingBox } from './crowd-bounding-box/crowd-bounding-box.js';
export { CrowdKeypoint } from './crowd-keypoint/crowd-keypoint.js';
export { CrowdPolygon } from './crowd-polygon/crowd-polygon.js';
export { CrowdLine } from './crowd-line/crowd-line.js';
export { CrowdPolyline } from './crowd-polyline/crowd-polyline.js';
export { CrowdImageClassifier } from './crowd-image-classifier/crowd-image-classifier.js';
export { CrowdImageClassifierMultiSelect } from './crowd-image-classifier-multi-select/crowd-image-classifier-multi-select.js';
export { WorkerComment } from './worker-comment/worker-comment.js';
export { CrowdForm, PREVIEW_OUTPUT_ID, type CrowdSubmitDetail, type CrowdSubmitEvent } from './crowd-form/crowd-form.js';
export { CrowdCheckbox } from './crowd-checkbox/crowd-checkbox.js';
export { CrowdClassifierMultiSelect } from './crowd-classifier-multi-select/crowd-classifier-multi-select.js';
export { CrowdInput } from './crowd-input/crowd-input.js';
export { CrowdRadioButton } from './crowd-radio-button/crowd-radio-button.js';
export { CrowdRadioGroup } from './crowd-radio-group/crowd-radio-group.js';
export { CrowdSlider } from './crowd-slider/crowd-slider.js';
export { CrowdTextArea } from './crowd-text-area/crowd-text-area.js';
export { CrowdToggleButton } from './crowd-toggle-button/crowd-toggle-button.js';
export { DOUBLE_SUBMIT_MS, DRAFT_SAVE_DELAY_MS } from './crowd-form/crowd-form.js';
export { DRAFT_VERSION, draftStorageKey } from './crowd-form/drafts.js';
export { HISTORY_LIMIT, TYPING_BURST_MS } from './crowd-form/history.js';
export { CheckableControl } from './internal/checkable.js';
export { TextFieldControl } from './internal/text-field.js';
export { CrowdChatTranscript, parseTurns, type ChatTurn } from './crowd-chat-transcript/crowd-chat-transcript.js';
export { CrowdPairwise, parseDimensions, type PairwiseDimension } from './crowd-pairwise/crowd-pairwise.js';
export { CrowdRanking } from './crowd-ranking/crowd-ranking.js';
export { CrowdTextRanking, parseRankingDimensions, type OrdinalRankingDimension } from './crowd-text-ranking/crowd-text-ranking.js';
export { CrowdQuestionAnswerGeneration } from './crowd-question-answer-generation/crowd-question-answer-generation.js';
export { CrowdRating, type CrowdRatingVariant } from './crowd-rating/crowd-rating.js';
export { CrowdRubric, parseCriteria, type RubricCriterion } from './crowd-rubric/crowd-rubric.js';
export { CrowdAlert, type CrowdAlertType } from './crowd-alert/crowd-alert.js';
export { CrowdBadge } from './crowd-badge/crowd-badge.js';
export { CrowdCard } from './crowd-card/crowd-card.js';
export { CrowdFab } from './crowd-fab/crowd-fab.js';
export { CrowdIconButton } from './crowd-icon-button/crowd-icon-button.js';
export { CrowdInstructions } from './crowd-instructions/crowd-instructions.js';
export { CrowdModal } from './crowd-modal/crowd-modal.js';
export { CrowdTab } from './crowd-tab/crowd-tab.js';
export { CrowdTabs } from './crowd-tabs/crowd-tabs.js';
export { CrowdToast } from './crowd-toast/crowd-toast.js';
export { CrowdEntityAnnotation, parseEntitySpans } from './crowd-entity-annotation/crowd-entity-annotation.js';
export { DialogTrigger, type LinkType } from './internal/dialog-trigger.js';
export { FullInstructions, REGION_CHANGE_EVENT } from './full-instructions/full-instructions.js';
export { ShortInstructions } from './short-instructions/short-instructions.js';
export { ELEMENTS_READY_EVENT, announceElementsReady, defineElements, elementClasses, type QuorumElementClass } from './define.js';
export { coreElementClasses } from './elements-core.js';
export { spatialElementClasses } from './elements-spatial.js';
export { SPATIAL_BUNDLE_FILE, SPATIAL_TAGS } from './spatial-tags.js';
export { SPATIAL_ERROR_ID, SPATIAL_SRC_ATTRIBUTE } from './internal/spatial-loader.js';
export { QuorumControl } from './internal/control.js';
export { QuorumRegion } from './internal/region.js';
export {
  FORM_ACTION_EVENT,
  FormActionEvent,
  REGISTER_CONTROL_EVENT,
  RegisterControlEvent,
  requestFormAction,
  type AnswerEntry,
  type AnswerSource,
  type ControlRegistry,
  type FormAction,
  type KeyboardShortcut,
} from './internal/form-protocol.js';
export { LiteralSyntaxError, parseLiteral, parseStringArray, type LiteralValue, type ParseLiteralOptions } from './internal/literal.js';
export type { QuorumGlobal } from './internal/global.js';
export { WARNINGS_URL } from './internal/warn.js';
export { CrowdSemanticSegmentation } from './crowd-semantic-segmentation/crowd-semantic-segmentation.js';
export { CrowdInstanceSegmentation, INSTANCE_COLORS } from './crowd-instance-segmentation/crowd-instance-segmentation.js';
export type { SegmentationTool } from './internal/spatial/segmentation-annotator.js';
export { CrowdTextractAnalyzeDocument } from './crowd-textract-analyze-document/crowd-textract-analyze-document.js';
export { CrowdRekognitionDetectModerationLabels } from './crowd-rekognition-detect-moderation-labels/crowd-rekognition-detect-moderation-labels.js';
export { type CrowdAnswerInvalidDetail, type CrowdAnswerInvalidEvent } from './crowd-form/crowd-form.js';
export { checkAnswerSchema, UnsupportedSchemaError, type AnswerIssue, type AnswerValidationResult, type AnswerValidator } from './crowd-form/answer-check.js';
