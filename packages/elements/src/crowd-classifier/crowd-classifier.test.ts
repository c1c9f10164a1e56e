import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { defineElements } from '../define.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { expectMirroredLayout } from '../internal/rtl.test.js';
import { captureWarnings, mount, recordEvents, settle } from '../internal/testing.test.js';
import type { CrowdForm } from '../crowd-form/crowd-form.js';
import { CrowdClassifier } from './crowd-classifier.js';

defineElements();

const radios = (classifier: CrowdClassifier): HTMLElement[] => [...(classifier.shadowRoot?.querySelectorAll<HTMLElement>('[role="radio"]') ?? [])];
const radioLabels = (classifier: CrowdClassifier): string[] => radios(classifier).map((radio) => radio.querySelector('[part="label"]')?.textContent ?? '');
const checkedLabel = (classifier: CrowdClassifier): string | undefined =>
  radios(classifier)
    .find((radio) => radio.getAttribute('aria-checked') === 'true')
    ?.querySelector('[part="label"]')?.textContent ?? undefined;

async function clickElement(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
}

async function render(markup: ReturnType<typeof html>): Promise<CrowdClassifier> {
  const classifier = await mount<CrowdClassifier>(markup);
  await classifier.updateComplete;
  return classifier;
}

const ratings = "['1', '2', '3', '4', '5']";

runControlContract<CrowdClassifier>({
  tag: 'crowd-classifier',
  template: ({ name, required, disabled }) =>
    html`<crowd-classifier name=${ifDefined(name)} ?required=${required} ?disabled=${disabled} header="How relevant is the answer?" categories=${ratings}></crowd-classifier>`,
  answerWithKeyboard: async () => {
    await sendKeys({ press: '4' });
  },
  answerWithPointer: async (classifier) => {
    const radio = radios(classifier)[3];
    if (radio) await clickElement(radio);
  },
  setValueFromCode: (classifier) => {
    classifier.value = '4';
  },
  expectedAnswer: { label: '4' },
  expectedFormValue: '4',
  horizontalArrows: true,
});

describe('<crowd-classifier> categories', () => {
  const forms: [string, string[]][] = [
    ["['1', '2', '3', '4', '5']", ['1', '2', '3', '4', '5']],
    ['["positive","negative"]', ['positive', 'negative']],
    ["[ 'It\\'s fine' , \"say \\\"no\\\"\" ]", ["It's fine", 'say "no"']],
    ["[\n  'Cat',\n  'Dog',\n  'None of the Above',\n]", ['Cat', 'Dog', 'None of the Above']],
    ['[1, 2, 3]', ['1', '2', '3']],
    ['[]', []],
  ];
  for (const [attribute, expected] of forms) {
    it(`reads categories=${JSON.stringify(attribute)}`, async () => {
      const classifier = await render(html`<crowd-classifier name="q" header="Q" categories=${attribute}></crowd-classifier>`);
      expect(classifier.categories).to.deep.equal(expected);
      expect(radioLabels(classifier)).to.deep.equal(expected);
    });
  }

  it('takes categories as a property, and the attribute again when it changes later', async () => {
    const classifier = await render(html`<crowd-classifier name="q" header="Q"></crowd-classifier>`);
    classifier.categories = ['yes', 'no'];
    await classifier.updateComplete;
    expect(radioLabels(classifier)).to.deep.equal(['yes', 'no']);
    classifier.setAttribute('categories', "['a', 'b', 'c']");
    await classifier.updateComplete;
    expect(radioLabels(classifier)).to.deep.equal(['a', 'b', 'c']);
  });

  it('warns [quorum:invalid-categories] with line and column for a malformed attribute, and does not throw', async () => {
    let classifier!: CrowdClassifier;
    const warnings = await captureWarnings(async () => {
      classifier = await render(html`<crowd-classifier name="q" header="Q" categories="['a', 'b'"></crowd-classifier>`);
    });
    const warning = warnings.find((text) => text.startsWith('[quorum:invalid-categories]'));
    expect(warning).to.contain('categories of <crowd-classifier name="q">').and.contain('line 1, column 10').and.contain('Unclosed array');
    expect(classifier.categories).to.deep.equal([]);
    expect(warnings.some((text) => text.startsWith('[quorum:no-categories]'))).to.equal(true);
  });

  it('drops repeated categories with a [quorum:duplicate-category] warning', async () => {
    let classifier!: CrowdClassifier;
    const warnings = await captureWarnings(async () => {
      classifier = await render(html`<crowd-classifier name="q" header="Q" categories="['a', 'b', 'a']"></crowd-classifier>`);
    });
    expect(radioLabels(classifier)).to.deep.equal(['a', 'b']);
    expect(warnings.some((text) => text.startsWith('[quorum:duplicate-category]'))).to.equal(true);
  });
});

