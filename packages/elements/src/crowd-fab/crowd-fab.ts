import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { CrowdIconButton } from '../crowd-icon-button/crowd-icon-button.js';
import { iconName } from '../internal/icons.js';
import { crowdFabStyles } from './crowd-fab.styles.js';

/**
 * @summary A floating action button: a raised round button with an icon or a one-character
 * label in its centre. Ground Truth's `<crowd-fab>`; templates listen for its `click`.
 *
 * Its accessible name is the `title`, else the icon's name, else the label.
 *
 * @tagname crowd-fab
 *
 * @csspart base - The native button.
 * @csspart icon - The icon.
 * @csspart label - The label.
 *
 * @cssprop --quorum-color-accent - Background of the button.
 * @cssprop --quorum-color-accent-contrast - Colour of the icon or label.
 *
 * @event click - As for a native button; never while disabled.
 */
export class CrowdFab extends CrowdIconButton {
  static override readonly tagName: string = 'crowd-fab';
  static override styles = [...CrowdIconButton.styles, crowdFabStyles];

  /** A single character shown when there is no `icon`; longer labels are cut with an ellipsis. */
  @property() label = '';

  protected override accessibleName(): string {
    return this.title || iconName(this.icon) || this.label || 'Button';
  }

  protected override renderContent(): unknown {
    if (this.icon) return super.renderContent();
    // Longer labels are cut with an ellipsis by CSS, so the text stays whole for the accessible name.
    return html`<span part="label" class="label">${this.label}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-fab': CrowdFab;
  }
}
