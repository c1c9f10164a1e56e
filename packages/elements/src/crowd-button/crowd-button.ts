import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { requestFormAction } from '../internal/form-protocol.js';
import { themeStyles } from '../internal/theme.styles.js';
import { describeElement, warnOnce } from '../internal/warn.js';
import { crowdButtonStyles } from './crowd-button.styles.js';

/** What `form-action` can ask of the enclosing form. */
export type CrowdButtonFormAction = '' | 'submit' | 'reset';

/** The looks of a button: main action, secondary, link-like, or icon only. */
export type CrowdButtonVariant = 'primary' | 'normal' | 'link' | 'icon';

/**
 * @summary A styled button. With `form-action="submit"` it submits its `<crowd-form>` (and then
 * the form adds no Submit button of its own); with `form-action="reset"` it resets it; with
 * `href` it is a link that looks like a button.
 *
 * @tagname crowd-button
 *
 * @slot - The button's text (also its accessible name, even for `variant="icon"`).
 *
 * @csspart base - The native `<button>`, or `<a>` when `href` is set.
 * @csspart icon - The image of `icon-url`.
 * @csspart label - The wrapper of the text.
 * @csspart spinner - The loading indicator.
 *
 * @cssprop --quorum-color-accent - Background of `variant="primary"`, colour of links (default #0b5fbf).
 * @cssprop --quorum-color-accent-contrast - Text on the accent colour.
 * @cssprop --quorum-color-surface - Background of normal buttons.
 * @cssprop --quorum-color-border - Border of normal buttons.
 * @cssprop --quorum-color-panel - Background of disabled buttons.
 * @cssprop --quorum-focus-color - Focus outline.
 * @cssprop --quorum-radius - Corner radius.
 *
 * @event click - As for a native button; not fired while disabled, swallowed while loading.
 */
export class CrowdButton extends LitElement {
  static readonly tagName = 'crowd-button';
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [themeStyles, crowdButtonStyles];

  /** Shows the button as disabled and ignores clicks. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Shows the button as busy and ignores clicks; takes precedence over `disabled`. */
  @property({ type: Boolean, reflect: true }) loading = false;

  /** `submit` submits the enclosing form, `reset` resets it. */
  @property({ attribute: 'form-action', reflect: true }) formAction: CrowdButtonFormAction = '';

  /** Makes the button a link to this URL. */
  @property() href = '';

  /** Where `href` opens, as for a link (`_blank`, a frame name …). */
  @property() target = '';

  /**
   * Name of an iron-icons icon in Ground Truth. Quorum ships no icon set, so this only warns;
   * use `icon-url` instead.
   */
  @property() icon = '';

  /** Side of the text the icon is on. */
  @property({ attribute: 'icon-align' }) iconAlign: 'left' | 'right' = 'left';

  /** URL of an image to use as the icon. */
  @property({ attribute: 'icon-url' }) iconUrl = '';

  /** `primary` for the main action, `normal`, `link` for a tertiary action, `icon` for the icon alone. */
  @property({ reflect: true }) variant: CrowdButtonVariant = 'normal';

  /** Set by the platform for the `disabled` attribute and for a disabled ancestor `<fieldset>`. */
  @state() private formDisabled = false;

  readonly #internals: ElementInternals;

  constructor() {
    super();
    this.#internals = this.attachInternals();
    this.addEventListener('click', this.#onClick);
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    if (this.icon) warnOnce(this, 'unsupported-icon', `${describeElement(this)} names the iron-icon "${this.icon}", which Quorum does not ship; use icon-url="…" instead.`);
    if (!['', 'submit', 'reset'].includes(this.formAction)) {
      warnOnce(this, 'unknown-form-action', `${describeElement(this)} has form-action="${this.formAction}"; use "submit" or "reset".`);
    }
  }

  /** Called by the platform with the `disabled` state of the element or its fieldset. */
  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
    // Setting `disabled` from code calls this while Lit reflects the attribute, after render, where a state change is not rendered.
    if (this.isUpdatePending) void this.updateComplete.then(() => this.requestUpdate());
  }

  /** The native form the button belongs to, if any. */
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }

  #onClick = (event: MouseEvent): void => {
    if (this.#inactive()) {
      // Handlers added later (such as a template's onclick) must not run for a busy button.
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    if (this.formAction !== 'submit' && this.formAction !== 'reset') return;
    event.preventDefault();
    if (requestFormAction(this, this.formAction)) return;
    if (this.formAction === 'submit') this.form?.requestSubmit();
    else this.form?.reset();
  };

  #inactive(): boolean {
    return this.loading || this.disabled || this.formDisabled;
  }

  protected override render(): TemplateResult {
    const icon = this.iconUrl ? html`<img part="icon" class="icon" src=${this.iconUrl} alt="" />` : nothing;
    const content = html`
      ${this.iconAlign === 'right' ? nothing : icon}
      <span part="label" class="label"><slot></slot></span>
      ${this.iconAlign === 'right' ? icon : nothing}
      ${this.loading ? html`<span part="spinner" class="spinner" aria-hidden="true"></span>` : nothing}
    `;
    if (this.href && !this.#inactive()) {
      return html`<a part="base" class="base" href=${this.href} target=${this.target || nothing} rel=${this.target === '_blank' ? 'noopener' : nothing}>${content}</a>`;
    }
    const disabled = (this.disabled || this.formDisabled) && !this.loading;
    return html`
      <button
        part="base"
        class="base"
        type="button"
        ?disabled=${disabled}
        aria-disabled=${this.loading ? 'true' : nothing}
        aria-busy=${this.loading ? 'true' : nothing}
      >
        ${content}
      </button>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-button': CrowdButton;
  }
}
