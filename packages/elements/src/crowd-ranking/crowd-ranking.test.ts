import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdRankingAnswer } from '@quorum/schema';
import { CrowdButton } from '../crowd-button/crowd-button.js';
import { CrowdForm } from '../crowd-form/crowd-form.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { captureWarnings, mount, recordEvents } from '../internal/testing.test.js';
import { CrowdRanking } from './crowd-ranking.js';

for (const element of [CrowdForm, CrowdButton, CrowdRanking]) if (!customElements.get(element.tagName)) customElements.define(element.tagName, element);

const items = "['Answer one', 'Answer two', 'Answer three']";
const shown = (ranking: CrowdRanking): string[] => [...(ranking.shadowRoot?.querySelectorAll('li .label') ?? [])].map((label) => label.textContent ?? '');
const row = (ranking: CrowdRanking, item: number): HTMLElement => ranking.shadowRoot?.querySelector(`li[data-item="${item}"]`) as HTMLElement;

function center(element: Element): [number, number] {
  const box = element.getBoundingClientRect();
  return [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)];
}

async function click(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  await sendMouse({ type: 'click', position: center(element) });
}

async function render(markup: ReturnType<typeof html>): Promise<CrowdRanking> {
  const ranking = await mount<CrowdRanking>(markup);
  await ranking.updateComplete;
  return ranking;
}

runControlContract<CrowdRanking>({
  tag: 'crowd-ranking',
  template: ({ name, required, disabled }) =>
    html`<crowd-ranking name=${ifDefined(name)} ?required=${required} ?disabled=${disabled} header="Rank the answers" items=${items}></crowd-ranking>`,
  answerWithKeyboard: async () => {
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ up: 'Shift' });
  },
  answerWithPointer: async (ranking) => {
    await click(row(ranking, 0).querySelector('[part="move-down"]') as HTMLElement);
  },
  setValueFromCode: (ranking) => {
    ranking.responseRankings = [2, 1, 3];
  },
  expectedAnswer: { responseRankings: [2, 1, 3] },
  expectedFormValue: '{"responseRankings":[2,1,3]}',
});

