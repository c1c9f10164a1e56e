import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { validateCrowdTextractAnalyzeDocumentAnswer, type CrowdTextractAnalyzeDocumentAnswer, type TextractBlock } from '@quorum/schema';
import { defineElements } from '../define.js';
import type { CrowdForm } from '../crowd-form/crowd-form.js';
import { clickElement, pressWith, shadowPart } from '../internal/interaction.test.js';
import { captureWarnings, mount, recordEvents } from '../internal/testing.test.js';
import type { SpatialAnnotator } from '../internal/spatial/annotator.js';
import { dragOnImage, makeImageUrl } from '../internal/spatial/testing.test.js';
import { CrowdTextractAnalyzeDocument } from './crowd-textract-analyze-document.js';

defineElements();
if (!customElements.get(CrowdTextractAnalyzeDocument.tagName)) customElements.define(CrowdTextractAnalyzeDocument.tagName, CrowdTextractAnalyzeDocument);

const IMAGE = makeImageUrl(400, 200);
const KEY = 'AWS/Textract/AnalyzeDocument/Forms/V1';

/**
 * Textract blocks as A2I's element page shows `initialValue` (PascalCase, a KEY with `Text`), plus
 * the VALUE block it names and the WORD blocks a real AnalyzeDocument response has.
 */
const BLOCKS = [
  {
    BlockType: 'KEY_VALUE_SET',
    Confidence: 38.43309020996094,
    Geometry: {
      BoundingBox: { Width: 0.2, Height: 0.1, Left: 0.1, Top: 0.2 },
      Polygon: [{ X: 0.1, Y: 0.2 }, { X: 0.3, Y: 0.2 }, { X: 0.3, Y: 0.3 }, { X: 0.1, Y: 0.3 }],
    },
    Id: '8c97b240-0969-4678-834a-646c95da9cf4',
    Relationships: [
      { Type: 'CHILD', Ids: ['7ee7b7da-ee1b-428d-a567-55a3e3affa56', '4d6da730-ba43-467c-a9a5-c6137ba0c472'] },
      { Type: 'VALUE', Ids: ['6ee7b7da-ee1b-428d-a567-55a3e3affa54'] },
    ],
    EntityTypes: ['KEY'],
    Text: 'Foo bar',
  },
  {
    BlockType: 'KEY_VALUE_SET',
    Confidence: 40.5,
    Geometry: { BoundingBox: { Width: 0.25, Height: 0.1, Left: 0.5, Top: 0.2 }, Polygon: [] },
    Id: '6ee7b7da-ee1b-428d-a567-55a3e3affa54',
    Relationships: [{ Type: 'CHILD', Ids: ['w3'] }],
    EntityTypes: ['VALUE'],
  },
  { BlockType: 'WORD', Id: '7ee7b7da-ee1b-428d-a567-55a3e3affa56', Text: 'Foo' },
  { BlockType: 'WORD', Id: '4d6da730-ba43-467c-a9a5-c6137ba0c472', Text: 'bar' },
  { BlockType: 'WORD', Id: 'w3', Text: 'baz' },
];

/** `keys` as A2I's documentation writes it: a JS literal with single quotes and trailing commas. */
const KEYS = `[
      {
        importantFormKey: 'Address',
        importantFormKeyAliases: [
          'address',
          'Addr.',
          'Add.',
        ]
      },
      {
        importantFormKey: 'Last name',
        importantFormKeyAliases: ['Surname']
      }
]`;

const shadow = <T extends Element = HTMLElement>(element: Element, selector: string): T => shadowPart<T>(element, selector);
const shadowAll = (element: Element, selector: string): HTMLElement[] => [...(element.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? [])];
const blocksOf = (form: CrowdForm, key = KEY): TextractBlock[] => (form.answer[key] as unknown as CrowdTextractAnalyzeDocumentAnswer).blocks;

async function renderForm(attributes: { noKeyEdit?: boolean; noGeometryEdit?: boolean; name?: string; src?: string } = {}): Promise<{ form: CrowdForm; element: CrowdTextractAnalyzeDocument }> {
  const form = await mount<CrowdForm>(html`
    <crowd-form no-autosave>
      <crowd-textract-analyze-document
        src=${attributes.src ?? IMAGE}
        initial-value=${JSON.stringify(BLOCKS)}
        header="Review the key-value pairs listed on the right and correct them if they don't match the following document."
        ?no-key-edit=${attributes.noKeyEdit}
        ?no-geometry-edit=${attributes.noGeometryEdit}
        name=${attributes.name ?? KEY}
        keys=${KEYS}
        block-types="['KEY_VALUE_SET']"
      >
        <short-instructions header="Instructions"><p class="instructions">Click on a key-value block to highlight the corresponding key-value pair in the document.</p></short-instructions>
        <full-instructions header="Instructions"></full-instructions>
      </crowd-textract-analyze-document>
    </crowd-form>
  `);
  const element = form.querySelector('crowd-textract-analyze-document') as CrowdTextractAnalyzeDocument;
  await element.updateComplete;
  return { form, element };
}

