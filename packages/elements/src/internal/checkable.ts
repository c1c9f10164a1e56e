import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { JsonValue } from '@quorum/schema';
import { QuorumControl } from './control.js';

/**
 * What checkboxes, radio buttons and toggle buttons share: a `checked` state with a default
 * (the `checked` attribute), and Ground Truth's answer `{ "<value or 'on'>": <checked> }`, which is
 * present when unchecked too, so that controls sharing a name merge into one object listing
 * every option.
 */
export abstract class CheckableControl extends QuorumControl {
  /** Whether the control starts checked and is checked again after a reset (the `checked` attribute). */
  @property({ type: Boolean, attribute: 'checked' }) defaultChecked = false;

  /** The key of this control in its answer object; `on` when empty or absent, as for native checkboxes. */
  @property() value = 'on';

  #checked: boolean | undefined;

  /** Whether the control is checked now. Setting it fires no events. */
  get checked(): boolean {
    return this.#checked ?? this.defaultChecked;
  }

  set checked(next: boolean) {
    const previous = this.checked;
    this.#checked = Boolean(next);
    this.requestUpdate('checked', previous);
    if (this.#checked) this.onChecked();
    this.syncFormState();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('defaultChecked') && this.#checked === undefined && this.defaultChecked) this.onChecked();
  }

  /** The answer key: `value`, or `on` without one. */
  protected get answerKey(): string {
    return this.value || 'on';
  }

  protected answerValue(): JsonValue | undefined {
    // A computed key, so a value of "__proto__" stays an ordinary key.
    return { [this.answerKey]: this.checked };
  }

  protected formValue(): string | null {
    return this.checked ? this.answerKey : null;
  }

  protected isEmpty(): boolean {
    return !this.checked;
  }

  protected resetValue(): void {
    this.#setQuietly(undefined);
  }

  protected restoreValue(): void {
    this.#setQuietly(true);
  }

  protected override clearValue(): void {
    this.#setQuietly(false);
  }

  /** Called when code or the user checks the control; radio buttons uncheck their group here. */
  protected onChecked(): void {}

  /** The user checks or unchecks the control (click, Space). */
  protected setCheckedByUser(next: boolean): void {
    if (this.isDisabled || next === this.checked) return;
    this.checked = next;
    this.commitUserChange();
  }

  protected onCheckableKeydown(event: KeyboardEvent): void {
    if (event.key !== ' ' || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    this.onActivate();
  }

  /** Click or Space: checkboxes and toggles flip, radio buttons check. */
  protected onActivate(): void {
    this.setCheckedByUser(!this.checked);
  }

  /** The control's tab stop: radio groups keep one per group. */
  protected get isTabStop(): boolean {
    return true;
  }

  /**
   * The focusable element: `role` (checkbox, radio, switch) with the state, the label slot inside
   * it (so the slotted text names it, unless `ariaLabel` is given), and `indicator` before the label.
   */
  protected renderCheckable(role: string, indicator: TemplateResult, ariaLabel?: string): TemplateResult {
    const disabled = this.isDisabled;
    const error = this.visibleValidationMessage;
    return html`
      <div
        part="base"
        class="base"
        role=${role}
        aria-label=${ariaLabel ?? nothing}
        aria-checked=${this.checked ? 'true' : 'false'}
        aria-required=${this.required ? 'true' : 'false'}
        aria-disabled=${disabled ? 'true' : 'false'}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? 'error' : nothing}
        tabindex=${disabled ? nothing : this.isTabStop ? 0 : -1}
        @click=${() => !disabled && this.onActivate()}
        @keydown=${this.onCheckableKeydown}
      >
        ${indicator}
        <span part="label" class="label"><slot></slot></span>
      </div>
      <p part="error" class="error" id="error" ?hidden=${!error}>${error}</p>
    `;
  }

  override focus(options?: FocusOptions): void {
    const base = this.renderRoot?.querySelector<HTMLElement>('[part~="base"]');
    if (base && !this.isDisabled) base.focus(options);
    else super.focus(options);
  }

  protected override get validationAnchor(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('[part~="base"]') ?? null;
  }

  #setQuietly(next: boolean | undefined): void {
    const previous = this.checked;
    this.#checked = next;
    this.requestUpdate('checked', previous);
  }
}