describe('<crowd-ranking> ordering', () => {
  it('starts in the given order with no answer, until the worker keeps or changes it', async () => {
    const ranking = await render(html`<crowd-ranking name="q" header="Rank" items=${items}></crowd-ranking>`);
    expect(shown(ranking)).to.deep.equal(['Answer one', 'Answer two', 'Answer three']);
    expect(ranking.answerEntries()).to.deep.equal([]);
    await click(ranking.shadowRoot?.querySelector('[part="confirm"]') as HTMLElement);
    expect(ranking.answerEntries()).to.deep.equal([['q', { responseRankings: [1, 2, 3] }]]);
    await expect(ranking).to.be.accessible();
  });

  it('moves the focused item with Shift+arrows, keeps focus on it, and answers ranks in original order', async () => {
    const ranking = await render(html`<crowd-ranking name="q" header="Rank" items=${items}></crowd-ranking>`);
    ranking.focus();
    await sendKeys({ press: 'End' });
    await ranking.updateComplete;
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'ArrowUp' });
    await ranking.updateComplete;
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ up: 'Shift' });
    await ranking.updateComplete;
    expect(shown(ranking)).to.deep.equal(['Answer three', 'Answer one', 'Answer two']);
    expect(ranking.shadowRoot?.activeElement).to.equal(row(ranking, 2));
    const answer = ranking.answerEntries()[0]?.[1];
    expect(answer).to.deep.equal({ responseRankings: [2, 3, 1] });
    expect(validateCrowdRankingAnswer(answer).valid).to.equal(true);
    expect(ranking.shadowRoot?.querySelector('.live')?.textContent).to.equal('Answer three moved to position 1 of 3.');
  });

  it('reorders by dragging the handle with the pointer', async () => {
    const ranking = await render(html`<crowd-ranking name="q" header="Rank" items=${items}></crowd-ranking>`);
    const events = recordEvents(ranking);
    const handle = row(ranking, 0).querySelector('.handle') as HTMLElement;
    const [x, y] = center(handle);
    const last = row(ranking, 2).getBoundingClientRect();
    // Pointer events dispatched to the handle: a real drag would hold the browser's mouse, which
    // the test files running side by side share.
    const send = (type: string, clientY: number): void => {
      handle.dispatchEvent(new PointerEvent(type, { bubbles: true, composed: true, cancelable: true, pointerId: 1, button: 0, isPrimary: true, clientX: x, clientY }));
    };
    send('pointerdown', y);
    send('pointermove', Math.round(last.top + last.height * 0.75));
    await ranking.updateComplete;
    expect(row(ranking, 2).classList.contains('drop-after')).to.equal(true);
    send('pointerup', Math.round(last.top + last.height * 0.75));
    await ranking.updateComplete;
    expect(shown(ranking)).to.deep.equal(['Answer two', 'Answer three', 'Answer one']);
    expect(ranking.answerEntries()).to.deep.equal([['q', { responseRankings: [3, 1, 2] }]]);
    expect(events.change).to.equal(1);
  });

  it('ties with T or the button only when allow-ties is set; tied items share a dense rank', async () => {
    const plain = await render(html`<crowd-ranking name="q" header="Rank" items=${items}></crowd-ranking>`);
    row(plain, 1).focus();
    await sendKeys({ press: 't' });
    expect(plain.answerEntries()).to.deep.equal([]);
    expect(plain.shadowRoot?.querySelector('[part="tie"]')).to.equal(null);

    const ranking = await render(html`<crowd-ranking name="q" header="Rank" allow-ties items="['a', 'b', 'c', 'd']"></crowd-ranking>`);
    row(ranking, 1).focus();
    await sendKeys({ press: 't' });
    await ranking.updateComplete;
    expect(row(ranking, 1).getAttribute('aria-label')).to.equal('b, rank 1, tied with the item above');
    await click(row(ranking, 3).querySelector('[part="tie"]') as HTMLElement);
    const answer = ranking.answerEntries()[0]?.[1];
    expect(answer).to.deep.equal({ responseRankings: [1, 1, 2, 2] });
    expect(validateCrowdRankingAnswer(answer).valid).to.equal(true);
    await expect(ranking).to.be.accessible();
  });

  it('takes rankings from code, with ties, and refuses ones that do not fit the items', async () => {
    const ranking = await render(html`<crowd-ranking name="q" header="Rank" allow-ties items="['a', 'b', 'c']"></crowd-ranking>`);
    ranking.responseRankings = [2, 1, 2];
    await ranking.updateComplete;
    expect(shown(ranking)).to.deep.equal(['b', 'a', 'c']);
    expect(ranking.responseRankings).to.deep.equal([2, 1, 2]);
    const warnings = await captureWarnings(() => {
      ranking.responseRankings = [1, 2];
    });
    expect(warnings.some((warning) => warning.startsWith('[quorum:unknown-value]'))).to.equal(true);
    expect(ranking.answerEntries()).to.deep.equal([]);
  });

  it('submits through <crowd-form> and round-trips through value', async () => {
    const form = await mount<CrowdForm>(html`<crowd-form><crowd-ranking name="order" header="Rank" required items=${items}></crowd-ranking></crowd-form>`);
    const ranking = form.querySelector('crowd-ranking') as CrowdRanking;
    expect(form.validate()).to.equal(false);
    expect(ranking.validationMessage).to.contain('Keep this order');
    ranking.value = '{"responseRankings":[3,2,1]}';
    let submitted: unknown;
    form.addEventListener('crowd-submit', (event) => {
      submitted = event.detail.answer;
      event.preventDefault();
    });
    form.submit();
    expect(submitted).to.deep.equal({ order: { responseRankings: [3, 2, 1] } });
  });
});
