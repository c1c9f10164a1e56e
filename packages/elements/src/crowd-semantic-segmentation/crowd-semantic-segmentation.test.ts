import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdSemanticSegmentationAnswer, type CrowdSemanticSegmentationAnswer } from '@quorum/schema';
import { defineElements } from '../define.js';
import type { CrowdForm } from '../crowd-form/crowd-form.js';
import { pressWith } from '../internal/interaction.test.js';
import { captureWarnings, mount, recordEvents } from '../internal/testing.test.js';
import { makeImageUrl } from '../internal/spatial/testing.test.js';
import { bytesToBase64, encodeMaskPng } from '../internal/spatial/mask-png.js';
import {
  canvasPngBase64,
  colorCounts,
  decodeWithBrowser,
  defineSegmentationElements,
  pointerOnImage,
  runSegmentationContract,
  segmentationStage,
  strokeOnImage,
} from '../internal/spatial/segmentation-testing.test.js';
import type { CrowdSemanticSegmentation } from './crowd-semantic-segmentation.js';

defineElements();
defineSegmentationElements();

const WIDTH = 60;
const HEIGHT = 40;
const IMAGE = makeImageUrl(WIDTH, HEIGHT);
const LABELS = "['Cat', 'Dog', 'Bird']";
const CAT = '#1f77b4';
const DOG = '#ff7f0e';

/** The PNG Quorum writes for a mask with `value` at the given pixels (palette: transparent, then the label colours). */
function expectedPng(pixels: [number, number, number][]): string {
  const mask = new Uint8Array(WIDTH * HEIGHT);
  for (const [x, y, value] of pixels) mask[y * WIDTH + x] = value;
  return bytesToBase64(encodeMaskPng(WIDTH, HEIGHT, mask, [[0, 0, 0, 0], [31, 119, 180, 255], [255, 127, 14, 255], [44, 160, 44, 255]]));
}

// The brush is 1 pixel on a 60 × 40 image (the default is a fortieth of the shorter side); the
// keyboard cursor starts on the centre pixel (30, 20), where the pointer clicks too.
const expectedAnswer = {
  inputImageProperties: { width: WIDTH, height: HEIGHT },
  labelMappings: { Cat: { color: CAT } },
  labeledImage: { pngImageData: expectedPng([[30, 20, 1]]) },
};

async function render(markup: ReturnType<typeof html>): Promise<CrowdSemanticSegmentation> {
  const element = await mount<CrowdSemanticSegmentation>(markup);
  await element.updateComplete;
  return element;
}

function answerOf(element: CrowdSemanticSegmentation): CrowdSemanticSegmentationAnswer {
  return element.value as unknown as CrowdSemanticSegmentationAnswer;
}

runSegmentationContract<CrowdSemanticSegmentation>(
  'crowd-semantic-segmentation',
  ({ name, required, disabled }) =>
    html`<crowd-semantic-segmentation name=${ifDefined(name)} ?required=${required} ?disabled=${disabled} src=${IMAGE} header="Label the animals" labels=${LABELS}></crowd-semantic-segmentation>`,
  expectedAnswer,
  { x: 30.5, y: 20.5 },
);

describe('<crowd-semantic-segmentation> Ground Truth sample template', () => {
  it('runs the documented template unchanged; the answer PNG has exactly the label colours at the natural size', async () => {
    const form = await mount<CrowdForm>(html`
      <crowd-form>
        <crowd-semantic-segmentation name="annotatedResult" src=${IMAGE} header="Please label each of the requested objects in this image" labels="['Cat', 'Dog', 'Bird']">
          <full-instructions header="Segmentation Instructions">
            <ol><li><strong>Read</strong> the task carefully and inspect the image.</li></ol>
          </full-instructions>
          <short-instructions><p>Use the tools to label the requested items in the image</p></short-instructions>
        </crowd-semantic-segmentation>
      </crowd-form>
    `);
    const element = form.querySelector('crowd-semantic-segmentation') as CrowdSemanticSegmentation;
    await element.updateComplete;
    element.brushSize = 5;
    await strokeOnImage(element, [{ x: 5.5, y: 5.5 }, { x: 20.5, y: 5.5 }]);
    element.focus();
    await sendKeys({ press: '2' });
    await strokeOnImage(element, [{ x: 40.5, y: 30.5 }]);
    const answer = (form.answer as unknown as { annotatedResult: CrowdSemanticSegmentationAnswer }).annotatedResult;
    expect(validateCrowdSemanticSegmentationAnswer(answer).valid).to.equal(true);
    expect(answer.inputImageProperties).to.deep.equal({ width: WIDTH, height: HEIGHT });
    expect(answer.labelMappings).to.deep.equal({ Cat: { color: CAT }, Dog: { color: DOG } });
    const decoded = await decodeWithBrowser(answer.labeledImage.pngImageData);
    expect([decoded.width, decoded.height]).to.deep.equal([WIDTH, HEIGHT]);
    const counts = colorCounts(decoded);
    expect([...counts.keys()].sort()).to.deep.equal(['#00000000', '#1f77b4ff', '#ff7f0eff']);
    // A stroke of diameter 5 from (5.5, 5.5) to (20.5, 5.5): rows 3–7, 20 + 20 + 20 + 18 + 18 pixels
    // (round ends); a dab of 5 at (40.5, 30.5): 5 + 2 × 5 + 2 × 3 pixels.
    expect(counts.get('#ff7f0eff')).to.equal(21);
    expect(counts.get('#1f77b4ff')).to.equal(20 + 2 * 20 + 2 * 18);
    const at = (x: number, y: number): number[] => [...decoded.data.slice((y * WIDTH + x) * 4, (y * WIDTH + x) * 4 + 4)];
    expect(at(5, 5)).to.deep.equal([31, 119, 180, 255]);
    expect(at(40, 30)).to.deep.equal([255, 127, 14, 255]);
    expect(at(0, 0)).to.deep.equal([0, 0, 0, 0]);
    expect(element.maskData?.[5 * WIDTH + 20]).to.equal(1);
  });
});

