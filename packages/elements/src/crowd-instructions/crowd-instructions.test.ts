import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { expectMirroredLayout } from '../internal/rtl.test.js';
import { mount } from '../internal/testing.test.js';
import { CrowdInstructions } from './crowd-instructions.js';

if (!customElements.get(CrowdInstructions.tagName)) customElements.define(CrowdInstructions.tagName, CrowdInstructions);

const template = html`<crowd-instructions link-text="View instructions" link-type="button">
  <short-summary><p>Given an image, write three words that summarize it.</p></short-summary>
  <detailed-instructions><p>Imagine you describe the image to a friend.</p></detailed-instructions>
  <positive-example><p>Highway, Cars, Gas station</p></positive-example>
  <negative-example><p>Trees, Outside, Daytime</p></negative-example>
  <negative-example><p>Thing</p></negative-example>
</crowd-instructions>`;

const panels = (instructions: CrowdInstructions): HTMLElement[] => [...(instructions.shadowRoot?.querySelectorAll<HTMLElement>('[role="tabpanel"]') ?? [])];
const tabs = (instructions: CrowdInstructions): HTMLElement[] => [...(instructions.shadowRoot?.querySelectorAll<HTMLElement>('[role="tab"]') ?? [])];

describe('<crowd-instructions>', () => {
  it('puts the regions on the Summary, Detailed Instructions and Examples pages', async () => {
    const instructions = await mount<CrowdInstructions>(template);
    expect(tabs(instructions).map((tab) => tab.textContent?.trim())).to.deep.equal(['Summary', 'Detailed Instructions', 'Examples']);
    const slotted = (name: string): string[] =>
      (instructions.shadowRoot?.querySelector<HTMLSlotElement>(`slot[name="${name}"]`)?.assignedElements() ?? []).map((element) => element.textContent?.trim() ?? '');
    expect(slotted('short-summary')).to.deep.equal(['Given an image, write three words that summarize it.']);
    expect(slotted('detailed-instructions')).to.have.length(1);
    expect(slotted('positive-example')).to.have.length(1);
    expect(slotted('negative-example')).to.deep.equal(['Trees, Outside, Daytime', 'Thing']);
  });

  it('opens on the Summary page; arrows switch pages; the window is accessible', async () => {
    const instructions = await mount<CrowdInstructions>(template);
    const trigger = instructions.shadowRoot?.querySelector('[part="trigger"]') as HTMLElement;
    expect(trigger.textContent?.trim()).to.equal('View instructions');
    trigger.click();
    await instructions.updateComplete;
    expect(instructions.open).to.equal(true);
    expect(panels(instructions).map((panel) => panel.hidden)).to.deep.equal([false, true, true]);
    tabs(instructions)[0]?.focus();
    await sendKeys({ press: 'ArrowRight' });
    await instructions.updateComplete;
    expect(panels(instructions).map((panel) => panel.hidden)).to.deep.equal([true, false, true]);
    await sendKeys({ press: 'End' });
    await instructions.updateComplete;
    expect(tabs(instructions)[2]?.getAttribute('aria-selected')).to.equal('true');
    expect(instructions.shadowRoot?.activeElement).to.equal(tabs(instructions)[2]);
    await expect(instructions).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    expect(instructions.open).to.equal(false);
  });

  it('has a link "Click for instructions" by default and opens on a given page', async () => {
    const instructions = await mount<CrowdInstructions>(html`<crowd-instructions><short-summary>S</short-summary></crowd-instructions>`);
    expect(instructions.shadowRoot?.querySelector('[part="trigger"]')?.textContent?.trim()).to.equal('Click for instructions');
    await instructions.showPage(2);
    await instructions.updateComplete;
    expect(panels(instructions).map((panel) => panel.hidden)).to.deep.equal([true, true, false]);
    instructions.close();
  });
});

describe('<crowd-instructions> right-to-left', () => {
  it('mirrors its layout', async () => {
    await expectMirroredLayout(() => template);
  });
});
