import { expect, oneEvent } from '@open-wc/testing';
import { html } from 'lit';
import { expectMirroredLayout } from '../internal/rtl.test.js';
import { mount } from '../internal/testing.test.js';
import { CrowdToast } from './crowd-toast.js';

if (!customElements.get(CrowdToast.tagName)) customElements.define(CrowdToast.tagName, CrowdToast);

const visible = (toast: CrowdToast): boolean => toast.getBoundingClientRect().height > 0;
const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('<crowd-toast>', () => {
  it('shows when opened, announced politely, and closes itself after duration', async () => {
    const toast = await mount<CrowdToast>(html`<crowd-toast duration="1500" opened>This message disappears.</crowd-toast>`);
    const closed = oneEvent(toast, 'close');
    expect(visible(toast)).to.equal(true);
    expect(toast.shadowRoot?.querySelector('[role="status"]')).to.not.equal(null);
    await closed;
    expect(toast.opened).to.equal(false);
    expect(visible(toast)).to.equal(false);
  });

  it('shows text in place of its content, from show(text)', async () => {
    const toast = await mount<CrowdToast>(html`<crowd-toast duration="0">content</crowd-toast>`);
    expect(visible(toast)).to.equal(false);
    toast.show('Saved your draft');
    await toast.updateComplete;
    expect(toast.shadowRoot?.querySelector('.message')?.textContent).to.equal('Saved your draft');
    await wait(50);
    expect(toast.opened).to.equal(true);
    await expect(toast).to.be.accessible();
  });

  it('keeps only one toast visible', async () => {
    const container = await mount<HTMLElement>(html`<div><crowd-toast duration="0" text="first"></crowd-toast><crowd-toast duration="0" text="second"></crowd-toast></div>`);
    const [first, second] = [...container.querySelectorAll('crowd-toast')] as CrowdToast[];
    first?.show();
    await first?.updateComplete;
    second?.show();
    await second?.updateComplete;
    await first?.updateComplete;
    expect([first?.opened, second?.opened]).to.deep.equal([false, true]);
  });

  it('is closed with its button, and its timer waits while the pointer is over it', async () => {
    const toast = await mount<CrowdToast>(html`<crowd-toast duration="400" text="Hover me" opened></crowd-toast>`);
    const base = toast.shadowRoot?.querySelector('.base') as HTMLElement;
    // Synthetic pointer events: the real mouse is shared with test files running beside this one.
    base.dispatchEvent(new PointerEvent('pointerenter'));
    await wait(700);
    expect(toast.opened).to.equal(true);
    base.dispatchEvent(new PointerEvent('pointerleave'));
    const closed = oneEvent(toast, 'close');
    await closed;
    expect(toast.opened).to.equal(false);
    toast.show();
    await toast.updateComplete;
    (toast.shadowRoot?.querySelector('[part="close"]') as HTMLElement).click();
    await toast.updateComplete;
    expect(toast.opened).to.equal(false);
  });
});

describe('<crowd-toast> right-to-left', () => {
  it('mirrors its layout while shown', async () => {
    await expectMirroredLayout(() => html`<crowd-toast duration="0" opened>Saved your draft</crowd-toast>`);
  });
});
