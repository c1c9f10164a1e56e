import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import { expectMirroredLayout } from '../internal/rtl.test.js';
import { mount } from '../internal/testing.test.js';
import { CrowdIconButton } from './crowd-icon-button.js';

if (!customElements.get(CrowdIconButton.tagName)) customElements.define(CrowdIconButton.tagName, CrowdIconButton);

async function click(element: Element): Promise<void> {
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
}

describe('<crowd-icon-button>', () => {
  it('fires click on the element for the pointer, Enter and Space, named by its title', async () => {
    const button = await mount<CrowdIconButton>(html`<crowd-icon-button id="button1" icon="report-problem" title="Issue"></crowd-icon-button>`);
    let clicks = 0;
    button.addEventListener('click', () => clicks++);
    await click(button);
    button.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: ' ' });
    expect(clicks).to.equal(3);
    const native = button.shadowRoot?.querySelector('button') as HTMLButtonElement;
    expect(native.getAttribute('aria-label')).to.equal('Issue');
    expect(native.textContent?.trim()).to.equal('⚠');
    await expect(button).to.be.accessible();
  });

  it('is named after its icon without a title, and shows an image icon by URL', async () => {
    const button = await mount<CrowdIconButton>(html`<crowd-icon-button icon="help"></crowd-icon-button>`);
    expect(button.shadowRoot?.querySelector('button')?.getAttribute('aria-label')).to.equal('Help');
    const image = await mount<CrowdIconButton>(html`<crowd-icon-button icon="https://example.com/flag.svg" title="Flag"></crowd-icon-button>`);
    expect(image.shadowRoot?.querySelector('img')?.getAttribute('src')).to.equal('https://example.com/flag.svg');
  });

  it('when disabled, runs no click handlers and is skipped by Tab', async () => {
    const container = await mount<HTMLElement>(
      html`<div><button>before</button><crowd-icon-button disabled icon="add" title="Add"></crowd-icon-button><button>after</button></div>`,
    );
    const button = container.querySelector('crowd-icon-button') as CrowdIconButton;
    await button.updateComplete;
    let clicks = 0;
    button.addEventListener('click', () => clicks++);
    await click(button);
    button.click();
    expect(clicks).to.equal(0);
    container.querySelector('button')?.focus();
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement?.textContent).to.equal('after');
  });

  it('keeps the markup after a self-closing <crowd-icon-button /> in place', async () => {
    const container = await mount<HTMLElement>(html`<div></div>`);
    container.innerHTML = '<crowd-icon-button icon="add" title="Add"/><p id="after">Next</p>';
    const button = container.querySelector('crowd-icon-button') as CrowdIconButton;
    await button.updateComplete;
    expect(button.childNodes).to.have.length(0);
    expect(button.nextElementSibling?.id).to.equal('after');
  });
});

describe('<crowd-icon-button> right-to-left', () => {
  it('mirrors its layout', async () => {
    await expectMirroredLayout(() => html`<crowd-icon-button icon="report-problem" title="Issue"></crowd-icon-button>`);
  });
});
