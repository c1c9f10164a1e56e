import { expect } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdEntityAnnotationAnswer } from '@quorum/schema';
import { CrowdButton } from '../crowd-button/crowd-button.js';
import { CrowdForm } from '../crowd-form/crowd-form.js';
import { FullInstructions } from '../full-instructions/full-instructions.js';
import { ShortInstructions } from '../short-instructions/short-instructions.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { measureEntityAnnotation, percentile } from '../internal/performance-scenarios.test.js';
import { mountInDirection } from '../internal/rtl.test.js';
import { captureWarnings, mount, recordEvents } from '../internal/testing.test.js';
import { CrowdEntityAnnotation } from './crowd-entity-annotation.js';

for (const element of [CrowdForm, CrowdButton, ShortInstructions, FullInstructions, CrowdEntityAnnotation]) {
  if (!customElements.get(element.tagName)) customElements.define(element.tagName, element);
}

const TEXT = 'Amazon SageMaker Ground Truth helps you build training datasets.';
const LABELS = "[{'label': 'company', 'shortDisplayName': 'com', 'fullDisplayName': 'Company'}, {'label': 'product', 'shortDisplayName': 'pro', 'fullDisplayName': 'Product'}]";

const textRegion = (element: CrowdEntityAnnotation): HTMLElement => element.shadowRoot?.querySelector('.text') as HTMLElement;

/** The DOM position of UTF-16 index `index` of the text (label tags skipped). */
function position(element: CrowdEntityAnnotation, index: number, preferEnd: boolean): [Text, number] {
  const walker = document.createTreeWalker(textRegion(element), NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (node.parentElement?.closest('.tag') || node.length === 0) continue;
    if (index < seen + node.length || (preferEnd && index === seen + node.length)) return [node, index - seen];
    seen += node.length;
  }
  throw new Error(`index ${index} is not in the text`);
}

/** The first and last line boxes of the characters [start, end) (UTF-16) of the text. */
function characterRects(element: CrowdEntityAnnotation, start: number, end: number): [DOMRect, DOMRect] {
  const range = document.createRange();
  range.setStart(...position(element, start, false));
  range.setEnd(...position(element, end, true));
  const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
  return [rects[0] as DOMRect, rects[rects.length - 1] as DOMRect];
}

/**
 * Selects the characters [start, end) with real mouse clicks: a click before the first, a
 * Shift+click after the last. (A real drag would hold the browser's mouse, which the test files
 * running side by side share, and pages in background tabs do not finish one.)
 */
async function clickAndShiftClick(element: CrowdEntityAnnotation, start: number, end: number): Promise<void> {
  textRegion(element).scrollIntoView({ block: 'center' });
  const [first, last] = characterRects(element, start, end);
  await sendMouse({ type: 'click', position: [Math.round(first.left + 1), Math.round(first.top + first.height / 2)] });
  await sendKeys({ down: 'Shift' });
  await sendMouse({ type: 'click', position: [Math.round(last.right - 1), Math.round(last.top + last.height / 2)] });
  await sendKeys({ up: 'Shift' });
  await element.updateComplete;
}

/** A drag, as pointer events dispatched to the text (see {@link clickAndShiftClick} for why not the real mouse). */
async function dragPointer(element: CrowdEntityAnnotation, start: number, end: number): Promise<void> {
  textRegion(element).scrollIntoView({ block: 'center' });
  const [first, last] = characterRects(element, start, end);
  const region = textRegion(element);
  const send = (type: string, rect: DOMRect, x: number): void => {
    region.dispatchEvent(new PointerEvent(type, { bubbles: true, composed: true, cancelable: true, pointerId: 1, button: 0, isPrimary: true, clientX: x, clientY: rect.top + rect.height / 2 }));
  };
  send('pointerdown', first, first.left + 1);
  send('pointermove', last, last.right - 1);
  send('pointerup', last, last.right - 1);
  await element.updateComplete;
}

async function shiftRight(times: number, ctrl = false): Promise<void> {
  await sendKeys({ down: 'Shift' });
  if (ctrl) await sendKeys({ down: 'Control' });
  for (let press = 0; press < times; press++) await sendKeys({ press: 'ArrowRight' });
  if (ctrl) await sendKeys({ up: 'Control' });
  await sendKeys({ up: 'Shift' });
}

