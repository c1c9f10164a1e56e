import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdPairwiseAnswer } from '@quorum/schema';
import { CrowdButton } from '../crowd-button/crowd-button.js';
import { CrowdForm } from '../crowd-form/crowd-form.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { captureWarnings, mount, recordEvents } from '../internal/testing.test.js';
import { CrowdPairwise } from './crowd-pairwise.js';

for (const element of [CrowdForm, CrowdButton, CrowdPairwise]) if (!customElements.get(element.tagName)) customElements.define(element.tagName, element);

const group = (pairwise: CrowdPairwise, id: string): HTMLElement => pairwise.shadowRoot?.getElementById(id) as HTMLElement;
const option = (pairwise: CrowdPairwise, id: string, index: number): HTMLElement =>
  group(pairwise, id).querySelector(`[data-index="${index}"]`) as HTMLElement;

async function click(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
}

async function render(markup: ReturnType<typeof html>): Promise<CrowdPairwise> {
  const pairwise = await mount<CrowdPairwise>(markup);
  await pairwise.updateComplete;
  return pairwise;
}

const expectSchemaValid = (answer: unknown): void => {
  const result = validateCrowdPairwiseAnswer(answer);
  expect(result.valid, JSON.stringify(result)).to.equal(true);
};

runControlContract<CrowdPairwise>({
  tag: 'crowd-pairwise',
  template: ({ name, required, disabled }) =>
    html`<crowd-pairwise
      name=${ifDefined(name)}
      ?required=${required}
      ?disabled=${disabled}
      header="Which answer is better?"
      response-a="Paris."
      response-b="The capital of France is Paris."
    ></crowd-pairwise>`,
  answerWithKeyboard: async () => {
    await sendKeys({ press: '3' });
  },
  answerWithPointer: async (pairwise) => {
    await click(option(pairwise, 'choice', 2));
  },
  setValueFromCode: (pairwise) => {
    pairwise.choice = 'B';
  },
  expectedAnswer: { choice: 'B' },
  expectedFormValue: '{"choice":"B"}',
  horizontalArrows: true,
});

describe('<crowd-pairwise> responses', () => {
  it('shows attribute text as text (never as HTML) and slotted content in place of it', async () => {
    const pairwise = await render(
      html`<crowd-pairwise name="q" header="Q" response-a="<img src=x onerror=alert(1)> a" response-b="b"><p slot="response-b">Slotted <b>B</b></p></crowd-pairwise>`,
    );
    const a = pairwise.shadowRoot?.querySelector('slot[name="response-a"]') as HTMLSlotElement;
    expect(a.textContent).to.equal('<img src=x onerror=alert(1)> a');
    expect(pairwise.shadowRoot?.querySelector('img')).to.equal(null);
    const b = pairwise.shadowRoot?.querySelector('slot[name="response-b"]') as HTMLSlotElement;
    expect(b.assignedElements()[0]?.textContent).to.equal('Slotted B');
    expect(pairwise.shadowRoot?.getElementById('label-a')?.textContent).to.equal('Response A');
    await expect(pairwise).to.be.accessible();
  });

  it('puts the responses side by side on a wide screen and stacks them on a narrow one', async () => {
    await setViewport({ width: 1000, height: 800 });
    const pairwise = await render(html`<crowd-pairwise name="q" header="Q" response-a="a" response-b="b"></crowd-pairwise>`);
    const [a, b] = [...(pairwise.shadowRoot?.querySelectorAll('.response') ?? [])].map((element) => element.getBoundingClientRect());
    expect(a?.top).to.equal(b?.top);
    expect((a?.left ?? 0) < (b?.left ?? 0)).to.equal(true);
    await setViewport({ width: 360, height: 800 });
    await pairwise.updateComplete;
    const [narrowA, narrowB] = [...(pairwise.shadowRoot?.querySelectorAll('.response') ?? [])].map((element) => element.getBoundingClientRect());
    expect((narrowB?.top ?? 0) > (narrowA?.bottom ?? 0) - 1).to.equal(true);
    await setViewport({ width: 800, height: 600 });
  });
});

