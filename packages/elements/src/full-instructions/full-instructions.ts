import type { PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { QuorumRegion } from '../internal/region.js';
import { fullInstructionsStyles } from './full-instructions.styles.js';

export { REGION_CHANGE_EVENT } from '../internal/region.js';

/**
 * @summary Detailed instructions, with examples of good and bad answers. Task elements such as
 * `<crowd-classifier>` keep them in a dialog opened by a "View full instructions" button.
 *
 * @tagname full-instructions
 * @slot - The instructions (any HTML).
 * @event quorum-region-change - When `header` changes, so the task element can retitle its dialog.
 */
export class FullInstructions extends QuorumRegion {
  static readonly tagName = 'full-instructions';
  static override styles = fullInstructionsStyles;

  /** Title of the instructions dialog. */
  @property() header = '';

  protected readonly slotName = 'full-instructions';

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Spelled out (it equals REGION_CHANGE_EVENT) so that custom-elements.json names the event.
    if (changed.has('header')) this.dispatchEvent(new Event('quorum-region-change', { bubbles: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'full-instructions': FullInstructions;
  }
}
