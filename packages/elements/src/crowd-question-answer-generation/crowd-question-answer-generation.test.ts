import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdQuestionAnswerGenerationAnswer } from '@quorum/schema';
import { CrowdButton } from '../crowd-button/crowd-button.js';
import { CrowdForm } from '../crowd-form/crowd-form.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { captureWarnings, mount, recordEvents } from '../internal/testing.test.js';
import { CrowdQuestionAnswerGeneration } from './crowd-question-answer-generation.js';

for (const element of [CrowdForm, CrowdButton, CrowdQuestionAnswerGeneration]) if (!customElements.get(element.tagName)) customElements.define(element.tagName, element);

type Element = CrowdQuestionAnswerGeneration;
const part = (qa: Element, name: string, index = 0): HTMLElement => qa.shadowRoot?.querySelectorAll<HTMLElement>(`[part~="${name}"]`)[index] as HTMLElement;

async function click(element: HTMLElement): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
}

async function render(markup: ReturnType<typeof html>): Promise<Element> {
  const qa = await mount<Element>(markup);
  await qa.updateComplete;
  return qa;
}

const passage = 'The Amazon rainforest covers most of the Amazon basin of South America. The majority of the forest is contained within Brazil.';
// Ground Truth's own example (Crowd HTML Elements V2 reference), with a shorter text.
const gtExample = html`<crowd-question-answer-generation
  name="questionAnswerGeneration"
  text=${passage}
  min-questions="1"
  max-questions="2"
  question-min-words="2"
  question-max-words="10"
  answer-min-words="1"
  answer-max-words="5"
  question-tags='[
    "tag1",
    "tag2",
    "tag3"
  ]'
  allow-custom-question-tags="true"
></crowd-question-answer-generation>`;

runControlContract<Element>({
  tag: 'crowd-question-answer-generation',
  // answer-min-words="0": one keystroke in one field is then a complete answer, as the contract needs.
  template: ({ name, required, disabled }) =>
    html`<crowd-question-answer-generation name=${ifDefined(name)} ?required=${required} ?disabled=${disabled} text=${passage} answer-min-words="0"></crowd-question-answer-generation>`,
  answerWithKeyboard: async (qa) => {
    await sendKeys({ type: 'x' });
    part(qa, 'question').blur();
  },
  answerWithPointer: async (qa) => {
    await click(part(qa, 'question'));
    await sendKeys({ type: 'x' });
    part(qa, 'question').blur();
  },
  setValueFromCode: (qa) => {
    qa.value = '{"questionAnswerPairs":[{"question":"x","answer":"","tags":[]}]}';
  },
  expectedAnswer: { questionAnswerPairs: [{ question: 'x', answer: '', tags: [] }] },
  expectedFormValue: '{"questionAnswerPairs":[{"question":"x","answer":"","tags":[]}]}',
});

