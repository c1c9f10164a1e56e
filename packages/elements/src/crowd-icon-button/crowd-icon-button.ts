import { LitElement, html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ChildlessController } from '../internal/childless.js';
import { iconName, renderIcon } from '../internal/icons.js';
import { themeStyles } from '../internal/theme.styles.js';
import { crowdIconButtonStyles } from './crowd-icon-button.styles.js';

/**
 * @summary A round button showing an icon. Ground Truth's `<crowd-icon-button>`; templates
 * listen for its `click`.
 *
 * Its accessible name is the `title`, else the icon's name ("report-problem" → "Report problem").
 * Written self-closing (`<crowd-icon-button … />`), the markup after it stays where the author put it.
 *
 * @tagname crowd-icon-button
 *
 * @csspart base - The native button.
 * @csspart icon - The icon.
 *
 * @cssprop --quorum-color-accent - Colour of the icon.
 * @cssprop --quorum-focus-color - Focus outline.
 *
 * @event click - As for a native button; never while disabled.
 */
export class CrowdIconButton extends LitElement {
  static readonly tagName: string = 'crowd-icon-button';
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [themeStyles, crowdIconButtonStyles];

  /** Shows the button as disabled and ignores clicks. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** An iron-icons name or the URL of an image. */
  @property() icon = '';

  readonly #childless = new ChildlessController(this);

  constructor() {
    super();
    // Listeners that a template adds to the element must not run while it is disabled.
    this.addEventListener('click', (event) => {
      if (!this.disabled) return;
      event.preventDefault();
      event.stopImmediatePropagation();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#childless.connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#childless.disconnect();
  }

  /** The accessible name: the `title`, else the icon's name. */
  protected accessibleName(): string {
    return this.title || iconName(this.icon) || 'Button';
  }

  /** What the button shows. */
  protected renderContent(): unknown {
    return renderIcon(this, this.icon);
  }

  protected override render(): TemplateResult {
    return html`<button part="base" class="base" type="button" ?disabled=${this.disabled} aria-label=${this.accessibleName()}>${this.renderContent()}</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-icon-button': CrowdIconButton;
  }
}
