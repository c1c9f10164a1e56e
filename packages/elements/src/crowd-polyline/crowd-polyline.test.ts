import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdPolylineAnswer } from '@quorum/schema';
import { defineElements } from '../define.js';
import type { CrowdForm } from '../crowd-form/crowd-form.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { mount, recordEvents } from '../internal/testing.test.js';
import type { Point } from '../internal/spatial/geometry.js';
import { makeImageUrl, pointerAt, stageOf } from '../internal/spatial/testing.test.js';
import { CrowdPolyline } from './crowd-polyline.js';

defineElements();

const IMAGE = makeImageUrl(200, 100);
const LABELS = "['sideline', 'yardline']";
const ZIGZAG = [
  { x: 50, y: 75 },
  { x: 100, y: 25 },
  { x: 150, y: 75 },
];
const expectedAnswer = { inputImageProperties: { width: 200, height: 100 }, polylines: [{ label: 'sideline', vertices: ZIGZAG }] };

/** Clicks at image points with pointer events on the stage (see dragOnImage for why not sendMouse). */
async function clickPoints(element: CrowdPolyline, points: Point[]): Promise<void> {
  stageOf(element).scrollIntoView({ block: 'center' });
  for (const point of points) {
    pointerAt(element, 'pointerdown', point, 1, { pointerType: 'mouse' });
    pointerAt(element, 'pointerup', point, 1, { pointerType: 'mouse' });
  }
  await element.updateComplete;
}

runControlContract<CrowdPolyline>({
  tag: 'crowd-polyline',
  template: ({ name, required, disabled }) =>
    html`<crowd-polyline name=${ifDefined(name)} ?required=${required} ?disabled=${disabled} src=${IMAGE} header="Trace each line on the field" labels=${LABELS}></crowd-polyline>`,
  answerWithKeyboard: async () => {
    await sendKeys({ press: 'n' });
  },
  answerWithPointer: async (element) => {
    await clickPoints(element, [...ZIGZAG, { x: 150, y: 75 }]);
  },
  setValueFromCode: (element) => {
    element.polylines = [{ label: 'sideline', vertices: ZIGZAG }];
  },
  expectedAnswer,
  expectedFormValue: JSON.stringify(expectedAnswer),
  expectedValue: expectedAnswer,
});

describe('<crowd-polyline> Ground Truth template', () => {
  it("places points, finishes with Enter, takes GT's {polylines: […]} initial-value, and answers in GT's shape", async () => {
    const form = await mount<CrowdForm>(html`
      <crowd-form>
        <crowd-polyline name="crowdPolyline" src=${IMAGE} header="Add header here to describe the task" labels=${LABELS}
          initial-value="{ polylines: [ { label: 'sideline', vertices: [ { x: 65, y: 49 }, { x: 86, y: 86 }, { x: 144, y: 61 } ] } ] }"
        ></crowd-polyline>
      </crowd-form>
    `);
    const element = form.querySelector('crowd-polyline') as CrowdPolyline;
    await element.updateComplete;
    const events = recordEvents(element);
    element.focus();
    await sendKeys({ press: '2' });
    await clickPoints(element, [{ x: 115, y: 32 }, { x: 170, y: 47 }, { x: 185, y: 47 }]);
    expect(events.input).to.equal(0);
    await sendKeys({ press: 'Enter' });
    const answer = form.answer as { crowdPolyline: unknown };
    expect(answer.crowdPolyline).to.deep.equal({
      inputImageProperties: { width: 200, height: 100 },
      polylines: [
        { label: 'sideline', vertices: [{ x: 65, y: 49 }, { x: 86, y: 86 }, { x: 144, y: 61 }] },
        { label: 'yardline', vertices: [{ x: 115, y: 32 }, { x: 170, y: 47 }, { x: 185, y: 47 }] },
      ],
      initialValueModified: true,
    });
    expect(events).to.include({ input: 1, change: 1 });
    expect(validateCrowdPolylineAnswer(answer.crowdPolyline).valid).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('a single point is not kept', async () => {
    const element = await mount<CrowdPolyline>(html`<crowd-polyline name="p" src=${IMAGE} header="H" labels=${LABELS}></crowd-polyline>`);
    await element.updateComplete;
    await clickPoints(element, [{ x: 10, y: 10 }]);
    element.focus();
    await sendKeys({ press: 'Enter' });
    expect(element.polylines).to.deep.equal([]);
    expect(element.answerEntries()).to.deep.equal([]);
  });
});
