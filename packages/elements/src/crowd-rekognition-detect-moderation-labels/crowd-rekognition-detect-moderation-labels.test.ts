import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { validateCrowdRekognitionDetectModerationLabelsAnswer } from '@quorum/schema';
import { defineElements } from '../define.js';
import type { CrowdForm } from '../crowd-form/crowd-form.js';
import { clickElement, pressWith } from '../internal/interaction.test.js';
import { captureWarnings, hasFocusWithin, mount, recordEvents } from '../internal/testing.test.js';
import { makeImageUrl } from '../internal/spatial/testing.test.js';
import { CrowdRekognitionDetectModerationLabels } from './crowd-rekognition-detect-moderation-labels.js';

defineElements();
if (!customElements.get(CrowdRekognitionDetectModerationLabels.tagName)) customElements.define(CrowdRekognitionDetectModerationLabels.tagName, CrowdRekognitionDetectModerationLabels);

const IMAGE = makeImageUrl(120, 80);
const KEY = 'AWS/Rekognition/DetectModerationLabels/Image/V3';

/**
 * The `categories` attribute as A2I's documented template renders it: the Liquid loop over
 * `selectedAiServiceResponse.moderationLabels` writes JS object literals with unquoted keys and
 * trailing commas.
 */
const RENDERED_CATEGORIES = `[
        {
          name: "Suggestive",
          parentName: "",
        },
        {
          name: "Gore",
          parentName: "Violence",
        },
        {
          name: "Corpses",
          parentName: "Violence",
        },
    ]`;

const boxes = (element: CrowdRekognitionDetectModerationLabels): HTMLElement[] => [...(element.shadowRoot?.querySelectorAll<HTMLElement>('[role="checkbox"]') ?? [])];

async function renderForm(inner: ReturnType<typeof html>): Promise<{ form: CrowdForm; element: CrowdRekognitionDetectModerationLabels }> {
  const form = await mount<CrowdForm>(html`<crowd-form no-autosave>${inner}</crowd-form>`);
  const element = form.querySelector('crowd-rekognition-detect-moderation-labels') as CrowdRekognitionDetectModerationLabels;
  await element.updateComplete;
  return { form, element };
}

