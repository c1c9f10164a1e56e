import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { defineElements } from '../define.js';
import type { CrowdForm } from '../crowd-form/crowd-form.js';
import { mount, recordEvents } from '../internal/testing.test.js';
import { makeImageUrl } from '../internal/spatial/testing.test.js';

defineElements();

describe('image classifiers: digits routed by <crowd-form>', () => {
  it('crowd-image-classifier chooses with a digit pressed on the page', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave><crowd-image-classifier name="q" src=${makeImageUrl(120, 80)} header="What?" categories="['Cat', 'Dog', 'Neither']"></crowd-image-classifier></crowd-form>`);
    const element = crowdForm.querySelector('crowd-image-classifier') as HTMLElement;
    const events = recordEvents(element);
    (document.activeElement as HTMLElement | null)?.blur();
    await sendKeys({ press: '2' });
    expect(crowdForm.answer).to.deep.equal({ q: { label: 'Dog' } });
    expect(events.change).to.equal(1);
    expect(document.activeElement).to.equal(document.body);
  });

  it('crowd-image-classifier-multi-select toggles with a digit pressed on the page', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave><crowd-image-classifier-multi-select name="q" src=${makeImageUrl(120, 80)} header="What?" categories="['Cat', 'Dog', 'Bird']"></crowd-image-classifier-multi-select></crowd-form>`);
    (document.activeElement as HTMLElement | null)?.blur();
    await sendKeys({ press: '3' });
    await sendKeys({ press: '1' });
    expect(crowdForm.answer).to.deep.equal({ q: { labels: ['Cat', 'Bird'] } });
  });
});
