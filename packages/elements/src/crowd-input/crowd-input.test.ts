import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdInputAnswer } from '@quorum/schema';
import type { CrowdForm } from '../crowd-form/crowd-form.js';
import { defineElements } from '../define.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { clickElement, shadowPart } from '../internal/interaction.test.js';
import { captureWarnings, mount, recordEvents } from '../internal/testing.test.js';
import { CrowdInput } from './crowd-input.js';

defineElements();

const inner = (input: CrowdInput): HTMLInputElement => shadowPart<HTMLInputElement>(input, 'input');

runControlContract<CrowdInput>({
  tag: 'crowd-input',
  template: ({ name, required, disabled }) =>
    html`<crowd-input name=${ifDefined(name)} label="Number of people" ?required=${required} ?disabled=${disabled}></crowd-input>`,
  answerWithKeyboard: async (input) => {
    await sendKeys({ type: '7' });
    // Leaving the field commits it (native `change`).
    inner(input).blur();
  },
  answerWithPointer: async (input) => {
    await clickElement(inner(input));
    await sendKeys({ type: '7' });
    inner(input).blur();
  },
  setValueFromCode: (input) => {
    input.value = '7';
  },
  expectedAnswer: '7',
  expectedFormValue: '7',
});

describe('<crowd-input>', () => {
  it('answers {"tag1": "blue", "tag2": "red"} like Ground Truth, leaving an empty input out (answer.crowd-input.json)', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave>
      <crowd-input name="tag1" label="Tag 1"></crowd-input>
      <crowd-input name="tag2" label="Tag 2"></crowd-input>
      <crowd-input name="tag3" label="Tag 3"></crowd-input>
    </crowd-form>`);
    const [one, two] = crowdForm.querySelectorAll('crowd-input');
    one!.focus();
    await sendKeys({ type: 'blue' });
    await clickElement(inner(two!));
    await sendKeys({ type: 'red' });
    expect(crowdForm.answer).to.deep.equal({ tag1: 'blue', tag2: 'red' });
    expect(validateCrowdInputAnswer(crowdForm.answer['tag1']).valid).to.equal(true);
  });

  it('fires input per keystroke (target: the element) and change when the worker leaves the field', async () => {
    const input = await mount<CrowdInput>(html`<crowd-input name="t" label="T"></crowd-input>`);
    const events = recordEvents(input);
    const targets: EventTarget[] = [];
    input.addEventListener('input', (event) => targets.push(event.target!));
    input.focus();
    await sendKeys({ type: 'abc' });
    expect(events).to.include({ input: 3, change: 0 });
    expect(targets.every((target) => target === input)).to.equal(true);
    inner(input).blur();
    expect(events.change).to.equal(1);
    expect(input.value).to.equal('abc');
  });

  it('starts from the value attribute, shows label and placeholder, and resets', async () => {
    const form = await mount<HTMLFormElement>(html`<form><crowd-input name="t" label="City" placeholder="e.g. Lyon" value="Paris"></crowd-input></form>`);
    const input = form.querySelector('crowd-input') as CrowdInput;
    expect(inner(input).value).to.equal('Paris');
    expect(inner(input).placeholder).to.equal('e.g. Lyon');
    expect(shadowPart(input, '[part="label"]').textContent).to.equal('City');
    input.focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ type: 'x' });
    expect(new FormData(form).get('t')).to.equal('Parisx');
    form.reset();
    await input.updateComplete;
    expect(input.value).to.equal('Paris');
    expect(inner(input).value).to.equal('Paris');
  });

  it('validates by type, with error-message replacing the browser message', async () => {
    const input = await mount<CrowdInput>(html`<crowd-input name="e" type="email" label="Email" error-message="Enter an email address"></crowd-input>`);
    input.focus();
    await sendKeys({ type: 'not-an-email' });
    expect(input.validity.typeMismatch).to.equal(true);
    expect(input.validationMessage).to.equal('Enter an email address');
    expect(input.checkValidity()).to.equal(false);
    inner(input).blur();
    await input.updateComplete;
    expect(shadowPart(input, '[part="error"]').textContent).to.equal('Enter an email address');
    input.value = 'a@b.co';
    expect(input.checkValidity()).to.equal(true);
  });

  it('checks number ranges with min-value / max-value, answering a string', async () => {
    const input = await mount<CrowdInput>(html`<crowd-input name="n" type="number" label="Age" min-value="0" max-value="120"></crowd-input>`);
    input.focus();
    await sendKeys({ type: '130' });
    expect(input.validity.rangeOverflow).to.equal(true);
    input.value = '42';
    await input.updateComplete;
    expect(input.validity.valid).to.equal(true);
    expect(input.answerEntries()).to.deep.equal([['n', '42']]);
  });

  it('drops characters that do not match allowed-pattern as the worker types or pastes', async () => {
    const input = await mount<CrowdInput>(html`<crowd-input name="zip" label="ZIP" allowed-pattern="[0-9]"></crowd-input>`);
    input.focus();
    await sendKeys({ type: '12a3-4' });
    expect(input.value).to.equal('1234');
    expect(inner(input).value).to.equal('1234');
  });

  it('warns [quorum:invalid-allowed-pattern] for a broken regular expression and accepts everything', async () => {
    let input!: CrowdInput;
    const warnings = await captureWarnings(async () => {
      input = await mount<CrowdInput>(html`<crowd-input name="x" label="X" allowed-pattern="[0-9"></crowd-input>`);
    });
    expect(warnings.some((warning) => warning.startsWith('[quorum:invalid-allowed-pattern]'))).to.equal(true);
    input.focus();
    await sendKeys({ type: 'ab' });
    expect(input.value).to.equal('ab');
  });

  it('cuts typing at max-length', async () => {
    const input = await mount<CrowdInput>(html`<crowd-input name="x" label="X" max-length="3"></crowd-input>`);
    input.focus();
    await sendKeys({ type: 'abcdef' });
    expect(input.value).to.equal('abc');
  });

  it('shows errors while typing with auto-validate, only after leaving the field without', async () => {
    const page = await mount<HTMLDivElement>(html`<div>
      <crowd-input name="a" label="A" type="email" auto-validate></crowd-input>
      <crowd-input name="b" label="B" type="email"></crowd-input>
    </div>`);
    const [auto, plain] = page.querySelectorAll('crowd-input') as unknown as [CrowdInput, CrowdInput];
    auto.focus();
    await sendKeys({ type: 'x' });
    await auto.updateComplete;
    expect(auto.matches(':state(user-invalid)')).to.equal(true);
    plain.focus();
    await sendKeys({ type: 'x' });
    await plain.updateComplete;
    expect(plain.matches(':state(user-invalid)')).to.equal(false);
  });

  it('submits its form on Enter', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave><crowd-input name="t" label="T"></crowd-input></crowd-form>`);
    let submitted: unknown;
    crowdForm.addEventListener('crowd-submit', (event) => {
      submitted = event.detail.answer;
      event.preventDefault();
    });
    (crowdForm.querySelector('crowd-input') as CrowdInput).focus();
    await sendKeys({ type: 'hello' });
    await sendKeys({ press: 'Enter' });
    expect(submitted).to.deep.equal({ t: 'hello' });
  });

  it('warns [quorum:unsupported-input] for a type that is not a text field, and works as text', async () => {
    let input!: CrowdInput;
    const warnings = await captureWarnings(async () => {
      input = await mount<CrowdInput>(html`<crowd-input name="t" label="T" type="checkbox"></crowd-input>`);
    });
    expect(warnings.some((warning) => warning.startsWith('[quorum:unsupported-input]'))).to.equal(true);
    expect(inner(input).type).to.equal('text');
  });

  it('takes focus on load with auto-focus', async () => {
    const input = await mount<CrowdInput>(html`<crowd-input name="t" label="T" auto-focus></crowd-input>`);
    expect(input.shadowRoot?.activeElement).to.equal(inner(input));
  });

  it('is named by its placeholder or name when it has no label, and accessible', async () => {
    const input = await mount<CrowdInput>(html`<crowd-input name="t" placeholder="Your answer"></crowd-input>`);
    expect(inner(input).getAttribute('aria-label')).to.equal('Your answer');
    await expect(input).to.be.accessible();
  });

  it('keeps right-to-left text', async () => {
    const page = await mount<HTMLDivElement>(html`<div dir="rtl"><crowd-input name="t" label="الاسم"></crowd-input></div>`);
    const input = page.querySelector('crowd-input') as CrowdInput;
    expect(getComputedStyle(inner(input)).direction).to.equal('rtl');
    input.focus();
    await sendKeys({ type: 'سلام' });
    expect(input.answerEntries()).to.deep.equal([['t', 'سلام']]);
  });

  it('lays typed text out in its own direction: English stays left to right in a right-to-left page', async () => {
    const page = await mount<HTMLDivElement>(html`<div dir="rtl"><crowd-input name="t" label="الاسم"></crowd-input></div>`);
    const input = page.querySelector('crowd-input') as CrowdInput;
    input.focus();
    await sendKeys({ type: 'Hello' });
    await input.updateComplete;
    expect(getComputedStyle(inner(input)).direction).to.equal('ltr');
    const ltrPage = await mount<HTMLDivElement>(html`<div><crowd-input name="t" label="Name"></crowd-input></div>`);
    const ltrInput = ltrPage.querySelector('crowd-input') as CrowdInput;
    ltrInput.focus();
    await sendKeys({ type: 'سلام' });
    await ltrInput.updateComplete;
    expect(getComputedStyle(inner(ltrInput)).direction).to.equal('rtl');
  });
});
