import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { TextFieldControl, textDirection } from '../internal/text-field.js';
import { textFieldStyles } from '../internal/text-field.styles.js';
import { themeStyles } from '../internal/theme.styles.js';
import { describeElement, warnOnce } from '../internal/warn.js';
import { crowdInputStyles } from './crowd-input.styles.js';

/**
 * @summary A one-line text field. Ground Truth's `<crowd-input>`: its answer is
 * `{ "<name>": "<text>" }` (a string for every `type`, numbers included), and an empty field is
 * left out of the answer.
 *
 * Validation follows the native field: `required`, `type` (`email`, `url` …), `min-length`,
 * `max-length`, `min-value`/`max-value`/`step` for numbers; `error-message` replaces the
 * browser's message. Errors show once the worker leaves the field or submits, or while typing
 * with `auto-validate`. Enter submits the form.
 *
 * @tagname crowd-input
 *
 * @csspart label - The label above the field.
 * @csspart input - The native `<input>`.
 * @csspart error - The validation message.
 *
 * @cssprop --quorum-color-border - The field's border.
 * @cssprop --quorum-color-surface - The field's background.
 * @cssprop --quorum-color-text - Text.
 * @cssprop --quorum-color-muted - Placeholder and disabled text.
 * @cssprop --quorum-color-danger - Validation errors.
 * @cssprop --quorum-focus-color - Focus outline.
 * @cssprop --quorum-radius - Corner radius.
 * @cssprop --quorum-font-family - Font.
 *
 * @event input - On every edit by the worker (the native field's event).
 * @event change - When the worker leaves the field after changing it.
 *
 * @cssstate empty - Nothing entered.
 * @cssstate invalid - The value fails validation.
 * @cssstate user-invalid - Invalid after the worker left the field or a submit was tried.
 */
export class CrowdInput extends TextFieldControl {
  static readonly tagName = 'crowd-input';
  static override styles = [themeStyles, textFieldStyles, crowdInputStyles];

  /** The kind of text: `text` (default), `number`, `email`, `url`, `password`, `tel`, `search`, `date`, `time` … */
  @property() type = 'text';

  /** Smallest number accepted (`type="number"`, also dates). */
  @property({ attribute: 'min-value' }) minValue = '';

  /** Largest number accepted (`type="number"`, also dates). */
  @property({ attribute: 'max-value' }) maxValue = '';

  /** Granularity of numbers (`type="number"`); `any` for none. */
  @property() step = '';

  @query('input') private input?: HTMLInputElement;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('type') && !INPUT_TYPES.has(this.type)) {
      warnOnce(this, 'unsupported-input', `${describeElement(this)} has type="${this.type}", which is not a text field; it works as type="text".`, `type:${this.type}`);
    }
  }

  protected override get field(): HTMLInputElement | null {
    return this.input ?? null;
  }

  protected override render(): TemplateResult {
    const error = this.visibleValidationMessage;
    return html`
      ${this.renderLabel()}
      <input
        part="input"
        class="field"
        id="field"
        dir=${textDirection(this.value)}
        type=${INPUT_TYPES.has(this.type) ? this.type : 'text'}
        .value=${live(this.value)}
        placeholder=${this.placeholder || nothing}
        aria-label=${this.fallbackName}
        aria-required=${this.required ? 'true' : 'false'}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? 'error' : nothing}
        minlength=${this.minLength ?? nothing}
        maxlength=${this.maxLength ?? nothing}
        min=${this.minValue || nothing}
        max=${this.maxValue || nothing}
        step=${this.step || nothing}
        ?disabled=${this.isDisabled}
        @beforeinput=${this.onFieldBeforeInput}
        @input=${this.onFieldInput}
        @change=${this.onFieldChange}
      />
      ${this.renderError()}
    `;
  }
}

/** Types rendered as such; anything else (checkbox, file …) would not be a text field, so it becomes `text`. */
const INPUT_TYPES = new Set(['text', 'number', 'email', 'url', 'password', 'tel', 'search', 'date', 'time', 'datetime-local', 'month', 'week', 'color']);

declare global {
  interface HTMLElementTagNameMap {
    'crowd-input': CrowdInput;
  }
}
