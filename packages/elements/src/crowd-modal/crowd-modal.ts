import { html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { DialogTrigger } from '../internal/dialog-trigger.js';
import { dialogStyles } from '../internal/dialog.styles.js';
import { themeStyles } from '../internal/theme.styles.js';
import { crowdModalStyles } from './crowd-modal.styles.js';

/**
 * @summary A link or button (`link-text`, `link-type`) that opens a small window over the page
 * with the element's content. Ground Truth's `<crowd-modal>`.
 *
 * The window is a native modal dialog: focus moves into it and stays there, Esc, the Close
 * button or a click on the backdrop close it, and focus then returns to where it was.
 *
 * @tagname crowd-modal
 *
 * @slot - The content of the window.
 *
 * @csspart trigger - The link or button that opens the window.
 * @csspart dialog - The window.
 * @csspart dialog-body - Its scrolling body.
 * @csspart close - The Close button.
 *
 * @event open - When the window opens.
 * @event close - When the window closes.
 */
export class CrowdModal extends DialogTrigger {
  static readonly tagName = 'crowd-modal';
  static override styles = [themeStyles, dialogStyles, crowdModalStyles];

  /** Heading of the window (Quorum's addition; default: the link text). */
  @property() header = '';

  protected defaultLinkText(): string {
    return 'Click to open modal';
  }

  protected dialogTitle(): string {
    return this.header || this.linkText || 'Details';
  }

  protected renderBody(): TemplateResult {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-modal': CrowdModal;
  }
}
