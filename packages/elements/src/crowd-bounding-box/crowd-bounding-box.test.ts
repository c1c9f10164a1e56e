import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdBoundingBoxAnswer } from '@quorum/schema';
import { defineElements } from '../define.js';
import type { CrowdForm } from '../crowd-form/crowd-form.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { captureWarnings, mount, recordEvents } from '../internal/testing.test.js';
import type { Point } from '../internal/spatial/geometry.js';
import { clientPoint, dragOnImage, makeImageUrl, pointerAt, pointerAtClient, stageOf } from '../internal/spatial/testing.test.js';
import { CrowdBoundingBox } from './crowd-bounding-box.js';

defineElements();

const IMAGE = makeImageUrl(200, 100);
const LABELS = "['Cat', 'Dog']";
const expectedAnswer = {
  boundingBoxes: [{ label: 'Cat', left: 50, top: 25, width: 100, height: 50 }],
  inputImageProperties: { width: 200, height: 100 },
};

async function render(markup: ReturnType<typeof html>): Promise<CrowdBoundingBox> {
  const element = await mount<CrowdBoundingBox>(markup);
  await element.updateComplete;
  return element;
}

async function withKey(key: string, action: () => Promise<unknown>): Promise<void> {
  await sendKeys({ down: key });
  try {
    await action();
  } finally {
    await sendKeys({ up: key });
  }
}

const shapeItems = (element: CrowdBoundingBox): string[] => [...(element.shadowRoot?.querySelectorAll('[part="shape-list"] li') ?? [])].map((item) => item.textContent ?? '');

runControlContract<CrowdBoundingBox>({
  tag: 'crowd-bounding-box',
  template: ({ name, required, disabled }) =>
    html`<crowd-bounding-box name=${ifDefined(name)} ?required=${required} ?disabled=${disabled} src=${IMAGE} header="Draw a box around each animal" labels=${LABELS}></crowd-bounding-box>`,
  answerWithKeyboard: async () => {
    await sendKeys({ press: 'n' });
  },
  answerWithPointer: async (element) => {
    await dragOnImage(element, { x: 50, y: 25 }, { x: 150, y: 75 });
  },
  setValueFromCode: (element) => {
    element.boundingBoxes = [{ label: 'Cat', left: 50, top: 25, width: 100, height: 50 }];
  },
  expectedAnswer,
  expectedFormValue: JSON.stringify(expectedAnswer),
  expectedValue: expectedAnswer,
});

describe('<crowd-bounding-box> Ground Truth sample template', () => {
  it('runs the documented template unchanged and answers in GT shape, only used labels, natural integer pixels', async () => {
    const form = await mount<CrowdForm>(html`
      <crowd-form>
        <crowd-bounding-box name="annotatedResult" src=${IMAGE} header="Draw bounding boxes around all the cats and dogs in this image" labels="['Cat', 'Dog']">
          <full-instructions header="Bounding Box Instructions">
            <p>Use the bounding box tool to draw boxes around the requested target of interest:</p>
          </full-instructions>
          <short-instructions>Draw boxes around the requested target of interest.</short-instructions>
        </crowd-bounding-box>
      </crowd-form>
    `);
    const element = form.querySelector('crowd-bounding-box') as CrowdBoundingBox;
    await element.updateComplete;
    expect(element.shadowRoot?.querySelector('[part="instructions"]')?.hasAttribute('hidden')).to.equal(false);
    await dragOnImage(element, { x: 10, y: 20 }, { x: 70, y: 90 });
    // The new box stays selected and a digit would relabel it: Escape first, then pick Dog.
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: '2' });
    await dragOnImage(element, { x: 120, y: 10 }, { x: 190, y: 60 });
    await element.updateComplete;
    const answer = form.answer as { annotatedResult: unknown };
    expect(answer).to.deep.equal({
      annotatedResult: {
        boundingBoxes: [
          { label: 'Cat', left: 10, top: 20, width: 60, height: 70 },
          { label: 'Dog', left: 120, top: 10, width: 70, height: 50 },
        ],
        inputImageProperties: { width: 200, height: 100 },
      },
    });
    const result = validateCrowdBoundingBoxAnswer(answer.annotatedResult);
    expect(result.valid, JSON.stringify(result)).to.equal(true);
  });

  it('opens the full instructions in a dialog', async () => {
    const element = await render(html`<crowd-bounding-box name="b" src=${IMAGE} header="H" labels=${LABELS}><full-instructions header="Guide">Read me</full-instructions></crowd-bounding-box>`);
    element.shadowRoot?.querySelector<HTMLButtonElement>('[part="full-instructions-button"]')?.click();
    const dialog = element.shadowRoot?.querySelector('dialog') as HTMLDialogElement;
    expect(dialog.open).to.equal(true);
    expect(dialog.querySelector('h2')?.textContent).to.equal('Guide');
    element.closeFullInstructions();
  });
});