describe('<crowd-pairwise> choices', () => {
  it('chooses A, tie, B and both bad with 1–4, and the answer follows', async () => {
    const pairwise = await render(html`<crowd-pairwise name="q" header="Q"></crowd-pairwise>`);
    pairwise.focus();
    const seen: unknown[] = [];
    for (const key of ['1', '2', '3', '4']) {
      await sendKeys({ press: key });
      seen.push(pairwise.answerEntries()[0]?.[1]);
    }
    expect(seen).to.deep.equal([{ choice: 'A' }, { choice: 'tie' }, { choice: 'B' }, { choice: 'both-bad' }]);
    seen.forEach(expectSchemaValid);
  });

  it('asks for strength after A or B, requires it, and drops it for a tie', async () => {
    const pairwise = await render(html`<crowd-pairwise name="q" header="Q" strength></crowd-pairwise>`);
    expect(group(pairwise, 'choice-strength')).to.equal(null);
    pairwise.focus();
    await sendKeys({ press: '1' });
    await pairwise.updateComplete;
    expect(group(pairwise, 'choice-strength').getAttribute('aria-label')).to.equal('How much better is Response A?');
    expect(pairwise.checkValidity()).to.equal(false);
    expect(pairwise.validationMessage).to.contain('how much better');
    await click(option(pairwise, 'choice-strength', 1));
    expect(pairwise.checkValidity()).to.equal(true);
    expect(pairwise.answerEntries()).to.deep.equal([['q', { choice: 'A', strength: 'much' }]]);
    option(pairwise, 'choice', 0).focus();
    await sendKeys({ press: '2' });
    await pairwise.updateComplete;
    expect(pairwise.answerEntries()).to.deep.equal([['q', { choice: 'tie' }]]);
    expect(group(pairwise, 'choice-strength')).to.equal(null);
  });

  it('takes digits in the strength row as strengths', async () => {
    const pairwise = await render(html`<crowd-pairwise name="q" header="Q" strength></crowd-pairwise>`);
    pairwise.choice = 'B';
    await pairwise.updateComplete;
    option(pairwise, 'choice-strength', 0).focus();
    await sendKeys({ press: '1' });
    expect(pairwise.answerEntries()).to.deep.equal([['q', { choice: 'B', strength: 'slightly' }]]);
  });

  it('records a rationale, required when rationale-required', async () => {
    const pairwise = await render(html`<crowd-pairwise name="q" header="Q" rationale-required></crowd-pairwise>`);
    pairwise.focus();
    await sendKeys({ press: '3' });
    expect(pairwise.checkValidity()).to.equal(false);
    expect(pairwise.validationMessage).to.equal('Please explain your choice in the rationale.');
    const events = recordEvents(pairwise);
    pairwise.shadowRoot?.querySelector('textarea')?.focus();
    await sendKeys({ type: 'B cites 4 sources' });
    await sendKeys({ press: 'Tab' });
    expect(events.change).to.equal(1);
    expect(pairwise.checkValidity()).to.equal(true);
    expect(pairwise.answerEntries()).to.deep.equal([['q', { choice: 'B', rationale: 'B cites 4 sources' }]]);
  });
});

