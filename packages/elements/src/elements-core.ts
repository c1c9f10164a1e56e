/**
 * The element classes of the drop-in core bundle (`crowd-html-elements.js`): every element but the
 * spatial ones (elements-spatial.ts), which the core loads on first use.
 */
import { ClassificationTarget } from './classification-target/classification-target.js';
import { CrowdButton } from './crowd-button/crowd-button.js';
import { CrowdClassifier } from './crowd-classifier/crowd-classifier.js';
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
import type { QuorumElementClass } from './internal/definition.js';

/** Every element of the core bundle. */
export const coreElementClasses: readonly QuorumElementClass[] = [
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
