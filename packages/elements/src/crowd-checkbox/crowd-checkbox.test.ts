import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdCheckboxAnswer } from '@quorum/schema';
import type { CrowdForm } from '../crowd-form/crowd-form.js';
import { defineElements } from '../define.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { clickElement, shadowPart } from '../internal/interaction.test.js';
import { mount, recordEvents } from '../internal/testing.test.js';
import { CrowdCheckbox } from './crowd-checkbox.js';

defineElements();

runControlContract<CrowdCheckbox>({
  tag: 'crowd-checkbox',
  template: ({ name, required, disabled }) => html`<crowd-checkbox name=${ifDefined(name)} ?required=${required} ?disabled=${disabled}>I agree</crowd-checkbox>`,
  answerWithKeyboard: async () => {
    await sendKeys({ press: 'Space' });
  },
  answerWithPointer: async (checkbox) => {
    await clickElement(shadowPart(checkbox, '[part~="base"]'));
  },
  setValueFromCode: (checkbox) => {
    checkbox.checked = true;
  },
  expectedAnswer: { on: true },
  expectedFormValue: 'on',
  emptyAnswer: { on: false },
});

describe('<crowd-checkbox>', () => {
  it('answers like Ground Truth with one name: one object keyed by value, unchecked as false (answer.crowd-checkbox.same-name.json)', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave>
      <crowd-checkbox name="image_attributes" value="blurry">Blurry</crowd-checkbox>
      <crowd-checkbox name="image_attributes" value="dim">Dim</crowd-checkbox>
      <crowd-checkbox name="image_attributes" value="exposed">Exposed</crowd-checkbox>
    </crowd-form>`);
    const [blurry, dim] = crowdForm.querySelectorAll('crowd-checkbox');
    await clickElement(shadowPart(blurry!, '[part~="base"]'));
    dim!.focus();
    await sendKeys({ press: 'Space' });
    expect(crowdForm.answer).to.deep.equal({ image_attributes: { blurry: true, dim: true, exposed: false } });
    expect(validateCrowdCheckboxAnswer(crowdForm.answer['image_attributes']).valid).to.equal(true);
  });

  it('answers like Ground Truth with different names (answer.crowd-checkbox.different-names.json)', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave>
      <crowd-checkbox name="Stop" value="Red">Red</crowd-checkbox>
      <crowd-checkbox name="Slow" value="Yellow">Yellow</crowd-checkbox>
      <crowd-checkbox name="Go" value="Green">Green</crowd-checkbox>
    </crowd-form>`);
    (crowdForm.querySelector('crowd-checkbox[value="Red"]') as CrowdCheckbox).checked = true;
    expect(crowdForm.answer).to.deep.equal({ Stop: { Red: true }, Slow: { Yellow: false }, Go: { Green: false } });
  });

  it('starts checked from the checked attribute, resets to it, and unchecks by the user', async () => {
    const form = await mount<HTMLFormElement>(html`<form><crowd-checkbox name="c" checked>Keep</crowd-checkbox></form>`);
    const checkbox = form.querySelector('crowd-checkbox') as CrowdCheckbox;
    expect(checkbox.checked).to.equal(true);
    expect(new FormData(form).get('c')).to.equal('on');
    const events = recordEvents(checkbox);
    checkbox.focus();
    await sendKeys({ press: 'Space' });
    expect(checkbox.checked).to.equal(false);
    expect(checkbox.answerEntries()).to.deep.equal([['c', { on: false }]]);
    expect(events).to.include({ input: 1, change: 1 });
    form.reset();
    expect(checkbox.checked).to.equal(true);
  });

  it('exposes role checkbox with aria-checked, named by its label', async () => {
    const checkbox = await mount<CrowdCheckbox>(html`<crowd-checkbox name="c">Blurry</crowd-checkbox>`);
    const base = shadowPart(checkbox, '[role="checkbox"]');
    expect(base.getAttribute('aria-checked')).to.equal('false');
    checkbox.checked = true;
    await checkbox.updateComplete;
    expect(base.getAttribute('aria-checked')).to.equal('true');
    await expect(checkbox).to.be.accessible();
  });

  it('keeps a value of "__proto__" as an ordinary key', async () => {
    const checkbox = await mount<CrowdCheckbox>(html`<crowd-checkbox name="c" value="__proto__" checked>x</crowd-checkbox>`);
    const [[, value]] = checkbox.answerEntries() as [[string, Record<string, boolean>]];
    expect(Object.keys(value)).to.deep.equal(['__proto__']);
  });

  it('works right to left', async () => {
    const page = await mount<HTMLDivElement>(html`<div dir="rtl"><crowd-checkbox name="c">موافق</crowd-checkbox></div>`);
    const checkbox = page.querySelector('crowd-checkbox') as CrowdCheckbox;
    const box = shadowPart(checkbox, '[part~="box"]').getBoundingClientRect();
    const label = shadowPart(checkbox, '[part~="label"]').getBoundingClientRect();
    expect(box.left).to.be.greaterThan(label.left);
    await clickElement(shadowPart(checkbox, '[part~="base"]'));
    expect(checkbox.checked).to.equal(true);
  });

  it('is themed by --quorum-color-accent', async () => {
    const page = await mount<HTMLDivElement>(html`<div style="--quorum-color-accent: rgb(200, 0, 100)"><crowd-checkbox name="c" checked>x</crowd-checkbox></div>`);
    const checkbox = page.querySelector('crowd-checkbox') as CrowdCheckbox;
    expect(getComputedStyle(shadowPart(checkbox, '[part~="box"]')).backgroundColor).to.equal('rgb(200, 0, 100)');
  });

  it("can be clicked once a script re-enables it, as AWS's content-moderation sample does with el.disabled = false", async () => {
    const form = await mount<CrowdForm>(html`<crowd-form no-autosave>
      <crowd-checkbox name="nature" value="hate" disabled>Hate</crowd-checkbox>
      <crowd-checkbox name="nature" value="other" disabled>Other</crowd-checkbox>
    </crowd-form>`);
    const boxes = [...form.querySelectorAll('crowd-checkbox')];
    for (const box of boxes) box.disabled = false;
    // The platform tells the element it is enabled while Lit reflects the attribute; the render follows.
    await new Promise((resolve) => setTimeout(resolve));
    const first = boxes[0] as CrowdCheckbox;
    expect(shadowPart(first, '[part~="base"]').getAttribute('aria-disabled')).to.equal('false');
    await clickElement(shadowPart(first, '[part~="base"]'));
    expect(first.checked).to.equal(true);
    expect(form.answer).to.deep.equal({ nature: { hate: true, other: false } });
    first.disabled = true;
    await new Promise((resolve) => setTimeout(resolve));
    expect(shadowPart(first, '[part~="base"]').getAttribute('aria-disabled')).to.equal('true');
  });
});
