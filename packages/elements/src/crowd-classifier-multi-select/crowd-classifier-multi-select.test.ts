import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdClassifierMultiSelectAnswer } from '@quorum/schema';
import type { CrowdForm } from '../crowd-form/crowd-form.js';
import { defineElements } from '../define.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { clickElement } from '../internal/interaction.test.js';
import { captureWarnings, hasFocusWithin, mount } from '../internal/testing.test.js';
import { CrowdClassifierMultiSelect } from './crowd-classifier-multi-select.js';

defineElements();

const items = (element: CrowdClassifierMultiSelect): HTMLElement[] => [...(element.shadowRoot?.querySelectorAll<HTMLElement>('[role="checkbox"]') ?? [])];
const checked = (element: CrowdClassifierMultiSelect): string[] =>
  items(element)
    .filter((item) => item.getAttribute('aria-checked') === 'true')
    .map((item) => item.querySelector('[part="label"]')?.textContent ?? '');

const sentiments = "['Positive', 'Negative', 'Neutral']";

runControlContract<CrowdClassifierMultiSelect>({
  tag: 'crowd-classifier-multi-select',
  template: ({ name, required, disabled }) =>
    html`<crowd-classifier-multi-select name=${ifDefined(name)} ?required=${required} ?disabled=${disabled} header="Select the relevant categories" categories=${sentiments}></crowd-classifier-multi-select>`,
  answerWithKeyboard: async () => {
    await sendKeys({ press: '2' });
  },
  answerWithPointer: async (element) => {
    const item = items(element)[1];
    if (item) await clickElement(item);
  },
  setValueFromCode: (element) => {
    element.value = ['Negative'];
  },
  expectedAnswer: { labels: ['Negative'] },
  expectedFormValue: '["Negative"]',
  horizontalArrows: true,
  expectedValue: ['Negative'],
});

async function render(markup: ReturnType<typeof html>): Promise<CrowdClassifierMultiSelect> {
  return mount<CrowdClassifierMultiSelect>(markup);
}

