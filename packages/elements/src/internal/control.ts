import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { JsonValue } from '@quorum/schema';
import { registerControl, requestFormAction, unregisterControl, type AnswerEntry, type AnswerSource, type KeyboardShortcut } from './form-protocol.js';
import type { ParseLiteralOptions } from './literal.js';
import { describeElement, warnOnce } from './warn.js';

/**
 * The one base class of every answer-giving element (`<crowd-classifier>`, and later checkboxes,
 * inputs, sliders, raters, boxes …). It owns what every control shares, so an element only says
 * what its value is:
 *
 * - form association through `ElementInternals`: form value, validity with a message, reset,
 *   restore, disabled by itself or by a `<fieldset disabled>`;
 * - the `name`, `required` and `disabled` attributes;
 * - registration with the enclosing `<crowd-form>`, which builds the answer object from
 *   {@link answerEntries};
 * - native event semantics: `input` and `change` on user action only ({@link commitUserChange});
 * - custom states for styling: `:state(empty)`, `:state(invalid)`, `:state(user-invalid)`.
 *
 * A subclass implements {@link answerValue}, {@link formValue}, {@link isEmpty},
 * {@link resetValue} and {@link restoreValue}, and calls {@link commitUserChange} when the user
 * changes the value.
 *
 * Undo/redo and drafts of `<crowd-form>` come with that: the form records
 * {@link captureState} (by default the {@link formValue} string) after each user change and
 * gives it back through {@link restoreState}, which calls {@link restoreValue}, or
 * {@link clearValue} for an empty state. A control whose form value does not hold its whole state
 * overrides {@link stateValue}; one whose default value is not empty overrides {@link clearValue}.
 *
 * @cssstate empty - No value has been chosen or entered.
 * @cssstate invalid - The value fails validation (for example `required` and empty).
 * @cssstate user-invalid - Invalid, and the user has interacted with the control or tried to submit.
 */
export abstract class QuorumControl extends LitElement implements AnswerSource {
  static formAssociated = true;

  /** Key of this control's entry in the answer object. A control without a name gives no answer. */
  @property({ reflect: true, converter: { fromAttribute: (name) => name ?? '', toAttribute: (name: string) => name || null } }) name = '';

  /** Whether a value must be given before the form submits. */
  @property({ type: Boolean, reflect: true }) required = false;

  /** Whether the control is disabled: it cannot be changed, is not validated and gives no answer. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  protected readonly internals: ElementInternals;

  /** Set by the platform for the `disabled` attribute and for a disabled ancestor `<fieldset>`. */
  @state() protected formDisabled = false;

  /** Whether validation errors show: once the user changed the value or a submit was tried. */
  @state() protected showValidation = false;

  #customValidityMessage = '';