afterEach(async () => {
  await resetMouse();
});

runControlContract<CrowdEntityAnnotation>({
  tag: 'crowd-entity-annotation',
  template: ({ name, required, disabled }) =>
    html`<crowd-entity-annotation name=${ifDefined(name)} ?required=${required} ?disabled=${disabled} header="Highlight the companies" text=${TEXT} labels=${LABELS}></crowd-entity-annotation>`,
  answerWithKeyboard: async (element) => {
    // From the label picker, Tab goes on to the text.
    if (element.shadowRoot?.activeElement?.getAttribute('role') === 'radio') await sendKeys({ press: 'Tab' });
    await shiftRight(6);
    await sendKeys({ press: 'Enter' });
  },
  answerWithPointer: async (element) => {
    await clickAndShiftClick(element, 0, 6);
  },
  setValueFromCode: (element) => {
    element.entities = [{ startOffset: 0, endOffset: 6, label: 'company' }];
  },
  emptyAnswer: { entities: [] },
  expectedAnswer: { entities: [{ startOffset: 0, endOffset: 6, label: 'company' }] },
  expectedFormValue: '{"entities":[{"startOffset":0,"endOffset":6,"label":"company"}]}',
});

async function render(markup: ReturnType<typeof html>): Promise<CrowdEntityAnnotation> {
  const element = await mount<CrowdEntityAnnotation>(markup);
  await element.updateComplete;
  return element;
}

describe('<crowd-entity-annotation> annotating', () => {
  it('labels with the chosen label, shows the short name, and relabels an exact reselection', async () => {
    const element = await render(html`<crowd-entity-annotation name="ner" header="H" text=${TEXT} labels=${LABELS}></crowd-entity-annotation>`);
    element.focus();
    await sendKeys({ press: '2' });
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Home' });
    for (let press = 0; press < 7; press++) await sendKeys({ press: 'ArrowRight' });
    await shiftRight(3, true);
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(element.entities).to.deep.equal([{ startOffset: 7, endOffset: 29, label: 'product' }]);
    expect(element.shadowRoot?.querySelector('[part="entity-label"]')?.textContent).to.contain('pro');
    await dragPointer(element, 7, 27);
    expect(element.entities).to.deep.equal([{ startOffset: 7, endOffset: 29, label: 'product' }]);
    await dragPointer(element, 7, 29);
    expect(element.entities).to.deep.equal([{ startOffset: 7, endOffset: 29, label: 'product' }]);
    element.focus();
    await sendKeys({ press: '1' });
    await dragPointer(element, 7, 29);
    expect(element.entities).to.deep.equal([{ startOffset: 7, endOffset: 29, label: 'company' }]);
    await element.updateComplete;
    await expect(element).to.be.accessible();
  });

  it('refuses a selection that cuts into an entity, saying why', async () => {
    const element = await render(html`<crowd-entity-annotation name="ner" header="H" text=${TEXT} labels=${LABELS}></crowd-entity-annotation>`);
    element.entities = [{ startOffset: 7, endOffset: 16, label: 'product' }];
    expect(element.annotate(0, 10, 'company')).to.equal(false);
    await element.updateComplete;
    expect(element.shadowRoot?.querySelector('[part="status"]')?.textContent).to.contain('cuts into a labelled span');
    expect(element.entities).to.have.length(1);
  });

  it('removes an entity with Delete at the caret and with its × button', async () => {
    const element = await render(html`<crowd-entity-annotation name="ner" header="H" text=${TEXT} labels=${LABELS}></crowd-entity-annotation>`);
    element.entities = [
      { startOffset: 0, endOffset: 6, label: 'company' },
      { startOffset: 7, endOffset: 16, label: 'product' },
    ];
    await element.updateComplete;
    const events = recordEvents(element);
    element.focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Delete' });
    expect(element.entities).to.deep.equal([{ startOffset: 7, endOffset: 16, label: 'product' }]);
    await element.updateComplete;
    (element.shadowRoot?.querySelector('[part="remove"]') as HTMLButtonElement).click();
    expect(element.entities).to.deep.equal([]);
    expect(events.change).to.equal(2);
  });

  it('counts offsets in code points, so emoji and other astral characters are one each', async () => {
    const text = '🦀 Rust 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 done';
    const element = await render(html`<crowd-entity-annotation name="ner" header="H" text=${text} labels="['lang', 'word']"></crowd-entity-annotation>`);
    element.focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await shiftRight(4);
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: '2' });
    await sendKeys({ press: 'ArrowRight' });
    await shiftRight(7);
    await sendKeys({ press: 'Enter' });
    expect(element.entities).to.deep.equal([
      { startOffset: 2, endOffset: 6, label: 'lang' },
      { startOffset: 7, endOffset: 14, label: 'word' },
    ]);
    expect([...text].slice(7, 14).join('')).to.equal('𝔘𝔫𝔦𝔠𝔬𝔡𝔢');
    await dragPointer(element, text.indexOf('done'), text.length);
    expect(element.entities[2]).to.deep.equal({ startOffset: 15, endOffset: 19, label: 'word' });
  });

  it('starts from initial-value (a JS literal), warns about bad items, and resets to it', async () => {
    let element!: CrowdEntityAnnotation;
    const warnings = await captureWarnings(async () => {
      element = await render(html`<crowd-entity-annotation
        name="ner"
        header="H"
        text=${TEXT}
        labels=${LABELS}
        initial-value="[
          { label: 'company', startOffset: 0, endOffset: 6 },
          { label: 'person', startOffset: 7, endOffset: 16 },
          { label: 'product', startOffset: 3, endOffset: 9 },
          { label: 'product', startOffset: 60, endOffset: 99 },
        ]"
      ></crowd-entity-annotation>`);
    });
    expect(element.entities).to.deep.equal([{ startOffset: 0, endOffset: 6, label: 'company' }]);
    const invalid = warnings.filter((warning) => warning.startsWith('[quorum:invalid-entity]'));
    expect(invalid).to.have.length(3);
    expect(invalid[0]).to.contain('item 1').and.contain('"person"');
    expect(invalid[1]).to.contain('item 2').and.contain('overlaps');
    expect(invalid[2]).to.contain('item 3').and.contain('60–99');
    element.annotate(7, 16, 'product');
    element.formResetCallback();
    expect(element.entities).to.deep.equal([{ startOffset: 0, endOffset: 6, label: 'company' }]);
  });
});

