import { expect, oneEvent } from '@open-wc/testing';
import { html } from 'lit';
import { defineElements } from '../define.js';
import { mount } from '../internal/testing.test.js';
import { FullInstructions, REGION_CHANGE_EVENT } from './full-instructions.js';

defineElements();

describe('<full-instructions>', () => {
  it('puts itself in the full-instructions slot and reads its header', async () => {
    const instructions = await mount<FullInstructions>(html`<full-instructions header="Rating guide"><p>1 = irrelevant</p></full-instructions>`);
    expect(instructions).to.be.instanceOf(FullInstructions);
    expect(instructions.slot).to.equal('full-instructions');
    expect(instructions.header).to.equal('Rating guide');
    await expect(instructions).to.be.accessible();
  });

  it(`fires a bubbling ${REGION_CHANGE_EVENT} when its header changes`, async () => {
    const parent = await mount<HTMLElement>(html`<div><full-instructions header="A">x</full-instructions></div>`);
    const instructions = parent.querySelector('full-instructions') as FullInstructions;
    await instructions.updateComplete;
    const changed = oneEvent(parent, REGION_CHANGE_EVENT);
    instructions.setAttribute('header', 'B');
    expect((await changed).target).to.equal(instructions);
    expect(instructions.header).to.equal('B');
  });
});