describe('<crowd-question-answer-generation>', () => {
  it("renders Ground Truth's example; pairs are written with the keyboard and tagged, own tags too", async () => {
    const qa = await render(gtExample);
    expect(part(qa, 'text').textContent).to.equal(passage);
    qa.focus();
    await sendKeys({ type: 'Where is the forest?' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'South America ' });
    await sendKeys({ press: 'Tab' }); // use-selection
    await sendKeys({ press: 'Tab' }); // tag1
    await sendKeys({ press: 'Tab' }); // tag2
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' }); // tag3
    await sendKeys({ press: 'Tab' }); // own tag
    await sendKeys({ type: 'geography' });
    await sendKeys({ press: 'Enter' });
    await qa.updateComplete;
    const answer = qa.answerEntries()[0]?.[1];
    expect(answer).to.deep.equal({ questionAnswerPairs: [{ question: 'Where is the forest?', answer: 'South America', tags: ['tag2', 'geography'] }] });
    expect(validateCrowdQuestionAnswerGenerationAnswer(answer).valid).to.equal(true);
    expect(part(qa, 'tag', 3).textContent).to.equal('geography');
    expect(part(qa, 'tag', 3).getAttribute('aria-pressed')).to.equal('true');
    expect(qa.checkValidity()).to.equal(true);
    await expect(qa).to.be.accessible();
  });

  it('checks the word limits of each question and answer and names the pair', async () => {
    const qa = await render(gtExample);
    qa.value = JSON.stringify({ questionAnswerPairs: [{ question: 'Why?', answer: 'x', tags: [] }] });
    expect(qa.validationMessage).to.equal('Question 1 needs at least 2 words.');
    expect(qa.validity.tooShort).to.equal(true);
    qa.value = JSON.stringify({ questionAnswerPairs: [{ question: 'Why so?', answer: 'one two three four five six', tags: [] }] });
    expect(qa.validationMessage).to.equal('The answer to question 1 has 6 words; at most 5 are allowed.');
    qa.value = JSON.stringify({ questionAnswerPairs: [{ question: 'Why so?', answer: '', tags: ['tag1'] }] });
    expect(qa.validationMessage).to.equal('The answer to question 1 needs at least 1 word.');
    qa.reportValidity();
    await qa.updateComplete;
    expect(part(qa, 'answer').getAttribute('aria-invalid')).to.equal('true');
    await expect(qa).to.be.accessible();
  });

  it('adds pairs up to max-questions, removes them, and asks for min-questions', async () => {
    const qa = await render(html`<crowd-question-answer-generation name="q" text=${passage} min-questions="2" max-questions="3"></crowd-question-answer-generation>`);
    expect(qa.shadowRoot?.querySelectorAll('[part="pair"]')).to.have.length(2);
    qa.value = JSON.stringify({ questionAnswerPairs: [{ question: 'What forest?', answer: 'Amazon', tags: [] }] });
    await qa.updateComplete;
    expect(qa.validationMessage).to.equal('Please write at least 2 question-answer pairs.');
    const events = recordEvents(qa);
    await click(part(qa, 'add'));
    await click(part(qa, 'add'));
    await qa.updateComplete;
    expect(qa.shadowRoot?.querySelectorAll('[part="pair"]')).to.have.length(3);
    expect((part(qa, 'add') as HTMLButtonElement).disabled).to.equal(true);
    expect(qa.shadowRoot?.activeElement?.id).to.equal('q2');
    expect(events).to.include({ input: 2, change: 2 });
    await click(part(qa, 'remove', 0));
    await qa.updateComplete;
    expect(qa.shadowRoot?.querySelectorAll('[part="pair"]')).to.have.length(2);
    expect(qa.answerEntries()).to.deep.equal([]);
    expect(qa.shadowRoot?.querySelector('.live')?.textContent).to.equal('Question 1 removed.');
  });

  it('takes text highlighted in the passage as an answer', async () => {
    const qa = await render(gtExample);
    const text = [...part(qa, 'text').childNodes].find((node) => node.nodeType === Node.TEXT_NODE) as Text;
    const start = passage.indexOf('South America');
    const range = document.createRange();
    range.setStart(text, start);
    range.setEnd(text, start + 'South America'.length);
    const selection = document.getSelection() as Selection;
    selection.removeAllRanges();
    selection.addRange(range);
    const events = recordEvents(qa);
    await click(part(qa, 'use-selection'));
    await qa.updateComplete;
    expect((part(qa, 'answer') as HTMLTextAreaElement).value).to.equal('South America');
    expect(events).to.include({ input: 1, change: 1 });
    selection.removeAllRanges();
    await click(part(qa, 'use-selection'));
    expect(qa.shadowRoot?.querySelector('.live')?.textContent).to.equal('Highlight part of the text first.');
  });

  it('reads allow-custom-question-tags="false" as off, and warns about malformed tags or values', async () => {
    let qa!: Element;
    const warnings = await captureWarnings(async () => {
      qa = await render(html`<crowd-question-answer-generation name="q" question-tags="['a', " allow-custom-question-tags="false"></crowd-question-answer-generation>`);
    });
    expect(warnings.some((warning) => warning.startsWith('[quorum:invalid-question-tags]'))).to.equal(true);
    expect(qa.shadowRoot?.querySelector('[part="custom-tag"]')).to.equal(null);
    const valueWarnings = await captureWarnings(() => {
      qa.value = '{"questionAnswerPairs":[{"question":1}]}';
    });
    expect(valueWarnings.some((warning) => warning.startsWith('[quorum:unknown-value]'))).to.equal(true);
    expect(qa.answerEntries()).to.deep.equal([]);
  });

  it('submits through <crowd-form>, and undo brings back a removed pair', async () => {
    const form = await mount<CrowdForm>(html`<crowd-form no-autosave>${gtExample}</crowd-form>`);
    const qa = form.querySelector('crowd-question-answer-generation') as Element;
    await qa.updateComplete;
    qa.value = JSON.stringify({
      questionAnswerPairs: [
        { question: 'Where is it?', answer: 'South America', tags: ['tag1'] },
        { question: 'Which country most?', answer: 'Brazil', tags: [] },
      ],
    });
    await qa.updateComplete;
    await click(part(qa, 'remove', 1));
    expect(form.answer).to.deep.equal({ questionAnswerGeneration: { questionAnswerPairs: [{ question: 'Where is it?', answer: 'South America', tags: ['tag1'] }] } });
    form.undo();
    await qa.updateComplete;
    expect(qa.shadowRoot?.querySelectorAll('[part="pair"]')).to.have.length(2);
    let submitted: unknown;
    form.addEventListener('crowd-submit', (event) => {
      submitted = event.detail.answer;
      event.preventDefault();
    });
    form.submit();
    expect((submitted as Record<string, { questionAnswerPairs: unknown[] }>)['questionAnswerGeneration']?.questionAnswerPairs).to.have.length(2);
  });

  describe('outside the form, with crowd-form-element-id (AWS sample template)', () => {
    // The shape of AWS's gen-ai/question-and-answer-pair sample: a hidden, empty form named by id, an unnamed element.
    const sample = (formFirst: boolean, extra = html``): ReturnType<typeof html> => {
      const form = html`<crowd-form id="crowd-form-qa" style="display: none" no-autosave></crowd-form>`;
      const qa = html`<crowd-question-answer-generation
        crowd-form-element-id="crowd-form-qa"
        text=${passage}
        question-tags='["What", "Who"]'
        allow-custom-tags="true"
        instructions="- Write questions about the text.
                      - Tag each question."
      ></crowd-question-answer-generation>`;
      return html`<div>${formFirst ? form : nothing}${qa}${formFirst ? nothing : form}${extra}</div>`;
    };

    async function mountSample(formFirst: boolean): Promise<{ form: CrowdForm; qa: Element; warnings: string[] }> {
      let root!: HTMLElement;
      const warnings = await captureWarnings(async () => {
        root = await mount<HTMLElement>(sample(formFirst));
        await new Promise((resolve) => setTimeout(resolve));
      });
      return { form: root.querySelector('crowd-form') as CrowdForm, qa: root.querySelector('crowd-question-answer-generation') as Element, warnings };
    }

    for (const formFirst of [true, false]) {
      it(`submits through the named form (${formFirst ? 'form first' : 'form after the element'}), its answer at the top level`, async () => {
        const { form, qa, warnings } = await mountSample(formFirst);
        expect(warnings.filter((warning) => warning.startsWith('[quorum:'))).to.deep.equal([]);
        qa.focus();
        await sendKeys({ type: 'Who wrote it?' });
        await sendKeys({ press: 'Tab' });
        await sendKeys({ type: 'Ann' });
        await click(part(qa, 'tag', 1));
        const own = part(qa, 'custom-tag') as HTMLInputElement;
        own.focus();
        await sendKeys({ type: 'person' });
        await sendKeys({ press: 'Enter' });
        let submitted: unknown;
        form.addEventListener('crowd-submit', (event) => {
          submitted = event.detail.answer;
          event.preventDefault();
        });
        await click(part(qa, 'submit'));
        const expected = { questionAnswerPairs: [{ question: 'Who wrote it?', answer: 'Ann', tags: ['Who', 'person'] }] };
        expect(submitted).to.deep.equal(expected);
        expect(form.answer).to.deep.equal(expected);
        expect(validateCrowdQuestionAnswerGenerationAnswer(submitted).valid).to.equal(true);
      });
    }

    it('shows the instructions line by line, and the Submit button only when linked', async () => {
      const { qa } = await mountSample(true);
      const instructions = part(qa, 'instructions');
      expect(instructions.hidden).to.equal(false);
      expect(instructions.innerText.split('\n').map((line) => line.trim())).to.deep.equal(['- Write questions about the text.', '- Tag each question.']);
      await expect(qa).to.be.accessible();
      const inside = await render(gtExample);
      expect(part(inside, 'instructions').hidden).to.equal(true);
      expect(part(inside, 'submit')).to.equal(undefined);
    });

    it('blocks the submission while a pair breaks its limits, and shows why', async () => {
      const { form, qa } = await mountSample(true);
      qa.value = JSON.stringify({ questionAnswerPairs: [{ question: 'Who?', answer: '', tags: [] }] });
      let submitted = false;
      form.addEventListener('crowd-submit', () => (submitted = true));
      await click(part(qa, 'submit'));
      await qa.updateComplete;
      expect(submitted).to.equal(false);
      expect(part(qa, 'error').textContent).to.equal('The answer to question 1 needs at least 1 word.');
    });

    it('keys the answer by name when the linked element has one', async () => {
      const root = await mount<HTMLElement>(
        html`<div><crowd-form id="f" no-autosave></crowd-form><crowd-question-answer-generation name="qa" crowd-form-element-id="f" text="t"></crowd-question-answer-generation></div>`,
      );
      const qa = root.querySelector('crowd-question-answer-generation') as Element;
      qa.value = JSON.stringify({ questionAnswerPairs: [{ question: 'Why?', answer: 'So.', tags: [] }] });
      expect((root.querySelector('crowd-form') as CrowdForm).answer).to.deep.equal({ qa: { questionAnswerPairs: [{ question: 'Why?', answer: 'So.', tags: [] }] } });
    });

    it('reads allow-custom-tags="false" as off', async () => {
      const qa = await render(html`<crowd-question-answer-generation name="q" question-tags='["a"]' allow-custom-tags="false"></crowd-question-answer-generation>`);
      expect(part(qa, 'custom-tag')).to.equal(undefined);
      qa.setAttribute('allow-custom-tags', '');
      await qa.updateComplete;
      expect(part(qa, 'custom-tag')).to.not.equal(undefined);
    });

    it('warns when no form has that id', async () => {
      const warnings = await captureWarnings(async () => {
        await render(html`<crowd-question-answer-generation crowd-form-element-id="nowhere" text="t"></crowd-question-answer-generation>`);
        await customElements.whenDefined('crowd-form');
      });
      expect(warnings.some((warning) => warning.startsWith('[quorum:missing-form]') && warning.includes('crowd-form-element-id="nowhere"'))).to.equal(true);
    });
  });
});
