import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdImageClassifierAnswer } from '@quorum/schema';
import { defineElements } from '../define.js';
import type { CrowdForm } from '../crowd-form/crowd-form.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { captureWarnings, mount, recordEvents } from '../internal/testing.test.js';
import { makeImageUrl } from '../internal/spatial/testing.test.js';
import { CrowdImageClassifier } from './crowd-image-classifier.js';

defineElements();

const IMAGE = makeImageUrl(120, 80);
const CATEGORIES = "['Cat', 'Dog', 'Neither']";

const radios = (element: CrowdImageClassifier): HTMLElement[] => [...(element.shadowRoot?.querySelectorAll<HTMLElement>('[role="radio"]') ?? [])];

async function clickElement(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
}

async function render(markup: ReturnType<typeof html>): Promise<CrowdImageClassifier> {
  const element = await mount<CrowdImageClassifier>(markup);
  await element.updateComplete;
  return element;
}

runControlContract<CrowdImageClassifier>({
  tag: 'crowd-image-classifier',
  template: ({ name, required, disabled }) =>
    html`<crowd-image-classifier name=${ifDefined(name)} ?required=${required} ?disabled=${disabled} src=${IMAGE} header="What is in the picture?" categories=${CATEGORIES}></crowd-image-classifier>`,
  answerWithKeyboard: async () => {
    await sendKeys({ press: '2' });
  },
  answerWithPointer: async (element) => {
    const radio = radios(element)[1];
    if (radio) await clickElement(radio);
  },
  setValueFromCode: (element) => {
    element.value = 'Dog';
  },
  expectedAnswer: { label: 'Dog' },
  expectedFormValue: 'Dog',
});

