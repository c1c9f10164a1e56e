import { LitElement, html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CrowdTab } from '../crowd-tab/crowd-tab.js';
import { renderTabList } from '../internal/tabs.js';
import { tabsStyles } from '../internal/tabs.styles.js';
import { themeStyles } from '../internal/theme.styles.js';
import { crowdTabsStyles } from './crowd-tabs.styles.js';

let tabsCount = 0;

/**
 * @summary A container for tabbed information: one tab per `<crowd-tab>` child, showing one page
 * at a time. Ground Truth's `<crowd-tabs>`.
 *
 * The pages stay in the light DOM, so every control on them belongs to the form and submits,
 * shown or not; when the form's validation finds a problem on a hidden page, that page is shown.
 * Keyboard: Left/Right (mirrored in right-to-left text), Home and End move between tabs.
 *
 * @tagname crowd-tabs
 *
 * @slot - The `<crowd-tab>` pages.
 *
 * @csspart tabs - The tab list.
 * @csspart tab - One tab; `tab-selected` when selected.
 *
 * @event change - When the worker selects another tab; `selected` is its index.
 */
export class CrowdTabs extends LitElement {
  static readonly tagName = 'crowd-tabs';
  static override styles = [themeStyles, tabsStyles, crowdTabsStyles];

  /** Index of the shown page. Setting it does not fire `change`. */
  @property({ type: Number }) selected = 0;

  @state() private headers: string[] = [];

  readonly #prefix = `quorum-tabs-${++tabsCount}`;
  readonly #childObserver = new MutationObserver(() => this.#readTabs());

  constructor() {
    super();
    this.addEventListener('quorum-tab-change', () => this.#readTabs());
    // `invalid` does not bubble; listening in the capture phase sees it for any control inside.
    this.addEventListener('invalid', this.#onInvalid, true);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#readTabs();
    this.#childObserver.observe(this, { childList: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#childObserver.disconnect();
  }

  /** The `<crowd-tab>` pages. */
  get tabs(): CrowdTab[] {
    return [...this.children].filter((child): child is CrowdTab => child.localName === CrowdTab.tagName);
  }

  protected override updated(): void {
    this.#syncPanels();
  }

  #onInvalid = (event: Event): void => {
    const page = this.tabs.findIndex((tab) => tab.contains(event.target as Node));
    if (page >= 0 && page !== this.selected) {
      this.selected = page;
      this.#syncPanels();
    }
  };

  #readTabs(): void {
    const headers = this.tabs.map((tab, index) => tab.getAttribute('header') || `Tab ${index + 1}`);
    if (headers.join('\u0000') !== this.headers.join('\u0000')) this.headers = headers;
    this.#syncPanels();
  }

  #syncPanels(): void {
    const selected = Math.min(this.selected, Math.max(0, this.tabs.length - 1));
    this.tabs.forEach((tab, index) => {
      tab.hidden = index !== selected;
      tab.tabIndex = 0;
      tab.setAttribute('aria-label', this.headers[index] ?? '');
    });
  }

  #selectByUser(index: number): void {
    if (index === this.selected) return;
    this.selected = index;
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  protected override render(): TemplateResult {
    const selected = Math.min(this.selected, Math.max(0, this.headers.length - 1));
    const list = renderTabList({
      labels: this.headers,
      selected,
      prefix: this.#prefix,
      label: 'Tabs',
      panelsInside: false,
      onSelect: (index) => this.#selectByUser(index),
    });
    return html`${list}<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-tabs': CrowdTabs;
  }
}
