/**
 * @quorum/elements: Lit web components with Ground Truth's crowd-* tag names and answer shapes.
 *
 * This entry has no side effects: it exports the classes without defining any tag. Call
 * {@link defineElements} (or import `@quorum/elements/register.js`) to define them all.
 */
export { ClassificationTarget } from './classification-target/classification-target.js';
export { CrowdButton, type CrowdButtonFormAction, type CrowdButtonVariant } from './crowd-button/crowd-button.js';
export { CrowdClassifier } from './crowd-classifier/crowd-classifier.js';
export { CrowdForm, PREVIEW_OUTPUT_ID, type CrowdSubmitDetail, type CrowdSubmitEvent } from './crowd-form/crowd-form.js';
export { FullInstructions, REGION_CHANGE_EVENT } from './full-instructions/full-instructions.js';
export { ShortInstructions } from './short-instructions/short-instructions.js';
export { ELEMENTS_READY_EVENT, announceElementsReady, defineElements, elementClasses, type QuorumElementClass } from './define.js';
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
} from './internal/form-protocol.js';
export { LiteralSyntaxError, parseLiteral, parseStringArray, type LiteralValue, type ParseLiteralOptions } from './internal/literal.js';
export type { QuorumGlobal } from './internal/global.js';
export { WARNINGS_URL } from './internal/warn.js';
