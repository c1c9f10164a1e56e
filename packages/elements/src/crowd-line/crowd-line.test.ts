import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdLineAnswer } from '@quorum/schema';
import { defineElements } from '../define.js';
import type { CrowdForm } from '../crowd-form/crowd-form.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { captureWarnings, mount } from '../internal/testing.test.js';
import { dragOnImage, makeImageUrl } from '../internal/spatial/testing.test.js';
import { CrowdLine } from './crowd-line.js';

defineElements();

const IMAGE = makeImageUrl(200, 100);
const LABELS = "['car', 'pedestrian', 'street car']";
const expectedAnswer = { inputImageProperties: { width: 200, height: 100 }, lines: [{ label: 'car', vertices: [{ x: 50, y: 50 }, { x: 150, y: 50 }] }] };

runControlContract<CrowdLine>({
  tag: 'crowd-line',
  template: ({ name, required, disabled }) =>
    html`<crowd-line name=${ifDefined(name)} ?required=${required} ?disabled=${disabled} src=${IMAGE} header="Draw a line along each object" labels=${LABELS}></crowd-line>`,
  answerWithKeyboard: async () => {
    await sendKeys({ press: 'n' });
  },
  answerWithPointer: async (element) => {
    await dragOnImage(element, { x: 50, y: 50 }, { x: 150, y: 50 });
  },
  setValueFromCode: (element) => {
    element.lines = [{ label: 'car', vertices: [{ x: 50, y: 50 }, { x: 150, y: 50 }] }];
  },
  expectedAnswer,
  expectedFormValue: JSON.stringify(expectedAnswer),
  expectedValue: expectedAnswer,
});

describe('<crowd-line> Ground Truth template', () => {
  it("takes GT's initial-value object (with comments), label-colors, and answers in GT's shape", async () => {
    const form = await mount<CrowdForm>(html`
      <crowd-form>
        <crowd-line
          name="crowdLine"
          src=${IMAGE}
          header="Add header here to describe the task"
          labels="['sideline', 'yardline']"
          label-colors="['#112233', '#445566']"
          initial-value="{
            lines: [
            {
                label: 'sideline', // label of this line annotation
                vertices:[         // an array of vertices which decide the position of the line
                { x: 84, y: 11 },
                { x: 60, y: 10 }
                ]
            },
            ]
          }"
        >
          <short-instructions><p>Draw a line on each objects that the label applies to.</p></short-instructions>
        </crowd-line>
      </crowd-form>
    `);
    const element = form.querySelector('crowd-line') as CrowdLine;
    await element.updateComplete;
    expect(element.labelList.map((label) => label.color)).to.deep.equal(['#112233', '#445566']);
    const initial = { label: 'sideline', vertices: [{ x: 84, y: 11 }, { x: 60, y: 10 }] };
    expect(form.answer).to.deep.equal({ crowdLine: { inputImageProperties: { width: 200, height: 100 }, lines: [initial], initialValueModified: false } });
    element.focus();
    await sendKeys({ press: '2' });
    await dragOnImage(element, { x: 10, y: 90 }, { x: 190, y: 60 });
    const answer = form.answer as { crowdLine: unknown };
    expect(answer.crowdLine).to.deep.equal({
      inputImageProperties: { width: 200, height: 100 },
      lines: [initial, { label: 'yardline', vertices: [{ x: 10, y: 90 }, { x: 190, y: 60 }] }],
      initialValueModified: true,
    });
    expect(validateCrowdLineAnswer(answer.crowdLine).valid).to.equal(true);
    expect(element.shadowRoot?.querySelectorAll('[part="shape-list"] li')[1]?.textContent).to.equal('Line 2 of 2: yardline, from (10, 90) to (190, 60)');
    await expect(element).to.be.accessible();
  });

  it('moves one end by dragging it, ignores a click without a drag, and warns about a malformed initial-value', async () => {
    let element!: CrowdLine;
    const warnings = await captureWarnings(async () => {
      element = await mount<CrowdLine>(html`<crowd-line name="l" src=${IMAGE} header="H" labels=${LABELS} initial-value="{lines: 3}"></crowd-line>`);
      await element.updateComplete;
    });
    expect(warnings.find((text) => text.startsWith('[quorum:invalid-initial-value]'))).to.contain('{lines: [{label, vertices}, …]} or an array');
    await dragOnImage(element, { x: 30, y: 30 }, { x: 30, y: 30 });
    expect(element.lines).to.deep.equal([]);
    element.lines = [{ label: 'car', vertices: [{ x: 20, y: 20 }, { x: 80, y: 20 }] }];
    await dragOnImage(element, { x: 50, y: 20 }, { x: 50, y: 20 });
    await dragOnImage(element, { x: 80, y: 20 }, { x: 90, y: 70 });
    expect(element.lines).to.deep.equal([{ label: 'car', vertices: [{ x: 20, y: 20 }, { x: 90, y: 70 }] }]);
  });
});
