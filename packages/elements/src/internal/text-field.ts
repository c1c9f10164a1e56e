import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { JsonValue } from '@quorum/schema';
import { ChildlessController } from './childless.js';
import { QuorumControl } from './control.js';
import { describeElement, warnOnce } from './warn.js';

/** Validity flags a native field can raise besides `valueMissing` (which the base class checks). */
const FIELD_FLAGS = ['badInput', 'patternMismatch', 'rangeOverflow', 'rangeUnderflow', 'stepMismatch', 'tooLong', 'tooShort', 'typeMismatch'] as const;

/**
 * The `dir` of a field the worker types into: `auto` once it holds text, so Arabic typed into a
 * left-to-right page (or English into a right-to-left one) is laid out in its own direction; none
 * while empty, because Chromium resolves an empty `dir="auto"` field to left-to-right, which
 * would put the caret and placeholder on the wrong side of a right-to-left page.
 */
export function textDirection(value: string): 'auto' | typeof nothing {
  return value ? 'auto' : nothing;
}

/**
 * What `<crowd-input>` and `<crowd-text-area>` share: a native field in the shadow root (so
 * typing, selection, undo within a burst, IME and autofill are the browser's), Ground Truth's
 * attributes, and the answer `{ "<name>": "<text>" }`, left out while empty.
 *
 * `input` is the native field's own event (it crosses the shadow boundary, retargeted to this
 * element); `change` is re-fired from this element when the native field commits (blur).
 */
export abstract class TextFieldControl extends QuorumControl {
  static override shadowRootOptions: ShadowRootInit = { ...QuorumControl.shadowRootOptions, delegatesFocus: true };

  /** Text shown above the field; also its accessible name. */
  @property() label = '';

  /** Hint shown inside the empty field. */
  @property() placeholder = '';

  /** The value the field starts with and returns to on reset (the `value` attribute). */
  @property({ attribute: 'value' }) defaultValue = '';

  /** Most characters accepted; typing or pasting beyond it is cut off. */
  @property({ type: Number, attribute: 'max-length' }) maxLength: number | undefined;

  /** Fewest characters accepted (when not empty). */
  @property({ type: Number, attribute: 'min-length' }) minLength: number | undefined;

  /**
   * A regular expression every typed or pasted character must match, e.g. `[0-9]`; other
   * characters are dropped as the worker types (applied with or without `auto-validate`).
   */
  @property({ attribute: 'allowed-pattern' }) allowedPattern = '';

  /** Shows validation errors while the worker types, not only after leaving the field or submitting. */
  @property({ type: Boolean, attribute: 'auto-validate' }) autoValidate = false;

  /** Message shown when the value is invalid, instead of the browser's. */
  @property({ attribute: 'error-message' }) errorMessage = '';

  /** Puts the cursor in this field when the page loads. */
  @property({ type: Boolean, attribute: 'auto-focus' }) autoFocus = false;

  #value: string | undefined;
  readonly #childless = new ChildlessController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this.#childless.connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#childless.disconnect();
  }
  #allowed: RegExp | null = null;

  /** The text entered, or the default. Setting it fires no events. */
  @property({ attribute: false })
  get value(): string {
    return this.#value ?? this.defaultValue;
  }

  set value(next: string) {
    this.#write(next == null ? '' : String(next));
    this.syncFormState();
  }

  /** The native `<input>` or `<textarea>` in the shadow root. */
  protected abstract get field(): HTMLInputElement | HTMLTextAreaElement | null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('allowedPattern')) this.#allowed = this.#compileAllowedPattern();
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    if (this.autoFocus && !this.isDisabled) this.focus();
  }

  /** Selects the text, like a native field's `select()`. */
  select(): void {
    this.field?.select();
  }

  protected answerValue(): JsonValue | undefined {
    return this.value === '' ? undefined : this.value;
  }

  protected formValue(): string | null {
    return this.value === '' ? null : this.value;
  }

  protected isEmpty(): boolean {
    return this.value === '';
  }

  protected resetValue(): void {
    this.#write(undefined);
  }

  protected restoreValue(state: string): void {
    this.#write(state);
  }

  protected override clearValue(): void {
    this.#write('');
  }

  protected override valueMissingMessage(): string {
    return this.errorMessage || 'Please fill out this field.';
  }

  protected override valueProblem(): { flags: ValidityStateFlags; message: string } | null {
    const field = this.field;
    if (!field || this.isEmpty() || field.validity.valid) return null;
    const flags: ValidityStateFlags = {};
    for (const flag of FIELD_FLAGS) if (field.validity[flag]) flags[flag] = true;
    if (Object.keys(flags).length === 0) return null;
    return { flags, message: this.errorMessage || field.validationMessage };
  }

  protected override get validationAnchor(): HTMLElement | null {
    return this.field;
  }

  protected onFieldBeforeInput(event: InputEvent): void {
    const allowed = this.#allowed;
    const text = event.data ?? event.dataTransfer?.getData('text/plain') ?? null;
    if (!allowed || !text) return;
    const kept = [...text].filter((character) => allowed.test(character)).join('');
    if (kept === text) return;
    event.preventDefault();
    const field = this.field;
    if (!field || kept === '') return;
    field.setRangeText(kept, field.selectionStart ?? field.value.length, field.selectionEnd ?? field.value.length, 'end');
    field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: kept }));
  }

  protected onFieldInput(): void {
    const field = this.field;
    if (!field) return;
    const previous = this.value;
    this.#value = field.value;
    this.requestUpdate('value', previous);
    if (this.autoValidate) this.showValidation = true;
    this.syncFormState();
  }

  protected onFieldChange(): void {
    this.showValidation = true;
    this.syncFormState();
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** The label above the field, or nothing (the field is then named by placeholder or name). */
  protected renderLabel(): TemplateResult | typeof nothing {
    return this.label ? html`<label part="label" class="label" for="field">${this.label}</label>` : nothing;
  }

  /** The accessible name when there is no visible label. */
  protected get fallbackName(): string | typeof nothing {
    return this.label ? nothing : this.placeholder || this.name || 'Text';
  }

  protected renderError(): TemplateResult {
    const error = this.visibleValidationMessage;
    return html`<p part="error" class="error" id="error" ?hidden=${!error}>${error}</p>`;
  }

  #write(next: string | undefined): void {
    const previous = this.value;
    this.#value = next;
    const field = this.field;
    if (field && field.value !== this.value) field.value = this.value;
    this.requestUpdate('value', previous);
  }

  #compileAllowedPattern(): RegExp | null {
    if (!this.allowedPattern) return null;
    try {
      return new RegExp(this.allowedPattern, 'u');
    } catch (error) {
      warnOnce(this, 'invalid-allowed-pattern', `${describeElement(this)} ignores allowed-pattern="${this.allowedPattern}": ${(error as Error).message}`);
      return null;
    }
  }
}