describe('<crowd-bounding-box> labels', () => {
  it('reads labels as objects with display names: the answer keeps the label, the picker shows the short name', async () => {
    const element = await render(html`<crowd-bounding-box
      name="b"
      src=${IMAGE}
      header="H"
      labels="[{fullDisplayName: 'Passenger car', shortDisplayName: 'Car', longDisplayName: 'Any car, van or SUV'}, {label: 'truck', fullDisplayName: 'Lorry'},]"
    ></crowd-bounding-box>`);
    const radios = [...(element.shadowRoot?.querySelectorAll('[role="radio"]') ?? [])];
    expect(radios.map((radio) => radio.textContent?.trim().replace(/\s+/g, ' '))).to.deep.equal(['1 Car', '2 truck']);
    expect(radios.map((radio) => radio.getAttribute('aria-label'))).to.deep.equal(['Passenger car', 'Lorry']);
    expect(radios[0]?.getAttribute('title')).to.equal('Any car, van or SUV');
    element.focus();
    await sendKeys({ press: '2' });
    await sendKeys({ press: 'n' });
    expect(element.boundingBoxes.map((box) => box.label)).to.deep.equal(['truck']);
  });

  it('takes labels as a property', async () => {
    const element = await render(html`<crowd-bounding-box name="b" src=${IMAGE} header="H"></crowd-bounding-box>`);
    element.labels = ['Tree', { label: 'bush', shortDisplayName: 'Bush' }];
    await element.updateComplete;
    expect(element.labelList.map((label) => label.value)).to.deep.equal(['Tree', 'bush']);
    expect(element.shadowRoot?.querySelectorAll('[role="radio"]').length).to.equal(2);
  });

  it('warns [quorum:invalid-labels] with the position for a malformed attribute, and keeps working', async () => {
    let element!: CrowdBoundingBox;
    const warnings = await captureWarnings(async () => {
      element = await render(html`<crowd-bounding-box name="b" src=${IMAGE} header="H" labels="['Cat', {shortDisplayName: 3}]"></crowd-bounding-box>`);
    });
    expect(warnings.find((text) => text.startsWith('[quorum:invalid-labels]'))).to.contain('labels of <crowd-bounding-box name="b">').and.contain('Label 1: shortDisplayName must be a string');
    expect(element.labels).to.deep.equal([]);
    expect(warnings.some((text) => text.startsWith('[quorum:no-labels]'))).to.equal(true);
  });

  it('picks the label with digit keys and relabels the selected box', async () => {
    const element = await render(html`<crowd-bounding-box name="b" src=${IMAGE} header="H" labels="['a', 'b', 'c']"></crowd-bounding-box>`);
    element.focus();
    await sendKeys({ press: '3' });
    await sendKeys({ press: 'n' });
    expect(element.boundingBoxes[0]?.label).to.equal('c');
    await sendKeys({ press: '1' });
    expect(element.boundingBoxes[0]?.label).to.equal('a');
    const checked = element.shadowRoot?.querySelector('[role="radio"][aria-checked="true"]');
    expect(checked?.getAttribute('aria-label')).to.equal('a');
  });

  it('choosing the next label leaves the box just drawn alone (label, then draw, as Ground Truth workers do)', async () => {
    const element = await render(html`<crowd-bounding-box name="b" src=${IMAGE} header="H" labels="['a', 'b', 'c']"></crowd-bounding-box>`);
    const chooseLabel = (index: number): void => element.shadowRoot?.querySelector<HTMLElement>(`[role="radio"][data-index="${index}"]`)?.click();
    chooseLabel(1);
    await dragOnImage(element, { x: 10, y: 10 }, { x: 40, y: 40 });
    chooseLabel(2);
    await dragOnImage(element, { x: 100, y: 10 }, { x: 140, y: 40 });
    expect(element.boundingBoxes.map((box) => box.label)).to.deep.equal(['b', 'c']);
    // Clicking a box selects it on purpose: the label chosen next is its new label.
    await dragOnImage(element, { x: 20, y: 20 }, { x: 20, y: 20 });
    chooseLabel(0);
    expect(element.boundingBoxes.map((box) => box.label)).to.deep.equal(['a', 'c']);
  });
});

