import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdKeypointAnswer } from '@quorum/schema';
import { defineElements } from '../define.js';
import type { CrowdForm } from '../crowd-form/crowd-form.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { captureWarnings, mount, recordEvents } from '../internal/testing.test.js';
import type { Point } from '../internal/spatial/geometry.js';
import { clientPoint, dragOnImage, makeImageUrl, stageOf } from '../internal/spatial/testing.test.js';
import { CrowdKeypoint } from './crowd-keypoint.js';

defineElements();

const IMAGE = makeImageUrl(200, 100);
const LABELS = "['Item A', 'Item B', 'Item C']";
const expectedAnswer = { inputImageProperties: { width: 200, height: 100 }, keypoints: [{ label: 'Item A', x: 100, y: 50 }] };

async function clickOnImage(element: CrowdKeypoint, point: Point): Promise<void> {
  stageOf(element).scrollIntoView({ block: 'center' });
  const client = clientPoint(element, point);
  await sendMouse({ type: 'click', position: [Math.round(client.x), Math.round(client.y)] });
}

async function render(markup: ReturnType<typeof html>): Promise<CrowdKeypoint> {
  const element = await mount<CrowdKeypoint>(markup);
  await element.updateComplete;
  return element;
}

runControlContract<CrowdKeypoint>({
  tag: 'crowd-keypoint',
  template: ({ name, required, disabled }) =>
    html`<crowd-keypoint name=${ifDefined(name)} ?required=${required} ?disabled=${disabled} src=${IMAGE} header="Please locate the centers of each item." labels=${LABELS}></crowd-keypoint>`,
  answerWithKeyboard: async () => {
    await sendKeys({ press: 'n' });
  },
  answerWithPointer: async (element) => {
    await clickOnImage(element, { x: 100, y: 50 });
  },
  setValueFromCode: (element) => {
    element.keypoints = [{ label: 'Item A', x: 100, y: 50 }];
  },
  expectedAnswer,
  expectedFormValue: JSON.stringify(expectedAnswer),
  expectedValue: expectedAnswer,
});

describe('<crowd-keypoint> Ground Truth sample template', () => {
  it("runs the documented template and its onsubmit script (value.keypoints) unchanged, answering in GT's shape", async () => {
    const form = await mount<CrowdForm>(html`
      <crowd-form>
        <div id="errorBox"></div>
        <crowd-keypoint src=${IMAGE} labels="['Item A', 'Item B', 'Item C']" header="Please locate the centers of each item." name="annotatedResult">
          <short-instructions>Describe your task briefly here and give examples</short-instructions>
          <full-instructions>Give additional instructions and good/bad examples here</full-instructions>
        </crowd-keypoint>
      </crowd-form>
    `);
    const element = form.querySelector('crowd-keypoint') as CrowdKeypoint;
    await element.updateComplete;
    // The sample's own check: every label used exactly once, else the submission is stopped.
    let seenLabels: string[] = [];
    form.onsubmit = (event: Event) => {
      const keypoints = (document.querySelector('crowd-keypoint') as unknown as { value: { keypoints: { label: string }[] } }).value.keypoints;
      seenLabels = keypoints.map((point) => point.label);
      if (new Set(seenLabels).size !== 3) event.preventDefault();
    };
    let submitted: unknown;
    form.addEventListener('crowd-submit', (event) => {
      submitted = (event as CustomEvent<{ answer: unknown }>).detail.answer;
      event.preventDefault();
    });
    await clickOnImage(element, { x: 20, y: 30 });
    form.submit();
    expect(seenLabels).to.deep.equal(['Item A']);
    expect(submitted).to.equal(undefined);
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: '2' });
    await clickOnImage(element, { x: 120, y: 40 });
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: '3' });
    await clickOnImage(element, { x: 180, y: 90 });
    form.submit();
    const answer = {
      annotatedResult: {
        inputImageProperties: { width: 200, height: 100 },
        keypoints: [
          { label: 'Item A', x: 20, y: 30 },
          { label: 'Item B', x: 120, y: 40 },
          { label: 'Item C', x: 180, y: 90 },
        ],
      },
    };
    expect(submitted).to.deep.equal(answer);
    const result = validateCrowdKeypointAnswer(answer.annotatedResult);
    expect(result.valid, JSON.stringify(result)).to.equal(true);
  });
});

