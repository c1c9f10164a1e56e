import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdPolygonAnswer } from '@quorum/schema';
import { defineElements } from '../define.js';
import type { CrowdForm } from '../crowd-form/crowd-form.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { captureWarnings, mount, recordEvents } from '../internal/testing.test.js';
import type { Point } from '../internal/spatial/geometry.js';
import { dragOnImage, makeImageUrl, pointerAt, stageOf } from '../internal/spatial/testing.test.js';
import { CrowdPolygon } from './crowd-polygon.js';

defineElements();

const IMAGE = makeImageUrl(200, 100);
const LABELS = "['Cat', 'Dog']";
const SQUARE = [
  { x: 50, y: 25 },
  { x: 150, y: 25 },
  { x: 150, y: 75 },
  { x: 50, y: 75 },
];
const expectedAnswer = { inputImageProperties: { width: 200, height: 100 }, polygons: [{ label: 'Cat', vertices: SQUARE }] };

/** Clicks at image points with pointer events on the stage (see dragOnImage for why not sendMouse). */
async function clickPoints(element: CrowdPolygon, points: Point[]): Promise<void> {
  stageOf(element).scrollIntoView({ block: 'center' });
  for (const point of points) {
    pointerAt(element, 'pointerdown', point, 1, { pointerType: 'mouse' });
    pointerAt(element, 'pointerup', point, 1, { pointerType: 'mouse' });
  }
  await element.updateComplete;
}

async function render(markup: ReturnType<typeof html>): Promise<CrowdPolygon> {
  const element = await mount<CrowdPolygon>(markup);
  await element.updateComplete;
  return element;
}

runControlContract<CrowdPolygon>({
  tag: 'crowd-polygon',
  template: ({ name, required, disabled }) =>
    html`<crowd-polygon name=${ifDefined(name)} ?required=${required} ?disabled=${disabled} src=${IMAGE} header="Draw a polygon around each animal" labels=${LABELS}></crowd-polygon>`,
  answerWithKeyboard: async () => {
    await sendKeys({ press: 'n' });
  },
  answerWithPointer: async (element) => {
    await clickPoints(element, [...SQUARE, { x: 51, y: 26 }]);
  },
  setValueFromCode: (element) => {
    element.polygons = [{ label: 'Cat', vertices: SQUARE }];
  },
  expectedAnswer,
  expectedFormValue: JSON.stringify(expectedAnswer),
  expectedValue: expectedAnswer,
});

describe('<crowd-polygon> Ground Truth sample template', () => {
  it('places points with clicks, finishes with Enter, and answers in GT shape', async () => {
    const form = await mount<CrowdForm>(html`
      <crowd-form>
        <crowd-polygon name="annotatedResult" src=${IMAGE} header="Draw a polygon around each of the requested target(s) of interest" labels="['Cat', 'Dog', 'Bird']">
          <full-instructions header="Polygon instructions"><ul><li>Make the polygon tight around the object</li></ul></full-instructions>
          <short-instructions><p>Draw a polygon around each of the requested target(s) of interest</p></short-instructions>
        </crowd-polygon>
      </crowd-form>
    `);
    const element = form.querySelector('crowd-polygon') as CrowdPolygon;
    await element.updateComplete;
    const events = recordEvents(element);
    element.focus();
    await sendKeys({ press: '2' });
    await clickPoints(element, [{ x: 10, y: 10 }, { x: 60, y: 12 }, { x: 40, y: 70 }]);
    expect(form.answer).to.deep.equal({});
    expect(events.input).to.equal(0);
    await sendKeys({ press: 'Enter' });
    const answer = form.answer as { annotatedResult: unknown };
    expect(answer).to.deep.equal({
      annotatedResult: { inputImageProperties: { width: 200, height: 100 }, polygons: [{ label: 'Dog', vertices: [{ x: 10, y: 10 }, { x: 60, y: 12 }, { x: 40, y: 70 }] }] },
    });
    expect(events).to.include({ input: 1, change: 1 });
    const result = validateCrowdPolygonAnswer(answer.annotatedResult);
    expect(result.valid, JSON.stringify(result)).to.equal(true);
    expect(element.shadowRoot?.querySelector('[part="shape-list"] li')?.textContent).to.equal('Polygon 1 of 1: Dog, 3 points: (10, 10), (60, 12), (40, 70)');
    await expect(element).to.be.accessible();
  });
});

describe('<crowd-polygon> label, then polygon (the Ground Truth worker flow)', () => {
  it('a polygon being placed takes a chosen label; once closed, choosing the next label leaves it alone', async () => {
    const element = await render(html`<crowd-polygon name="p" src=${IMAGE} header="H" labels=${LABELS}></crowd-polygon>`);
    const chooseLabel = (index: number): void => element.shadowRoot?.querySelector<HTMLElement>(`[role="radio"][data-index="${index}"]`)?.click();
    await clickPoints(element, [{ x: 10, y: 10 }, { x: 60, y: 10 }, { x: 60, y: 60 }]);
    chooseLabel(1);
    await clickPoints(element, [{ x: 10, y: 10 }]);
    expect(element.polygons.map((polygon) => polygon.label)).to.deep.equal(['Dog']);
    chooseLabel(0);
    await clickPoints(element, [{ x: 120, y: 10 }, { x: 180, y: 10 }, { x: 180, y: 60 }, { x: 120, y: 10 }]);
    expect(element.polygons.map((polygon) => polygon.label)).to.deep.equal(['Dog', 'Cat']);
  });
});