describe('<crowd-classifier> value', () => {
  it("is '' until chosen, then the label; .value set from code checks the option", async () => {
    const classifier = await render(html`<crowd-classifier name="q" header="Q" categories=${ratings}></crowd-classifier>`);
    expect(classifier.value).to.equal('');
    classifier.value = '2';
    await classifier.updateComplete;
    expect(checkedLabel(classifier)).to.equal('2');
  });

  it('starts from the value attribute and resets to it', async () => {
    const form = await mount<HTMLFormElement>(html`<form><crowd-classifier name="q" header="Q" categories=${ratings} value="3"></crowd-classifier></form>`);
    const classifier = form.querySelector('crowd-classifier') as CrowdClassifier;
    await classifier.updateComplete;
    expect(classifier.answerEntries()).to.deep.equal([['q', { label: '3' }]]);
    classifier.value = '5';
    form.reset();
    await classifier.updateComplete;
    expect(classifier.value).to.equal('3');
    expect(checkedLabel(classifier)).to.equal('3');
  });

  it('treats a value outside the categories as no answer and warns [quorum:unknown-value]', async () => {
    let classifier!: CrowdClassifier;
    const warnings = await captureWarnings(async () => {
      classifier = await render(html`<crowd-classifier name="q" header="Q" categories=${ratings}></crowd-classifier>`);
      classifier.value = '7';
      await classifier.updateComplete;
    });
    expect(classifier.answerEntries()).to.deep.equal([]);
    expect(checkedLabel(classifier)).to.equal(undefined);
    expect(warnings.some((text) => text.startsWith('[quorum:unknown-value]'))).to.equal(true);
  });
});

