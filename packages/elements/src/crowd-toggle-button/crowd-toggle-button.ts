import { html, type TemplateResult } from 'lit';
import { CheckableControl } from '../internal/checkable.js';
import { checkableStyles } from '../internal/checkable.styles.js';
import { themeStyles } from '../internal/theme.styles.js';
import { crowdToggleButtonStyles } from './crowd-toggle-button.styles.js';

/**
 * @summary An on/off switch. Ground Truth's `<crowd-toggle-button>`: its answer is
 * `{ "<name>": { "<value or 'on'>": true | false } }`, present when off too.
 *
 * Space flips it; Enter submits the form.
 *
 * @tagname crowd-toggle-button
 *
 * @slot - The label (optional; without one, name the switch with `aria-label` or the `name`).
 *
 * @csspart base - The focusable switch (`role="switch"`) holding track and label.
 * @csspart track - The track.
 * @csspart thumb - The sliding knob.
 * @csspart label - The label.
 * @csspart error - The validation message.
 *
 * @cssprop --quorum-color-accent - The track when on (default #0b5fbf).
 * @cssprop --quorum-color-accent-contrast - The knob when on.
 * @cssprop --quorum-color-muted - The track's border and knob when off.
 * @cssprop --quorum-color-surface - The track when off.
 * @cssprop --quorum-color-danger - Validation errors.
 * @cssprop --quorum-focus-color - Focus outline.
 * @cssprop --quorum-font-family - Font.
 *
 * @event input - When the user switches it (never when `checked` is set from code).
 * @event change - When the user switches it.
 *
 * @cssstate empty - Off.
 * @cssstate invalid - Required and off.
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdToggleButton extends CheckableControl {
  static readonly tagName = 'crowd-toggle-button';
  static override styles = [themeStyles, checkableStyles, crowdToggleButtonStyles];

  protected override valueMissingMessage(): string {
    return 'Please switch this on to continue.';
  }

  protected override render(): TemplateResult {
    // A switch without label text is named by its aria-label, else its name.
    const unlabelled = (this.textContent ?? '').trim() === '';
    return this.renderCheckable(
      'switch',
      html`<span part="track" class="indicator" aria-hidden="true"><span part="thumb" class="thumb"></span></span>`,
      unlabelled ? this.getAttribute('aria-label') || this.name || 'Toggle' : undefined,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-toggle-button': CrowdToggleButton;
  }
}