describe('<crowd-bounding-box> template overlays', () => {
  it('has canvas.upper-canvas over the image, as Ground Truth’s canvas, for scripts that lay an overlay on it', async () => {
    const form = await mount<CrowdForm>(html`
      <crowd-form>
        <crowd-bounding-box name="incorrectSegments" src=${IMAGE} header="Box the wrong segments" labels="['Incorrect segment']"></crowd-bounding-box>
      </crowd-form>
    `);
    const element = form.querySelector('crowd-bounding-box') as CrowdBoundingBox;
    await element.updateComplete;
    await element.updateComplete;
    // What the validation sample does: read the canvas's place on the page and put an image there.
    const canvas = element.shadowRoot?.querySelector('canvas.upper-canvas');
    expect(canvas, 'canvas.upper-canvas').to.be.instanceOf(HTMLCanvasElement);
    const rect = (canvas as HTMLCanvasElement).getBoundingClientRect();
    const topLeft = clientPoint(element, { x: 0, y: 0 });
    const bottomRight = clientPoint(element, { x: 200, y: 100 });
    for (const [actual, expected] of [
      [rect.left, topLeft.x],
      [rect.top, topLeft.y],
      [rect.right, bottomRight.x],
      [rect.bottom, bottomRight.y],
    ] as const) {
      expect(Math.abs(actual - expected), `${actual} vs ${expected}`).to.be.below(1.5);
    }
    // It is not in the way: a drag over it still draws a box.
    await dragOnImage(element, { x: 20, y: 20 }, { x: 60, y: 50 });
    expect(element.boundingBoxes).to.have.length(1);
  });
});

describe('<crowd-bounding-box> initial-value', () => {
  const initial = `[
    { label: 'Dog', left: 10, top: 5, width: 30, height: 40, },
    { label: 'Cat', left: 100, top: 50, width: 50, height: 20 },
  ]`;

  it('pre-draws the boxes in order, answers with initialValueModified false, then true after an edit', async () => {
    const form = await mount<HTMLFormElement>(html`<form><crowd-bounding-box name="b" src=${IMAGE} header="H" labels=${LABELS} initial-value=${initial}></crowd-bounding-box></form>`);
    const element = form.querySelector('crowd-bounding-box') as CrowdBoundingBox;
    await element.updateComplete;
    const initialBoxes = [
      { label: 'Dog', left: 10, top: 5, width: 30, height: 40 },
      { label: 'Cat', left: 100, top: 50, width: 50, height: 20 },
    ];
    expect(element.answerEntries()).to.deep.equal([['b', { boundingBoxes: initialBoxes, inputImageProperties: { width: 200, height: 100 }, initialValueModified: false }]]);
    element.focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(element.selectedShapeIndex).to.equal(1);
    await sendKeys({ press: 'ArrowRight' });
    const answer = element.answerEntries()[0]?.[1] as { boundingBoxes: unknown[]; initialValueModified: boolean };
    expect(answer.boundingBoxes).to.deep.equal([initialBoxes[0], { ...initialBoxes[1], left: 101 }]);
    expect(answer.initialValueModified).to.equal(true);
    form.reset();
    await element.updateComplete;
    expect(element.boundingBoxes).to.deep.equal(initialBoxes);
  });

  it('clamps pre-drawn boxes to the image and leaves out malformed items with a warning naming the item', async () => {
    let element!: CrowdBoundingBox;
    const warnings = await captureWarnings(async () => {
      element = await render(html`<crowd-bounding-box
        name="b"
        src=${IMAGE}
        header="H"
        labels=${LABELS}
        initial-value="[{label: 'Cat', left: -10, top: 80, width: 300.4, height: 50}, {label: 'Dog', left: 'x', top: 0, width: 1, height: 1}]"
      ></crowd-bounding-box>`);
    });
    expect(element.boundingBoxes).to.deep.equal([{ label: 'Cat', left: 0, top: 80, width: 200, height: 20 }]);
    expect(warnings.find((text) => text.startsWith('[quorum:invalid-initial-value]'))).to.contain('item 1: left must be a number');
  });
});

