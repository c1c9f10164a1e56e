import type { PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { QuorumRegion } from '../internal/region.js';
import { workerCommentStyles } from './worker-comment.styles.js';

/**
 * @summary Lets a worker explain a choice (Ground Truth's `<worker-comment>`, used in verification
 * workflows). The image classifiers show `link-text` below the categories; it opens a dialog with
 * `header`, this region's content as guidance, and a text box with `placeholder`. The comment is
 * the answer's `workerComment`.
 *
 * @tagname worker-comment
 * @slot - Guidance on what the comment should say (any HTML).
 * @event quorum-region-change - When an attribute changes, so the task element can update its link and dialog.
 */
export class WorkerComment extends QuorumRegion {
  static readonly tagName = 'worker-comment';
  static override styles = workerCommentStyles;

  /** Title of the comment dialog. Ground Truth's default: "Add a comment." */
  @property() header = '';

  /** Text of the link that opens the dialog. Ground Truth's default: "Add a comment." */
  @property({ attribute: 'link-text' }) linkText = '';

  /** Example text shown in the empty comment box. */
  @property() placeholder = '';

  protected readonly slotName = 'worker-comment';

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Spelled out (it equals REGION_CHANGE_EVENT) so that custom-elements.json names the event.
    if (this.hasUpdated) this.dispatchEvent(new Event('quorum-region-change', { bubbles: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'worker-comment': WorkerComment;
  }
}
