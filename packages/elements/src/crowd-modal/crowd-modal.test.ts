import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { expectMirroredLayout } from '../internal/rtl.test.js';
import { mount } from '../internal/testing.test.js';
import { CrowdModal } from './crowd-modal.js';

if (!customElements.get(CrowdModal.tagName)) customElements.define(CrowdModal.tagName, CrowdModal);

function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('<crowd-modal>', () => {
  it('has a link "Click to open modal" by default, or a button with link-text', async () => {
    const modal = await mount<CrowdModal>(html`<crowd-modal>Example Modal Text</crowd-modal>`);
    const trigger = modal.shadowRoot?.querySelector('[part="trigger"]') as HTMLElement;
    expect(trigger.textContent?.trim()).to.equal('Click to open modal');
    expect(trigger.classList.contains('link')).to.equal(true);
    const button = await mount<CrowdModal>(html`<crowd-modal link-text="See Examples" link-type="button">Example Modal Text</crowd-modal>`);
    const buttonTrigger = button.shadowRoot?.querySelector('[part="trigger"]') as HTMLElement;
    expect(buttonTrigger.textContent?.trim()).to.equal('See Examples');
    expect(buttonTrigger.classList.contains('button')).to.equal(true);
    await expect(button).to.be.accessible();
  });

  it('opens from the keyboard, keeps focus inside, closes with Esc and gives focus back', async () => {
    const container = await mount<HTMLElement>(html`<div>
      <crowd-modal link-text="See Examples" link-type="button"><p>Example Modal Text</p><a href="#x">A link inside</a></crowd-modal>
      <button id="outside">Outside</button>
    </div>`);
    const modal = container.querySelector('crowd-modal') as CrowdModal;
    await modal.updateComplete;
    const trigger = modal.shadowRoot?.querySelector('[part="trigger"]') as HTMLElement;
    trigger.focus();
    const opened = oneEvent(modal, 'open');
    await sendKeys({ press: 'Enter' });
    await opened;
    expect(modal.open).to.equal(true);
    const dialog = modal.shadowRoot?.querySelector('dialog') as HTMLDialogElement;
    const inside = (): boolean => {
      const active = deepActive();
      return active !== null && (dialog.contains(active) || modal.contains(active));
    };
    expect(inside()).to.equal(true);
    (container.querySelector('#outside') as HTMLElement).focus();
    expect(document.activeElement?.id).to.not.equal('outside');
    for (let press = 0; press < 4; press++) {
      await sendKeys({ press: 'Tab' });
      if (deepActive() !== document.body) expect(inside()).to.equal(true);
    }
    await expect(modal).to.be.accessible();
    let closeEvents = 0;
    modal.addEventListener('close', () => closeEvents++);
    await sendKeys({ press: 'Escape' });
    expect(modal.open).to.equal(false);
    // The dialog's close event comes in a task of its own.
    for (let tries = 0; tries < 50 && closeEvents === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closeEvents).to.equal(1);
    expect(deepActive()).to.equal(trigger);
  });

  it('closes with its Close button and with a click on the backdrop', async () => {
    const modal = await mount<CrowdModal>(html`<crowd-modal header="Examples">Text</crowd-modal>`);
    await modal.show();
    expect(modal.shadowRoot?.getElementById('dialog-title')?.textContent).to.equal('Examples');
    (modal.shadowRoot?.querySelector('[part="close"]') as HTMLElement).click();
    expect(modal.open).to.equal(false);
    await modal.show();
    const dialog = modal.shadowRoot?.querySelector('dialog') as HTMLDialogElement;
    dialog.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: 1, clientY: 1 }));
    expect(modal.open).to.equal(false);
  });
});

describe('<crowd-modal> right-to-left', () => {
  it('mirrors its trigger', async () => {
    await expectMirroredLayout(() => html`<crowd-modal link-text="See Examples" link-type="button" header="Examples">Example Modal Text</crowd-modal>`);
  });
});
