import { expect, oneEvent } from '@open-wc/testing';
import { html } from 'lit';
import { ELEMENTS_READY_EVENT, announceElementsReady, defineElements, elementClasses } from './define.js';
import { mount } from './internal/testing.test.js';

describe('defineElements', () => {
  it('defines every element (core, then spatial) under the tag its class declares, and can run again', () => {
    defineElements();
    expect(() => defineElements()).to.not.throw();
    expect(elementClasses.map((elementClass) => elementClass.tagName)).to.deep.equal([
      'crowd-form',
      'crowd-classifier',
      'crowd-button',
      'classification-target',
      'short-instructions',
      'full-instructions',
      'crowd-classifier-multi-select',
      'crowd-checkbox',
      'crowd-radio-group',
      'crowd-radio-button',
      'crowd-input',
      'crowd-text-area',
      'crowd-slider',
      'crowd-toggle-button',
      'crowd-rating',
      'crowd-pairwise',
      'crowd-rubric',
      'crowd-chat-transcript',
      'crowd-ranking',
      'crowd-text-ranking',
      'crowd-question-answer-generation',
      'crowd-instructions',
      'crowd-alert',
      'crowd-badge',
      'crowd-card',
      'crowd-tabs',
      'crowd-tab',
      'crowd-modal',
      'crowd-toast',
      'crowd-icon-button',
      'crowd-fab',
      'crowd-entity-annotation',
      'crowd-bounding-box',
      'crowd-keypoint',
      'crowd-polygon',
      'crowd-line',
      'crowd-polyline',
      'crowd-image-classifier',
      'crowd-image-classifier-multi-select',
      'worker-comment',
      'crowd-semantic-segmentation',
      'crowd-instance-segmentation',
      'crowd-textract-analyze-document',
      'crowd-rekognition-detect-moderation-labels',
    ]);
    for (const elementClass of elementClasses) expect(customElements.get(elementClass.tagName)).to.equal(elementClass);
  });
});

describe('announceElementsReady', () => {
  it(`fires ${ELEMENTS_READY_EVENT} on document once the elements in the page have rendered`, async () => {
    defineElements();
    const crowdForm = await mount<HTMLElement>(html`<crowd-form><crowd-classifier name="q" header="Q" categories="['a']"></crowd-classifier></crowd-form>`);
    const ready = oneEvent(document, ELEMENTS_READY_EVENT);
    await announceElementsReady();
    const event = await ready;
    expect(event.bubbles).to.equal(true);
    expect(crowdForm.querySelector('crowd-classifier')?.shadowRoot?.querySelector('[role="radiogroup"]')).to.not.equal(null);
  });
});
