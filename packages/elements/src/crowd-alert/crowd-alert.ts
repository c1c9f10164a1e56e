import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { themeStyles } from '../internal/theme.styles.js';
import { crowdAlertStyles } from './crowd-alert.styles.js';

/** The kinds of `<crowd-alert>`. */
export type CrowdAlertType = 'info' | 'success' | 'error' | 'warning';

/**
 * @summary A message that alerts the worker to a current situation. Ground Truth's `<crowd-alert>`.
 * Errors and warnings are announced at once (`role="alert"`), info and success politely
 * (`role="status"`).
 *
 * @tagname crowd-alert
 *
 * @slot - The message.
 *
 * @csspart base - The message box.
 * @csspart icon - The symbol of the type.
 * @csspart message - The wrapper of the message.
 * @csspart dismiss - The dismiss button.
 *
 * @cssprop --quorum-color-danger - Colour of `type="error"`.
 * @cssprop --quorum-color-accent - Colour of `type="info"`.
 *
 * @event dismiss - When the worker closed the alert (it is then hidden). Cancelable: canceling keeps it open.
 */
export class CrowdAlert extends LitElement {
  static readonly tagName = 'crowd-alert';
  static override styles = [themeStyles, crowdAlertStyles];

  /** `info` (default), `success`, `error` or `warning`. */
  @property({ reflect: true }) type: CrowdAlertType = 'info';

  /** Lets the worker close the message. */
  @property({ type: Boolean, reflect: true }) dismissible = false;

  /** Hides the alert, as the worker's dismiss button does, firing `dismiss`. */
  dismiss(): void {
    if (this.dispatchEvent(new Event('dismiss', { bubbles: true, cancelable: true }))) this.hidden = true;
  }

  protected override render(): TemplateResult {
    const urgent = this.type === 'error' || this.type === 'warning';
    const symbol = { info: 'i', success: '✓', error: '!', warning: '⚠' }[this.type] ?? 'i';
    return html`
      <div part="base" class="base" role=${urgent ? 'alert' : 'status'}>
        <span part="icon" class="icon" aria-hidden="true">${symbol}</span>
        <div part="message" class="message"><slot></slot></div>
        ${this.dismissible
          ? html`<button part="dismiss" class="dismiss" type="button" aria-label="Dismiss" @click=${this.dismiss}><span aria-hidden="true">✕</span></button>`
          : nothing}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-alert': CrowdAlert;
  }
}