describe('<crowd-rekognition-detect-moderation-labels>', () => {
  it('runs A2I’s documented template: answers under A2I’s key with the whole chosen objects, as documented', async () => {
    const { form, element } = await renderForm(html`
      <crowd-rekognition-detect-moderation-labels categories=${RENDERED_CATEGORIES} src=${IMAGE} header="Review the image and choose all applicable categories.">
        <short-instructions header="Instructions"><p class="instructions">Review the image and choose all applicable categories. If no categories apply, choose None.</p></short-instructions>
        <full-instructions header="Instructions"></full-instructions>
      </crowd-rekognition-detect-moderation-labels>
    `);
    expect(element.name).to.equal(KEY);
    expect(boxes(element).map((box) => box.textContent?.replace(/\s+/g, ' ').trim())).to.deep.equal(['1 Suggestive', '2 Gore', '3 Corpses']);
    expect(form.answer).to.deep.equal({});
    const events = recordEvents(element);
    element.focus();
    await sendKeys({ press: '3' });
    await clickElement(boxes(element)[1] as HTMLElement);
    // The element page's sample output, in category order (A2I's output data spells the list moderationLabels).
    expect(form.answer).to.deep.equal({ [KEY]: { moderationLabels: [{ name: 'Gore', parentName: 'Violence' }, { name: 'Corpses', parentName: 'Violence' }] } });
    expect(events).to.include({ input: 2, change: 2 });
    const answer = (form.answer as Record<string, unknown>)[KEY];
    expect(validateCrowdRekognitionDetectModerationLabelsAnswer(answer).valid).to.equal(true);
    // What A2I stores as one worker's answerContent (a2i-output-data: humanAnswers[].answerContent).
    const humanAnswer = { answerContent: form.answer, workerId: 'ef7294f850a3d9d1' };
    expect(Object.keys(humanAnswer.answerContent)).to.deep.equal([KEY]);
    await expect(element).to.be.accessible();
  });

  it('with string categories answers the chosen strings; the exclusion category answers [] (“only positive responses”)', async () => {
    const { form, element } = await renderForm(html`
      <crowd-rekognition-detect-moderation-labels name="moderation" categories="['Nudity', 'Weapons', 'Hate Symbols']" exclusion-category="{ text: 'None of these' }" src=${IMAGE} header="H"></crowd-rekognition-detect-moderation-labels>
    `);
    element.focus();
    await sendKeys({ press: '2' });
    await sendKeys({ press: '1' });
    expect(form.answer).to.deep.equal({ moderation: { moderationLabels: ['Nudity', 'Weapons'] } });
    await sendKeys({ press: '4' });
    expect(form.answer).to.deep.equal({ moderation: { moderationLabels: [] } });
    expect(boxes(element).filter((box) => box.getAttribute('aria-checked') === 'true')).to.have.length(1);
    // As A2I documents: the exclusion category disables the categories until it is chosen again.
    expect(boxes(element).slice(0, 3).map((box) => box.getAttribute('aria-disabled'))).to.deep.equal(['true', 'true', 'true']);
    await sendKeys({ press: '1' });
    expect(form.answer).to.deep.equal({ moderation: { moderationLabels: [] } });
    await sendKeys({ press: '4' });
    expect(boxes(element)[0]?.hasAttribute('aria-disabled')).to.equal(false);
    expect(form.answer).to.deep.equal({});
    await sendKeys({ press: '4' });
    expect(validateCrowdRekognitionDetectModerationLabelsAnswer({ moderationLabels: [] }).valid).to.equal(true);
    await pressWith(['Control'], 'KeyZ');
    await pressWith(['Control'], 'KeyZ');
    await pressWith(['Control'], 'KeyZ');
    expect(form.answer).to.deep.equal({ moderation: { moderationLabels: ['Nudity', 'Weapons'] } });
    await expect(element).to.be.accessible();
  });

  it('initial-value pre-selects categories (PascalCase Rekognition labels read too); reset returns to it', async () => {
    let form!: CrowdForm;
    let element!: CrowdRekognitionDetectModerationLabels;
    const warnings = await captureWarnings(async () => {
      ({ form, element } = await renderForm(html`
        <crowd-rekognition-detect-moderation-labels
          categories='[{"Name": "Gore", "ParentName": "Violence", "Confidence": 91.5}, {"Name": "Weapons", "ParentName": "Violence"}]'
          initial-value="[{ Name: 'Gore' }, 'Drugs']"
          src=${IMAGE}
          header="H"
        ></crowd-rekognition-detect-moderation-labels>
      `));
    });
    expect(warnings.find((text) => text.startsWith('[quorum:unknown-initial-value]'))).to.contain('"Drugs"');
    expect(form.answer).to.deep.equal({ [KEY]: { moderationLabels: [{ name: 'Gore', parentName: 'Violence', confidence: 91.5 }] } });
    element.focus();
    await sendKeys({ press: '1' });
    await sendKeys({ press: '2' });
    expect(form.answer).to.deep.equal({ [KEY]: { moderationLabels: [{ name: 'Weapons', parentName: 'Violence' }] } });
    form.querySelector('form')?.reset();
    await element.updateComplete;
    expect(element.value).to.deep.equal(['Gore']);
  });

  it('is reached with Tab, and is required until something is chosen', async () => {
    const form = await mount<HTMLFormElement>(html`<form><button type="button">before</button><crowd-rekognition-detect-moderation-labels required categories="['A', 'B']" src=${IMAGE} header="H"></crowd-rekognition-detect-moderation-labels></form>`);
    const element = form.querySelector('crowd-rekognition-detect-moderation-labels') as CrowdRekognitionDetectModerationLabels;
    await element.updateComplete;
    expect(element.checkValidity()).to.equal(false);
    form.querySelector('button')?.focus();
    await sendKeys({ press: 'Tab' });
    expect(hasFocusWithin(element)).to.equal(true);
    await sendKeys({ press: ' ' });
    expect(element.checkValidity()).to.equal(true);
    expect(new FormData(form).get(KEY)).to.equal('["A"]');
  });

  it('warns about malformed categories, naming the item', async () => {
    let element!: CrowdRekognitionDetectModerationLabels;
    const warnings = await captureWarnings(async () => {
      ({ element } = await renderForm(html`<crowd-rekognition-detect-moderation-labels categories="[{ parentName: 'Violence' }]" src=${IMAGE} header="H"></crowd-rekognition-detect-moderation-labels>`));
    });
    expect(warnings.find((text) => text.startsWith('[quorum:invalid-categories]'))).to.contain('item 0').and.contain('needs a string name');
    expect(boxes(element)).to.have.length(0);
  });

  it('a failed image blocks submission', async () => {
    let form!: CrowdForm;
    let element!: CrowdRekognitionDetectModerationLabels;
    await captureWarnings(async () => {
      ({ form, element } = await renderForm(html`<crowd-rekognition-detect-moderation-labels categories="['A']" src="/missing.png" header="H"></crowd-rekognition-detect-moderation-labels>`));
    });
    element.value = ['A'];
    expect(form.validate()).to.equal(false);
    expect(element.validationMessage).to.contain('could not be loaded');
  });
});
