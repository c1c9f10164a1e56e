import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ChildlessController } from '../internal/childless.js';
import { iconName, renderIcon } from '../internal/icons.js';
import { themeStyles } from '../internal/theme.styles.js';
import { describeElement, warnOnce } from '../internal/warn.js';
import { crowdBadgeStyles } from './crowd-badge.styles.js';

let anchorCount = 0;

/**
 * @summary A small round badge — a short label or an icon — that floats over the top right corner
 * of the element it is attached to (top left in a right-to-left page, where lines end). Ground
 * Truth's `<crowd-badge>`.
 *
 * It attaches with CSS anchor positioning; where a browser lacks that, or `for` names no element,
 * the badge stays inline where it is written. Written self-closing (`<crowd-badge … />`), the
 * markup after it stays where the author put it.
 *
 * @tagname crowd-badge
 *
 * @csspart base - The badge.
 * @csspart icon - The icon.
 *
 * @cssprop --quorum-color-accent - Background of the badge.
 * @cssprop --quorum-color-accent-contrast - Text of the badge.
 */
export class CrowdBadge extends LitElement {
  static readonly tagName = 'crowd-badge';
  static override styles = [themeStyles, crowdBadgeStyles];

  /** Id of the element the badge is attached to (in the same document or shadow root). */
  @property({ attribute: 'for' }) htmlFor = '';

  /** An iron-icons name or the URL of an image; takes precedence over `label`. */
  @property() icon = '';

  /** The text of the badge; three characters or fewer fit. */
  @property() label = '';

  readonly #childless = new ChildlessController(this);
  #anchor = `--quorum-badge-${++anchorCount}`;
  #target: HTMLElement | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#childless.connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#childless.disconnect();
    this.#detach();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('htmlFor')) this.#attach();
  }

  /** The element the badge floats over, or null. */
  get target(): HTMLElement | null {
    return this.#target;
  }

  #attach(): void {
    this.#detach();
    if (!this.htmlFor) return;
    const root = this.getRootNode() as Document | ShadowRoot;
    const target = root.getElementById?.(this.htmlFor) ?? null;
    if (!target) {
      warnOnce(this, 'missing-target', `${describeElement(this)} is for="${this.htmlFor}", but no element has that id; the badge stays inline.`);
      return;
    }
    if (!CSS.supports('anchor-name', '--a')) return;
    const names = target.style.getPropertyValue('anchor-name');
    target.style.setProperty('anchor-name', names && names !== 'none' ? `${names}, ${this.#anchor}` : this.#anchor);
    this.style.setProperty('position-anchor', this.#anchor);
    this.toggleAttribute('anchored', true);
    this.#target = target;
  }

  #detach(): void {
    const target = this.#target;
    if (!target) return;
    const names = target.style
      .getPropertyValue('anchor-name')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name && name !== this.#anchor);
    if (names.length > 0) target.style.setProperty('anchor-name', names.join(', '));
    else target.style.removeProperty('anchor-name');
    this.style.removeProperty('position-anchor');
    this.removeAttribute('anchored');
    this.#target = null;
  }

  protected override render(): TemplateResult {
    const name = this.label || iconName(this.icon);
    return html`<span part="base" class="base" role="img" aria-label=${name || 'Badge'}>${this.icon ? renderIcon(this, this.icon) : this.label}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-badge': CrowdBadge;
  }
}
