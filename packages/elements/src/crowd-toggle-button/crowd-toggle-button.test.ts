import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdToggleButtonAnswer } from '@quorum/schema';
import type { CrowdForm } from '../crowd-form/crowd-form.js';
import { defineElements } from '../define.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { clickElement, shadowPart } from '../internal/interaction.test.js';
import { mount } from '../internal/testing.test.js';
import { CrowdToggleButton } from './crowd-toggle-button.js';

defineElements();

runControlContract<CrowdToggleButton>({
  tag: 'crowd-toggle-button',
  template: ({ name, required, disabled }) =>
    html`<crowd-toggle-button name=${ifDefined(name)} ?required=${required} ?disabled=${disabled}>Contains a face</crowd-toggle-button>`,
  answerWithKeyboard: async () => {
    await sendKeys({ press: 'Space' });
  },
  answerWithPointer: async (toggle) => {
    await clickElement(shadowPart(toggle, '[part~="base"]'));
  },
  setValueFromCode: (toggle) => {
    toggle.checked = true;
  },
  expectedAnswer: { on: true },
  expectedFormValue: 'on',
  emptyAnswer: { on: false },
});

describe('<crowd-toggle-button>', () => {
  it('answers {"theToggler": {"on": true}} like Ground Truth (answer.crowd-toggle-button.json)', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave><crowd-toggle-button name="theToggler">Toggle</crowd-toggle-button></crowd-form>`);
    const toggle = crowdForm.querySelector('crowd-toggle-button') as CrowdToggleButton;
    await clickElement(shadowPart(toggle, '[part~="base"]'));
    expect(crowdForm.answer).to.deep.equal({ theToggler: { on: true } });
    expect(validateCrowdToggleButtonAnswer(crowdForm.answer['theToggler']).valid).to.equal(true);
  });

  it('answers under its value, and is off again after a second Space', async () => {
    const toggle = await mount<CrowdToggleButton>(html`<crowd-toggle-button name="t" value="urgent" checked>Urgent</crowd-toggle-button>`);
    expect(toggle.answerEntries()).to.deep.equal([['t', { urgent: true }]]);
    toggle.focus();
    await sendKeys({ press: 'Space' });
    expect(toggle.answerEntries()).to.deep.equal([['t', { urgent: false }]]);
  });

  it('is a switch, named by its name when it has no label, and accessible', async () => {
    const toggle = await mount<CrowdToggleButton>(html`<crowd-toggle-button name="night-mode"></crowd-toggle-button>`);
    const base = shadowPart(toggle, '[role="switch"]');
    expect(base.getAttribute('aria-label')).to.equal('night-mode');
    await expect(toggle).to.be.accessible();
  });

  it('slides its thumb toward the end of the line in right-to-left text', async () => {
    const page = await mount<HTMLDivElement>(html`<div dir="rtl"><crowd-toggle-button name="t" checked>on</crowd-toggle-button></div>`);
    const toggle = page.querySelector('crowd-toggle-button') as CrowdToggleButton;
    const track = shadowPart(toggle, '[part~="track"]').getBoundingClientRect();
    const thumb = shadowPart(toggle, '[part~="thumb"]');
    thumb.style.transition = 'none';
    const box = thumb.getBoundingClientRect();
    expect(box.left - track.left).to.be.lessThan(track.right - box.right);
  });
});