describe('<crowd-keypoint> label, then point (the Ground Truth worker flow)', () => {
  it('choosing the next label leaves the point just placed alone; a point the worker selects takes the label', async () => {
    const element = await render(html`<crowd-keypoint name="k" src=${IMAGE} header="H" labels=${LABELS}></crowd-keypoint>`);
    const chooseLabel = async (index: number): Promise<void> => {
      const radio = element.shadowRoot?.querySelector<HTMLElement>(`[role="radio"][data-index="${index}"]`);
      if (!radio) throw new Error(`no label ${index}`);
      const box = radio.getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
    };
    await chooseLabel(0);
    await clickOnImage(element, { x: 20, y: 30 });
    await chooseLabel(1);
    await clickOnImage(element, { x: 120, y: 40 });
    await chooseLabel(2);
    await clickOnImage(element, { x: 180, y: 90 });
    expect(element.keypoints.map((point) => point.label)).to.deep.equal(['Item A', 'Item B', 'Item C']);
    // Selecting a placed point on purpose, then a label, relabels it.
    await clickOnImage(element, { x: 20, y: 30 });
    await chooseLabel(1);
    expect(element.keypoints.map((point) => point.label)).to.deep.equal(['Item B', 'Item B', 'Item C']);
  });
});

describe('<crowd-keypoint> editing', () => {
  it('moves a point by dragging it (clamped), and clicking a point selects it instead of adding one', async () => {
    const element = await render(html`<crowd-keypoint name="k" src=${IMAGE} header="H" labels=${LABELS}></crowd-keypoint>`);
    element.keypoints = [{ label: 'Item B', x: 50, y: 50 }];
    const events = recordEvents(element);
    await dragOnImage(element, { x: 50, y: 50 }, { x: 70, y: 60 });
    expect(element.keypoints).to.deep.equal([{ label: 'Item B', x: 70, y: 60 }]);
    await dragOnImage(element, { x: 70, y: 60 }, { x: 400, y: -50 });
    expect(element.keypoints).to.deep.equal([{ label: 'Item B', x: 200, y: 0 }]);
    await clickOnImage(element, { x: 199, y: 1 });
    expect(element.keypoints).to.have.length(1);
    expect(element.selectedShapeIndex).to.equal(0);
    expect(events).to.include({ input: 2, change: 2 });
  });

  it('nudges with arrows, relabels with digits, deletes with Delete, and has no resize', async () => {
    const element = await render(html`<crowd-keypoint name="k" src=${IMAGE} header="H" labels=${LABELS}></crowd-keypoint>`);
    element.keypoints = [{ label: 'Item A', x: 10, y: 10 }, { label: 'Item A', x: 30, y: 30 }];
    element.focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: '3' });
    expect(element.keypoints[1]).to.deep.equal({ label: 'Item C', x: 30, y: 29 });
    expect(element.keyboardShortcuts.map((shortcut) => shortcut.keys)).not.to.include('Alt + arrow keys');
    await sendKeys({ press: 'Delete' });
    expect(element.keypoints).to.deep.equal([{ label: 'Item A', x: 10, y: 10 }]);
    expect(element.shadowRoot?.querySelector('[part="shape-list"] li')?.textContent).to.equal('Keypoint 1 of 1: Item A, x 10, y 10');
    await expect(element).to.be.accessible();
  });

  it('pre-places initial-value points in order and reports initialValueModified', async () => {
    let element!: CrowdKeypoint;
    const warnings = await captureWarnings(async () => {
      element = await render(html`<crowd-keypoint name="k" src=${IMAGE} header="H" labels=${LABELS} initial-value="[{label: 'Item B', x: 5, y: 6}, {label: 'Item A', x: 250, y: 7.6}, {label: 'Item C', x: 1}]"></crowd-keypoint>`);
    });
    expect(warnings.find((text) => text.startsWith('[quorum:invalid-initial-value]'))).to.contain('item 2: y must be a number');
    expect(element.answerEntries()).to.deep.equal([
      ['k', { inputImageProperties: { width: 200, height: 100 }, keypoints: [{ label: 'Item B', x: 5, y: 6 }, { label: 'Item A', x: 200, y: 8 }], initialValueModified: false }],
    ]);
    element.keypoints = [];
    expect((element.value as { initialValueModified: boolean }).initialValueModified).to.equal(true);
  });

  it('a failed image blocks submission', async () => {
    let form!: CrowdForm;
    const warnings = await captureWarnings(async () => {
      form = await mount<CrowdForm>(html`<crowd-form><crowd-keypoint name="k" src="/missing.png" header="H" labels=${LABELS}></crowd-keypoint></crowd-form>`);
      await (form.querySelector('crowd-keypoint') as CrowdKeypoint).updateComplete;
    });
    const element = form.querySelector('crowd-keypoint') as CrowdKeypoint;
    expect(warnings.some((text) => text.startsWith('[quorum:image-failed]'))).to.equal(true);
    expect(element.value).to.equal(null);
    expect(form.validate()).to.equal(false);
    expect(element.shadowRoot?.querySelector('[role="alert"]')?.textContent).to.contain('could not be loaded');
  });
});