describe('<crowd-textract-analyze-document>', () => {
  it('runs A2I’s documented template: shows the pairs, answers the documented block shape under A2I’s key', async () => {
    const form = await mount<CrowdForm>(html`
      <crowd-form no-autosave>
        <crowd-textract-analyze-document src=${IMAGE} initial-value=${JSON.stringify(BLOCKS)} header="Review" no-key-edit no-geometry-edit keys=${KEYS} block-types="['KEY_VALUE_SET']"></crowd-textract-analyze-document>
      </crowd-form>
    `);
    const element = form.querySelector('crowd-textract-analyze-document') as CrowdTextractAnalyzeDocument;
    await element.updateComplete;
    expect(element.name).to.equal(KEY);
    const keyInput = shadow<HTMLInputElement>(element, '[part~="key-input"]');
    const valueInput = shadow<HTMLInputElement>(element, '[part~="value-input"]');
    expect(keyInput.value).to.equal('Foo bar');
    expect(keyInput.readOnly).to.equal(true);
    // The VALUE block has no Text: it is read from its CHILD word.
    expect(valueInput.value).to.equal('baz');
    const events = recordEvents(element);
    valueInput.focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' qux' });
    valueInput.blur();
    expect(events.input).to.equal(4);
    expect(events.change).to.equal(1);
    const blocks = blocksOf(form);
    expect(blocks).to.have.length(2);
    // The element page's sample output: blockType, id, relationships (CHILD kept, VALUE to the value), entityTypes, text.
    expect(blocks[0]).to.deep.include({
      blockType: 'KEY_VALUE_SET',
      id: '8c97b240-0969-4678-834a-646c95da9cf4',
      relationships: [
        { type: 'CHILD', ids: ['7ee7b7da-ee1b-428d-a567-55a3e3affa56', '4d6da730-ba43-467c-a9a5-c6137ba0c472'] },
        { type: 'VALUE', ids: ['6ee7b7da-ee1b-428d-a567-55a3e3affa54'] },
      ],
      entityTypes: ['KEY'],
      text: 'Foo bar',
      // Unchanged: Textract's confidence and geometry stay.
      confidence: 38.43309020996094,
    });
    expect(blocks[0]?.geometry?.boundingBox).to.deep.equal({ width: 0.2, height: 0.1, left: 0.1, top: 0.2 });
    expect(blocks[1]).to.deep.include({ blockType: 'KEY_VALUE_SET', id: '6ee7b7da-ee1b-428d-a567-55a3e3affa54', entityTypes: ['VALUE'], text: 'baz qux' });
    expect(blocks[1]).not.to.have.property('confidence');
    const check = validateCrowdTextractAnalyzeDocumentAnswer((form.answer as Record<string, unknown>)[KEY]);
    expect(check.valid ? [] : check.issues).to.deep.equal([]);
    expect(Object.keys(form.answer)).to.deep.equal([KEY]);
    await expect(element).to.be.accessible();
  });

  it('moves and resizes a picked box with the keyboard; the answer gets the new ratios and a four-corner polygon', async () => {
    const { form, element } = await renderForm();
    const [, valueButton] = shadowAll(element, '[part~="box-button"]');
    await clickElement(valueButton as HTMLElement);
    expect(valueButton?.getAttribute('aria-pressed')).to.equal('true');
    shadow(element, '.stage').focus();
    const events = recordEvents(element);
    await sendKeys({ press: 'ArrowRight' });
    await pressWith(['Shift'], 'ArrowDown');
    await pressWith(['Alt'], 'ArrowRight');
    expect(events).to.include({ input: 3, change: 3 });
    // 400×200 image: value box left 0.5 → 200 px, +1 → 201 px = 0.5025; top 0.2 → 40 px, +10 → 50 px = 0.25; width 100 px + 1.
    const value = blocksOf(form)[1] as TextractBlock;
    expect(value.geometry?.boundingBox).to.deep.equal({ left: 201 / 400, top: 50 / 200, width: 101 / 400, height: 20 / 200 });
    expect(value.geometry?.polygon).to.deep.equal([
      { x: 201 / 400, y: 50 / 200 },
      { x: 302 / 400, y: 50 / 200 },
      { x: 302 / 400, y: 70 / 200 },
      { x: 201 / 400, y: 70 / 200 },
    ]);
    expect(value).not.to.have.property('confidence');
    await sendKeys({ press: 'Delete' });
    expect(blocksOf(form)[1]).not.to.have.property('geometry');
    await pressWith(['Control'], 'KeyZ');
    expect(blocksOf(form)[1]?.geometry?.boundingBox.left).to.equal(201 / 400);
    // Zoom keys change the view only, never the answer.
    const before = JSON.stringify(form.answer);
    const fitted = element.viewTransform.scale;
    await sendKeys({ press: '+' });
    expect(element.viewTransform.scale).to.be.closeTo(fitted * 1.25, 1e-9);
    await sendKeys({ press: 'Escape' });
    const offset = element.viewTransform.offsetX;
    await sendKeys({ press: 'ArrowLeft' });
    expect(element.viewTransform.offsetX, 'with no box picked, arrow keys pan').to.be.greaterThan(offset);
    await sendKeys({ press: '0' });
    expect(element.viewTransform.scale).to.equal(fitted);
    expect(JSON.stringify(form.answer)).to.equal(before);
  });

  it('clicking a box on the document picks it; dragging it moves it, dragging its corner resizes it', async () => {
    const { form, element } = await renderForm();
    const spatial = element as unknown as SpatialAnnotator;
    // Key box: 40…120 × 40…60 pixels. Press inside it and drag by (10, 20).
    await dragOnImage(spatial, { x: 60, y: 50 }, { x: 70, y: 70 });
    const [keyButton] = shadowAll(element, '[part~="box-button"]');
    expect(keyButton?.getAttribute('aria-pressed')).to.equal('true');
    expect(blocksOf(form)[0]?.geometry?.boundingBox).to.deep.equal({ left: 50 / 400, top: 60 / 200, width: 80 / 400, height: 20 / 200 });
    expect(blocksOf(form)[0]).not.to.have.property('confidence');
    // Its bottom-right corner, now at (130, 80), dragged to (150, 90).
    await dragOnImage(spatial, { x: 130, y: 80 }, { x: 150, y: 90 });
    expect(blocksOf(form)[0]?.geometry?.boundingBox).to.deep.equal({ left: 50 / 400, top: 60 / 200, width: 100 / 400, height: 30 / 200 });
    // The value box is untouched and keeps Textract's geometry.
    expect(blocksOf(form)[1]?.geometry?.boundingBox).to.deep.equal({ width: 0.25, height: 0.1, left: 0.5, top: 0.2 });
  });

  it('no-geometry-edit keeps the boxes of initial pairs, no-key-edit their keys', async () => {
    const { form, element } = await renderForm({ noGeometryEdit: true, noKeyEdit: true });
    const before = JSON.stringify(form.answer);
    await clickElement(shadowAll(element, '[part~="box-button"]')[0] as HTMLElement);
    shadow(element, '.stage').focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Delete' });
    const keyInput = shadow<HTMLInputElement>(element, '[part~="key-input"]');
    keyInput.focus();
    await sendKeys({ type: 'x' });
    expect(JSON.stringify(form.answer)).to.equal(before);
  });

  it('adds a pair for an important key, whose boxes are drawn with the pointer; the missing keys update', async () => {
    const { form, element } = await renderForm();
    expect(element.missingKeys.map((key) => key.importantFormKey)).to.deep.equal(['Address', 'Last name']);
    expect(shadow(element, '[part~="missing-keys"]').textContent).to.contain('Address').and.contain('Last name');
    const select = shadow<HTMLSelectElement>(element, '[part~="add"] select');
    select.value = 'Address';
    select.dispatchEvent(new Event('change'));
    await element.updateComplete;
    const events = recordEvents(element);
    await clickElement(shadow(element, '[part~="add"] button'));
    await element.updateComplete;
    expect({ input: events.input, change: events.change }).to.deep.equal({ input: 1, change: 1 });
    expect(element.missingKeys.map((key) => key.importantFormKey)).to.deep.equal(['Last name']);
    // The new pair's value field has focus and its value box is picked.
    const valueInput = shadowAll(element, '[part~="value-input"]')[1] as HTMLInputElement;
    expect(element.shadowRoot?.activeElement === valueInput, 'the new value field has focus').to.equal(true);
    await sendKeys({ type: '1 Main St' });
    await dragOnImage(element as unknown as SpatialAnnotator, { x: 40, y: 120 }, { x: 200, y: 150 });
    const blocks = blocksOf(form);
    expect(blocks).to.have.length(4);
    const [newKey, newValue] = blocks.slice(2) as [TextractBlock, TextractBlock];
    expect(newKey).to.deep.include({ blockType: 'KEY_VALUE_SET', entityTypes: ['KEY'], text: 'Address', relationships: [{ type: 'VALUE', ids: [newValue.id] }] });
    expect(newKey).not.to.have.property('geometry');
    expect(newValue).to.deep.include({ entityTypes: ['VALUE'], text: '1 Main St' });
    expect(newValue.geometry?.boundingBox).to.deep.equal({ left: 40 / 400, top: 120 / 200, width: 160 / 400, height: 30 / 200 });
    expect(newKey.id).to.match(/^[0-9a-f-]{36}$/);
    expect(validateCrowdTextractAnalyzeDocumentAnswer({ blocks }).valid).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('a pair marked “not a key-value pair” leaves the answer; a kept pair without a key blocks submission', async () => {
    const { form, element } = await renderForm();
    const remove = shadow(element, '[part~="remove-button"]');
    await clickElement(remove);
    expect(remove.getAttribute('aria-pressed')).to.equal('true');
    expect(blocksOf(form)).to.deep.equal([]);
    expect(shadow(element, '[part~="pair"]').getAttribute('part')).to.contain('pair-removed');
    await clickElement(remove);
    expect(blocksOf(form)).to.have.length(2);
    await clickElement(shadow(element, '[part~="add"] button'));
    expect(form.validate()).to.equal(false);
    expect(element.validationMessage).to.equal('Pair 2 has no key. Type its key, or mark it as not a key-value pair.');
    await element.updateComplete;
    expect(element.shadowRoot?.activeElement === shadowAll(element, '[part~="key-input"]')[1], 'the new key field has focus').to.equal(true);
    await sendKeys({ type: 'Last name' });
    expect(form.validate()).to.equal(true);
    expect(element.missingKeys.map((key) => key.importantFormKey)).to.deep.equal(['Address']);
  });

  it('resets to initial-value with the form, without events; the value property round-trips the answer', async () => {
    const { form, element } = await renderForm({ name: 'review' });
    const initial = structuredClone(element.value);
    await clickElement(shadow(element, '[part~="remove-button"]'));
    const events = recordEvents(element);
    form.querySelector('form')?.reset();
    await element.updateComplete;
    expect(element.value).to.deep.equal(initial);
    expect(events.input + events.change).to.equal(0);
    const edited = structuredClone(initial);
    (edited.blocks[1] as TextractBlock).text = 'changed';
    element.value = edited;
    expect(blocksOf(form, 'review')[1]?.text).to.equal('changed');
    expect(blocksOf(form, 'review')[1]).not.to.have.property('confidence');
    expect(events.input + events.change).to.equal(0);
  });

  it('warns about a block-types other than KEY_VALUE_SET and a VALUE block with no KEY', async () => {
    const warnings = await captureWarnings(async () => {
      await mount(html`<crowd-textract-analyze-document src=${IMAGE} block-types="['TABLE']" initial-value=${JSON.stringify([BLOCKS[1]])}></crowd-textract-analyze-document>`);
    });
    expect(warnings.find((text) => text.startsWith('[quorum:unsupported-block-types]'))).to.contain('TABLE');
    expect(warnings.find((text) => text.startsWith('[quorum:invalid-initial-value]'))).to.contain('VALUE block 6ee7b7da-ee1b-428d-a567-55a3e3affa54 belongs to no KEY block');
  });

  it('when disabled, gives no answer, takes no input and leaves the tab order; axe-clean', async () => {
    const { form, element } = await renderForm({ name: 'review' });
    element.disabled = true;
    await element.updateComplete;
    expect(form.answer).to.deep.equal({});
    expect(shadowAll(element, 'input').every((input) => (input as HTMLInputElement).disabled)).to.equal(true);
    expect(shadow(element, '.stage').hasAttribute('tabindex')).to.equal(false);
    await clickElement(shadow(element, '[part~="remove-button"]'));
    element.disabled = false;
    await element.updateComplete;
    expect(blocksOf(form, 'review')).to.have.length(2);
    element.disabled = true;
    await element.updateComplete;
    await expect(element).to.be.accessible();
  });

  it('a failed document image blocks submission', async () => {
    let form!: CrowdForm;
    let element!: CrowdTextractAnalyzeDocument;
    await captureWarnings(async () => {
      ({ form, element } = await renderForm({ src: '/missing-document.png' }));
    });
    expect(form.validate()).to.equal(false);
    expect(element.validationMessage).to.contain('could not be loaded');
    await expect(element).to.be.accessible();
  });
});
