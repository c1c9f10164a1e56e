import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdRadioButtonAnswer } from '@quorum/schema';
import type { CrowdForm } from '../crowd-form/crowd-form.js';
import { defineElements } from '../define.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { clickElement, pressWith, shadowPart } from '../internal/interaction.test.js';
import { expectMirroredLayout } from '../internal/rtl.test.js';
import { hasFocusWithin, mount, recordEvents } from '../internal/testing.test.js';
import { CrowdRadioButton } from './crowd-radio-button.js';

defineElements();

runControlContract<CrowdRadioButton>({
  tag: 'crowd-radio-button',
  template: ({ name, required, disabled }) =>
    html`<crowd-radio-button name=${ifDefined(name)} value="yes" ?required=${required} ?disabled=${disabled}>Yes</crowd-radio-button>`,
  answerWithKeyboard: async () => {
    await sendKeys({ press: 'Space' });
  },
  answerWithPointer: async (radio) => {
    await clickElement(shadowPart(radio, '[part~="base"]'));
  },
  setValueFromCode: (radio) => {
    radio.checked = true;
  },
  expectedAnswer: { yes: true },
  expectedFormValue: 'yes',
  emptyAnswer: { yes: false },
});

const radios = (root: Element): CrowdRadioButton[] => [...root.querySelectorAll('crowd-radio-button')];