describe('<crowd-classifier> keyboard', () => {
  const tenCategories = JSON.stringify(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']);

  it('picks the first nine categories with 1–9 and the tenth with 0', async () => {
    const classifier = await render(html`<crowd-classifier name="q" header="Q" categories=${tenCategories}></crowd-classifier>`);
    classifier.focus();
    await sendKeys({ press: '1' });
    expect(classifier.value).to.equal('a');
    await sendKeys({ press: '9' });
    expect(classifier.value).to.equal('i');
    await sendKeys({ press: '0' });
    expect(classifier.value).to.equal('j');
    const shortcuts = radios(classifier).map((radio) => radio.getAttribute('aria-keyshortcuts'));
    expect(shortcuts).to.deep.equal(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', null]);
  });

  it('ignores digits beyond the number of categories', async () => {
    const classifier = await render(html`<crowd-classifier name="q" header="Q" categories="['a', 'b']"></crowd-classifier>`);
    classifier.focus();
    await sendKeys({ press: '3' });
    expect(classifier.value).to.equal('');
  });

  it('moves and checks with the arrow keys (wrapping), Home and End, like a radio group', async () => {
    const classifier = await render(html`<crowd-classifier name="q" header="Q" categories="['a', 'b', 'c']"></crowd-classifier>`);
    const events = recordEvents(classifier);
    classifier.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(classifier.value).to.equal('b');
    await sendKeys({ press: 'ArrowRight' });
    expect(classifier.value).to.equal('c');
    await sendKeys({ press: 'ArrowRight' });
    expect(classifier.value).to.equal('a');
    await sendKeys({ press: 'ArrowUp' });
    expect(classifier.value).to.equal('c');
    await sendKeys({ press: 'ArrowLeft' });
    expect(classifier.value).to.equal('b');
    await sendKeys({ press: 'Home' });
    expect(classifier.value).to.equal('a');
    await sendKeys({ press: 'End' });
    expect(classifier.value).to.equal('c');
    expect(events.change).to.equal(7);
    expect(classifier.shadowRoot?.activeElement?.textContent).to.contain('c');
  });

  it('checks the focused option with Space', async () => {
    const classifier = await render(html`<crowd-classifier name="q" header="Q" categories="['a', 'b']"></crowd-classifier>`);
    classifier.focus();
    await sendKeys({ press: 'Space' });
    expect(classifier.value).to.equal('a');
  });

  it('keeps one tab stop: the checked option, else the first', async () => {
    const classifier = await render(html`<crowd-classifier name="q" header="Q" categories="['a', 'b', 'c']"></crowd-classifier>`);
    const tabStops = (): number[] => radios(classifier).flatMap((radio, index) => (radio.tabIndex === 0 ? [index] : []));
    expect(tabStops()).to.deep.equal([0]);
    classifier.value = 'c';
    await classifier.updateComplete;
    expect(tabStops()).to.deep.equal([2]);
  });

  it('leaves digits typed into a text field inside it alone', async () => {
    const classifier = await render(
      html`<crowd-classifier name="q" header="Q" categories=${ratings}><input aria-label="Comment" /></crowd-classifier>`,
    );
    const input = classifier.querySelector('input') as HTMLInputElement;
    input.focus();
    await sendKeys({ type: '42' });
    expect(input.value).to.equal('42');
    expect(classifier.value).to.equal('');
  });

  it('submits the enclosing <crowd-form> with Enter', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form><crowd-classifier name="q" header="Q" categories=${ratings}></crowd-classifier></crowd-form>`);
    const classifier = crowdForm.querySelector('crowd-classifier') as CrowdClassifier;
    await classifier.updateComplete;
    crowdForm.addEventListener('crowd-submit', (event) => event.preventDefault());
    classifier.focus();
    await sendKeys({ press: '2' });
    const submitted = oneEvent(crowdForm, 'crowd-submit');
    await sendKeys({ press: 'Enter' });
    expect((await submitted).detail.answer).to.deep.equal({ q: { label: '2' } });
  });

  it('shows a visible focus outline on the focused option', async () => {
    const classifier = await render(html`<crowd-classifier name="q" header="Q" categories=${ratings}></crowd-classifier>`);
    classifier.focus();
    await sendKeys({ press: 'ArrowRight' });
    const focused = classifier.shadowRoot?.activeElement as HTMLElement;
    expect(focused.matches(':focus-visible')).to.equal(true);
    const style = getComputedStyle(focused);
    expect(style.outlineStyle).to.not.equal('none');
    expect(parseFloat(style.outlineWidth)).to.be.greaterThan(0);
  });
});

describe('<crowd-classifier> layout and regions', () => {
  const template = html`
    <crowd-classifier name="relevance" header="How relevant is the answer?" categories=${ratings}>
      <classification-target>Paris is the capital of France.</classification-target>
      <full-instructions header="Rating guide">1 = irrelevant … 5 = fully answers the question</full-instructions>
      <short-instructions>Rate the relevance of the answer.</short-instructions>
    </crowd-classifier>
  `;

  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('names the radio group after the header', async () => {
    const classifier = await render(template);
    const group = classifier.shadowRoot?.querySelector('[role="radiogroup"]') as HTMLElement;
    const labelledBy = group.getAttribute('aria-labelledby') as string;
    expect(classifier.shadowRoot?.getElementById(labelledBy)?.textContent).to.equal('How relevant is the answer?');
    expect(radios(classifier).every((radio) => radio.getAttribute('aria-checked') === 'false')).to.equal(true);
  });

  it('mirrors the instructions panel, target and categories in a right-to-left page', async () => {
    await expectMirroredLayout(() => template);
  });

  it('places the target and the short instructions in their slots', async () => {
    const classifier = await render(template);
    const slotOf = (selector: string): string | undefined => classifier.querySelector(selector)?.assignedSlot?.name;
    expect(slotOf('classification-target')).to.equal('classification-target');
    expect(slotOf('short-instructions')).to.equal('short-instructions');
    expect(slotOf('full-instructions')).to.equal('full-instructions');
    const instructions = classifier.shadowRoot?.querySelector('[part="instructions"]') as HTMLElement;
    expect(instructions.hidden).to.equal(false);
  });

  it('opens the full instructions in a modal dialog titled by their header; Escape closes it and digits are ignored meanwhile', async () => {
    const classifier = await render(template);
    const button = classifier.shadowRoot?.querySelector('[part="full-instructions-button"]') as HTMLButtonElement;
    expect(button.hidden).to.equal(false);
    expect(button.textContent?.trim()).to.equal('View full instructions');
    button.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = classifier.shadowRoot?.querySelector('dialog') as HTMLDialogElement;
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.querySelector('#dialog-header')?.textContent).to.equal('Rating guide');
    expect(classifier.querySelector('full-instructions')?.checkVisibility()).to.equal(true);
    await expect(classifier).to.be.accessible();
    await sendKeys({ press: '3' });
    expect(classifier.value).to.equal('');
    await sendKeys({ press: 'Escape' });
    expect(dialog.open).to.equal(false);
    expect(classifier.shadowRoot?.activeElement).to.equal(button);
  });

  it('retitles the dialog when the header of <full-instructions> changes', async () => {
    const classifier = await render(template);
    classifier.querySelector('full-instructions')?.setAttribute('header', 'New guide');
    await settle(classifier);
    expect(classifier.shadowRoot?.querySelector('#dialog-header')?.textContent).to.equal('New guide');
  });

  it('hides the instructions panel when there are no instructions', async () => {
    const classifier = await render(html`<crowd-classifier name="q" header="Q" categories=${ratings}></crowd-classifier>`);
    const instructions = classifier.shadowRoot?.querySelector('[part="instructions"]') as HTMLElement;
    expect(instructions.hidden).to.equal(true);
    expect(instructions.checkVisibility()).to.equal(false);
  });

  it('puts the instructions beside the task when wide and above it when narrow', async () => {
    const classifier = await render(template);
    const instructions = classifier.shadowRoot?.querySelector('[part="instructions"]') as HTMLElement;
    const main = classifier.shadowRoot?.querySelector('[part="main"]') as HTMLElement;
    await setViewport({ width: 1200, height: 800 });
    expect(instructions.getBoundingClientRect().right).to.be.at.most(main.getBoundingClientRect().left);
    await setViewport({ width: 400, height: 800 });
    expect(instructions.getBoundingClientRect().bottom).to.be.at.most(main.getBoundingClientRect().top);
  });

  it('takes its colours from --quorum-* custom properties', async () => {
    const classifier = await render(
      html`<crowd-classifier style="--quorum-color-accent: rgb(1, 2, 3)" name="q" header="Q" categories=${ratings} value="1"></crowd-classifier>`,
    );
    expect(getComputedStyle(radios(classifier)[0] as HTMLElement).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('has no axe violations with all regions', async () => {
    const classifier = await render(template);
    await expect(classifier).to.be.accessible();
  });

  it('warns [quorum:missing-header] and still names its radio group', async () => {
    let classifier!: CrowdClassifier;
    const warnings = await captureWarnings(async () => {
      classifier = await render(html`<crowd-classifier name="q" categories=${ratings}></crowd-classifier>`);
    });
    expect(warnings.some((text) => text.startsWith('[quorum:missing-header]'))).to.equal(true);
    await expect(classifier).to.be.accessible();
  });

  it("keeps the shadow classes Ground Truth's two-tier sample injects into, without changing the answer", async () => {
    // The pattern of AWS's dynamic-two-tier classification samples: a card injected after the
    // categories inside the shadow root, follow-up checkboxes mirrored into hidden form inputs.
    const form = await mount<CrowdForm>(html`<crowd-form no-autosave>
      <crowd-classifier name="response_quality" categories="['Excellent', 'Good']" header="How good is the response?">
        <classification-target><p>Prompt and response</p></classification-target>
        <short-instructions><p>Choose a rating.</p></short-instructions>
      </crowd-classifier>
      <classification-reasons-container></classification-reasons-container>
    </crowd-form>`);
    const classifier = form.querySelector('crowd-classifier') as CrowdClassifier;
    const reasons = form.querySelector('classification-reasons-container') as HTMLElement;
    const picker = classifier.shadowRoot?.querySelector('.annotation-area .category-picker-wrapper');
    expect(picker?.getAttribute('role')).to.equal('radiogroup');
    const card = document.createElement('crowd-card');
    card.textContent = 'There may be more questions';
    picker?.insertAdjacentElement('afterend', card);
    classifier.categories = ['Excellent', 'Good', 'Poor'];
    const followUps: Record<string, string[]> = { Excellent: ['Insightful'], Good: ['Clear', 'Mostly on topic'], Poor: ['Off topic'] };
    classifier.addEventListener('change', (event) => {
      const questions = followUps[(event.target as CrowdClassifier).value] ?? [];
      reasons.replaceChildren();
      card.replaceChildren();
      for (const question of questions) {
        const visible = Object.assign(document.createElement('input'), { type: 'checkbox', value: question });
        const hidden = Object.assign(document.createElement('input'), { type: 'checkbox', name: 'classification-reasoning', value: question });
        hidden.style.display = 'none';
        visible.addEventListener('change', () => (hidden.checked = visible.checked));
        const label = document.createElement('label');
        label.append(visible, question);
        card.append(label);
        reasons.append(hidden);
      }
    });
    await settle(form);
    expect(radioLabels(classifier)).to.deep.equal(['Excellent', 'Good', 'Poor']);
    await clickElement(radios(classifier)[1] as HTMLElement);
    await settle(form);
    // The card sits right after the categories, inside the task column, below them and visible.
    expect(picker?.nextElementSibling).to.equal(card);
    const main = classifier.shadowRoot?.querySelector('[part="main"]') as HTMLElement;
    const cardBox = card.getBoundingClientRect();
    const pickerBox = (picker as HTMLElement).getBoundingClientRect();
    expect(cardBox.height).to.be.greaterThan(0);
    expect(cardBox.top).to.be.at.least(pickerBox.bottom - 1);
    expect(main.contains(card)).to.equal(true);
    expect(card.querySelectorAll('input')).to.have.length(2);
    expect(form.answer['response_quality']).to.deep.equal({ label: 'Good' });
    await clickElement(card.querySelector('input') as HTMLInputElement);
    expect(form.answer['response_quality']).to.deep.equal({ label: 'Good' });
    expect(form.answer['classification-reasoning']).to.not.equal(undefined);
    expect(JSON.stringify(form.answer['classification-reasoning'])).to.include('Clear');
  });
});

describe('<crowd-classifier> digits routed by <crowd-form>', () => {
  it('chooses with a digit pressed with focus on the page, in right-to-left text too', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave dir="rtl">
      <crowd-classifier name="q" header="سؤال" categories="['أ', 'ب', 'ج']"></crowd-classifier>
    </crowd-form>`);
    const classifier = crowdForm.querySelector('crowd-classifier') as CrowdClassifier;
    (document.activeElement as HTMLElement | null)?.blur();
    await sendKeys({ press: '2' });
    await sendKeys({ press: '4' });
    expect(crowdForm.answer).to.deep.equal({ q: { label: 'ب' } });
    await classifier.updateComplete;
    expect(checkedLabel(classifier)).to.equal('ب');
    // The routed choice is the tab stop, as a click would make it.
    expect(radios(classifier)[1]?.getAttribute('tabindex')).to.equal('0');
  });

  it('takes no routed digit while disabled', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave><crowd-classifier name="q" header="Q" categories="['a', 'b']" disabled></crowd-classifier></crowd-form>`);
    const classifier = crowdForm.querySelector('crowd-classifier') as CrowdClassifier;
    (document.activeElement as HTMLElement | null)?.blur();
    await sendKeys({ press: '1' });
    expect(classifier.value).to.equal('');
    expect(classifier.handleRoutedKey(new KeyboardEvent('keydown', { key: '1' }))).to.equal(false);
  });
});