describe('<crowd-semantic-segmentation> tools', () => {
  const template = html`<crowd-semantic-segmentation name="s" src=${IMAGE} header="H" labels=${LABELS}></crowd-semantic-segmentation>`;
  const count = (element: CrowdSemanticSegmentation, value: number): number => (element.maskData ?? new Uint8Array()).filter((pixel) => pixel === value).length;

  it('erases with the eraser, and [ ] change the brush size', async () => {
    const element = await render(template);
    element.focus();
    await sendKeys({ press: ']' });
    await sendKeys({ press: ']' });
    expect(element.brushSize).to.equal(3);
    await sendKeys({ press: 'Space' });
    // Diameter 3 at the centre pixel: the pixels whose centres are within 1.5 — a 3 × 3 square.
    expect(count(element, 1)).to.equal(9);
    await sendKeys({ press: '[' });
    expect(element.brushSize).to.equal(2);
    await sendKeys({ press: 'e' });
    expect(element.tool).to.equal('eraser');
    await sendKeys({ press: ']' });
    await sendKeys({ press: ']' });
    await sendKeys({ press: ']' });
    await sendKeys({ press: 'Space' });
    expect(count(element, 1)).to.equal(0);
  });

  it('fills a polygon placed with clicks, closed with Enter', async () => {
    const element = await render(template);
    element.focus();
    await sendKeys({ press: 'p' });
    expect(element.tool).to.equal('polygon');
    for (const point of [{ x: 10.5, y: 10.5 }, { x: 30.5, y: 10.5 }, { x: 30.5, y: 20.5 }, { x: 10.5, y: 20.5 }]) {
      pointerOnImage(element, 'pointerdown', point);
      pointerOnImage(element, 'pointerup', point);
    }
    expect(count(element, 1)).to.equal(0);
    const events = recordEvents(element);
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    // Pixel centres in the half-open rectangle [10.5, 30.5) × [10.5, 20.5): columns 10–29, rows 10–19.
    expect(count(element, 1)).to.equal(20 * 10);
    expect(events).to.include({ input: 1, change: 1 });
  });

  it('flood-fills a region bounded by paint, and keyboard strokes are one undo step', async () => {
    const form = await mount<CrowdForm>(html`<crowd-form no-autosave>${template}</crowd-form>`);
    const element = form.querySelector('crowd-semantic-segmentation') as CrowdSemanticSegmentation;
    await element.updateComplete;
    element.focus();
    // A vertical wall of Cat at column 30 with the keyboard: Space held while moving up and down.
    await sendKeys({ down: 'Space' });
    for (let step = 0; step < 25; step++) await sendKeys({ press: 'ArrowUp' });
    for (let step = 0; step < 45; step++) await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ up: 'Space' });
    await element.updateComplete;
    expect(count(element, 1)).to.equal(HEIGHT);
    await sendKeys({ press: '2' });
    await sendKeys({ press: 'f' });
    pointerOnImage(element, 'pointerdown', { x: 50.5, y: 5.5 });
    pointerOnImage(element, 'pointerup', { x: 50.5, y: 5.5 });
    await element.updateComplete;
    expect(count(element, 2)).to.equal((WIDTH - 31) * HEIGHT);
    await pressWith(['Control'], 'KeyZ');
    await element.updateComplete;
    expect([count(element, 1), count(element, 2)]).to.deep.equal([HEIGHT, 0]);
    await pressWith(['Control'], 'KeyZ');
    await element.updateComplete;
    expect([count(element, 1), count(element, 2)]).to.deep.equal([0, 0]);
    expect(form.answer).to.deep.equal({});
  });

  it('toggles opaque labels with O and announces the tool and brush changes', async () => {
    const element = await render(template);
    element.focus();
    const toggle = element.shadowRoot?.querySelector('.opacity') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    await sendKeys({ press: 'o' });
    await element.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(element.shadowRoot?.querySelector('[role="status"]')?.textContent).to.equal('Labels opaque.');
  });

  it('paints with touch, and a second finger turns the stroke into a pinch that leaves no paint', async () => {
    const element = await render(template);
    const touch = { pointerType: 'touch' };
    pointerOnImage(element, 'pointerdown', { x: 10.5, y: 10.5 }, 1, touch);
    pointerOnImage(element, 'pointermove', { x: 20.5, y: 10.5 }, 1, touch);
    expect(count(element, 1)).to.be.greaterThan(0);
    const scale = element.viewTransform.scale;
    pointerOnImage(element, 'pointerdown', { x: 30.5, y: 30.5 }, 2, touch);
    expect(count(element, 1)).to.equal(0);
    pointerOnImage(element, 'pointermove', { x: 40.5, y: 35.5 }, 2, touch);
    pointerOnImage(element, 'pointerup', { x: 40.5, y: 35.5 }, 2, touch);
    pointerOnImage(element, 'pointerup', { x: 20.5, y: 10.5 }, 1, touch);
    expect(element.viewTransform.scale).to.be.greaterThan(scale);
    expect(count(element, 1)).to.equal(0);
    expect(element.answerEntries()).to.deep.equal([]);
  });
});