describe('<crowd-pairwise> dimensions', () => {
  const template = html`<crowd-pairwise
    name="q"
    header="Overall, which is better?"
    strength
    dimensions="['helpfulness', { name: 'harmlessness', label: 'Harmless' }, 'accuracy',]"
  ></crowd-pairwise>`;

  it('reads names and { name, label } objects, one row each', async () => {
    const pairwise = await render(template);
    expect(pairwise.dimensions).to.deep.equal([
      { name: 'helpfulness', label: 'Helpfulness' },
      { name: 'harmlessness', label: 'Harmless' },
      { name: 'accuracy', label: 'Accuracy' },
    ]);
    expect(group(pairwise, 'choice-1').getAttribute('aria-labelledby')).to.equal('dimension-1');
    expect(pairwise.shadowRoot?.getElementById('dimension-1')?.textContent).to.equal('Harmless');
    await expect(pairwise).to.be.accessible();
  });

  it('needs every dimension and the overall choice; the answer holds them all', async () => {
    const pairwise = await render(template);
    option(pairwise, 'choice-0', 0).focus();
    await sendKeys({ press: '1' });
    expect(pairwise.answerEntries()).to.deep.equal([]);
    expect(pairwise.checkValidity()).to.equal(false);
    expect(pairwise.validationMessage).to.equal('Please also choose for Harmless, Accuracy.');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: '1' });
    option(pairwise, 'choice-1', 0).focus();
    await sendKeys({ press: '2' });
    option(pairwise, 'choice-2', 0).focus();
    await sendKeys({ press: '4' });
    expect(pairwise.validationMessage).to.equal('Please also choose overall which response is better.');
    pairwise.focus();
    await sendKeys({ press: '2' });
    expect(pairwise.checkValidity()).to.equal(true);
    const answer = pairwise.answerEntries()[0]?.[1];
    expect(answer).to.deep.equal({
      choice: 'tie',
      dimensions: { helpfulness: { choice: 'A', strength: 'slightly' }, harmlessness: { choice: 'tie' }, accuracy: { choice: 'both-bad' } },
    });
    expectSchemaValid(answer);
    const copy = await render(template);
    copy.value = pairwise.value;
    expect(copy.answerEntries()[0]?.[1]).to.deep.equal(answer);
  });

  it('warns [quorum:invalid-dimensions] with the position of a malformed attribute', async () => {
    const warnings = await captureWarnings(async () => {
      await render(html`<crowd-pairwise name="q" header="Q" dimensions="['a', b]"></crowd-pairwise>`);
    });
    expect(warnings.some((warning) => warning.startsWith('[quorum:invalid-dimensions]') && warning.includes('line 1, column 7'))).to.equal(true);
  });

  it('submits through <crowd-form>, which stops on an incomplete answer', async () => {
    const form = await mount<CrowdForm>(
      html`<crowd-form><crowd-pairwise name="preference" header="Q" dimensions="['accuracy']" response-a="a" response-b="b"></crowd-pairwise></crowd-form>`,
    );
    const pairwise = form.querySelector('crowd-pairwise') as CrowdPairwise;
    pairwise.focus();
    await sendKeys({ press: '1' });
    expect(form.validate()).to.equal(false);
    expect(pairwise.shadowRoot?.activeElement).to.equal(option(pairwise, 'choice-0', 0));
    await sendKeys({ press: '1' });
    let submitted: unknown;
    form.addEventListener('crowd-submit', (event) => {
      submitted = event.detail.answer;
      event.preventDefault();
    });
    form.submit();
    expect(submitted).to.deep.equal({ preference: { choice: 'A', dimensions: { accuracy: { choice: 'A' } } } });
  });
});

describe('@quorum/schema crowd-pairwise answer', () => {
  it('refuses a strength with a tie and unknown choices', () => {
    expect(validateCrowdPairwiseAnswer({ choice: 'tie', strength: 'much' }).valid).to.equal(false);
    expect(validateCrowdPairwiseAnswer({ choice: 'C' }).valid).to.equal(false);
    expect(validateCrowdPairwiseAnswer({ choice: 'A', dimensions: { x: { choice: 'both-bad', strength: 'slightly' } } }).valid).to.equal(false);
  });
});

describe('<crowd-pairwise> digits routed by <crowd-form>', () => {
  it('makes the overall choice with a digit pressed with focus on the page', async () => {
    const form = await mount<CrowdForm>(html`<crowd-form no-autosave>
      <crowd-pairwise name="pref" header="Which is better?" response-a="Paris" response-b="Lyon" strength></crowd-pairwise>
    </crowd-form>`);
    const pairwise = form.querySelector('crowd-pairwise') as CrowdPairwise;
    const events = recordEvents(pairwise);
    (document.activeElement as HTMLElement | null)?.blur();
    await sendKeys({ press: '5' });
    await sendKeys({ press: '4' });
    expect(form.answer).to.deep.equal({ pref: { choice: 'both-bad' } });
    await sendKeys({ press: '2' });
    expect(form.answer).to.deep.equal({ pref: { choice: 'tie' } });
    expect(events).to.include({ input: 2, change: 2 });
  });
});
