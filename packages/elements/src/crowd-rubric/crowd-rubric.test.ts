import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdRubricAnswer } from '@quorum/schema';
import { CrowdButton } from '../crowd-button/crowd-button.js';
import { CrowdForm } from '../crowd-form/crowd-form.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { pressWith } from '../internal/interaction.test.js';
import { captureWarnings, microtasks, mount } from '../internal/testing.test.js';
import { CrowdRubric } from './crowd-rubric.js';

for (const element of [CrowdForm, CrowdButton, CrowdRubric]) if (!customElements.get(element.tagName)) customElements.define(element.tagName, element);

const group = (rubric: CrowdRubric, id: string): HTMLElement => rubric.shadowRoot?.getElementById(id) as HTMLElement;
const level = (rubric: CrowdRubric, id: string, index: number): HTMLElement => group(rubric, id).querySelector(`[data-index="${index}"]`) as HTMLElement;
const textareas = (rubric: CrowdRubric): HTMLTextAreaElement[] => [...(rubric.shadowRoot?.querySelectorAll('textarea') ?? [])];

async function click(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
}

async function render(markup: ReturnType<typeof html>): Promise<CrowdRubric> {
  const rubric = await mount<CrowdRubric>(markup);
  await rubric.updateComplete;
  return rubric;
}

const expectSchemaValid = (answer: unknown): void => {
  const result = validateCrowdRubricAnswer(answer);
  expect(result.valid, JSON.stringify(result)).to.equal(true);
};

runControlContract<CrowdRubric>({
  tag: 'crowd-rubric',
  template: ({ name, required, disabled }) =>
    html`<crowd-rubric name=${ifDefined(name)} ?required=${required} ?disabled=${disabled} header="Grade the answer" criteria="['accuracy']" no-overall></crowd-rubric>`,
  answerWithKeyboard: async () => {
    await sendKeys({ press: '4' });
  },
  answerWithPointer: async (rubric) => {
    await click(level(rubric, 'levels-0', 3));
  },
  setValueFromCode: (rubric) => {
    rubric.setScore('accuracy', 4);
  },
  expectedAnswer: { criteria: { accuracy: { score: 4 } } },
  expectedFormValue: '{"criteria":{"accuracy":{"score":4}}}',
  horizontalArrows: true,
});

const criteria = `[
  { name: 'accuracy', description: 'Facts are correct.', levels: ['Wrong', 'Partly right', 'Right'], comment: 'required' },
  { name: 'clarity', label: 'Clear writing', levels: 4, comment: true },
]`;

describe('<crowd-rubric> criteria', () => {
  it('reads the criteria attribute: labels, descriptions, named and numbered levels, comment boxes', async () => {
    const rubric = await render(html`<crowd-rubric name="q" header="Grade" criteria=${criteria}></crowd-rubric>`);
    expect(rubric.criteria).to.deep.equal([
      { name: 'accuracy', label: 'Accuracy', description: 'Facts are correct.', levels: ['Wrong', 'Partly right', 'Right'], comment: 'required' },
      { name: 'clarity', label: 'Clear writing', description: '', levels: ['', '', '', ''], comment: 'optional' },
    ]);
    expect([...group(rubric, 'levels-0').querySelectorAll('[role="radio"]')].map((radio) => radio.getAttribute('aria-label'))).to.deep.equal([
      '1 Wrong',
      '2 Partly right',
      '3 Right',
    ]);
    expect(group(rubric, 'levels-0').getAttribute('aria-describedby')).to.equal('description-0');
    expect(group(rubric, 'levels-1').querySelectorAll('[role="radio"]')).to.have.length(4);
    expect(group(rubric, 'overall').querySelectorAll('[role="radio"]')).to.have.length(5);
    expect(textareas(rubric).map((textarea) => textarea.closest('label')?.hidden)).to.deep.equal([false, false]);
    await expect(rubric).to.be.accessible();
  });

  it('reads <crowd-criterion> children, keeps them out of view, and follows their changes', async () => {
    const rubric = await render(html`<crowd-rubric name="q" header="Grade" no-overall>
      <p>The answer to grade.</p>
      <crowd-criterion name="safety" levels="['Unsafe', 'Safe']" comment="required">No harmful advice.</crowd-criterion>
      <crowd-criterion name="tone" label="Tone" levels="3"></crowd-criterion>
    </crowd-rubric>`);
    expect(rubric.criteria.map(({ name, label, description, levels, comment }) => [name, label, description, levels.length, comment])).to.deep.equal([
      ['safety', 'Safety', 'No harmful advice.', 2, 'required'],
      ['tone', 'Tone', '', 3, 'none'],
    ]);
    const criterion = rubric.querySelector('crowd-criterion') as HTMLElement;
    expect(criterion.getBoundingClientRect().height).to.equal(0);
    expect((rubric.querySelector('p') as HTMLElement).getBoundingClientRect().height).to.be.greaterThan(0);
    criterion.remove();
    await microtasks();
    await rubric.updateComplete;
    expect(rubric.criteria.map((item) => item.name)).to.deep.equal(['tone']);
  });

  it('warns [quorum:invalid-criteria] for a malformed attribute or bad levels, and does not throw', async () => {
    const warnings = await captureWarnings(async () => {
      await render(html`<crowd-rubric name="q" header="Q" criteria="[{ name: 'a', levels: 1 }]"></crowd-rubric>`);
      await render(html`<crowd-rubric name="q" header="Q" criteria="['a',, 'b']"></crowd-rubric>`);
    });
    const invalid = warnings.filter((warning) => warning.startsWith('[quorum:invalid-criteria]'));
    expect(invalid).to.have.length(2);
    expect(invalid[0]).to.contain('levels must be a number from 2 to 10');
    expect(invalid[1]).to.contain('line 1, column 6');
  });
});

