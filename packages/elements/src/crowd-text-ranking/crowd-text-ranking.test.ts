import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdTextRankingAnswer } from '@quorum/schema';
import { CrowdButton } from '../crowd-button/crowd-button.js';
import { CrowdForm } from '../crowd-form/crowd-form.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { mountInDirection } from '../internal/rtl.test.js';
import { captureWarnings, mount, recordEvents } from '../internal/testing.test.js';
import { CrowdTextRanking, parseRankingDimensions } from './crowd-text-ranking.js';

for (const element of [CrowdForm, CrowdButton, CrowdTextRanking]) if (!customElements.get(element.tagName)) customElements.define(element.tagName, element);

const option = (ranking: CrowdTextRanking, dimension: number, response: number, rank: number): HTMLElement =>
  ranking.shadowRoot?.querySelector(`#g${dimension}-${response} [data-index="${rank - 1}"]`) as HTMLElement;

async function click(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
}

async function render(markup: ReturnType<typeof html>): Promise<CrowdTextRanking> {
  const ranking = await mount<CrowdTextRanking>(markup);
  await ranking.updateComplete;
  return ranking;
}

// Ground Truth's own example (Crowd HTML Elements V2 reference), with shorter responses.
const gtExample = html`<crowd-text-ranking
  name="textRanking"
  ordinal-ranking-dimensions='[{"name":"Clarity","allowTie":true},{"name":"Inclusivity","allowTie":false}]'
  text="Explain why you can see yourself in a mirror at a level that a 16 year old can understand."
  responses='["Light reflects off you, then off the mirror, into your eyes.","Photons interact with the reflective surface.","Your brain sees the light the mirror sends back."]'
></crowd-text-ranking>`;

runControlContract<CrowdTextRanking>({
  tag: 'crowd-text-ranking',
  template: ({ name, required, disabled }) =>
    html`<crowd-text-ranking
      name=${ifDefined(name)}
      ?required=${required}
      ?disabled=${disabled}
      text="Which answer is clearer?"
      responses="['Answer one', 'Answer two']"
      ordinal-ranking-dimensions="[{ name: 'Clarity', allowTie: false }]"
    ></crowd-text-ranking>`,
  answerWithKeyboard: async () => {
    await sendKeys({ press: 'Space' });
  },
  answerWithPointer: async (ranking) => {
    await click(option(ranking, 0, 0, 1));
  },
  setValueFromCode: (ranking) => {
    ranking.value = '{"ordinalRankingDimensions":[{"responseRankings":[1,2]}]}';
  },
  expectedAnswer: { ordinalRankingDimensions: [{ name: 'Clarity', responseRankings: [1, 2] }] },
  expectedFormValue: '{"ordinalRankingDimensions":[{"name":"Clarity","responseRankings":[1,2]}]}',
});

