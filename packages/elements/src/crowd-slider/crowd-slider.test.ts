import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdSliderAnswer } from '@quorum/schema';
import type { CrowdForm } from '../crowd-form/crowd-form.js';
import { defineElements } from '../define.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { clickElement, shadowPart } from '../internal/interaction.test.js';
import { expectMirroredLayout } from '../internal/rtl.test.js';
import { captureWarnings, mount, recordEvents } from '../internal/testing.test.js';
import { CrowdSlider } from './crowd-slider.js';

defineElements();

const range = (slider: CrowdSlider): HTMLInputElement => shadowPart<HTMLInputElement>(slider, 'input[type="range"]');

runControlContract<CrowdSlider>({
  tag: 'crowd-slider',
  template: ({ name, required, disabled }) =>
    html`<crowd-slider name=${ifDefined(name)} label="Confidence" min="0" max="10" ?required=${required} ?disabled=${disabled}></crowd-slider>`,
  answerWithKeyboard: async () => {
    await sendKeys({ press: 'End' });
  },
  answerWithPointer: async (slider) => {
    await clickElement(range(slider), 0.995);
  },
  setValueFromCode: (slider) => {
    slider.value = 10;
  },
  expectedAnswer: 10,
  expectedFormValue: '10',
  horizontalArrows: true,
  expectedValue: 10,
});

describe('<crowd-slider>', () => {
  it('answers a number and validates against its schema', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave><crowd-slider name="volume" min="0" max="100" step="5" value="50"></crowd-slider></crowd-form>`);
    const slider = crowdForm.querySelector('crowd-slider') as CrowdSlider;
    expect(crowdForm.answer).to.deep.equal({ volume: 50 });
    slider.focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(crowdForm.answer).to.deep.equal({ volume: 55 });
    expect(validateCrowdSliderAnswer(crowdForm.answer['volume']).valid).to.equal(true);
  });

  it('starts unset without a value: no answer, knob in the middle, "Not set" for screen readers', async () => {
    const slider = await mount<CrowdSlider>(html`<crowd-slider name="s" min="0" max="10"></crowd-slider>`);
    expect(slider.value).to.equal(null);
    expect(slider.answerEntries()).to.deep.equal([]);
    expect(range(slider).value).to.equal('5');
    expect(range(slider).getAttribute('aria-valuetext')).to.equal('Not set');
    slider.focus();
    await sendKeys({ press: 'ArrowLeft' });
    expect(slider.value).to.equal(4);
    expect(range(slider).hasAttribute('aria-valuetext')).to.equal(false);
  });

  it('steps by step, and Home / End go to min / max', async () => {
    const slider = await mount<CrowdSlider>(html`<crowd-slider name="s" min="-1" max="1" step="0.5" value="0"></crowd-slider>`);
    slider.focus();
    await sendKeys({ press: 'ArrowUp' });
    expect(slider.value).to.equal(0.5);
    await sendKeys({ press: 'Home' });
    expect(slider.value).to.equal(-1);
    await sendKeys({ press: 'End' });
    expect(slider.value).to.equal(1);
  });

  it('shows the value on a pin above the knob with pin', async () => {
    const slider = await mount<CrowdSlider>(html`<crowd-slider name="s" pin value="3" min="0" max="10"></crowd-slider>`);
    const pin = shadowPart(slider, '[part="pin"]');
    expect(pin.hidden).to.equal(false);
    expect(pin.textContent).to.equal('3');
  });

  it('takes a typed value in the number box with editable, snapped to the step, firing input and change once', async () => {
    const slider = await mount<CrowdSlider>(html`<crowd-slider name="s" editable min="0" max="10" step="2"></crowd-slider>`);
    const events = recordEvents(slider);
    const box = shadowPart<HTMLInputElement>(slider, '[part="number"]');
    box.focus();
    await sendKeys({ type: '7' });
    expect(events.input).to.equal(0);
    box.blur();
    await slider.updateComplete;
    expect(slider.value).to.equal(8);
    expect(box.value).to.equal('8');
    expect(range(slider).value).to.equal('8');
    expect(events).to.include({ input: 1, change: 1 });
  });

  it('draws secondary progress in secondary-color', async () => {
    const slider = await mount<CrowdSlider>(html`<crowd-slider name="s" secondary-progress="25" secondary-color="rgb(255, 0, 0)"></crowd-slider>`);
    const bar = shadowPart(slider, '[part="secondary"]');
    expect(getComputedStyle(bar).backgroundColor).to.equal('rgb(255, 0, 0)');
    expect(bar.getBoundingClientRect().width).to.be.closeTo(range(slider).getBoundingClientRect().width / 4, 2);
  });

  it('runs right to left: the maximum is on the left', async () => {
    const page = await mount<HTMLDivElement>(html`<div dir="rtl"><crowd-slider name="s" min="0" max="10"></crowd-slider></div>`);
    const slider = page.querySelector('crowd-slider') as CrowdSlider;
    await clickElement(range(slider), 0.005);
    expect(slider.value).to.equal(10);
  });

  it('mirrors the pin, secondary progress and number box in a right-to-left page', async () => {
    await expectMirroredLayout<CrowdSlider>(
      () => html`<crowd-slider name="s" label="Loudness" min="0" max="10" value="3" secondary-progress="60" editable pin></crowd-slider>`,
    );
  });

  it('warns [quorum:invalid-range] and [quorum:invalid-step] for a range it cannot use, and still works', async () => {
    let slider!: CrowdSlider;
    const warnings = await captureWarnings(async () => {
      slider = await mount<CrowdSlider>(html`<crowd-slider name="s" min="5" max="5" step="0" value="6"></crowd-slider>`);
    });
    expect(warnings.some((warning) => warning.startsWith('[quorum:invalid-range]'))).to.equal(true);
    expect(warnings.some((warning) => warning.startsWith('[quorum:invalid-step]'))).to.equal(true);
    expect([slider.max, slider.step, slider.value]).to.deep.equal([105, 1, 6]);
  });

  it('has no axe violations, unset and set, with a label and editable box', async () => {
    const slider = await mount<CrowdSlider>(html`<crowd-slider name="s" label="Loudness" editable pin></crowd-slider>`);
    await expect(slider).to.be.accessible();
    slider.value = 30;
    await slider.updateComplete;
    await expect(slider).to.be.accessible();
  });
});
