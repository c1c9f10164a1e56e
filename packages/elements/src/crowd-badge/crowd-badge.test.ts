import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { captureWarnings, mount } from '../internal/testing.test.js';
import { CrowdBadge } from './crowd-badge.js';

if (!customElements.get(CrowdBadge.tagName)) customElements.define(CrowdBadge.tagName, CrowdBadge);

describe('<crowd-badge>', () => {
  it('floats over the top right corner of the element named by for', async () => {
    const container = await mount<HTMLElement>(html`<div style="padding: 40px">
      <div id="short-instructions" style="width: 300px; height: 80px">Read the task.</div>
      <crowd-badge for="short-instructions" label="3"></crowd-badge>
    </div>`);
    const badge = container.querySelector('crowd-badge') as CrowdBadge;
    await badge.updateComplete;
    const target = container.querySelector('#short-instructions') as HTMLElement;
    expect(badge.target).to.equal(target);
    const box = badge.getBoundingClientRect();
    const corner = target.getBoundingClientRect();
    expect(Math.abs(box.left + box.width / 2 - corner.right)).to.be.lessThan(2);
    expect(Math.abs(box.top + box.height / 2 - corner.top)).to.be.lessThan(2);
    expect(badge.shadowRoot?.querySelector('[role="img"]')?.getAttribute('aria-label')).to.equal('3');
    await expect(container).to.be.accessible();
    badge.remove();
    expect(target.style.getPropertyValue('anchor-name')).to.equal('');
  });

  it('floats over the top left corner, where text lines end, in a right-to-left page', async () => {
    const container = await mount<HTMLElement>(html`<div dir="rtl" style="padding: 40px">
      <div id="rtl-target" style="width: 300px; height: 80px">اقرأ المهمة.</div>
      <crowd-badge for="rtl-target" label="3"></crowd-badge>
    </div>`);
    const badge = container.querySelector('crowd-badge') as CrowdBadge;
    await badge.updateComplete;
    const box = badge.getBoundingClientRect();
    const corner = (container.querySelector('#rtl-target') as HTMLElement).getBoundingClientRect();
    expect(Math.abs(box.left + box.width / 2 - corner.left)).to.be.lessThan(2);
    expect(Math.abs(box.top + box.height / 2 - corner.top)).to.be.lessThan(2);
  });

  it('shows an icon in place of the label, named after the icon', async () => {
    const badge = await mount<CrowdBadge>(html`<crowd-badge icon="star" label="New"></crowd-badge>`);
    const image = badge.shadowRoot?.querySelector('[role="img"]') as HTMLElement;
    expect(image.textContent?.trim()).to.equal('★');
    expect(image.getAttribute('aria-label')).to.equal('New');
    const unnamed = await mount<CrowdBadge>(html`<crowd-badge icon="report-problem"></crowd-badge>`);
    expect(unnamed.shadowRoot?.querySelector('[role="img"]')?.getAttribute('aria-label')).to.equal('Report problem');
  });

  it('warns for an unknown icon and a missing target, and stays inline', async () => {
    let badge!: CrowdBadge;
    const warnings = await captureWarnings(async () => {
      badge = await mount<CrowdBadge>(html`<crowd-badge for="nowhere" icon="no-such-icon" label="1"></crowd-badge>`);
    });
    expect(warnings.some((warning) => warning.startsWith('[quorum:unsupported-icon]'))).to.equal(true);
    expect(warnings.some((warning) => warning.startsWith('[quorum:missing-target]') && warning.includes('for="nowhere"'))).to.equal(true);
    expect(getComputedStyle(badge).position).to.equal('static');
  });

  it('keeps the markup after a self-closing <crowd-badge /> where the author wrote it', async () => {
    const container = await mount<HTMLElement>(html`<div></div>`);
    container.innerHTML = '<short-instructions id="s"><p>Read.</p><crowd-badge icon="star" for="s"/><p id="after">After the badge</p></short-instructions>';
    const badge = container.querySelector('crowd-badge') as CrowdBadge;
    await badge.updateComplete;
    expect(badge.childNodes).to.have.length(0);
    expect(badge.nextElementSibling?.id).to.equal('after');
    expect((container.querySelector('#after') as HTMLElement).getBoundingClientRect().height).to.be.greaterThan(0);
  });
});