describe('<crowd-image-classifier> Ground Truth template', () => {
  it('shows the image, answers {label} and adds workerComment from the worker-comment region', async () => {
    const form = await mount<CrowdForm>(html`
      <crowd-form>
        <crowd-image-classifier name="crowd-image-classifier" src=${IMAGE} header="Please select the correct category for this image" categories="['Cat', 'Dog', 'Bird', 'None of the Above']">
          <full-instructions header="Classification Instructions"><p>Read the task carefully and inspect the image.</p></full-instructions>
          <short-instructions><p>Choose the appropriate label that best suits the image.</p></short-instructions>
          <worker-comment header="Why this label?" link-text="Explain your choice" placeholder="e.g. the ears are pointed">Say what in the image decided it.</worker-comment>
        </crowd-image-classifier>
      </crowd-form>
    `);
    const element = form.querySelector('crowd-image-classifier') as CrowdImageClassifier;
    await element.updateComplete;
    const image = element.shadowRoot?.querySelector('img') as HTMLImageElement;
    expect(image.naturalWidth).to.equal(120);
    expect(image.alt).to.equal('Image to classify: Please select the correct category for this image');
    element.focus();
    await sendKeys({ press: '1' });
    expect(form.answer).to.deep.equal({ 'crowd-image-classifier': { label: 'Cat' } });
    const events = recordEvents(element);
    const link = element.shadowRoot?.querySelector('[part="comment-button"]') as HTMLButtonElement;
    expect(link.textContent?.trim()).to.equal('Explain your choice');
    link.click();
    const dialog = element.shadowRoot?.querySelector('dialog.comment-dialog') as HTMLDialogElement;
    expect(dialog.open).to.equal(true);
    expect(dialog.querySelector('h2')?.textContent).to.equal('Why this label?');
    expect(element.shadowRoot?.activeElement?.localName).to.equal('textarea');
    expect((element.shadowRoot?.activeElement as HTMLTextAreaElement).placeholder).to.equal('e.g. the ears are pointed');
    await sendKeys({ type: 'Pointed ears, 3' });
    (dialog.querySelector('.primary') as HTMLButtonElement).click();
    await element.updateComplete;
    expect(dialog.open).to.equal(false);
    expect(events).to.include({ input: 1, change: 1 });
    const answer = form.answer as Record<string, unknown>;
    expect(answer).to.deep.equal({ 'crowd-image-classifier': { label: 'Cat', workerComment: 'Pointed ears, 3' } });
    expect(validateCrowdImageClassifierAnswer(answer['crowd-image-classifier']).valid).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('typing digits in the comment box does not change the category; Cancel keeps the old comment', async () => {
    const element = await render(html`<crowd-image-classifier name="c" src=${IMAGE} header="H" categories=${CATEGORIES}><worker-comment></worker-comment></crowd-image-classifier>`);
    element.value = 'Neither';
    element.openComment();
    await sendKeys({ type: '12' });
    (element.shadowRoot?.querySelector('.dialog-actions button') as HTMLButtonElement).click();
    expect(element.value).to.equal('Neither');
    expect(element.workerComment).to.equal('');
    expect((element.shadowRoot?.querySelector('[part="comment-button"]') as HTMLElement).textContent?.trim()).to.equal('Add a comment.');
  });

  it('keeps label and comment through undo/draft state and resets both', async () => {
    const form = await mount<HTMLFormElement>(html`<form><crowd-image-classifier name="c" src=${IMAGE} header="H" categories=${CATEGORIES}></crowd-image-classifier></form>`);
    const element = form.querySelector('crowd-image-classifier') as CrowdImageClassifier;
    await element.updateComplete;
    element.value = 'Dog';
    element.workerComment = 'looks like a dog';
    const state = element.captureState();
    form.reset();
    expect(element.answerEntries()).to.deep.equal([]);
    element.restoreState(state);
    expect(element.answerEntries()).to.deep.equal([['c', { label: 'Dog', workerComment: 'looks like a dog' }]]);
  });

  it('a failed image blocks submission with a clear message', async () => {
    let form!: CrowdForm;
    const warnings = await captureWarnings(async () => {
      form = await mount<CrowdForm>(html`<crowd-form><crowd-image-classifier name="c" src="/gone.jpg" header="H" categories=${CATEGORIES} overlay="{}"></crowd-image-classifier></crowd-form>`);
      await (form.querySelector('crowd-image-classifier') as CrowdImageClassifier).updateComplete;
    });
    const element = form.querySelector('crowd-image-classifier') as CrowdImageClassifier;
    element.value = 'Cat';
    expect(element.shadowRoot?.querySelector('[role="alert"]')?.textContent).to.contain('could not be loaded from /gone.jpg');
    expect(form.validate()).to.equal(false);
    expect(warnings.some((text) => text.startsWith('[quorum:image-failed]'))).to.equal(true);
    // An empty overlay is no overlay.
    expect(element.overlay).to.equal(null);
  });
});

describe('<crowd-image-classifier> overlay (verification jobs)', () => {
  it('draws Ground Truth’s bounding-box verification overlay, with a legend and a toggle', async () => {
    // Ground Truth's documented example, as written (JS-literal keys, a trailing comma), on a 600×1400 image.
    const image = makeImageUrl(600, 1400);
    const form = await mount<CrowdForm>(html`
      <crowd-form no-autosave>
        <crowd-image-classifier
          name="boundingBoxClassification"
          header="Rate the quality of the annotations based on the background section in the instructions on the left hand side."
          src=${image}
          categories="['good', 'bad', 'okay']"
          overlay='{
            "boundingBox": {
                labels: ["bird", "cat"],
                value: [
                    { height: 284, label: "bird", left: 230, top: 974, width: 223 },
                    { height: 69, label: "bird", left: 79, top: 889, width: 247 }
                ]
            },
          }'
        ></crowd-image-classifier>
      </crowd-form>
    `);
    const element = form.querySelector('crowd-image-classifier') as CrowdImageClassifier;
    await element.updateComplete;
    const svg = element.shadowRoot?.querySelector('svg[part="overlay"]') as SVGSVGElement;
    expect(svg.getAttribute('viewBox')).to.equal('0 0 600 1400');
    const rects = [...svg.querySelectorAll('rect')].map((rect) => ['x', 'y', 'width', 'height'].map((name) => Number(rect.getAttribute(name))));
    expect(rects).to.deep.equal([
      [230, 974, 223, 284],
      [79, 889, 247, 69],
    ]);
    // The overlay covers the image exactly, so the boxes sit where they were drawn.
    const picture = element.shadowRoot?.querySelector('img[part="image"]') as HTMLImageElement;
    const overlayBox = svg.getBoundingClientRect();
    const imageBox = picture.getBoundingClientRect();
    expect([overlayBox.left, overlayBox.top, overlayBox.width, overlayBox.height].map(Math.round)).to.deep.equal([imageBox.left, imageBox.top, imageBox.width, imageBox.height].map(Math.round));
    expect(svg.querySelector('rect')?.getAttribute('stroke')).to.equal('#1f77b4');
    const legend = element.shadowRoot?.querySelector('[part="overlay-legend"]') as HTMLElement;
    expect(legend.textContent?.replace(/\s+/g, ' ').trim()).to.equal('bird (2 boxes)');
    const toggle = element.shadowRoot?.querySelector('[part="overlay-toggle"]') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(element.shadowRoot?.querySelector('[part="overlay"]')).to.equal(null);
    await clickElement(toggle);
    expect(element.shadowRoot?.querySelector('svg[part="overlay"]')).not.to.equal(null);
    await clickElement(radios(element)[0] as HTMLElement);
    expect(form.answer).to.deep.equal({ boundingBoxClassification: { label: 'good' } });
    await expect(element).to.be.accessible();
  });

  it('lays a semantic segmentation label image over the image, coloured by labelMappings', async () => {
    const labelImage = makeImageUrl(120, 80);
    const element = await render(html`
      <crowd-image-classifier
        name="crowd-image-classifier"
        categories='["good", "bad"]'
        src=${IMAGE}
        header="Please classify"
        overlay='{
          "semanticSegmentation": {
            "labels": ["Cat", "Dog", "Bird", "Cow"],
            "labelMappings": {
              "Bird": { "color": "#ff7f0e" },
              "Cat": { "color": "#2ca02c" },
              "Cow": { "color": "#d62728" },
              "Dog": { "color": "#2acf59" }
            },
            "src": "${labelImage}",
          }
        }'
      ></crowd-image-classifier>
    `);
    const overlay = element.shadowRoot?.querySelector('img[part="overlay"]') as HTMLImageElement;
    expect(overlay.src).to.equal(labelImage);
    const swatches = [...(element.shadowRoot?.querySelectorAll<HTMLElement>('[part="overlay-legend"] li') ?? [])].map((item) => [item.textContent?.trim(), item.querySelector<HTMLElement>('.swatch')?.style.getPropertyValue('--_label-color').trim()]);
    expect(swatches).to.deep.equal([
      ['Cat', '#2ca02c'],
      ['Dog', '#2acf59'],
      ['Bird', '#ff7f0e'],
      ['Cow', '#d62728'],
    ]);
    expect(element.checkValidity()).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('a label image that fails blocks submission; a malformed overlay warns with the place', async () => {
    let element!: CrowdImageClassifier;
    const warnings = await captureWarnings(async () => {
      element = await render(html`<crowd-image-classifier name="c" src=${IMAGE} header="H" categories=${CATEGORIES} overlay='{ "semanticSegmentation": { "labels": ["Cat"], "src": "/no-label-image.png" } }'></crowd-image-classifier>`);
    });
    element.value = 'Cat';
    expect(element.checkValidity()).to.equal(false);
    expect(element.validationMessage).to.contain('The annotation to verify could not be shown').and.contain('/no-label-image.png');
    expect(warnings.some((text) => text.startsWith('[quorum:overlay-failed]'))).to.equal(true);
    const more = await captureWarnings(async () => {
      await render(html`<crowd-image-classifier name="c" src=${IMAGE} header="H" categories=${CATEGORIES} overlay="{ boundingBox: { value: [{ label: 'x', left: 1, top: 'a', width: 2, height: 2 }] } }"></crowd-image-classifier>`);
    });
    expect(more.find((text) => text.startsWith('[quorum:invalid-overlay]'))).to.contain('overlay of <crowd-image-classifier').and.contain('boundingBox.value[0].top must be a number');
  });
});
