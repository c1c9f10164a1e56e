import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { JsonValue } from '@quorum/schema';
import { ChildlessController } from '../internal/childless.js';
import { QuorumControl } from '../internal/control.js';
import { themeStyles } from '../internal/theme.styles.js';
import { describeElement, warnOnce } from '../internal/warn.js';
import { crowdSliderStyles } from './crowd-slider.styles.js';

/**
 * @summary A slider for a number in a range. Ground Truth's `<crowd-slider>`: its answer is
 * `{ "<name>": <number> }`.
 *
 * Without a `value` attribute the slider starts unset (its knob is shown grey in the middle) and
 * gives no answer until the worker moves it, so `required` means "the worker chose a value"
 * rather than "the default was left in place". Ground Truth's docs do not say what an untouched
 * slider answers; this is Quorum's choice.
 *
 * Keyboard: the arrow keys step (left and right follow the text direction), Page Up/Down jump,
 * Home/End go to `min`/`max`, Enter submits. With `editable`, a number box beside the slider
 * takes a typed value.
 *
 * @tagname crowd-slider
 *
 * @csspart label - The label above the slider.
 * @csspart base - The row holding the slider and the number box.
 * @csspart range - The native `<input type="range">`.
 * @csspart pin - The value shown above the knob (`pin`).
 * @csspart secondary - The secondary progress bar (`secondary-progress`).
 * @csspart number - The number box (`editable`).
 * @csspart error - The validation message.
 *
 * @cssprop --quorum-color-accent - The filled track and knob (default #0b5fbf).
 * @cssprop --quorum-color-muted - The knob while unset.
 * @cssprop --quorum-slider-secondary-color - The secondary progress bar (also the `secondary-color` attribute).
 * @cssprop --quorum-color-border - Borders.
 * @cssprop --quorum-color-danger - Validation errors.
 * @cssprop --quorum-focus-color - Focus outline.
 * @cssprop --quorum-font-family - Font.
 *
 * @event input - While the worker moves the slider (never when `value` is set from code).
 * @event change - When the worker lets go of the slider, presses a key, or commits the number box.
 *
 * @cssstate empty - No value yet.
 * @cssstate invalid - Required and no value yet.
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdSlider extends QuorumControl {
  static readonly tagName = 'crowd-slider';
  static override styles = [themeStyles, crowdSliderStyles];
  static override shadowRootOptions: ShadowRootInit = { ...QuorumControl.shadowRootOptions, delegatesFocus: true };

  /** Smallest value (default 0). */
  @property({ type: Number }) min = 0;

  /** Largest value (default 100). */
  @property({ type: Number }) max = 100;

  /** Difference between neighbouring values (default 1). */
  @property({ type: Number }) step = 1;

  /** Shows the current value above the knob. */
  @property({ type: Boolean }) pin = false;

  /** Adds a number box to type the value into. */
  @property({ type: Boolean }) editable = false;

  /** A second mark on the track, e.g. how much of a video has loaded (a value between min and max). */
  @property({ type: Number, attribute: 'secondary-progress' }) secondaryProgress: number | undefined;

  /** Colour of the secondary progress bar (any CSS colour). */
  @property({ attribute: 'secondary-color' }) secondaryColor = '';

  /** Text shown above the slider; also its accessible name (else the `name` is). */
  @property() label = '';

  /** The value the slider starts with and returns to on reset (the `value` attribute); empty for unset. */
  @property({ attribute: 'value' }) defaultValue = '';

  @query('input[type="range"]') private range?: HTMLInputElement;

  /** Undefined: the default applies; null: unset. */
  #value: number | null | undefined;
  readonly #childless = new ChildlessController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this.#childless.connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#childless.disconnect();
  }

  /** The chosen number, or null while unset. Setting it fires no events. */
  @property({ attribute: false })
  get value(): number | null {
    if (this.#value !== undefined) return this.#value;
    return this.defaultValue.trim() === '' ? null : toNumber(this.defaultValue);
  }

  set value(next: number | null) {
    this.#write(next === null || next === undefined || (next as unknown) === '' ? null : toNumber(next));
    this.syncFormState();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!(this.max > this.min)) {
      warnOnce(this, 'invalid-range', `${describeElement(this)} has max ${this.max} not above min ${this.min}; max becomes min + 100.`);
      this.max = this.min + 100;
    }
    if (!(this.step > 0)) {
      warnOnce(this, 'invalid-step', `${describeElement(this)} has step ${this.step}; it must be above 0, so 1 is used.`);
      this.step = 1;
    }
  }

  protected answerValue(): JsonValue | undefined {
    return this.value ?? undefined;
  }

  protected formValue(): string | null {
    return this.value === null ? null : String(this.value);
  }

  protected isEmpty(): boolean {
    return this.value === null;
  }

  protected resetValue(): void {
    this.#write(undefined);
  }

  protected restoreValue(state: string): void {
    this.#write(toNumber(state));
  }

  protected override clearValue(): void {
    this.#write(null);
  }

  protected override valueMissingMessage(): string {
    return 'Please move the slider to choose a value.';
  }

  protected override get validationAnchor(): HTMLElement | null {
    return this.range ?? null;
  }

  #onRangeInput(event: Event): void {
    this.#write(toNumber((event.target as HTMLInputElement).value));
    this.showValidation = true;
    this.syncFormState();
  }

  #onRangeChange(): void {
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  #onNumberInput(event: Event): void {
    // The number box commits on change; its keystrokes are not the slider's input events.
    event.stopPropagation();
  }

  #onNumberChange(event: Event): void {
    const box = event.target as HTMLInputElement;
    if (box.value === '' || !Number.isFinite(box.valueAsNumber)) {
      box.value = this.value === null ? '' : String(this.value);
      return;
    }
    const next = this.#snap(box.valueAsNumber);
    box.value = String(next);
    if (next === this.value) return;
    this.#write(next);
    this.commitUserChange();
  }

  /** Clamps to [min, max] and rounds to the nearest step, as the native slider does. */
  #snap(value: number): number {
    const steps = Math.round((Math.min(this.max, Math.max(this.min, value)) - this.min) / this.step);
    const snapped = Math.min(this.max, this.min + steps * this.step);
    // Round away float noise such as 0.30000000000000004.
    return Number(snapped.toFixed(10));
  }

  #write(next: number | null | undefined): void {
    const previous = this.value;
    this.#value = next;
    if (this.range && this.value !== null) this.range.value = String(this.value);
    this.requestUpdate('value', previous);
  }

  protected override render(): TemplateResult {
    const value = this.value;
    const unset = value === null;
    const shown = unset ? this.min + (this.max - this.min) / 2 : value;
    const fraction = Math.min(1, Math.max(0, (shown - this.min) / (this.max - this.min)));
    const secondary = this.secondaryProgress === undefined ? null : Math.min(1, Math.max(0, (this.secondaryProgress - this.min) / (this.max - this.min)));
    const error = this.visibleValidationMessage;
    const disabled = this.isDisabled;
    return html`
      ${this.label ? html`<label part="label" class="label" for="range">${this.label}</label>` : nothing}
      <div
        part="base"
        class="base ${unset ? 'unset' : ''}"
        style=${styleMap({ '--_fraction': String(fraction), '--_secondary-color': this.secondaryColor || null })}
      >
        <div class="track">
          <output part="pin" class="pin" for="range" aria-hidden="true" ?hidden=${!this.pin || unset}>${value}</output>
          <input
            part="range"
            id="range"
            type="range"
            min=${this.min}
            max=${this.max}
            step=${this.step}
            .value=${live(String(shown))}
            aria-label=${this.label ? nothing : this.name || 'Value'}
            aria-valuetext=${unset ? 'Not set' : nothing}
            aria-required=${this.required ? 'true' : 'false'}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${error ? 'error' : nothing}
            ?disabled=${disabled}
            @input=${this.#onRangeInput}
            @change=${this.#onRangeChange}
          />
          ${secondary === null
            ? nothing
            : html`<div part="secondary" class="secondary" role="presentation" style=${styleMap({ width: `${secondary * 100}%` })}></div>`}
        </div>
        ${this.editable
          ? html`<input
              part="number"
              class="number"
              type="number"
              min=${this.min}
              max=${this.max}
              step=${this.step}
              .value=${live(unset ? '' : String(value))}
              aria-label=${`${this.label || this.name || 'Value'} (number)`}
              ?disabled=${disabled}
              @input=${this.#onNumberInput}
              @change=${this.#onNumberChange}
            />`
          : nothing}
      </div>
      <p part="error" class="error" id="error" ?hidden=${!error}>${error}</p>
    `;
  }
}

function toNumber(value: unknown): number | null {
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  return Number.isFinite(number) ? number : null;
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-slider': CrowdSlider;
  }
}