describe('<crowd-classifier-multi-select>', () => {
  it("runs Ground Truth's sample: several labels, in category order (answer.crowd-classifier-multi-select.json)", async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave>
      <crowd-classifier-multi-select name="category" categories="['Positive', 'Negative', 'Neutral']" header="Select the relevant categories" exclusion-category="{ text: 'None of the above' }">
        <classification-target>I loved it, and I hated it.</classification-target>
        <full-instructions header="Text Categorization Instructions"><p>Choose all that apply.</p></full-instructions>
        <short-instructions>Choose all categories that are expressed by the text.</short-instructions>
      </crowd-classifier-multi-select>
    </crowd-form>`);
    const element = crowdForm.querySelector('crowd-classifier-multi-select') as CrowdClassifierMultiSelect;
    element.focus();
    await sendKeys({ press: '2' });
    await sendKeys({ press: '1' });
    expect(crowdForm.answer).to.deep.equal({ category: { labels: ['Positive', 'Negative'] } });
    expect(validateCrowdClassifierMultiSelectAnswer(crowdForm.answer['category']).valid).to.equal(true);
    expect(element.shadowRoot?.querySelector('[part="full-instructions-button"]')?.hasAttribute('hidden')).to.equal(false);
  });

  it('lets the exclusion category clear the others and be cleared by them; it answers {labels: []}', async () => {
    const element = await render(
      html`<crowd-classifier-multi-select name="q" header="Q" categories=${sentiments} exclusion-category="{ text: 'None of the above' }"></crowd-classifier-multi-select>`,
    );
    expect(element.exclusionCategory).to.equal('None of the above');
    element.focus();
    await sendKeys({ press: '1' });
    await sendKeys({ press: '4' });
    expect(checked(element)).to.deep.equal(['None of the above']);
    expect(element.answerEntries()).to.deep.equal([['q', { labels: [] }]]);
    expect(element.isExcluded).to.equal(true);
    await clickElement(items(element)[2]!);
    expect(checked(element)).to.deep.equal(['Neutral']);
    expect(element.isExcluded).to.equal(false);
  });

  it('toggles with digits and Space, moves with the arrow keys without toggling', async () => {
    const element = await render(html`<crowd-classifier-multi-select name="q" header="Q" categories=${sentiments}></crowd-classifier-multi-select>`);
    element.focus();
    await sendKeys({ press: '1' });
    await sendKeys({ press: '1' });
    expect(element.value).to.deep.equal([]);
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    expect(element.value).to.deep.equal([]);
    expect(element.shadowRoot?.activeElement).to.equal(items(element)[2]);
    await sendKeys({ press: 'Space' });
    expect(element.value).to.deep.equal(['Neutral']);
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'Space' });
    expect(element.value).to.deep.equal(['Positive', 'Neutral']);
  });

  it('is required until a category or the exclusion category is chosen', async () => {
    const element = await render(
      html`<crowd-classifier-multi-select name="q" header="Q" required categories=${sentiments} exclusion-category="{ text: 'None' }"></crowd-classifier-multi-select>`,
    );
    expect(element.checkValidity()).to.equal(false);
    expect(element.validationMessage).to.contain('"None"');
    element.setExcluded(true);
    expect(element.checkValidity()).to.equal(true);
  });

  it('takes categories as a property and warns [quorum:invalid-exclusion-category] for a malformed one', async () => {
    let element!: CrowdClassifierMultiSelect;
    const warnings = await captureWarnings(async () => {
      element = await render(html`<crowd-classifier-multi-select name="q" header="Q" exclusion-category="{ text: 'None' "></crowd-classifier-multi-select>`);
    });
    expect(warnings.some((warning) => warning.startsWith('[quorum:invalid-exclusion-category]'))).to.equal(true);
    element.categories = ['a', 'b'];
    await element.updateComplete;
    expect(items(element)).to.have.length(2);
  });

  it('swaps left and right in right-to-left text', async () => {
    const page = await mount<HTMLDivElement>(html`<div dir="rtl"><crowd-classifier-multi-select name="q" header="س" categories="['أ', 'ب']"></crowd-classifier-multi-select></div>`);
    const element = page.querySelector('crowd-classifier-multi-select') as CrowdClassifierMultiSelect;
    element.focus();
    await sendKeys({ press: 'ArrowLeft' });
    expect(element.shadowRoot?.activeElement).to.equal(items(element)[1]);
    expect(hasFocusWithin(element)).to.equal(true);
  });

  it('has no axe violations with instructions, a choice and the exclusion category', async () => {
    const element = await render(html`<crowd-classifier-multi-select name="q" header="Q" categories=${sentiments} exclusion-category="{ text: 'None' }">
      <short-instructions>Pick all.</short-instructions>
    </crowd-classifier-multi-select>`);
    element.value = ['Positive'];
    await element.updateComplete;
    await expect(element).to.be.accessible();
  });
});

describe('<crowd-classifier-multi-select> digits routed by <crowd-form>', () => {
  it('toggles a category with a digit pressed with focus on the page', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave>
      <crowd-classifier-multi-select name="category" header="Sentiment" categories=${sentiments}></crowd-classifier-multi-select>
    </crowd-form>`);
    const element = crowdForm.querySelector('crowd-classifier-multi-select') as CrowdClassifierMultiSelect;
    (document.activeElement as HTMLElement | null)?.blur();
    await sendKeys({ press: '3' });
    await sendKeys({ press: '1' });
    await sendKeys({ press: '3' });
    expect(crowdForm.answer).to.deep.equal({ category: { labels: ['Positive'] } });
    await element.updateComplete;
    expect(checked(element)).to.deep.equal(['Positive']);
    expect(hasFocusWithin(element)).to.equal(false);
  });
});