describe('<crowd-polygon> labels set by the template (Ground Truth custom-label samples)', () => {
  it('draws nothing while there are no labels, and draws with a label the script adds', async () => {
    const form = await mount<CrowdForm>(html`
      <crowd-form>
        <crowd-polygon id="annotator" name="transcription" src=${IMAGE} header="Outline each item" labels="['placeholder']"></crowd-polygon>
      </crowd-form>
    `);
    const element = form.querySelector('crowd-polygon') as CrowdPolygon;
    await element.updateComplete;
    // What the sample's all-crowd-elements-ready handler does, then a worker clicks before adding a label.
    element.labels = [];
    await element.updateComplete;
    await clickPoints(element, [{ x: 10, y: 10 }, { x: 60, y: 10 }, { x: 60, y: 60 }, { x: 10, y: 10 }]);
    element.focus();
    await sendKeys({ press: 'n' });
    expect(element.polygons).to.deep.equal([]);
    expect(element.shadowRoot?.querySelector('[part="hint"]')?.textContent).to.contain('no labels yet');
    expect(element.shadowRoot?.querySelector('[role="status"]')?.textContent).to.contain('add one before drawing');
    // The sample's Add button: labels = labels.concat([typed text]).
    element.labels = element.labels.concat(['Milk 1.99']);
    await element.updateComplete;
    await clickPoints(element, [{ x: 10, y: 10 }, { x: 60, y: 10 }, { x: 60, y: 60 }, { x: 10, y: 10 }]);
    expect(element.polygons.map((polygon) => polygon.label)).to.deep.equal(['Milk 1.99']);
  });
});

describe('<crowd-polygon> editing', () => {
  it('Backspace takes back the last point, Escape cancels, and too few points are not kept', async () => {
    const element = await render(html`<crowd-polygon name="p" src=${IMAGE} header="H" labels=${LABELS}></crowd-polygon>`);
    await clickPoints(element, [{ x: 10, y: 10 }, { x: 60, y: 10 }, { x: 60, y: 60 }]);
    element.focus();
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Enter' });
    expect(element.polygons).to.deep.equal([]);
    expect(element.shadowRoot?.querySelector('[role="status"]')?.textContent).to.equal('The polygon needs at least 3 points; it was removed.');
    await clickPoints(element, [{ x: 10, y: 10 }, { x: 60, y: 10 }, { x: 60, y: 60 }]);
    await sendKeys({ press: 'Escape' });
    expect(element.polygons).to.deep.equal([]);
    expect(element.answerEntries()).to.deep.equal([]);
  });

  it('reshapes by dragging a point and moves by dragging inside, clamped to the image', async () => {
    const element = await render(html`<crowd-polygon name="p" src=${IMAGE} header="H" labels=${LABELS}></crowd-polygon>`);
    element.polygons = [{ label: 'Cat', vertices: [{ x: 20, y: 20 }, { x: 80, y: 20 }, { x: 50, y: 70 }] }];
    const events = recordEvents(element);
    await dragOnImage(element, { x: 50, y: 40 }, { x: 50, y: 40 });
    expect(element.selectedShapeIndex).to.equal(0);
    await dragOnImage(element, { x: 80, y: 20 }, { x: 90, y: 5 });
    expect(element.polygons[0]?.vertices).to.deep.equal([{ x: 20, y: 20 }, { x: 90, y: 5 }, { x: 50, y: 70 }]);
    await dragOnImage(element, { x: 50, y: 40 }, { x: 50, y: 100 });
    expect(element.polygons[0]?.vertices).to.deep.equal([{ x: 20, y: 50 }, { x: 90, y: 35 }, { x: 50, y: 100 }]);
    expect(events).to.include({ input: 2, change: 2 });
  });

  it('pre-draws initial-value polygons (GT JSON form) and warns about a polygon with too few vertices', async () => {
    let element!: CrowdPolygon;
    const warnings = await captureWarnings(async () => {
      element = await render(html`<crowd-polygon
        name="p"
        src=${IMAGE}
        header="H"
        labels="['dog']"
        initial-value='[{"label": "dog", "vertices": [{"x": 57, "y": 23}, {"x": 60, "y": 51}, {"x": 82, "y": 64}, {"x": 90, "y": 41}]}, {"label": "dog", "vertices": [{"x": 1, "y": 1}]}]'
      ></crowd-polygon>`);
    });
    expect(warnings.find((text) => text.startsWith('[quorum:invalid-initial-value]'))).to.contain('item 1: vertices must be an array of at least 3 points');
    expect(element.answerEntries()).to.deep.equal([
      ['p', { inputImageProperties: { width: 200, height: 100 }, polygons: [{ label: 'dog', vertices: [{ x: 57, y: 23 }, { x: 60, y: 51 }, { x: 82, y: 64 }, { x: 90, y: 41 }] }], initialValueModified: false }],
    ]);
  });
});