describe('<crowd-text-ranking>', () => {
  it("renders Ground Truth's example and answers per dimension, in the responses' original order", async () => {
    const ranking = await render(gtExample);
    expect(ranking.shadowRoot?.querySelector('[part="header"]')?.textContent).to.contain('mirror');
    expect(ranking.shadowRoot?.querySelectorAll('[part="response"]')).to.have.length(3);
    expect(ranking.shadowRoot?.querySelector('#d0')?.textContent).to.contain('Clarity').and.contain('ties allowed');
    ranking.focus();
    // Clarity allows ties: responses 1 and 3 share rank 1.
    await sendKeys({ press: '1' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: '2' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: '1' });
    // Inclusivity allows none: 3, then 1; the last response takes the free rank 2.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: '3' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: '1' });
    await ranking.updateComplete;
    const answer = ranking.answerEntries()[0]?.[1];
    expect(answer).to.deep.equal({
      ordinalRankingDimensions: [
        { name: 'Clarity', responseRankings: [1, 2, 1] },
        { name: 'Inclusivity', responseRankings: [3, 1, 2] },
      ],
    });
    expect(validateCrowdTextRankingAnswer(answer).valid).to.equal(true);
    expect(ranking.checkValidity()).to.equal(true);
    await expect(ranking).to.be.accessible();
  });

  it('moves along the ranks with Left and Right in the visual direction (Left is the next rank in right-to-left)', async () => {
    const rankAfter = async (dir: 'ltr' | 'rtl', key: string): Promise<string> => {
      const ranking = await mountInDirection<CrowdTextRanking>(gtExample, dir);
      ranking.focus();
      await sendKeys({ press: key });
      await ranking.updateComplete;
      return ranking.shadowRoot?.activeElement?.textContent?.trim() ?? '';
    };
    expect(await rankAfter('ltr', 'ArrowRight')).to.equal('2');
    expect(await rankAfter('rtl', 'ArrowLeft')).to.equal('2');
    expect(await rankAfter('ltr', 'ArrowLeft')).to.equal('3');
    expect(await rankAfter('rtl', 'ArrowRight')).to.equal('3');
  });

  it('swaps ranks on a dimension without ties, and announces it', async () => {
    const ranking = await render(gtExample);
    ranking.value = JSON.stringify({ ordinalRankingDimensions: [{ responseRankings: [1, 1, 1] }, { responseRankings: [1, 2, 3] }] });
    await ranking.updateComplete;
    const events = recordEvents(ranking);
    await click(option(ranking, 1, 2, 1));
    await ranking.updateComplete;
    expect(ranking.answerEntries()[0]?.[1]).to.deep.equal({
      ordinalRankingDimensions: [
        { name: 'Clarity', responseRankings: [1, 1, 1] },
        { name: 'Inclusivity', responseRankings: [3, 2, 1] },
      ],
    });
    expect(events).to.include({ input: 1, change: 1 });
    expect(ranking.shadowRoot?.querySelector('.live')?.textContent).to.equal('Inclusivity: response 3 ranked 1; response 1 now ranked 3.');
  });

  it('is invalid while partly ranked, naming the dimension, and keeps the partial state for undo and drafts', async () => {
    const ranking = await render(gtExample);
    await click(option(ranking, 0, 1, 2));
    await ranking.updateComplete;
    expect(ranking.answerEntries()).to.deep.equal([]);
    expect(ranking.checkValidity()).to.equal(false);
    expect(ranking.validationMessage).to.equal('Please rank every response for Clarity.');
    expect(ranking.shadowRoot?.querySelector('[part="error"]')?.textContent).to.equal('Please rank every response for Clarity.');
    const partial = ranking.captureState();
    expect(JSON.parse(partial ?? 'null')).to.deep.equal({ ordinalRankingDimensions: [{ responseRankings: [0, 2, 0] }, { responseRankings: [0, 0, 0] }] });
    ranking.restoreState(null);
    expect(ranking.checkValidity()).to.equal(true);
    ranking.restoreState(partial);
    await ranking.updateComplete;
    expect(option(ranking, 0, 1, 2).getAttribute('aria-checked')).to.equal('true');
    await expect(ranking).to.be.accessible();
  });

  it('refuses tied ranks set from code on a dimension without ties', async () => {
    const ranking = await render(gtExample);
    ranking.value = JSON.stringify({ ordinalRankingDimensions: [{ responseRankings: [1, 2, 3] }, { responseRankings: [1, 1, 2] }] });
    expect(ranking.checkValidity()).to.equal(false);
    expect(ranking.validationMessage).to.equal('Inclusivity allows no ties: give each response its own rank.');
  });

  it('warns about rankings that do not fit and about malformed attributes', async () => {
    const ranking = await render(gtExample);
    const warnings = await captureWarnings(() => {
      ranking.value = '{"ordinalRankingDimensions":[{"responseRankings":[1,2]}]}';
    });
    expect(warnings.some((warning) => warning.startsWith('[quorum:unknown-value]'))).to.equal(true);
    expect(ranking.answerEntries()).to.deep.equal([]);
    const badWarnings = await captureWarnings(async () => {
      await render(html`<crowd-text-ranking name="x" responses="['a', 'b']" ordinal-ranking-dimensions="[{ nom: 'x' }]"></crowd-text-ranking>`);
    });
    expect(badWarnings.some((warning) => warning.startsWith('[quorum:invalid-ordinal-ranking-dimensions]') && warning.includes('item 0'))).to.equal(true);
  });

  it('parses dimensions given as JavaScript literals, strings or objects', () => {
    expect(parseRankingDimensions("['Clarity', { name: 'Accuracy', allowTie: 'true' }]")).to.deep.equal([
      { name: 'Clarity', allowTie: false },
      { name: 'Accuracy', allowTie: true },
    ]);
    expect(() => parseRankingDimensions('{ name: "x" }')).to.throw(/expected an array/);
  });

  it('submits through <crowd-form>, refusing a half-ranked task', async () => {
    const form = await mount<CrowdForm>(html`<crowd-form no-autosave>${gtExample}</crowd-form>`);
    const ranking = form.querySelector('crowd-text-ranking') as CrowdTextRanking;
    await ranking.updateComplete;
    expect(form.validate()).to.equal(true);
    await click(option(ranking, 0, 0, 1));
    expect(form.validate()).to.equal(false);
    ranking.value = JSON.stringify({ ordinalRankingDimensions: [{ responseRankings: [2, 1, 2] }, { responseRankings: [2, 1, 3] }] });
    let submitted: unknown;
    form.addEventListener('crowd-submit', (event) => {
      submitted = event.detail.answer;
      event.preventDefault();
    });
    form.submit();
    expect(submitted).to.deep.equal({
      textRanking: {
        ordinalRankingDimensions: [
          { name: 'Clarity', responseRankings: [2, 1, 2] },
          { name: 'Inclusivity', responseRankings: [2, 1, 3] },
        ],
      },
    });
  });

  it("submits through the hidden form named by crowd-form-element-id, its answer where AWS's notebook reads it", async () => {
    // The shape of AWS's text-ranking notebook template: the element first, unnamed, then the hidden form.
    let root!: HTMLElement;
    const warnings = await captureWarnings(async () => {
      root = await mount<HTMLElement>(html`<div>
        <crowd-text-ranking
          crowd-form-element-id="crowd-form-submit"
          instructions="Rank the responses by their accuracy and clarity."
          ordinal-ranking-dimensions='[{"name":"Accuracy","allowTie":true},{"name":"Clarity","allowTie":true}]'
          text="Why is the sky blue?"
          responses='["Rayleigh scattering.","Because it reflects the sea."]'
        ></crowd-text-ranking>
        <crowd-form id="crowd-form-submit" style="display: none" no-autosave></crowd-form>
      </div>`);
      await new Promise((resolve) => setTimeout(resolve));
    });
    expect(warnings.filter((warning) => warning.startsWith('[quorum:'))).to.deep.equal([]);
    const ranking = root.querySelector('crowd-text-ranking') as CrowdTextRanking;
    const form = root.querySelector('crowd-form') as CrowdForm;
    expect(ranking.shadowRoot?.querySelector('[part="instructions"]')?.textContent).to.equal('Rank the responses by their accuracy and clarity.');
    let submitted: Record<string, unknown> | undefined;
    form.addEventListener('crowd-submit', (event) => {
      submitted = event.detail.answer;
      event.preventDefault();
    });
    const submit = ranking.shadowRoot?.querySelector('[part="submit"]') as HTMLElement;
    await click(option(ranking, 0, 0, 1));
    await click(option(ranking, 0, 1, 2));
    await click(submit);
    expect(submitted, 'half ranked').to.equal(undefined);
    await click(option(ranking, 1, 0, 1));
    await click(option(ranking, 1, 1, 2));
    await click(submit);
    const answerContent = submitted as { ordinalRankingDimensions: { responseRankings: number[] }[] };
    expect(answerContent.ordinalRankingDimensions.map((dimension) => dimension.responseRankings)).to.deep.equal([
      [1, 2],
      [1, 2],
    ]);
    expect(Object.keys(answerContent)).to.deep.equal(['ordinalRankingDimensions']);
    expect(validateCrowdTextRankingAnswer(answerContent).valid).to.equal(true);
    await expect(ranking).to.be.accessible();
  });
});
