import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { crowdRadioGroupStyles } from './crowd-radio-group.styles.js';

/**
 * @summary Groups `<crowd-radio-button>` elements so that only one of them is checked, whatever
 * their names. Ground Truth's `<crowd-radio-group>`: it gives no answer itself; each button
 * answers under its own name (`{ "btn1": { "yes": true }, "btn2": { "no": false } }`).
 *
 * @tagname crowd-radio-group
 *
 * @slot - The `<crowd-radio-button>` elements, and any other content.
 *
 * @csspart group - The box laying out the buttons.
 */
export class CrowdRadioGroup extends LitElement {
  static readonly tagName = 'crowd-radio-group';
  static override styles = crowdRadioGroupStyles;

  /** The group's accessible name (the question the buttons answer). */
  @property() label = '';

  readonly #internals = this.attachInternals();

  constructor() {
    super();
    this.#internals.role = 'radiogroup';
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('label')) this.#internals.ariaLabel = this.label || null;
  }

  protected override render(): TemplateResult {
    return html`<div part="group" class="group"><slot></slot></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-radio-group': CrowdRadioGroup;
  }
}
