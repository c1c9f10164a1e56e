import { LitElement, html, type TemplateResult } from 'lit';

/** Fired by a region when something its task element displays (such as a header) changed. */
export const REGION_CHANGE_EVENT = 'quorum-region-change';

/**
 * Base of the region elements (`<classification-target>`, `<short-instructions>`,
 * `<full-instructions>`): plain containers that a task element places in its layout. Templates
 * write them without `slot` attributes, as Ground Truth's do, so each region puts itself in the
 * slot of its own name when it connects; an explicit `slot` attribute is left alone.
 */
export abstract class QuorumRegion extends LitElement {
  /** The slot that task elements reserve for this region. */
  protected abstract readonly slotName: string;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.hasAttribute('slot')) this.setAttribute('slot', this.slotName);
  }

  protected override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}
