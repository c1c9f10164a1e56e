import { html, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { DialogTrigger } from '../internal/dialog-trigger.js';
import { dialogStyles } from '../internal/dialog.styles.js';
import { renderTabList } from '../internal/tabs.js';
import { tabsStyles } from '../internal/tabs.styles.js';
import { themeStyles } from '../internal/theme.styles.js';
import { crowdInstructionsStyles } from './crowd-instructions.styles.js';

/** Region elements of `<crowd-instructions>`; each goes to the slot of its own name. */
const REGIONS = ['short-summary', 'detailed-instructions', 'positive-example', 'negative-example'];

/**
 * @summary A link or button (`link-text`, `link-type`) that opens the task's instructions on three
 * tabbed pages: Summary, Detailed Instructions and Examples. Ground Truth's `<crowd-instructions>`.
 *
 * The pages come from child regions written without `slot` attributes, as in Ground Truth's
 * templates: `<short-summary>`, `<detailed-instructions>`, and any number of `<positive-example>`
 * and `<negative-example>`. The window is a native modal dialog (focus stays inside, Esc closes,
 * focus returns to the trigger); the tabs take Left/Right, Home and End.
 *
 * @tagname crowd-instructions
 *
 * @slot short-summary - The `<short-summary>` region (Summary page).
 * @slot detailed-instructions - The `<detailed-instructions>` region (Detailed Instructions page).
 * @slot positive-example - The `<positive-example>` regions (Examples page).
 * @slot negative-example - The `<negative-example>` regions (Examples page).
 *
 * @csspart trigger - The link or button that opens the instructions.
 * @csspart dialog - The window.
 * @csspart dialog-body - Its scrolling body.
 * @csspart close - The Close button.
 * @csspart tabs - The tab list.
 * @csspart tab - One tab; `tab-selected` when selected.
 * @csspart panel - One page.
 *
 * @event open - When the instructions open.
 * @event close - When the instructions close.
 */
export class CrowdInstructions extends DialogTrigger {
  static readonly tagName = 'crowd-instructions';
  static override styles = [themeStyles, dialogStyles, tabsStyles, crowdInstructionsStyles];

  /** The page shown: 0 Summary, 1 Detailed Instructions, 2 Examples. */
  @state() selectedPage = 0;

  readonly #childObserver = new MutationObserver(() => this.#assignRegions());

  override connectedCallback(): void {
    super.connectedCallback();
    this.#assignRegions();
    this.#childObserver.observe(this, { childList: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#childObserver.disconnect();
  }

  /** Opens the instructions on a page (0 Summary, 1 Detailed Instructions, 2 Examples). */
  async showPage(page: number): Promise<void> {
    this.selectedPage = Math.min(2, Math.max(0, page));
    await this.show();
  }

  protected defaultLinkText(): string {
    return 'Click for instructions';
  }

  protected dialogTitle(): string {
    return 'Instructions';
  }

  #assignRegions(): void {
    for (const child of this.children) {
      if (REGIONS.includes(child.localName) && !child.hasAttribute('slot')) child.setAttribute('slot', child.localName);
    }
  }

  protected renderBody(): TemplateResult {
    const page = this.selectedPage;
    const panel = (index: number, content: TemplateResult): TemplateResult => html`
      <div role="tabpanel" part="panel" id=${`page-panel-${index}`} aria-labelledby=${`page-tab-${index}`} tabindex="0" ?hidden=${page !== index}>${content}</div>
    `;
    return html`
      ${renderTabList({
        labels: ['Summary', 'Detailed Instructions', 'Examples'],
        selected: page,
        prefix: 'page',
        label: 'Instructions',
        onSelect: (index) => (this.selectedPage = index),
      })}
      ${panel(0, html`<slot name="short-summary"></slot>`)} ${panel(1, html`<slot name="detailed-instructions"></slot>`)}
      ${panel(
        2,
        html`
          <h3 class="examples good">Good examples</h3>
          <slot name="positive-example"></slot>
          <h3 class="examples bad">Bad examples</h3>
          <slot name="negative-example"></slot>
        `,
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-instructions': CrowdInstructions;
  }
}
