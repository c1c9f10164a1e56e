import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { defineElements } from '../define.js';
import { mount } from '../internal/testing.test.js';
import { ClassificationTarget } from './classification-target.js';

defineElements();

describe('<classification-target>', () => {
  it('puts itself in the classification-target slot and shows its content as a block', async () => {
    const target = await mount<ClassificationTarget>(html`<classification-target>Paris is the capital of <b>France</b>.</classification-target>`);
    expect(target).to.be.instanceOf(ClassificationTarget);
    expect(target.slot).to.equal('classification-target');
    expect(getComputedStyle(target).display).to.equal('block');
    expect(target.shadowRoot?.querySelector('slot')?.assignedNodes().map((node) => node.textContent)).to.deep.equal(['Paris is the capital of ', 'France', '.']);
    await expect(target).to.be.accessible();
  });

  it('keeps a slot chosen by the template', async () => {
    const target = await mount<ClassificationTarget>(html`<classification-target slot="custom">x</classification-target>`);
    expect(target.slot).to.equal('custom');
  });

  it('hides with the hidden attribute', async () => {
    const target = await mount<ClassificationTarget>(html`<classification-target hidden>x</classification-target>`);
    expect(getComputedStyle(target).display).to.equal('none');
  });
});