describe('<crowd-entity-annotation> without <crowd-form>', () => {
  it('runs Ground Truth’s sample: its own form and Submit button, which templates add fields to', async () => {
    const page = await mount<HTMLElement>(html`<div>
      <crowd-entity-annotation
        name="crowd-entity-annotation"
        header="Highlight parts of the text below"
        labels="[{'label': 'person', 'shortDisplayName': 'per', 'fullDisplayName': 'Person'}, {'label': 'date', 'shortDisplayName': 'dat', 'fullDisplayName': 'Date'}, {'label': 'company', 'shortDisplayName': 'com', 'fullDisplayName': 'Company'}]"
        text="Amazon SageMaker Ground Truth helps you build highly accurate training datasets for machine learning quickly."
      >
        <full-instructions header="Named entity recognition instructions"><ol><li><strong>Read</strong> the text carefully.</li></ol></full-instructions>
        <short-instructions>Apply labels to words or phrases.</short-instructions>
        <div id="additionalQuestions" style="margin-top: 20px">
          <h3>What is the overall subject of this text?</h3>
          <label><input type="radio" name="tech" value="tech" />Technology</label>
          <label><input type="radio" name="politics" value="politics" />Politics</label>
        </div>
      </crowd-entity-annotation>
    </div>`);
    const element = page.querySelector('crowd-entity-annotation') as CrowdEntityAnnotation;
    await element.updateComplete;
    const innerForm = element.shadowRoot?.querySelector('crowd-form') as CrowdForm;
    expect(innerForm).to.not.equal(null);
    await innerForm.updateComplete;
    innerForm.form?.appendChild(page.querySelector('#additionalQuestions') as HTMLElement);
    (innerForm.querySelector('input[value="tech"]') as HTMLInputElement).checked = true;
    element.annotate(0, 6, 'company');
    let submitted: unknown;
    innerForm.addEventListener('crowd-submit', (event) => {
      submitted = event.detail.answer;
      event.preventDefault();
    });
    const submit = innerForm.querySelector('crowd-button[form-action="submit"]') as HTMLElement;
    expect(submit).to.not.equal(null);
    submit.click();
    expect(submitted).to.deep.equal({
      tech: { tech: true },
      politics: { politics: false },
      'crowd-entity-annotation': { entities: [{ startOffset: 0, endOffset: 6, label: 'company' }] },
    });
    const result = validateCrowdEntityAnnotationAnswer((submitted as Record<string, unknown>)['crowd-entity-annotation']);
    expect(result.valid, JSON.stringify(result)).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('inside a <crowd-form> it has no form of its own', async () => {
    const form = await mount<CrowdForm>(html`<crowd-form><crowd-entity-annotation name="ner" header="H" text="abc" labels="['x']"></crowd-entity-annotation></crowd-form>`);
    const element = form.querySelector('crowd-entity-annotation') as CrowdEntityAnnotation;
    expect(element.ownForm).to.equal(null);
    element.annotate(0, 1, 'x');
    expect(form.answer).to.deep.equal({ ner: { entities: [{ startOffset: 0, endOffset: 1, label: 'x' }] } });
  });
});

describe('<crowd-entity-annotation> speed', () => {
  it('selects and labels a span of a 100,000-character text in under 50 ms each (median of 7)', async () => {
    const container = await mount<HTMLDivElement>(html`<div></div>`);
    const { characters, select, label } = await measureEntityAnnotation(container);
    console.log(
      `crowd-entity-annotation, ${characters.toLocaleString('en')} characters: select median ${percentile(select, 50).toFixed(1)} ms (max ${Math.max(...select).toFixed(1)}), label median ${percentile(label, 50).toFixed(1)} ms (max ${Math.max(...label).toFixed(1)})`,
    );
    expect(characters).to.equal(100_000);
    expect(percentile(select, 50)).to.be.lessThan(50);
    expect(percentile(label, 50)).to.be.lessThan(50);
  });
});

describe('<crowd-entity-annotation> right-to-left', () => {
  const ARABIC = 'قال أحمد في القاهرة';

  async function selectWithShift(key: 'ArrowLeft' | 'ArrowRight', times: number): Promise<void> {
    await sendKeys({ down: 'Shift' });
    for (let press = 0; press < times; press++) await sendKeys({ press: key });
    await sendKeys({ up: 'Shift' });
  }

  it('lays Arabic text out right to left in any page, where Left moves forward through the text', async () => {
    for (const dir of ['ltr', 'rtl'] as const) {
      const element = await mountInDirection<CrowdEntityAnnotation>(html`<crowd-entity-annotation name="ner" header="H" text=${ARABIC} labels=${LABELS}></crowd-entity-annotation>`, dir);
      expect(getComputedStyle(textRegion(element)).direction, `text direction in a ${dir} page`).to.equal('rtl');
      textRegion(element).focus();
      await selectWithShift('ArrowLeft', 3);
      await sendKeys({ press: 'Enter' });
      await element.updateComplete;
      expect(element.entities, `in a ${dir} page`).to.deep.equal([{ startOffset: 0, endOffset: 3, label: 'company' }]);
      expect(textRegion(element).textContent).to.contain('قال');
    }
  });

  it('keeps English text left to right in a right-to-left page', async () => {
    const element = await mountInDirection<CrowdEntityAnnotation>(html`<crowd-entity-annotation name="ner" header="H" text=${TEXT} labels=${LABELS}></crowd-entity-annotation>`, 'rtl');
    expect(getComputedStyle(textRegion(element)).direction).to.equal('ltr');
    expect(getComputedStyle(element).direction).to.equal('rtl');
    textRegion(element).focus();
    await selectWithShift('ArrowRight', 6);
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(element.entities).to.deep.equal([{ startOffset: 0, endOffset: 6, label: 'company' }]);
  });

  it('moves between labels with Left as next in a right-to-left page', async () => {
    const element = await mountInDirection<CrowdEntityAnnotation>(html`<crowd-entity-annotation name="ner" header="H" text=${TEXT} labels=${LABELS}></crowd-entity-annotation>`, 'rtl');
    const picker = element.shadowRoot?.querySelector<HTMLElement>('[part="labels"] .label[data-index="0"]');
    picker?.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await element.updateComplete;
    expect(element.shadowRoot?.activeElement?.textContent).to.contain('Product');
  });
});
