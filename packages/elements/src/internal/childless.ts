/**
 * Ground Truth templates often write controls as `<crowd-input … />`. HTML has no self-closing
 * custom elements, so the parser treats that as an open tag and everything up to the enclosing
 * end tag becomes the control's children: hidden, since a control like `<crowd-input>` has no
 * slot. A childless control therefore moves any children out, right after itself, which is the
 * structure the author meant. It keeps watching, because the parser may still be appending.
 */
export class ChildlessController {
  readonly #observer: MutationObserver;

  constructor(private readonly host: HTMLElement) {
    this.#observer = new MutationObserver(() => this.#release());
  }

  connect(): void {
    this.#release();
    this.#observer.observe(this.host, { childList: true });
  }

  disconnect(): void {
    this.#observer.disconnect();
  }

  #release(): void {
    if (this.host.firstChild && this.host.parentNode) this.host.after(...this.host.childNodes);
  }
}
