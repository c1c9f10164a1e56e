import { QuorumRegion } from '../internal/region.js';
import { shortInstructionsStyles } from './short-instructions.styles.js';

/**
 * @summary Brief, task-specific instructions. Task elements such as `<crowd-classifier>` show
 * them in their instructions panel, always visible next to the task.
 *
 * @tagname short-instructions
 * @slot - The instructions (any HTML).
 */
export class ShortInstructions extends QuorumRegion {
  static readonly tagName = 'short-instructions';
  static override styles = shortInstructionsStyles;

  protected readonly slotName = 'short-instructions';
}

declare global {
  interface HTMLElementTagNameMap {
    'short-instructions': ShortInstructions;
  }
}
