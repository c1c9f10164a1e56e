import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdInstanceSegmentationAnswer, type CrowdInstanceSegmentationAnswer, type JsonValue } from '@quorum/schema';
import { defineElements } from '../define.js';
import type { CrowdForm } from '../crowd-form/crowd-form.js';
import { pressWith } from '../internal/interaction.test.js';
import { mount } from '../internal/testing.test.js';
import { makeImageUrl } from '../internal/spatial/testing.test.js';
import { bytesToBase64, encodeMaskPng } from '../internal/spatial/mask-png.js';
import { colorCounts, decodeWithBrowser, defineSegmentationElements, runSegmentationContract, strokeOnImage } from '../internal/spatial/segmentation-testing.test.js';
import { INSTANCE_COLORS, type CrowdInstanceSegmentation } from './crowd-instance-segmentation.js';

defineElements();
defineSegmentationElements();

const WIDTH = 60;
const HEIGHT = 40;
const IMAGE = makeImageUrl(WIDTH, HEIGHT);
const LABELS = "['Car', 'Person']";

const center = new Uint8Array(WIDTH * HEIGHT);
center[20 * WIDTH + 30] = 1;
const expectedAnswer = {
  inputImageProperties: { width: WIDTH, height: HEIGHT },
  instances: [{ color: '#1f77b4', label: 'Car' }],
  labeledImage: { pngImageData: bytesToBase64(encodeMaskPng(WIDTH, HEIGHT, center, [[0, 0, 0, 0], [31, 119, 180, 255]])) },
};

async function render(markup: ReturnType<typeof html>): Promise<CrowdInstanceSegmentation> {
  const element = await mount<CrowdInstanceSegmentation>(markup);
  await element.updateComplete;
  return element;
}

const answerOf = (element: CrowdInstanceSegmentation): CrowdInstanceSegmentationAnswer => element.value as unknown as CrowdInstanceSegmentationAnswer;

runSegmentationContract<CrowdInstanceSegmentation>(
  'crowd-instance-segmentation',
  ({ name, required, disabled }) =>
    html`<crowd-instance-segmentation name=${ifDefined(name)} ?required=${required} ?disabled=${disabled} src=${IMAGE} header="Outline each car and person" labels=${LABELS}></crowd-instance-segmentation>`,
  expectedAnswer,
  { x: 30.5, y: 20.5 },
);

describe('<crowd-instance-segmentation> instances', () => {
  it('gives each instance its own colour; a label repeats once per instance (Ground Truth shape)', async () => {
    const form = await mount<CrowdForm>(html`<crowd-form no-autosave>
      <crowd-instance-segmentation name="annotatedResult" src=${IMAGE} header="Outline each car and person" labels=${LABELS}></crowd-instance-segmentation>
    </crowd-form>`);
    const element = form.querySelector('crowd-instance-segmentation') as CrowdInstanceSegmentation;
    await element.updateComplete;
    element.brushSize = 3;
    await strokeOnImage(element, [{ x: 5.5, y: 5.5 }]);
    element.focus();
    await sendKeys({ press: 'i' });
    await strokeOnImage(element, [{ x: 15.5, y: 5.5 }]);
    await sendKeys({ press: '2' });
    await strokeOnImage(element, [{ x: 25.5, y: 5.5 }]);
    // Back to Car continues its latest instance, the second one.
    await sendKeys({ press: '1' });
    await strokeOnImage(element, [{ x: 15.5, y: 15.5 }]);
    const answer = (form.answer as unknown as { annotatedResult: CrowdInstanceSegmentationAnswer }).annotatedResult;
    expect(validateCrowdInstanceSegmentationAnswer(answer).valid).to.equal(true);
    expect(answer.instances).to.deep.equal([
      { color: INSTANCE_COLORS[0], label: 'Car' },
      { color: INSTANCE_COLORS[1], label: 'Car' },
      { color: INSTANCE_COLORS[2], label: 'Person' },
    ]);
    const counts = colorCounts(await decodeWithBrowser(answer.labeledImage.pngImageData));
    expect(Object.fromEntries(counts)).to.deep.equal({ '#00000000': WIDTH * HEIGHT - 36, '#1f77b4ff': 9, '#ff7f0eff': 18, '#2ca02cff': 9 });
    const names = [...(element.shadowRoot?.querySelectorAll('.instances [role="radio"]') ?? [])].map((item) => item.textContent?.trim());
    expect(names).to.deep.equal(['Car #1', 'Car #2', 'Person #1']);
    expect(element.shadowRoot?.querySelector('.instances [aria-checked="true"]')?.textContent?.trim()).to.equal('Car #2');

    await pressWith(['Control'], 'KeyZ');
    await element.updateComplete;
    const undone = (form.answer as unknown as { annotatedResult: CrowdInstanceSegmentationAnswer }).annotatedResult;
    expect(undone.instances.map((instance) => instance.label)).to.deep.equal(['Car', 'Car', 'Person']);
    expect(Object.fromEntries(colorCounts(await decodeWithBrowser(undone.labeledImage.pngImageData)))).to.include({ '#ff7f0eff': 9 });
  });

  it('leaves instances without pixels out of the answer and takes an answer back with its instances', async () => {
    const element = await render(html`<crowd-instance-segmentation name="s" src=${IMAGE} header="H" labels=${LABELS}></crowd-instance-segmentation>`);
    element.addInstance();
    element.addInstance();
    element.paintStroke([{ x: 10.5, y: 10.5 }], 1, 2);
    expect(answerOf(element).instances).to.deep.equal([{ color: INSTANCE_COLORS[1], label: 'Car' }]);
    const saved = answerOf(element);
    const other = await render(html`<crowd-instance-segmentation name="s" src=${IMAGE} header="H" labels=${LABELS}></crowd-instance-segmentation>`);
    other.value = saved as unknown as JsonValue;
    expect(other.instances).to.deep.equal([{ color: INSTANCE_COLORS[1], label: 'Car' }]);
    expect(other.maskData?.[10 * WIDTH + 10]).to.equal(1);
    // The same pixels in the same colours; the bytes differ, as the empty first instance is gone from the palette.
    expect(answerOf(other).instances).to.deep.equal(saved.instances);
    const pixels = async (answer: CrowdInstanceSegmentationAnswer): Promise<number[]> => [...(await decodeWithBrowser(answer.labeledImage.pngImageData)).data];
    expect(await pixels(answerOf(other))).to.deep.equal(await pixels(saved));
  });

  it('has no axe violations with instances listed', async () => {
    const element = await render(html`<crowd-instance-segmentation name="s" src=${IMAGE} header="H" labels=${LABELS}></crowd-instance-segmentation>`);
    element.addInstance();
    element.paintStroke([{ x: 10.5, y: 10.5 }], 3, 1);
    await element.updateComplete;
    await expect(element).to.be.accessible();
  });
});
