import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { themeStyles } from '../internal/theme.styles.js';
import { crowdCardStyles } from './crowd-card.styles.js';

/**
 * @summary A box with an elevated appearance for displaying information, with an optional heading
 * and image. Ground Truth's `<crowd-card>`.
 *
 * @tagname crowd-card
 *
 * @slot - The content of the card.
 *
 * @csspart base - The card.
 * @csspart image - The image (`image` attribute).
 * @csspart heading - The heading (`heading` attribute).
 * @csspart content - The wrapper of the content.
 *
 * @cssprop --quorum-color-surface - Background of the card.
 * @cssprop --quorum-radius - Corner radius.
 */
export class CrowdCard extends LitElement {
  static readonly tagName = 'crowd-card';
  static override styles = [themeStyles, crowdCardStyles];

  /** The text at the top of the card. */
  @property() heading = '';

  /** URL of an image shown at the top of the card. */
  @property() image = '';

  protected override render(): TemplateResult {
    return html`
      <div part="base" class="base">
        ${this.image ? html`<img part="image" class="image" src=${this.image} alt="" />` : nothing}
        ${this.heading ? html`<div part="heading" class="heading" role="heading" aria-level="3">${this.heading}</div>` : nothing}
        <div part="content" class="content"><slot></slot></div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-card': CrowdCard;
  }
}
