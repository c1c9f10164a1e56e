import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { expectMirroredLayout } from '../internal/rtl.test.js';
import { mount } from '../internal/testing.test.js';
import { CrowdFab } from './crowd-fab.js';

if (!customElements.get(CrowdFab.tagName)) customElements.define(CrowdFab.tagName, CrowdFab);

describe('<crowd-fab>', () => {
  it('is a raised round button with an icon, named by title', async () => {
    const fab = await mount<CrowdFab>(html`<crowd-fab id="button1" icon="report-problem" title="Issue"></crowd-fab>`);
    const native = fab.shadowRoot?.querySelector('button') as HTMLButtonElement;
    expect(native.getAttribute('aria-label')).to.equal('Issue');
    expect(getComputedStyle(native).borderRadius).to.equal('50%');
    expect(getComputedStyle(native).boxShadow).to.not.equal('none');
    let clicks = 0;
    fab.addEventListener('click', () => clicks++);
    native.click();
    expect(clicks).to.equal(1);
    await expect(fab).to.be.accessible();
  });

  it('shows a one-character label without an icon, cutting longer ones', async () => {
    const fab = await mount<CrowdFab>(html`<crowd-fab label="+"></crowd-fab>`);
    expect(fab.shadowRoot?.querySelector('button')?.textContent?.trim()).to.equal('+');
    expect(fab.shadowRoot?.querySelector('button')?.getAttribute('aria-label')).to.equal('+');
    const long = await mount<CrowdFab>(html`<crowd-fab label="Go" title="Go on"></crowd-fab>`);
    const label = long.shadowRoot?.querySelector('[part="label"]') as HTMLElement;
    expect(getComputedStyle(label).textOverflow).to.equal('ellipsis');
    expect(label.scrollWidth).to.be.greaterThan(label.clientWidth);
    await expect(long).to.be.accessible();
  });
});

describe('<crowd-fab> right-to-left', () => {
  it('mirrors its layout', async () => {
    await expectMirroredLayout(() => html`<crowd-fab icon="report-problem" title="Issue"></crowd-fab>`);
  });
});
