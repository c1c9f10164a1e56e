import { QuorumRegion } from '../internal/region.js';
import { classificationTargetStyles } from './classification-target.styles.js';

/**
 * @summary The content to classify: text, or any HTML such as an image, a video, an audio
 * player or an embedded PDF. A region of `<crowd-classifier>`, shown as the task's main content.
 *
 * @tagname classification-target
 * @slot - The content to classify.
 */
export class ClassificationTarget extends QuorumRegion {
  static readonly tagName = 'classification-target';
  static override styles = classificationTargetStyles;

  protected readonly slotName = 'classification-target';
}

declare global {
  interface HTMLElementTagNameMap {
    'classification-target': ClassificationTarget;
  }
}