describe('<crowd-radio-group> and <crowd-radio-button>', () => {
  it('answers like Ground Truth: one entry per button under its own name (answer.crowd-radio-group.json)', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave>
      <crowd-radio-group label="Is it a cat?">
        <crowd-radio-button name="btn1" value="yes">Yes</crowd-radio-button>
        <crowd-radio-button name="btn2" value="no">No</crowd-radio-button>
      </crowd-radio-group>
    </crowd-form>`);
    await clickElement(shadowPart(radios(crowdForm)[0]!, '[part~="base"]'));
    expect(crowdForm.answer).to.deep.equal({ btn1: { yes: true }, btn2: { no: false } });
    expect(validateCrowdRadioButtonAnswer(crowdForm.answer['btn1']).valid).to.equal(true);
  });

  it('checks one button of a group at a time, firing events only on the one the user checked', async () => {
    const group = await mount<HTMLElement>(html`<crowd-radio-group>
      <crowd-radio-button name="a" value="1">One</crowd-radio-button>
      <crowd-radio-button name="b" value="2">Two</crowd-radio-button>
    </crowd-radio-group>`);
    const [one, two] = radios(group) as [CrowdRadioButton, CrowdRadioButton];
    await clickElement(shadowPart(one, '[part~="base"]'));
    const eventsOne = recordEvents(one);
    const eventsTwo = recordEvents(two);
    await clickElement(shadowPart(two, '[part~="base"]'));
    expect([one.checked, two.checked]).to.deep.equal([false, true]);
    expect(eventsOne).to.include({ input: 0, change: 0 });
    expect(eventsTwo).to.include({ input: 1, change: 1 });
    one.checked = true;
    expect(two.checked).to.equal(false);
  });

  it('groups buttons sharing a name in a form when there is no <crowd-radio-group>', async () => {
    const form = await mount<HTMLFormElement>(html`<form>
      <crowd-radio-button name="size" value="s">S</crowd-radio-button>
      <crowd-radio-button name="size" value="m">M</crowd-radio-button>
      <crowd-radio-button name="other" value="x">X</crowd-radio-button>
    </form>`);
    const [small, medium, other] = radios(form) as [CrowdRadioButton, CrowdRadioButton, CrowdRadioButton];
    small.checked = true;
    other.checked = true;
    medium.checked = true;
    expect([small.checked, medium.checked, other.checked]).to.deep.equal([false, true, true]);
    expect(new FormData(form).getAll('size')).to.deep.equal(['m']);
  });

  it('is one tab stop; the arrow keys move and check, wrapping around', async () => {
    const page = await mount<HTMLDivElement>(html`<div>
      <button type="button">before</button>
      <crowd-radio-group>
        <crowd-radio-button name="q" value="a">A</crowd-radio-button>
        <crowd-radio-button name="q" value="b">B</crowd-radio-button>
        <crowd-radio-button name="q" value="c">C</crowd-radio-button>
      </crowd-radio-group>
      <button type="button">after</button>
    </div>`);
    const [a, b, c] = radios(page) as [CrowdRadioButton, CrowdRadioButton, CrowdRadioButton];
    page.querySelector('button')?.focus();
    await sendKeys({ press: 'Tab' });
    expect(hasFocusWithin(a)).to.equal(true);
    await sendKeys({ press: 'ArrowDown' });
    expect([a.checked, b.checked, hasFocusWithin(b)]).to.deep.equal([false, true, true]);
    await sendKeys({ press: 'ArrowRight' });
    expect(c.checked).to.equal(true);
    await sendKeys({ press: 'ArrowRight' });
    expect(a.checked).to.equal(true);
    await sendKeys({ press: 'ArrowUp' });
    expect(c.checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement?.textContent).to.equal('after');
    await pressWith(['Shift'], 'Tab');
    expect(hasFocusWithin(c)).to.equal(true);
  });

  it('checks the nth button of the group with digit n', async () => {
    const group = await mount<HTMLElement>(html`<crowd-radio-group>
      <crowd-radio-button name="q" value="a">A</crowd-radio-button>
      <crowd-radio-button name="q" value="b">B</crowd-radio-button>
      <crowd-radio-button name="q" value="c">C</crowd-radio-button>
    </crowd-radio-group>`);
    const [a, , c] = radios(group) as [CrowdRadioButton, CrowdRadioButton, CrowdRadioButton];
    const events = recordEvents(c);
    a.focus();
    await sendKeys({ press: '3' });
    expect(c.checked).to.equal(true);
    expect(hasFocusWithin(c)).to.equal(true);
    expect(events).to.include({ input: 1, change: 1 });
    await sendKeys({ press: '9' });
    expect(c.checked).to.equal(true);
    expect(a.keyboardShortcuts[0]?.keys).to.equal('Arrow keys, 1–3');
  });

  it('swaps left and right in right-to-left text', async () => {
    const group = await mount<HTMLElement>(html`<crowd-radio-group dir="rtl">
      <crowd-radio-button name="q" value="a" checked>أ</crowd-radio-button>
      <crowd-radio-button name="q" value="b">ب</crowd-radio-button>
    </crowd-radio-group>`);
    const [a, b] = radios(group) as [CrowdRadioButton, CrowdRadioButton];
    a.focus();
    await sendKeys({ press: 'ArrowLeft' });
    expect(b.checked).to.equal(true);
    await sendKeys({ press: 'ArrowRight' });
    expect(a.checked).to.equal(true);
    await expectMirroredLayout(() => html`<crowd-radio-group label="Size">
      <crowd-radio-button name="q" value="s">Small</crowd-radio-button>
      <crowd-radio-button name="q" value="l" checked>Large</crowd-radio-button>
    </crowd-radio-group>`);
  });

  it('makes the whole group invalid while required and none is checked', async () => {
    const form = await mount<HTMLFormElement>(html`<form><crowd-radio-group>
      <crowd-radio-button name="q" value="a" required>A</crowd-radio-button>
      <crowd-radio-button name="q" value="b">B</crowd-radio-button>
    </crowd-radio-group></form>`);
    const [a, b] = radios(form) as [CrowdRadioButton, CrowdRadioButton];
    expect(form.checkValidity()).to.equal(false);
    b.checked = true;
    expect(a.validity.valid).to.equal(true);
    expect(form.checkValidity()).to.equal(true);
  });

  it('has no axe violations as a named radiogroup', async () => {
    const group = await mount<HTMLElement>(html`<crowd-radio-group label="Size">
      <crowd-radio-button name="q" value="s">Small</crowd-radio-button>
      <crowd-radio-button name="q" value="l" checked>Large</crowd-radio-button>
    </crowd-radio-group>`);
    await expect(group).to.be.accessible();
  });
});
