import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdTextAreaAnswer } from '@quorum/schema';
import type { CrowdForm } from '../crowd-form/crowd-form.js';
import { defineElements } from '../define.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { clickElement, pressWith, shadowPart } from '../internal/interaction.test.js';
import { mount } from '../internal/testing.test.js';
import { CrowdTextArea } from './crowd-text-area.js';

defineElements();

const inner = (area: CrowdTextArea): HTMLTextAreaElement => shadowPart<HTMLTextAreaElement>(area, 'textarea');

runControlContract<CrowdTextArea>({
  tag: 'crowd-text-area',
  template: ({ name, required, disabled }) =>
    html`<crowd-text-area name=${ifDefined(name)} label="Transcription" ?required=${required} ?disabled=${disabled}></crowd-text-area>`,
  answerWithKeyboard: async (area) => {
    await sendKeys({ type: 'x' });
    inner(area).blur();
  },
  answerWithPointer: async (area) => {
    await clickElement(inner(area));
    await sendKeys({ type: 'x' });
    inner(area).blur();
  },
  setValueFromCode: (area) => {
    area.value = 'x';
  },
  expectedAnswer: 'x',
  expectedFormValue: 'x',
});

describe('<crowd-text-area>', () => {
  it('answers the text with line breaks as \\n (answer.crowd-text-area.json), and Enter makes a new line', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave><crowd-text-area name="textInput1" rows="4"></crowd-text-area></crowd-form>`);
    let submissions = 0;
    crowdForm.addEventListener('crowd-submit', () => submissions++);
    (crowdForm.querySelector('crowd-text-area') as CrowdTextArea).focus();
    await sendKeys({ type: 'This is the text; the text that' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'makes the crowd go wild.' });
    expect(crowdForm.answer).to.deep.equal({ textInput1: 'This is the text; the text that\nmakes the crowd go wild.' });
    expect(submissions).to.equal(0);
    expect(validateCrowdTextAreaAnswer(crowdForm.answer['textInput1']).valid).to.equal(true);
  });

  it('is rows lines high, grows with its text up to max-rows, then scrolls', async () => {
    const area = await mount<CrowdTextArea>(html`<crowd-text-area name="t" label="T" rows="2" max-rows="4"></crowd-text-area>`);
    const field = inner(area);
    const start = field.getBoundingClientRect().height;
    area.value = 'a\nb\nc';
    await area.updateComplete;
    const grown = field.getBoundingClientRect().height;
    expect(grown).to.be.greaterThan(start);
    area.value = 'a\nb\nc\nd\ne\nf\ng\nh';
    await area.updateComplete;
    const capped = field.getBoundingClientRect().height;
    expect(capped).to.be.greaterThan(grown);
    expect(field.scrollHeight).to.be.greaterThan(field.clientHeight);
    const lineHeight = parseFloat(getComputedStyle(field).lineHeight);
    expect(capped).to.be.lessThan(lineHeight * 5 + 24);
  });

  it('counts characters with char-counter, out of max-length, and cuts typing there', async () => {
    const area = await mount<CrowdTextArea>(html`<crowd-text-area name="t" label="T" char-counter max-length="5"></crowd-text-area>`);
    const counter = shadowPart(area, '[part="counter"]');
    expect(counter.textContent?.replace(/\s+/g, ' ').trim()).to.equal('0 / 5 characters');
    area.focus();
    await sendKeys({ type: 'abcdefg' });
    await area.updateComplete;
    expect(area.value).to.equal('abcde');
    expect(counter.textContent?.replace(/\s+/g, ' ').trim()).to.equal('5 / 5 characters');
    expect(inner(area).getAttribute('aria-describedby')).to.contain('counter');
  });

  it('undoes a typing burst as one step with Ctrl+Z in <crowd-form>', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave><crowd-text-area name="t" label="T"></crowd-text-area></crowd-form>`);
    const area = crowdForm.querySelector('crowd-text-area') as CrowdTextArea;
    area.focus();
    await sendKeys({ type: 'hello world' });
    inner(area).blur();
    area.focus();
    await sendKeys({ type: '!' });
    expect(area.value).to.equal('hello world!');
    await pressWith(['Control'], 'KeyZ');
    expect(area.value).to.equal('hello world');
    await pressWith(['Control'], 'KeyZ');
    expect(area.value).to.equal('');
    await pressWith(['Control'], 'KeyY');
    expect(area.value).to.equal('hello world');
  });

  it('has no axe violations with a counter and a placeholder', async () => {
    const area = await mount<CrowdTextArea>(html`<crowd-text-area name="t" placeholder="Describe the image" char-counter></crowd-text-area>`);
    await expect(area).to.be.accessible();
  });
});
