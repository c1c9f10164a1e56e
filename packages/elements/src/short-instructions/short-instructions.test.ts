import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { defineElements } from '../define.js';
import { mount } from '../internal/testing.test.js';
import { ShortInstructions } from './short-instructions.js';

defineElements();

describe('<short-instructions>', () => {
  it('puts itself in the short-instructions slot and shows its HTML', async () => {
    const instructions = await mount<ShortInstructions>(html`<short-instructions><p>Rate the <em>relevance</em>.</p></short-instructions>`);
    expect(instructions).to.be.instanceOf(ShortInstructions);
    expect(instructions.slot).to.equal('short-instructions');
    expect(getComputedStyle(instructions).display).to.equal('block');
    expect(instructions.querySelector('em')?.checkVisibility()).to.equal(true);
    await expect(instructions).to.be.accessible();
  });

  it('keeps a slot chosen by the template', async () => {
    const instructions = await mount<ShortInstructions>(html`<short-instructions slot="aside">x</short-instructions>`);
    expect(instructions.slot).to.equal('aside');
  });
});