describe('<crowd-semantic-segmentation> initial-value (adjustment tasks)', () => {
  /** A previous job's labeled image drawn by Chromium's canvas, with other colours for the labels. */
  const priorPng = (): Promise<string> =>
    canvasPngBase64(WIDTH, HEIGHT, (context) => {
      context.fillStyle = '#d62728';
      context.fillRect(0, 0, 10, 10);
      context.fillStyle = '#ffffff';
      context.fillRect(10, 0, 10, 10);
    });

  it('pre-paints from labeledImage.pngImageData, mapping colours to labels by name; initialValueModified tells whether it changed', async () => {
    const initial = JSON.stringify({ labelMappings: { Dog: { color: '#d62728' } }, labeledImage: { pngImageData: await priorPng() } });
    const element = await render(html`<crowd-semantic-segmentation name="s" src=${IMAGE} header="H" labels=${LABELS} initial-value=${initial}></crowd-semantic-segmentation>`);
    const mask = element.maskData as Uint8Array;
    expect(mask.filter((value) => value === 2).length).to.equal(100);
    expect(mask.filter((value) => value !== 0 && value !== 2).length, 'white is background').to.equal(0);
    expect(answerOf(element).initialValueModified).to.equal(false);
    expect(answerOf(element).labelMappings).to.deep.equal({ Dog: { color: DOG } });
    await strokeOnImage(element, [{ x: 40.5, y: 30.5 }]);
    expect(answerOf(element).initialValueModified).to.equal(true);
    element.formResetCallback();
    expect(answerOf(element).initialValueModified).to.equal(false);
  });

  it('loads Ground Truth’s documented form {labelMappings, src} from a URL', async () => {
    const bytes = Uint8Array.from(atob(await priorPng()), (char) => char.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: 'image/png' }));
    const initial = `{ 'labelMappings': { 'Cat': { 'color': '#d62728' } }, 'src': '${url}' }`;
    const element = await render(html`<crowd-semantic-segmentation name="s" src=${IMAGE} header="H" labels=${LABELS} initial-value=${initial}></crowd-semantic-segmentation>`);
    expect((element.maskData as Uint8Array).filter((value) => value === 1).length).to.equal(100);
    URL.revokeObjectURL(url);
  });

  it('warns and starts empty when the initial image has another size', async () => {
    const small = await canvasPngBase64(10, 10, (context) => context.fillRect(0, 0, 5, 5));
    let element!: CrowdSemanticSegmentation;
    const warnings = await captureWarnings(async () => {
      element = await render(html`<crowd-semantic-segmentation name="s" src=${IMAGE} header="H" labels=${LABELS} initial-value=${JSON.stringify({ labelMappings: {}, labeledImage: { pngImageData: small } })}></crowd-semantic-segmentation>`);
    });
    expect(warnings.some((warning) => warning.includes('invalid-initial-value') && warning.includes('10×10'))).to.equal(true);
    expect((element.maskData as Uint8Array).every((value) => value === 0)).to.equal(true);
  });
});

describe('<crowd-semantic-segmentation> image failures', () => {
  it('blocks submission with a clear message when the image cannot be loaded', async () => {
    let form!: CrowdForm;
    await captureWarnings(async () => {
      form = await mount<CrowdForm>(html`<crowd-form no-autosave><crowd-semantic-segmentation name="s" src="/does-not-exist.png" header="H" labels=${LABELS}></crowd-semantic-segmentation></crowd-form>`);
    });
    const element = form.querySelector('crowd-semantic-segmentation') as CrowdSemanticSegmentation;
    await element.updateComplete;
    expect(element.checkValidity()).to.equal(false);
    expect(element.validationMessage).to.contain('could not be loaded');
    expect(element.shadowRoot?.querySelector('[part="image-error"]')?.getAttribute('role')).to.equal('alert');
    expect(segmentationStage(element).getAttribute('aria-invalid')).to.equal('false');
    expect(form.validate()).to.equal(false);
    await element.updateComplete;
    expect(segmentationStage(element).getAttribute('aria-invalid')).to.equal('true');
    expect(element.shadowRoot?.querySelector('[part="error"]')?.textContent).to.contain('could not be loaded');
  });
});
