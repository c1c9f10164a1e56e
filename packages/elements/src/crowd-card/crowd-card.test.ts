import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { expectMirroredLayout } from '../internal/rtl.test.js';
import { mount } from '../internal/testing.test.js';
import { CrowdCard } from './crowd-card.js';

if (!customElements.get(CrowdCard.tagName)) customElements.define(CrowdCard.tagName, CrowdCard);

const PIXEL = 'data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';

describe('<crowd-card>', () => {
  it('shows its content in an elevated box', async () => {
    const card = await mount<CrowdCard>(html`<crowd-card><div class="card">Nothing is great.</div></crowd-card>`);
    const base = card.shadowRoot?.querySelector('[part="base"]') as HTMLElement;
    expect(getComputedStyle(base).boxShadow).to.not.equal('none');
    expect(card.textContent).to.equal('Nothing is great.');
    expect(card.shadowRoot?.querySelector('[part="heading"], [part="image"]')).to.equal(null);
    await expect(card).to.be.accessible();
  });

  it('shows heading and image above the content', async () => {
    const card = await mount<CrowdCard>(html`<crowd-card heading="Review" image=${PIXEL}>Text</crowd-card>`);
    const heading = card.shadowRoot?.querySelector('[part="heading"]') as HTMLElement;
    expect(heading.textContent).to.equal('Review');
    expect(heading.getAttribute('role')).to.equal('heading');
    expect(card.shadowRoot?.querySelector('img')?.getAttribute('src')).to.equal(PIXEL);
    await expect(card).to.be.accessible();
  });
});

describe('<crowd-card> right-to-left', () => {
  it('mirrors its layout', async () => {
    await expectMirroredLayout(() => html`<crowd-card heading="Review" image=${PIXEL}>Text</crowd-card>`);
  });
});