describe('<crowd-bounding-box> pointer', () => {
  it('moves a box by dragging it and resizes it by a corner, clamped to the image', async () => {
    const element = await render(html`<crowd-bounding-box name="b" src=${IMAGE} header="H" labels=${LABELS}></crowd-bounding-box>`);
    element.boundingBoxes = [{ label: 'Cat', left: 20, top: 20, width: 40, height: 30 }];
    const events = recordEvents(element);
    await dragOnImage(element, { x: 40, y: 35 }, { x: 60, y: 45 });
    expect(element.boundingBoxes).to.deep.equal([{ label: 'Cat', left: 40, top: 30, width: 40, height: 30 }]);
    await dragOnImage(element, { x: 80, y: 60 }, { x: 260, y: 140 });
    expect(element.boundingBoxes).to.deep.equal([{ label: 'Cat', left: 40, top: 30, width: 160, height: 70 }]);
    await dragOnImage(element, { x: 100, y: 50 }, { x: -100, y: -100 });
    expect(element.boundingBoxes).to.deep.equal([{ label: 'Cat', left: 0, top: 0, width: 160, height: 70 }]);
    expect(events).to.include({ input: 3, change: 3 });
  });

  it('selects the box under a real click (browser input, with pointer capture) and focuses the image', async () => {
    const element = await render(html`<crowd-bounding-box name="b" src=${IMAGE} header="H" labels=${LABELS}></crowd-bounding-box>`);
    element.boundingBoxes = [{ label: 'Cat', left: 20, top: 20, width: 40, height: 30 }, { label: 'Dog', left: 100, top: 40, width: 50, height: 40 }];
    stageOf(element).scrollIntoView({ block: 'center' });
    const target = clientPoint(element, { x: 125, y: 60 });
    await sendMouse({ type: 'click', position: [Math.round(target.x), Math.round(target.y)] });
    expect(element.selectedShapeIndex).to.equal(1);
    expect(element.shadowRoot?.activeElement).to.equal(stageOf(element));
    expect(element.boundingBoxes).to.have.length(2);
  });

  it('ignores a click without a drag (no empty box), and a drag that starts outside the image pans instead', async () => {
    const element = await render(html`<crowd-bounding-box name="b" src=${IMAGE} header="H" labels=${LABELS}></crowd-bounding-box>`);
    const events = recordEvents(element);
    await dragOnImage(element, { x: 30, y: 30 }, { x: 30, y: 30 });
    expect(element.boundingBoxes).to.deep.equal([]);
    expect(element.answerEntries()).to.deep.equal([]);
    expect(events.input).to.equal(0);
  });

  it('draws in natural pixels when zoomed in and panned', async () => {
    const element = await render(html`<crowd-bounding-box name="b" src=${IMAGE} header="H" labels=${LABELS}></crowd-bounding-box>`);
    element.focus();
    await sendKeys({ press: '+' });
    await sendKeys({ press: '+' });
    await sendKeys({ press: 'ArrowLeft' });
    const scale = element.viewTransform.scale;
    expect(scale).to.be.closeTo(1.5625, 1e-9);
    await dragOnImage(element, { x: 80, y: 40 }, { x: 120, y: 60 });
    expect(element.boundingBoxes).to.have.length(1);
    const [box] = element.boundingBoxes;
    // One screen pixel is 0.64 image pixels here, so the drag lands within a pixel of the target.
    expect(Math.abs((box?.left ?? 0) - 80)).to.be.at.most(1);
    expect(Math.abs((box?.width ?? 0) - 40)).to.be.at.most(1);
    for (const value of [box?.left, box?.top, box?.width, box?.height]) expect(Number.isInteger(value)).to.equal(true);
    await sendKeys({ press: '0' });
    expect(element.viewTransform.scale).to.equal(1);
  });

  it('zooms with the wheel around the cursor', async () => {
    const element = await render(html`<crowd-bounding-box name="b" src=${IMAGE} header="H" labels=${LABELS}></crowd-bounding-box>`);
    // A wheel event's clientX/Y are whole pixels, so aim at a whole pixel.
    const cursor = { x: Math.round(clientPoint(element, { x: 50, y: 50 }).x), y: Math.round(clientPoint(element, { x: 50, y: 50 }).y) };
    const stage = stageOf(element).getBoundingClientRect();
    const under = (): Point => {
      const { scale, offsetX, offsetY } = element.viewTransform;
      return { x: (cursor.x - stage.left - offsetX) / scale, y: (cursor.y - stage.top - offsetY) / scale };
    };
    const before = under();
    stageOf(element).dispatchEvent(new WheelEvent('wheel', { deltaY: -200, clientX: cursor.x, clientY: cursor.y, bubbles: true, cancelable: true }));
    expect(element.viewTransform.scale).to.be.greaterThan(1.2);
    expect(under().x).to.be.closeTo(before.x, 1e-9);
    expect(under().y).to.be.closeTo(before.y, 1e-9);
  });

  it('pinches with two touch pointers to zoom, without drawing', async () => {
    const element = await render(html`<crowd-bounding-box name="b" src=${IMAGE} header="H" labels=${LABELS}></crowd-bounding-box>`);
    const touch = { pointerType: 'touch' };
    // Fingers are fixed on the screen, so their positions are taken before the view changes.
    const [a, b, c, d] = [90, 110, 80, 120].map((x) => clientPoint(element, { x, y: 50 })) as [Point, Point, Point, Point];
    pointerAtClient(element, 'pointerdown', a, 11, touch);
    pointerAtClient(element, 'pointerdown', b, 12, touch);
    pointerAtClient(element, 'pointermove', c, 11, touch);
    pointerAtClient(element, 'pointermove', d, 12, touch);
    pointerAtClient(element, 'pointerup', d, 12, touch);
    pointerAtClient(element, 'pointerup', c, 11, touch);
    expect(element.viewTransform.scale).to.be.closeTo(2, 0.01);
    expect(element.boundingBoxes).to.deep.equal([]);
  });

  it('draws with one touch pointer', async () => {
    const element = await render(html`<crowd-bounding-box name="b" src=${IMAGE} header="H" labels=${LABELS}></crowd-bounding-box>`);
    const touch = { pointerType: 'touch' };
    pointerAt(element, 'pointerdown', { x: 10, y: 10 }, 21, touch);
    pointerAt(element, 'pointermove', { x: 40, y: 30 }, 21, touch);
    pointerAt(element, 'pointerup', { x: 40, y: 30 }, 21, touch);
    expect(element.boundingBoxes).to.deep.equal([{ label: 'Cat', left: 10, top: 10, width: 30, height: 20 }]);
  });
});

