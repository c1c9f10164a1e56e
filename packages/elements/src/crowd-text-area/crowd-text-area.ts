import { html, nothing, type TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { styleMap } from 'lit/directives/style-map.js';
import { TextFieldControl, textDirection } from '../internal/text-field.js';
import { textFieldStyles } from '../internal/text-field.styles.js';
import { themeStyles } from '../internal/theme.styles.js';
import { crowdTextAreaStyles } from './crowd-text-area.styles.js';

/**
 * @summary A multi-line text field. Ground Truth's `<crowd-text-area>`: its answer is
 * `{ "<name>": "<text>" }` with line breaks as `\n`; an empty field is left out of the answer
 * (Ground Truth's docs do not say; this matches `<crowd-input>`).
 *
 * It grows with its text from `rows` lines up to `max-rows`, then scrolls. `char-counter` shows
 * the number of characters (out of `max-length`). Enter makes a new line; it does not submit.
 *
 * @tagname crowd-text-area
 *
 * @csspart label - The label above the field.
 * @csspart textarea - The native `<textarea>`.
 * @csspart counter - The character counter.
 * @csspart error - The validation message.
 *
 * @cssprop --quorum-color-border - The field's border.
 * @cssprop --quorum-color-surface - The field's background.
 * @cssprop --quorum-color-text - Text.
 * @cssprop --quorum-color-muted - Placeholder, counter and disabled text.
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
export class CrowdTextArea extends TextFieldControl {
  static readonly tagName = 'crowd-text-area';
  static override styles = [themeStyles, textFieldStyles, crowdTextAreaStyles];

  /** Height in lines of text (default 2). */
  @property({ type: Number }) rows = 2;

  /** Most lines shown before the field scrolls; without it the field keeps growing. */
  @property({ type: Number, attribute: 'max-rows' }) maxRows: number | undefined;

  /** Shows the number of characters under the field's end corner. */
  @property({ type: Boolean, attribute: 'char-counter' }) charCounter = false;

  @query('textarea') private textarea?: HTMLTextAreaElement;

  protected override get field(): HTMLTextAreaElement | null {
    return this.textarea ?? null;
  }

  protected override render(): TemplateResult {
    const error = this.visibleValidationMessage;
    const rows = Math.max(1, Math.floor(this.rows) || 2);
    const maxRows = this.maxRows && this.maxRows >= rows ? Math.floor(this.maxRows) : undefined;
    const length = [...this.value].length;
    return html`
      ${this.renderLabel()}
      <textarea
        part="textarea"
        class="field"
        id="field"
        dir=${textDirection(this.value)}
        rows=${rows}
        style=${styleMap({ '--_rows': String(rows), '--_max-rows': maxRows ? String(maxRows) : null })}
        .value=${live(this.value)}
        placeholder=${this.placeholder || nothing}
        aria-label=${this.fallbackName}
        aria-required=${this.required ? 'true' : 'false'}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${[error ? 'error' : '', this.charCounter ? 'counter' : ''].join(' ').trim() || nothing}
        minlength=${this.minLength ?? nothing}
        maxlength=${this.maxLength ?? nothing}
        ?disabled=${this.isDisabled}
        @beforeinput=${this.onFieldBeforeInput}
        @input=${this.onFieldInput}
        @change=${this.onFieldChange}
      ></textarea>
      <div class="footer">
        ${this.renderError()}
        <span part="counter" class="counter" id="counter" ?hidden=${!this.charCounter}>
          ${this.maxLength !== undefined ? `${length} / ${this.maxLength}` : `${length}`}<span class="visually-hidden"> characters</span>
        </span>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-text-area': CrowdTextArea;
  }
}
