import { ClassificationTarget } from './classification-target/classification-target.js';
import { CrowdButton } from './crowd-button/crowd-button.js';
import { CrowdClassifier } from './crowd-classifier/crowd-classifier.js';
import { CrowdBoundingBox } from './crowd-bounding-box/crowd-bounding-box.js';
import { CrowdKeypoint } from './crowd-keypoint/crowd-keypoint.js';
import { CrowdPolygon } from './crowd-polygon/crowd-polygon.js';
import { CrowdLine } from './crowd-line/crowd-line.js';
import { CrowdPolyline } from './crowd-polyline/crowd-polyline.js';
import { CrowdImageClassifier } from './crowd-image-classifier/crowd-image-classifier.js';
import { CrowdImageClassifierMultiSelect } from './crowd-image-classifier-multi-select/crowd-image-classifier-multi-select.js';
import { WorkerComment } from './worker-comment/worker-comment.js';
import { CrowdForm } from './crowd-form/crowd-form.js';
import { CrowdCheckbox } from './crowd-checkbox/crowd-checkbox.js';
import { CrowdClassifierMultiSelect } from './crowd-classifier-multi-select/crowd-classifier-multi-select.js';
import { CrowdInput } from './crowd-input/crowd-input.js';
import { CrowdRadioButton } from './crowd-radio-button/crowd-radio-button.js';
import { CrowdRadioGroup } from './crowd-radio-group/crowd-radio-group.js';
import { CrowdSlider } from './crowd-slider/crowd-slider.js';
import { CrowdTextArea } from './crowd-text-area/crowd-text-area.js';
import { CrowdToggleButton } from './crowd-toggle-button/crowd-toggle-button.js';
import { CrowdChatTranscript } from './crowd-chat-transcript/crowd-chat-transcript.js';
import { CrowdPairwise } from './crowd-pairwise/crowd-pairwise.js';
import { CrowdRanking } from './crowd-ranking/crowd-ranking.js';
import { CrowdTextRanking } from './crowd-text-ranking/crowd-text-ranking.js';
import { CrowdQuestionAnswerGeneration } from './crowd-question-answer-generation/crowd-question-answer-generation.js';
import { CrowdRating } from './crowd-rating/crowd-rating.js';
import { CrowdRubric } from './crowd-rubric/crowd-rubric.js';
import { CrowdAlert } from './crowd-alert/crowd-alert.js';
import { CrowdBadge } from './crowd-badge/crowd-badge.js';
import { CrowdCard } from './crowd-card/crowd-card.js';
import { CrowdFab } from './crowd-fab/crowd-fab.js';
import { CrowdIconButton } from './crowd-icon-button/crowd-icon-button.js';
import { CrowdInstructions } from './crowd-instructions/crowd-instructions.js';
import { CrowdModal } from './crowd-modal/crowd-modal.js';
import { CrowdTab } from './crowd-tab/crowd-tab.js';
import { CrowdTabs } from './crowd-tabs/crowd-tabs.js';
import { CrowdToast } from './crowd-toast/crowd-toast.js';
import { CrowdEntityAnnotation } from './crowd-entity-annotation/crowd-entity-annotation.js';
import { FullInstructions } from './full-instructions/full-instructions.js';
import { ShortInstructions } from './short-instructions/short-instructions.js';
import { describeElement, warnOnce } from './internal/warn.js';

/** An element class with the tag it is defined under (each class's `tagName` is the only place a tag is written). */
export interface QuorumElementClass extends CustomElementConstructor {
  readonly tagName: string;
}

/** Every element of this package. */
export const elementClasses: readonly QuorumElementClass[] = [
  CrowdForm,
  CrowdClassifier,
  CrowdButton,
  ClassificationTarget,
  ShortInstructions,
  FullInstructions,
  CrowdClassifierMultiSelect,
  CrowdCheckbox,
  CrowdRadioGroup,
  CrowdRadioButton,
  CrowdInput,
  CrowdTextArea,
  CrowdSlider,
  CrowdToggleButton,
  CrowdBoundingBox,
  CrowdKeypoint,
  CrowdPolygon,
  CrowdLine,
  CrowdPolyline,
  CrowdImageClassifier,
  CrowdImageClassifierMultiSelect,
  WorkerComment,
  CrowdRating,
  CrowdPairwise,
  CrowdRubric,
  CrowdChatTranscript,
  CrowdRanking,
  CrowdTextRanking,
  CrowdQuestionAnswerGeneration,
  CrowdInstructions,
  CrowdAlert,
  CrowdBadge,
  CrowdCard,
  CrowdTabs,
  CrowdTab,
  CrowdModal,
  CrowdToast,
  CrowdIconButton,
  CrowdFab,
  CrowdEntityAnnotation,
];

/** Fired on `document` once the elements are defined and those in the page have rendered. */
export const ELEMENTS_READY_EVENT = 'all-crowd-elements-ready';

/**
 * Defines every element in `registry` (the global one by default). Tags that are already
 * defined are skipped, so loading the bundle twice, or next to another copy, does not throw;
 * a tag taken by a different class gets a warning.
 */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  for (const elementClass of elementClasses) {
    const existing = registry.get(elementClass.tagName);
    if (existing === undefined) {
      registry.define(elementClass.tagName, elementClass);
    } else if (existing !== elementClass) {
      warnOnce(registry, 'already-defined', `<${elementClass.tagName}> is already defined by other code; Quorum's element is not used.`, elementClass.tagName);
    }
  }
}

/**
 * Resolves once the document is parsed and every Quorum element in it has rendered, then fires
 * `all-crowd-elements-ready` on `document` (Ground Truth templates wait for it before touching
 * the elements).
 */
export async function announceElementsReady(): Promise<void> {
  if (document.readyState === 'loading') {
    await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  }
  const tags = elementClasses.map((elementClass) => elementClass.tagName);
  await Promise.all(tags.map((tag) => customElements.whenDefined(tag)));
  const elements = [...document.querySelectorAll(tags.join(','))];
  await Promise.all(
    elements.map(async (element) => {
      try {
        await (element as Partial<{ updateComplete: Promise<unknown> }>).updateComplete;
      } catch (error) {
        warnOnce(element, 'render-failed', `${describeElement(element)} failed to render: ${(error as Error).message}`);
      }
    }),
  );
  document.dispatchEvent(new Event(ELEMENTS_READY_EVENT, { bubbles: true }));
}
