import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { themeStyles } from '../internal/theme.styles.js';
import { crowdToastStyles } from './crowd-toast.styles.js';

/** The toast on screen (at most one: opening a toast closes the others). */
const openToasts = new Set<CrowdToast>();

/**
 * @summary A subtle notification that appears at the bottom of the screen for `duration`
 * milliseconds. Only one toast is visible at a time: opening one closes the other. Ground
 * Truth's `<crowd-toast>`.
 *
 * It is announced politely (`role="status"`), and its timer pauses while the pointer is over it
 * or focus is in it, so a worker can finish reading.
 *
 * @tagname crowd-toast
 *
 * @slot - The message, when there is no `text`.
 *
 * @csspart base - The notification.
 * @csspart close - The close button.
 *
 * @event close - When the toast closes (its time ran out, the worker closed it, or another toast opened).
 */
export class CrowdToast extends LitElement {
  static readonly tagName = 'crowd-toast';
  static override styles = [themeStyles, crowdToastStyles];

  /** How long the toast stays, in milliseconds (default 3000; 0 or less: until closed). */
  @property({ type: Number }) duration = 3000;

  /** The message; the element's content is shown when it is empty. */
  @property() text = '';

  /** Whether the toast is showing. Set it (or the `opened` attribute) to show the toast. */
  @property({ type: Boolean, reflect: true }) opened = false;

  #timer: ReturnType<typeof setTimeout> | undefined;
  #remaining = 0;
  #startedAt = 0;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTimer();
    openToasts.delete(this);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!changed.has('opened')) return;
    if (this.opened) {
      for (const other of openToasts) if (other !== this) other.close();
      openToasts.add(this);
      this.#remaining = this.duration;
      this.#startTimer();
    } else if (changed.get('opened') === true) {
      this.#stopTimer();
      openToasts.delete(this);
      this.dispatchEvent(new Event('close', { bubbles: true }));
    }
  }

  /** Shows the toast, with a new message when given. */
  show(text?: string): void {
    if (text !== undefined) this.text = text;
    if (this.opened) {
      this.#remaining = this.duration;
      this.#startTimer();
    }
    this.opened = true;
  }

  /** Hides the toast. */
  close(): void {
    this.opened = false;
  }

  #startTimer(): void {
    this.#stopTimer();
    if (this.#remaining <= 0) return;
    this.#startedAt = performance.now();
    this.#timer = setTimeout(() => this.close(), this.#remaining);
  }

  #stopTimer(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #pause = (): void => {
    if (this.#timer === undefined) return;
    this.#stopTimer();
    this.#remaining = Math.max(0, this.#remaining - (performance.now() - this.#startedAt));
  };

  #resume = (): void => {
    if (!this.opened || this.#timer !== undefined || this.matches(':hover, :focus-within')) return;
    this.#remaining = Math.max(this.#remaining, 1000);
    this.#startTimer();
  };

  protected override render(): TemplateResult {
    return html`
      <div
        part="base"
        class="base"
        role="status"
        @pointerenter=${this.#pause}
        @pointerleave=${this.#resume}
        @focusin=${this.#pause}
        @focusout=${this.#resume}
      >
        <div class="message">${this.text || html`<slot></slot>`}</div>
        <button part="close" class="close" type="button" aria-label="Close notification" @click=${this.close}><span aria-hidden="true">✕</span></button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-toast': CrowdToast;
  }
}