describe('<crowd-bounding-box> keyboard', () => {
  it('Tab cycles the boxes and then leaves; arrows nudge by 1 and Shift by 10, clamped; Alt resizes; Delete removes', async () => {
    const form = await mount<HTMLFormElement>(html`<form>
      <crowd-bounding-box name="b" src=${IMAGE} header="H" labels=${LABELS}></crowd-bounding-box><button type="button">after</button>
    </form>`);
    const element = form.querySelector('crowd-bounding-box') as CrowdBoundingBox;
    await element.updateComplete;
    element.boundingBoxes = [
      { label: 'Cat', left: 5, top: 5, width: 10, height: 10 },
      { label: 'Dog', left: 50, top: 50, width: 20, height: 20 },
    ];
    element.focus();
    await sendKeys({ press: 'Tab' });
    expect(element.selectedShapeIndex).to.equal(0);
    await sendKeys({ press: 'ArrowLeft' });
    await withKey('Shift', () => sendKeys({ press: 'ArrowLeft' }));
    expect(element.boundingBoxes[0]).to.deep.equal({ label: 'Cat', left: 0, top: 5, width: 10, height: 10 });
    await withKey('Shift', () => sendKeys({ press: 'ArrowDown' }));
    await sendKeys({ press: 'ArrowDown' });
    expect(element.boundingBoxes[0]?.top).to.equal(16);
    await withKey('Alt', () => sendKeys({ press: 'ArrowRight' }));
    await withKey('Shift', () => withKey('Alt', () => sendKeys({ press: 'ArrowDown' })));
    expect(element.boundingBoxes[0]).to.deep.equal({ label: 'Cat', left: 0, top: 16, width: 11, height: 20 });
    await sendKeys({ press: 'Tab' });
    expect(element.selectedShapeIndex).to.equal(1);
    await sendKeys({ press: 'Delete' });
    expect(element.boundingBoxes.map((box) => box.label)).to.deep.equal(['Cat']);
    expect(element.selectedShapeIndex).to.equal(0);
    await sendKeys({ press: 'Tab' });
    expect(element.selectedShapeIndex).to.equal(-1);
    expect(document.activeElement?.textContent).to.equal('after');
  });

  it('describes each box and the selection to screen readers', async () => {
    const element = await render(html`<crowd-bounding-box name="b" src=${IMAGE} header="Find animals" labels=${LABELS}></crowd-bounding-box>`);
    element.boundingBoxes = [
      { label: 'Cat', left: 5, top: 6, width: 10, height: 11 },
      { label: 'Dog', left: 50, top: 50, width: 20, height: 20 },
    ];
    await element.updateComplete;
    const stage = stageOf(element);
    expect(stage.getAttribute('role')).to.equal('application');
    expect(stage.getAttribute('aria-label')).to.equal('Find animals (2 boxes)');
    expect(shapeItems(element)).to.deep.equal(['Box 1 of 2: Cat, left 5, top 6, 10 by 11 pixels', 'Box 2 of 2: Dog, left 50, top 50, 20 by 20 pixels']);
    element.focus();
    await sendKeys({ press: 'Tab' });
    await element.updateComplete;
    expect(element.shadowRoot?.querySelector('[role="status"]')?.textContent).to.equal('Selected Box 1 of 2: Cat, left 5, top 6, 10 by 11 pixels.');
    expect(element.shadowRoot?.querySelector('li[aria-current="true"]')?.textContent).to.contain('Box 1 of 2');
    await expect(element).to.be.accessible();
  });

  it('Enter submits the enclosing crowd-form', async () => {
    const form = await mount<CrowdForm>(html`<crowd-form><crowd-bounding-box name="b" src=${IMAGE} header="H" labels=${LABELS}></crowd-bounding-box></crowd-form>`);
    const element = form.querySelector('crowd-bounding-box') as CrowdBoundingBox;
    await element.updateComplete;
    let submitted: unknown;
    form.addEventListener('crowd-submit', (event) => {
      submitted = (event as CustomEvent<{ answer: unknown }>).detail.answer;
      event.preventDefault();
    });
    element.focus();
    await sendKeys({ press: 'n' });
    await sendKeys({ press: 'Enter' });
    expect(submitted).to.deep.equal({ b: expectedAnswer });
  });
});

