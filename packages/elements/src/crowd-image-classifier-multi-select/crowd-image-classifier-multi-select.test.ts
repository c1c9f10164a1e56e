import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdImageClassifierMultiSelectAnswer } from '@quorum/schema';
import { defineElements } from '../define.js';
import type { CrowdForm } from '../crowd-form/crowd-form.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { captureWarnings, mount, recordEvents } from '../internal/testing.test.js';
import { makeImageUrl } from '../internal/spatial/testing.test.js';
import { CrowdImageClassifierMultiSelect } from './crowd-image-classifier-multi-select.js';

defineElements();

const IMAGE = makeImageUrl(90, 60);
const CATEGORIES = "['Blurry', 'Too dark', 'Cropped']";

const boxes = (element: CrowdImageClassifierMultiSelect): HTMLElement[] => [...(element.shadowRoot?.querySelectorAll<HTMLElement>('[role="checkbox"]') ?? [])];

async function clickElement(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
}

async function render(markup: ReturnType<typeof html>): Promise<CrowdImageClassifierMultiSelect> {
  const element = await mount<CrowdImageClassifierMultiSelect>(markup);
  await element.updateComplete;
  return element;
}

runControlContract<CrowdImageClassifierMultiSelect>({
  tag: 'crowd-image-classifier-multi-select',
  template: ({ name, required, disabled }) =>
    html`<crowd-image-classifier-multi-select name=${ifDefined(name)} ?required=${required} ?disabled=${disabled} src=${IMAGE} header="What is wrong with the photo?" categories=${CATEGORIES}></crowd-image-classifier-multi-select>`,
  answerWithKeyboard: async () => {
    await sendKeys({ press: '2' });
  },
  answerWithPointer: async (element) => {
    const box = boxes(element)[1];
    if (box) await clickElement(box);
  },
  setValueFromCode: (element) => {
    element.value = ['Too dark'];
  },
  expectedAnswer: { labels: ['Too dark'] },
  expectedFormValue: '["Too dark"]',
  expectedValue: ['Too dark'],
});

describe('<crowd-image-classifier-multi-select> Ground Truth template', () => {
  it('toggles categories (answer in category order), and the exclusion category clears them and answers []', async () => {
    const form = await mount<CrowdForm>(html`
      <crowd-form>
        <crowd-image-classifier-multi-select name="animals" categories="['Cat', 'Dog', 'Horse', 'Pig', 'Bird']" src=${IMAGE} header="Please identify the animals in this image" exclusion-category="{ text: 'None of the above' }">
          <full-instructions header="Classification Instructions"><p>Read the task carefully and inspect the image.</p></full-instructions>
          <short-instructions><p>Read the task carefully and inspect the image.</p></short-instructions>
        </crowd-image-classifier-multi-select>
      </crowd-form>
    `);
    const element = form.querySelector('crowd-image-classifier-multi-select') as CrowdImageClassifierMultiSelect;
    await element.updateComplete;
    const events = recordEvents(element);
    element.focus();
    await sendKeys({ press: '5' });
    await sendKeys({ press: '1' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: ' ' });
    expect(form.answer).to.deep.equal({ animals: { labels: ['Cat', 'Dog', 'Bird'] } });
    await sendKeys({ press: '1' });
    expect(form.answer).to.deep.equal({ animals: { labels: ['Dog', 'Bird'] } });
    await sendKeys({ press: '6' });
    expect(form.answer).to.deep.equal({ animals: { labels: [] } });
    expect(boxes(element).filter((box) => box.getAttribute('aria-checked') === 'true').map((box) => box.textContent?.trim().replace(/\s+/g, ' '))).to.deep.equal(['✓ 6 None of the above']);
    await sendKeys({ press: '3' });
    expect(form.answer).to.deep.equal({ animals: { labels: ['Horse'] } });
    expect(events).to.include({ input: 6, change: 6 });
    const answer = form.answer as Record<string, unknown>;
    expect(validateCrowdImageClassifierMultiSelectAnswer(answer['animals']).valid).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('required is met by the exclusion category; reset clears it; state keeps labels, exclusion and comment', async () => {
    const form = await mount<HTMLFormElement>(html`<form><crowd-image-classifier-multi-select name="q" required src=${IMAGE} header="H" categories=${CATEGORIES} exclusion-category="'Looks fine'"><worker-comment></worker-comment></crowd-image-classifier-multi-select></form>`);
    const element = form.querySelector('crowd-image-classifier-multi-select') as CrowdImageClassifierMultiSelect;
    await element.updateComplete;
    expect(element.checkValidity()).to.equal(false);
    expect(element.validationMessage).to.equal('Please choose at least one category, or "Looks fine".');
    element.excluded = true;
    element.workerComment = 'sharp and bright';
    expect(element.checkValidity()).to.equal(true);
    const state = element.captureState();
    form.reset();
    expect(element.answerEntries()).to.deep.equal([]);
    element.restoreState(state);
    expect(element.answerEntries()).to.deep.equal([['q', { labels: [], workerComment: 'sharp and bright' }]]);
  });

  it('warns [quorum:invalid-exclusion-category] for a malformed attribute and offers no exclusion choice', async () => {
    let element!: CrowdImageClassifierMultiSelect;
    const warnings = await captureWarnings(async () => {
      element = await render(html`<crowd-image-classifier-multi-select name="q" src=${IMAGE} header="H" categories=${CATEGORIES} exclusion-category="[1]"></crowd-image-classifier-multi-select>`);
    });
    expect(warnings.find((text) => text.startsWith('[quorum:invalid-exclusion-category]'))).to.contain('must be { text:');
    expect(element.exclusionCategory).to.equal('');
    expect(boxes(element)).to.have.length(3);
  });

  it('a failed image blocks submission', async () => {
    let form!: CrowdForm;
    await captureWarnings(async () => {
      form = await mount<CrowdForm>(html`<crowd-form><crowd-image-classifier-multi-select name="q" src="/nope.png" header="H" categories=${CATEGORIES}></crowd-image-classifier-multi-select></crowd-form>`);
      await (form.querySelector('crowd-image-classifier-multi-select') as CrowdImageClassifierMultiSelect).updateComplete;
    });
    const element = form.querySelector('crowd-image-classifier-multi-select') as CrowdImageClassifierMultiSelect;
    element.value = ['Blurry'];
    expect(form.validate()).to.equal(false);
    expect(element.validationMessage).to.contain('could not be loaded');
  });
});