  constructor() {
    super();
    this.internals = this.attachInternals();
    // `invalid` fires when a form (or the page) checks validity; from then on errors are shown.
    this.addEventListener('invalid', () => {
      this.showValidation = true;
      this.#syncStates();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    registerControl(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    unregisterControl(this);
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    if (!this.name) {
      warnOnce(this, 'missing-name', `${describeElement(this)} has no name, so the form's answer leaves it out. Add name="…".`);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.syncFormState();
  }

  /** Called by the platform when the form resets. */
  formResetCallback(): void {
    this.resetValue();
    this.showValidation = false;
    this.syncFormState();
  }

  /** Called by the platform with the `disabled` state of the element or its fieldset. */
  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
    // Setting `disabled` from code calls this while Lit reflects the attribute, after render, where a state change is not rendered.
    if (this.isUpdatePending) void this.updateComplete.then(() => this.requestUpdate());
  }

  /** Called by the platform when it restores the page (back/forward cache, autofill). */
  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (typeof state === 'string') {
      this.restoreValue(state);
      this.syncFormState();
    }
  }

  /** The native form this control belongs to, if any (inside `<crowd-form>`, its inner form). */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  get validity(): ValidityState {
    this.syncFormState();
    return this.internals.validity;
  }

  get validationMessage(): string {
    this.syncFormState();
    return this.internals.validationMessage;
  }

  get willValidate(): boolean {
    return this.internals.willValidate;
  }

  /** Like a native control's: false (and an `invalid` event) when the value fails validation. */
  checkValidity(): boolean {
    this.syncFormState();
    return this.internals.checkValidity();
  }

  /** Like {@link checkValidity}, and shows the problem to the user. */
  reportValidity(): boolean {
    this.syncFormState();
    return this.internals.reportValidity();
  }

  /** Sets a custom error message; an empty string clears it. */
  setCustomValidity(message: string): void {
    this.#customValidityMessage = message;
    this.syncFormState();
  }

  /** This control's entries of the answer object: `[[name, value]]`, or `[]` without name, value or when disabled. */
  answerEntries(): AnswerEntry[] {
    const value = this.answerValue();
    if (!this.name || value === undefined || this.isDisabled) return [];
    return [[this.name, value]];
  }

  /**
   * The control's state for the form's undo history and drafts: a string that
   * {@link restoreState} takes back, or null when the control is empty.
   */
  captureState(): string | null {
    return this.isEmpty() ? null : this.stateValue();
  }

  /**
   * Puts back a state from {@link captureState} (undo, redo, a restored draft). Fires no events:
   * the form that calls it decides which to fire.
   */
  restoreState(state: string | null): void {
    if (state === null) this.clearValue();
    else this.restoreValue(state);
    this.requestUpdate();
    this.syncFormState();
  }

  /**
   * Keys this control answers to, for the form's `?` overlay. The base lists none; a control with
   * its own shortcuts (digits for choices …) overrides it.
   */
  get keyboardShortcuts(): readonly KeyboardShortcut[] {
    return [];
  }

  /**
   * Takes a key that `<crowd-form>` routed here because it was pressed outside every control
   * (focus on the page, on the text being classified …). The form calls it only for keys that a
   * {@link keyboardShortcuts} line lists in `routedKeys`, never with Ctrl, Alt or Meta held,
   * during IME composition, while typing, or once the page canceled the key. It acts as the same
   * key pressed inside the control, through {@link commitUserChange}, but leaves focus where it is.
   * Returns whether the key did something; the base takes none.
   */
  handleRoutedKey(_event: KeyboardEvent): boolean {
    return false;
  }

  /** The value in the answer object, e.g. `{ label: '4' }`, or undefined for no entry. */
  protected abstract answerValue(): JsonValue | undefined;

  /** The value in native `FormData`, or null for no entry. */
  protected abstract formValue(): string | null;

  /** Whether no value has been given (what `required` checks). */
  protected abstract isEmpty(): boolean;

  /** Restores the default value; must not fire events. */
  protected abstract resetValue(): void;

  /** Restores a value saved by {@link formValue}; must not fire events. */
  protected abstract restoreValue(state: string): void;

  /**
   * A problem with the value beyond `required` (e.g. a comment that a low rating needs), or null.
   * Checked after `setCustomValidity` and `required`.
   */
  protected valueProblem(): { flags: ValidityStateFlags; message: string } | null {
    return null;
  }

  /** The state string {@link captureState} returns and {@link restoreValue} takes; by default {@link formValue}. */
  protected stateValue(): string | null {
    return this.formValue();
  }

  /**
   * Makes the control empty, without events (undo back to "nothing chosen"). The default,
   * {@link resetValue}, is right whenever the default value is empty.
   */
  protected clearValue(): void {
    this.resetValue();
  }

  /** Message shown when the control is required and empty. */
  protected valueMissingMessage(): string {
    return 'Please fill out this field.';
  }

  /** The element in the shadow root that validation messages point at and that takes focus. */
  protected get validationAnchor(): HTMLElement | null {
    return null;
  }

  /** Whether the user cannot change the control: it or its fieldset is disabled. */
  protected get isDisabled(): boolean {
    return this.disabled || this.formDisabled;
  }

  /** Call after the user (never code) changed the value: fires `input` and `change` as native controls do. */
  protected commitUserChange(): void {
    this.showValidation = true;
    this.syncFormState();
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** Submits the enclosing `<crowd-form>`, or else the native form (used for Enter). */
  protected submitEnclosingForm(): void {
    if (!requestFormAction(this, 'submit')) this.form?.requestSubmit();
  }

  /**
   * Reads an attribute holding a JavaScript literal; on malformed input warns with the position
   * and returns `fallback`, so one bad attribute does not break the whole task page.
   */
  protected readLiteralAttribute<T>(
    attribute: string,
    text: string | null,
    parse: (text: string, options: ParseLiteralOptions) => T,
    fallback: T,
  ): T {
    if (text === null) return fallback;
    try {
      return parse(text, { what: `${attribute} of ${describeElement(this)}` });
    } catch (error) {
      warnOnce(this, `invalid-${attribute}`, (error as Error).message);
      return fallback;
    }
  }

  /** The message of the current validation error, once errors are shown ({@link showValidation}); else ''. */
  protected get visibleValidationMessage(): string {
    return this.showValidation && !this.isDisabled ? (this.#currentValidity()?.message ?? '') : '';
  }

  /** Pushes value, validity and states to the platform. Cheap; safe to call often. */
  protected syncFormState(): void {
    this.internals.setFormValue(this.formValue(), this.stateValue());
    const problem = this.#currentValidity();
    if (problem) this.internals.setValidity(problem.flags, problem.message, this.validationAnchor ?? undefined);
    else this.internals.setValidity({});
    this.#syncStates();
  }

  #currentValidity(): { flags: ValidityStateFlags; message: string } | null {
    if (this.#customValidityMessage) return { flags: { customError: true }, message: this.#customValidityMessage };
    if (this.required && this.isEmpty()) return { flags: { valueMissing: true }, message: this.valueMissingMessage() };
    return this.valueProblem();
  }

  #syncStates(): void {
    const invalid = this.internals.willValidate && !this.internals.validity.valid;
    this.#toggleState('empty', this.isEmpty());
    this.#toggleState('invalid', invalid);
    this.#toggleState('user-invalid', invalid && this.showValidation);
  }

  #toggleState(name: string, on: boolean): void {
    if (on) this.internals.states.add(name);
    else this.internals.states.delete(name);
  }
}
