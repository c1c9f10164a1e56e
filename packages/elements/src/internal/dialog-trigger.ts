import { LitElement, html, type TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';

/** How the dialog is opened: a text link (default) or a button. */
export type LinkType = 'link' | 'button';

/**
 * Base of `<crowd-modal>` and `<crowd-instructions>`: a link or button (`link-text`,
 * `link-type`) that opens a modal `<dialog>`. The native modal dialog keeps focus inside it
 * (the page behind is inert) and closes with Esc; on closing, focus returns to the element
 * that had it before, usually the trigger.
 */
export abstract class DialogTrigger extends LitElement {
  /** Text of the link or button that opens the dialog. */
  @property({ attribute: 'link-text' }) linkText = '';

  /** `link` (default) or `button`. */
  @property({ attribute: 'link-type' }) linkType: LinkType = 'link';

  /** Whether the dialog is open. */
  get open(): boolean {
    return this.dialog?.open ?? false;
  }

  @query('dialog') protected dialog?: HTMLDialogElement;

  #returnFocus: HTMLElement | null = null;
  #shown = false;

  /** The trigger's text when `link-text` is empty. */
  protected abstract defaultLinkText(): string;

  /** The dialog's heading. */
  protected abstract dialogTitle(): string;

  /** What the dialog holds. */
  protected abstract renderBody(): TemplateResult;

  /** Opens the dialog. */
  async show(): Promise<void> {
    await this.updateComplete;
    if (!this.dialog || this.dialog.open) return;
    this.#returnFocus = deepActiveElement();
    this.dialog.showModal();
    this.#shown = true;
    this.dispatchEvent(new Event('open', { bubbles: true }));
  }

  /** Closes the dialog. */
  close(): void {
    this.dialog?.close();
    this.#afterClose();
  }

  // The dialog's own close event is queued as a task, which a page in the background may not run
  // for a while; Esc is handled from `cancel`, which comes at once, so focus returns without delay.
  #onCancel = (event: Event): void => {
    setTimeout(() => {
      if (!event.defaultPrevented) this.#afterClose();
    });
  };

  #afterClose = (): void => {
    if (!this.#shown || this.dialog?.open) return;
    this.#shown = false;
    const target = this.#returnFocus;
    this.#returnFocus = null;
    if (target?.isConnected) target.focus();
    this.dispatchEvent(new Event('close', { bubbles: true }));
  };

  #onBackdropClick = (event: MouseEvent): void => {
    // A click on the backdrop lands on the dialog element itself, outside its box.
    if (event.target !== this.dialog) return;
    const box = this.dialog.getBoundingClientRect();
    const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
    if (!inside) this.close();
  };

  protected override render(): TemplateResult {
    const text = this.linkText || this.defaultLinkText();
    return html`
      <button type="button" part="trigger" class=${this.linkType === 'button' ? 'trigger button' : 'trigger link'} aria-haspopup="dialog" @click=${this.show}>
        ${text}
      </button>
      <dialog part="dialog" aria-labelledby="dialog-title" @cancel=${this.#onCancel} @close=${this.#afterClose} @click=${this.#onBackdropClick}>
        <div class="dialog-head">
          <h2 id="dialog-title">${this.dialogTitle()}</h2>
          <button type="button" part="close" class="close" @click=${this.close}>Close</button>
        </div>
        <div part="dialog-body" class="dialog-body">${this.renderBody()}</div>
      </dialog>
    `;
  }
}

/** The focused element, looking into shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}
