import { html, type PropertyValues, type TemplateResult } from 'lit';
import { CheckableControl } from '../internal/checkable.js';
import type { KeyboardShortcut } from '../internal/form-protocol.js';
import { checkableStyles } from '../internal/checkable.styles.js';
import { themeStyles } from '../internal/theme.styles.js';
import { CrowdRadioGroup } from '../crowd-radio-group/crowd-radio-group.js';
import { arrowStep } from '../internal/choice-group.js';
import { crowdRadioButtonStyles } from './crowd-radio-button.styles.js';

/** Digit keys check the first ten buttons of the group: 1 … 9, then 0. */
const SHORTCUT_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/**
 * @summary A radio button. Ground Truth's `<crowd-radio-button>`: its answer is
 * `{ "<name>": { "<value or 'on'>": true | false } }`, present when unchecked too.
 *
 * Only one button of a group is checked: the buttons inside one `<crowd-radio-group>`, or else
 * those sharing a `name` in one form. Like native radios, the group is one tab stop; the arrow
 * keys move and check (left and right swap in right-to-left text), 1–9 and 0 check the first ten
 * buttons of the group, Space checks, Enter submits.
 * A `required` group is invalid until one of its buttons is checked.
 *
 * @tagname crowd-radio-button
 *
 * @slot - The label.
 *
 * @csspart base - The focusable radio button (`role="radio"`) holding circle and label.
 * @csspart circle - The circle.
 * @csspart dot - The dot in the checked circle.
 * @csspart label - The label.
 * @csspart error - The validation message.
 *
 * @cssprop --quorum-color-accent - The checked circle (default #0b5fbf).
 * @cssprop --quorum-color-muted - The unchecked circle; disabled text.
 * @cssprop --quorum-color-surface - Inside the unchecked circle.
 * @cssprop --quorum-color-danger - Validation errors.
 * @cssprop --quorum-focus-color - Focus outline.
 * @cssprop --quorum-font-family - Font.
 *
 * @event input - When the user checks it (never when `checked` is set from code).
 * @event change - When the user checks it. The button unchecked by that fires nothing, as natively.
 *
 * @cssstate empty - No button of its group is checked.
 * @cssstate invalid - Required and no button of its group is checked.
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdRadioButton extends CheckableControl {
  static readonly tagName = 'crowd-radio-button';
  static override styles = [themeStyles, checkableStyles, crowdRadioButtonStyles];

  /** The buttons of this one's group, itself included, in document order. */
  get group(): CrowdRadioButton[] {
    const container = this.closest(CrowdRadioGroup.tagName);
    if (container) return [...container.querySelectorAll('*')].filter((element): element is CrowdRadioButton => element instanceof CrowdRadioButton);
    if (!this.name) return [this];
    const scope = this.form ?? (this.getRootNode() as Document | ShadowRoot);
    return [...scope.querySelectorAll('*')].filter(
      (element): element is CrowdRadioButton => element instanceof CrowdRadioButton && element.name === this.name && !element.closest(CrowdRadioGroup.tagName),
    );
  }

  protected override isEmpty(): boolean {
    return !this.group.some((button) => button.checked);
  }

  protected override onChecked(): void {
    for (const button of this.group) {
      if (button !== this && button.checked) button.checked = false;
    }
    for (const button of this.group) if (button !== this) button.syncFormState();
  }

  protected override onActivate(): void {
    this.setCheckedByUser(true);
  }

  protected override get isTabStop(): boolean {
    const enabled = this.group.filter((button) => !button.isDisabled);
    const checked = enabled.find((button) => button.checked);
    return (checked ?? enabled[0]) === this;
  }

  override get keyboardShortcuts(): readonly KeyboardShortcut[] {
    const count = Math.min(this.group.length, SHORTCUT_KEYS.length);
    if (count < 2 || this.isDisabled) return [];
    return [{ keys: `Arrow keys, 1–${count === 10 ? '9, 0' : count}`, description: 'Choose a radio button of the focused group' }];
  }

  protected override onCheckableKeydown(event: KeyboardEvent): void {
    super.onCheckableKeydown(event);
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const enabled = this.group.filter((button) => !button.isDisabled);
    const digit = SHORTCUT_KEYS.indexOf(event.key);
    if (digit >= 0) {
      const target = this.group[digit];
      if (!target || target.isDisabled) return;
      event.preventDefault();
      target.focus();
      target.setCheckedByUser(true);
      return;
    }
    const step = arrowStep(event, this);
    const index = enabled.indexOf(this);
    const next = enabled[(index + step + enabled.length) % enabled.length];
    if (step === 0 || !next || index < 0) return;
    event.preventDefault();
    next.focus();
    next.setCheckedByUser(true);
  }

  protected override valueMissingMessage(): string {
    return 'Please choose one of these options.';
  }

  protected override render(): TemplateResult {
    return this.renderCheckable('radio', html`<span part="circle" class="indicator" aria-hidden="true"><span part="dot" class="dot"></span></span>`);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The group's tab stop follows the checked button.
    if (changed.has('checked') || changed.has('disabled')) {
      for (const button of this.group) if (button !== this) button.requestUpdate();
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-radio-button': CrowdRadioButton;
  }
}