describe('<crowd-rubric> scoring', () => {
  it('needs every criterion, the required comments and the overall score once anything is scored', async () => {
    const rubric = await render(html`<crowd-rubric name="q" header="Grade" criteria=${criteria}></crowd-rubric>`);
    expect(rubric.checkValidity()).to.equal(true);
    rubric.focus();
    await sendKeys({ press: '3' });
    expect(rubric.checkValidity()).to.equal(false);
    expect(rubric.validationMessage).to.equal('Please also score Clear writing, Overall score.');
    level(rubric, 'levels-1', 0).focus();
    await sendKeys({ press: '2' });
    level(rubric, 'overall', 0).focus();
    await sendKeys({ press: 'End' });
    expect(rubric.validationMessage).to.equal('Please add a comment on Accuracy.');
    textareas(rubric)[0]?.focus();
    await sendKeys({ type: 'All dates check out' });
    expect(rubric.checkValidity()).to.equal(true);
    const answer = rubric.answerEntries()[0]?.[1];
    expect(answer).to.deep.equal({
      criteria: { accuracy: { score: 3, label: 'Right', comment: 'All dates check out' }, clarity: { score: 2 } },
      overall: 5,
    });
    expectSchemaValid(answer);
  });

  it('focus() goes to the first unscored scale; Tab moves from scale to scale', async () => {
    const rubric = await render(html`<crowd-rubric name="q" header="Grade" criteria="['a', 'b']" no-overall></crowd-rubric>`);
    rubric.setScore('a', 2);
    await rubric.updateComplete;
    rubric.focus();
    expect(rubric.shadowRoot?.activeElement?.closest('[role="radiogroup"]')?.id).to.equal('levels-1');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(rubric.shadowRoot?.activeElement?.closest('[role="radiogroup"]')?.id).to.equal('levels-0');
  });

  it('round-trips through value and submits through <crowd-form>', async () => {
    const form = await mount<CrowdForm>(html`<crowd-form><crowd-rubric name="grade" header="Grade" criteria="['accuracy', 'clarity']" overall-max="3"></crowd-rubric></crowd-form>`);
    const rubric = form.querySelector('crowd-rubric') as CrowdRubric;
    rubric.value = '{"criteria":{"accuracy":{"score":5},"clarity":{"score":1}},"overall":3}';
    let submitted: unknown;
    form.addEventListener('crowd-submit', (event) => {
      submitted = event.detail.answer;
      event.preventDefault();
    });
    form.submit();
    expect(submitted).to.deep.equal({ grade: { criteria: { accuracy: { score: 5 }, clarity: { score: 1 } }, overall: 3 } });
    form.reset();
    await rubric.updateComplete;
    expect(form.answer).to.deep.equal({});
  });
});

describe('<crowd-rubric> digits routed by <crowd-form>', () => {
  it('fills the scales without a score in order, then leaves the scored ones alone', async () => {
    const form = await mount<CrowdForm>(html`<crowd-form no-autosave>
      <crowd-rubric name="grade" header="Grade" criteria="['accuracy', { name: 'clarity', levels: 3 }]" overall-max="3"></crowd-rubric>
    </crowd-form>`);
    const rubric = form.querySelector('crowd-rubric') as CrowdRubric;
    (document.activeElement as HTMLElement | null)?.blur();
    await sendKeys({ press: '4' });
    // Clarity has three levels: 4 does nothing there.
    await sendKeys({ press: '4' });
    await sendKeys({ press: '2' });
    await sendKeys({ press: '3' });
    await sendKeys({ press: '1' });
    expect(form.answer).to.deep.equal({ grade: { criteria: { accuracy: { score: 4 }, clarity: { score: 2 } }, overall: 3 } });
    await rubric.updateComplete;
    expect(level(rubric, 'levels-0', 3).getAttribute('aria-checked')).to.equal('true');
    // Undo takes back the last routed score.
    await pressWith(['Control'], 'KeyZ');
    expect(form.answer).to.deep.equal({ grade: { criteria: { accuracy: { score: 4 }, clarity: { score: 2 } } } });
  });
});
