import { html, svg, type TemplateResult } from 'lit';
import { CheckableControl } from '../internal/checkable.js';
import { checkableStyles } from '../internal/checkable.styles.js';
import { themeStyles } from '../internal/theme.styles.js';
import { crowdCheckboxStyles } from './crowd-checkbox.styles.js';

/**
 * @summary A checkbox. Ground Truth's `<crowd-checkbox>`: its answer is
 * `{ "<name>": { "<value or 'on'>": true | false } }`, present when unchecked too; checkboxes
 * sharing a name merge into one object keyed by their values.
 *
 * Space toggles it; Enter submits the form.
 *
 * @tagname crowd-checkbox
 *
 * @slot - The label.
 *
 * @csspart base - The focusable checkbox (`role="checkbox"`) holding box and label.
 * @csspart box - The square.
 * @csspart check - The check mark.
 * @csspart label - The label.
 * @csspart error - The validation message.
 *
 * @cssprop --quorum-color-accent - The checked box (default #0b5fbf).
 * @cssprop --quorum-color-accent-contrast - The check mark.
 * @cssprop --quorum-color-text - Label text.
 * @cssprop --quorum-color-muted - The unchecked box's border; disabled text.
 * @cssprop --quorum-color-surface - The unchecked box.
 * @cssprop --quorum-color-danger - Validation errors.
 * @cssprop --quorum-focus-color - Focus outline.
 * @cssprop --quorum-radius - Corner radius of the focus outline.
 * @cssprop --quorum-font-family - Font.
 *
 * @event input - When the user checks or unchecks it (never when `checked` is set from code).
 * @event change - When the user checks or unchecks it.
 *
 * @cssstate empty - Not checked.
 * @cssstate invalid - Required and not checked.
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdCheckbox extends CheckableControl {
  static readonly tagName = 'crowd-checkbox';
  static override styles = [themeStyles, checkableStyles, crowdCheckboxStyles];

  protected override valueMissingMessage(): string {
    return 'Please check this box to continue.';
  }

  protected override render(): TemplateResult {
    return this.renderCheckable(
      'checkbox',
      html`<span part="box" class="indicator" aria-hidden="true">
        ${this.checked ? svg`<svg part="check" viewBox="0 0 16 16" width="14" height="14"><path d="M3 8.5l3.2 3L13 4.5" fill="none" stroke="currentColor" stroke-width="2.2"/></svg>` : ''}
      </span>`,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-checkbox': CrowdCheckbox;
  }
}