describe('<crowd-bounding-box> image loading', () => {
  it('a failed image shows a clear message, makes the control invalid and blocks submission', async () => {
    let form!: CrowdForm;
    const warnings = await captureWarnings(async () => {
      form = await mount<CrowdForm>(html`<crowd-form><crowd-bounding-box name="b" src="/no-such-image.png?X-Amz-Signature=secret" header="H" labels=${LABELS}></crowd-bounding-box></crowd-form>`);
    });
    const element = form.querySelector('crowd-bounding-box') as CrowdBoundingBox;
    await element.updateComplete;
    const alert = element.shadowRoot?.querySelector('[role="alert"]');
    expect(alert?.textContent).to.contain('could not be loaded from /no-such-image.png').and.contain('cannot be submitted');
    expect(alert?.textContent).not.to.contain('secret');
    expect(element.checkValidity()).to.equal(false);
    expect(element.validationMessage).to.contain('could not be loaded');
    expect(element.imageSize).to.equal(null);
    let submitted = false;
    form.addEventListener('crowd-submit', () => (submitted = true));
    expect(form.validate()).to.equal(false);
    expect(submitted).to.equal(false);
    expect(form.answer).to.deep.equal({});
    expect(warnings.some((text) => text.startsWith('[quorum:image-failed]'))).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('without src says so and is invalid', async () => {
    let element!: CrowdBoundingBox;
    const warnings = await captureWarnings(async () => {
      element = await render(html`<crowd-bounding-box name="b" header="H" labels=${LABELS}></crowd-bounding-box>`);
    });
    expect(element.shadowRoot?.querySelector('[role="alert"]')?.textContent).to.contain('src attribute is empty');
    expect(element.checkValidity()).to.equal(false);
    expect(warnings.some((text) => text.startsWith('[quorum:missing-src]'))).to.equal(true);
  });

  it('loads a new image when src changes, and reports its natural size', async () => {
    const element = await render(html`<crowd-bounding-box name="b" src=${IMAGE} header="H" labels=${LABELS}></crowd-bounding-box>`);
    element.src = makeImageUrl(64, 48);
    await element.updateComplete;
    expect(element.imageSize).to.deep.equal({ width: 64, height: 48 });
  });
});

describe('<crowd-bounding-box> value', () => {
  it('.value is the answer object for template scripts (empty list before drawing) and takes an object or JSON', async () => {
    const element = await render(html`<crowd-bounding-box name="b" src=${IMAGE} header="H" labels=${LABELS}></crowd-bounding-box>`);
    expect(element.value).to.deep.equal({ boundingBoxes: [], inputImageProperties: { width: 200, height: 100 } });
    expect(element.answerEntries()).to.deep.equal([]);
    element.value = JSON.stringify(expectedAnswer);
    expect(element.boundingBoxes).to.deep.equal(expectedAnswer.boundingBoxes);
    element.value = null;
    expect(element.boundingBoxes).to.deep.equal([]);
    element.value = expectedAnswer;
    expect(element.value).to.deep.equal(expectedAnswer);
  });

  it('restores its boxes from the form state (page restore, undo and drafts), an emptied drawing included', async () => {
    const element = await render(html`<crowd-bounding-box name="b" src=${IMAGE} header="H" labels=${LABELS}></crowd-bounding-box>`);
    element.formStateRestoreCallback(JSON.stringify(expectedAnswer));
    expect(element.boundingBoxes).to.deep.equal(expectedAnswer.boundingBoxes);
    const state = element.captureState();
    element.restoreState(null);
    expect(element.boundingBoxes).to.deep.equal([]);
    expect(element.answerEntries()).to.deep.equal([]);
    element.restoreState(state);
    expect(element.answerEntries()).to.deep.equal([['b', expectedAnswer]]);
    element.formStateRestoreCallback(JSON.stringify({ ...expectedAnswer, boundingBoxes: [] }));
    expect(element.answerEntries()).to.deep.equal([['b', { ...expectedAnswer, boundingBoxes: [] }]]);
  });

  it('lists its keys for the form overlay', async () => {
    const element = await render(html`<crowd-bounding-box name="b" src=${IMAGE} header="H" labels=${LABELS}></crowd-bounding-box>`);
    expect(element.keyboardShortcuts.map((shortcut) => shortcut.keys)).to.deep.equal(['N', '1–2', 'Tab', 'Arrow keys', 'Alt + arrow keys', 'Delete', '+ / − / 0']);
  });
});
