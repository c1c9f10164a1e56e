import { LitElement, html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { crowdTabStyles } from './crowd-tab.styles.js';

/**
 * @summary One page of a `<crowd-tabs>`: its `header` is the tab's text, its content the page.
 * Ground Truth's `<crowd-tab>`. Controls on a page that is not shown still belong to the form
 * and submit.
 *
 * @tagname crowd-tab
 *
 * @slot - The page's content.
 *
 * @event quorum-tab-change - Internal: fired when the tab connects or re-renders (a new `header`), so the
 * enclosing `<crowd-tabs>` redraws its tab list.
 */
export class CrowdTab extends LitElement {
  static readonly tagName = 'crowd-tab';
  static override styles = crowdTabStyles;

  /** The text on the tab. */
  @property({ reflect: true }) header = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('role', 'tabpanel');
    // Tabs whose header changes tell their <crowd-tabs>, which draws the tab list.
    this.dispatchEvent(new Event('quorum-tab-change', { bubbles: true }));
  }

  protected override updated(): void {
    this.dispatchEvent(new Event('quorum-tab-change', { bubbles: true }));
  }

  protected override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-tab': CrowdTab;
  }
}
