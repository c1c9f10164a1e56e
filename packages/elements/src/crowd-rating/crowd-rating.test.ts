import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdRatingAnswer } from '@quorum/schema';
import { CrowdButton } from '../crowd-button/crowd-button.js';
import { CrowdForm } from '../crowd-form/crowd-form.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { captureWarnings, mount, recordEvents } from '../internal/testing.test.js';
import { CrowdRating } from './crowd-rating.js';

for (const element of [CrowdForm, CrowdButton, CrowdRating]) if (!customElements.get(element.tagName)) customElements.define(element.tagName, element);

const radios = (rating: CrowdRating): HTMLElement[] => [...(rating.shadowRoot?.querySelectorAll<HTMLElement>('[role="radio"]') ?? [])];
const checked = (rating: CrowdRating): number => radios(rating).findIndex((radio) => radio.getAttribute('aria-checked') === 'true') + 1;
const textarea = (rating: CrowdRating): HTMLTextAreaElement => rating.shadowRoot?.querySelector('textarea') as HTMLTextAreaElement;

async function click(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
}

async function render(markup: ReturnType<typeof html>): Promise<CrowdRating> {
  const rating = await mount<CrowdRating>(markup);
  await rating.updateComplete;
  return rating;
}

runControlContract<CrowdRating>({
  tag: 'crowd-rating',
  template: ({ name, required, disabled }) =>
    html`<crowd-rating name=${ifDefined(name)} ?required=${required} ?disabled=${disabled} header="How helpful is the answer?"></crowd-rating>`,
  answerWithKeyboard: async () => {
    await sendKeys({ press: '4' });
  },
  answerWithPointer: async (rating) => {
    const radio = radios(rating)[3];
    if (radio) await click(radio);
  },
  setValueFromCode: (rating) => {
    rating.rating = 4;
  },
  expectedAnswer: { rating: 4 },
  expectedFormValue: '{"rating":4}',
  horizontalArrows: true,
});

describe('<crowd-rating> scale', () => {
  it('draws max stars, named "N stars", filled up to the chosen one', async () => {
    const rating = await render(html`<crowd-rating name="q" header="Q" max="7"></crowd-rating>`);
    expect(radios(rating)).to.have.length(7);
    expect(radios(rating).map((radio) => radio.getAttribute('aria-label'))[0]).to.equal('1 star');
    expect(radios(rating)[6]?.getAttribute('aria-label')).to.equal('7 stars');
    rating.rating = 3;
    await rating.updateComplete;
    expect(radios(rating).map((radio) => radio.classList.contains('filled'))).to.deep.equal([true, true, true, false, false, false, false]);
  });

  it('draws a numbered Likert scale with end labels that describe the group', async () => {
    const rating = await render(
      html`<crowd-rating name="q" header="The answer is accurate" variant="likert" low-label="Strongly disagree" high-label="Strongly agree"></crowd-rating>`,
    );
    expect(radios(rating).map((radio) => radio.textContent?.trim())).to.deep.equal(['1', '2', '3', '4', '5']);
    expect(radios(rating)[0]?.getAttribute('aria-label')).to.equal('1 (Strongly disagree)');
    expect(radios(rating)[4]?.getAttribute('aria-label')).to.equal('5 (Strongly agree)');
    const group = rating.shadowRoot?.querySelector('[role="radiogroup"]');
    expect(group?.getAttribute('aria-describedby')?.split(' ')).to.include.members(['low', 'high']);
    expect(rating.shadowRoot?.getElementById('low')?.textContent).to.equal('Strongly disagree');
    await expect(rating).to.be.accessible();
  });

  it('moves with arrows, Home and End, choosing as it goes, and wraps at the ends like a radio group', async () => {
    const rating = await render(html`<crowd-rating name="q" header="Q"></crowd-rating>`);
    const events = recordEvents(rating);
    rating.focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(rating.rating).to.equal(2);
    await sendKeys({ press: 'End' });
    expect(rating.rating).to.equal(5);
    await sendKeys({ press: 'ArrowRight' });
    expect(rating.rating).to.equal(1);
    await sendKeys({ press: 'ArrowLeft' });
    expect(rating.rating).to.equal(5);
    await sendKeys({ press: 'ArrowLeft' });
    expect(rating.rating).to.equal(4);
    await sendKeys({ press: 'Home' });
    await rating.updateComplete;
    expect(rating.rating).to.equal(1);
    expect(checked(rating)).to.equal(1);
    expect(rating.shadowRoot?.activeElement).to.equal(radios(rating)[0]);
    expect(events.change).to.equal(6);
  });

  it('mirrors the left and right arrows in right-to-left text', async () => {
    const rating = await render(html`<crowd-rating dir="rtl" name="q" header="Q"></crowd-rating>`);
    rating.rating = 3;
    await rating.updateComplete;
    rating.focus();
    await sendKeys({ press: 'ArrowLeft' });
    expect(rating.rating).to.equal(4);
  });

  it('takes 0 for the tenth point and ignores digits beyond max', async () => {
    const ten = await render(html`<crowd-rating name="q" header="Q" max="10" variant="likert"></crowd-rating>`);
    ten.focus();
    await sendKeys({ press: '0' });
    expect(ten.rating).to.equal(10);
    const three = await render(html`<crowd-rating name="q" header="Q" max="3"></crowd-rating>`);
    three.focus();
    await sendKeys({ press: '5' });
    expect(three.rating).to.equal(0);
  });

  it('warns [quorum:invalid-max] for a max outside 2–10 and falls back to 5', async () => {
    let rating!: CrowdRating;
    const warnings = await captureWarnings(async () => {
      rating = await render(html`<crowd-rating name="q" header="Q" max="50"></crowd-rating>`);
    });
    expect(warnings.some((warning) => warning.startsWith('[quorum:invalid-max]') && warning.includes('max="50"'))).to.equal(true);
    expect(radios(rating)).to.have.length(5);
  });

  it('gives no answer for a rating outside the scale set from code, and warns', async () => {
    let rating!: CrowdRating;
    const warnings = await captureWarnings(async () => {
      rating = await render(html`<crowd-rating name="q" header="Q"></crowd-rating>`);
      rating.rating = 9;
      await rating.updateComplete;
    });
    expect(rating.answerEntries()).to.deep.equal([]);
    expect(warnings.some((warning) => warning.startsWith('[quorum:unknown-value]'))).to.equal(true);
  });
});

describe('<crowd-rating> comment', () => {
  const template = html`<crowd-rating name="q" header="Q" comment-threshold="2"></crowd-rating>`;

  it('has no comment box unless allow-comment or comment-threshold is set', async () => {
    const plain = await render(html`<crowd-rating name="q" header="Q"></crowd-rating>`);
    expect(textarea(plain).closest('label')?.hidden).to.equal(true);
    const optional = await render(html`<crowd-rating name="q" header="Q" allow-comment comment-label="Why?"></crowd-rating>`);
    expect(textarea(optional).closest('label')?.hidden).to.equal(false);
    expect(textarea(optional).closest('label')?.textContent).to.contain('Why?');
  });

  it('requires a comment at or below the threshold, pointing at the comment box', async () => {
    const rating = await render(template);
    rating.focus();
    await sendKeys({ press: '2' });
    await rating.updateComplete;
    expect(rating.checkValidity()).to.equal(false);
    expect(rating.validationMessage).to.equal('Please explain a rating of 2 or less in the comment.');
    expect(rating.shadowRoot?.querySelector('.error')?.textContent).to.equal(rating.validationMessage);
    expect(textarea(rating).getAttribute('aria-invalid')).to.equal('true');
    expect(textarea(rating).required).to.equal(true);
    textarea(rating).focus();
    await sendKeys({ type: 'Too vague' });
    expect(rating.checkValidity()).to.equal(true);
    expect(rating.answerEntries()).to.deep.equal([['q', { rating: 2, comment: 'Too vague' }]]);
    await expect(rating).to.be.accessible();
  });

  it('does not require the comment above the threshold, and leaves an empty or blank comment out', async () => {
    const rating = await render(template);
    rating.focus();
    await sendKeys({ press: '3' });
    expect(rating.checkValidity()).to.equal(true);
    rating.comment = '   ';
    expect(rating.answerEntries()).to.deep.equal([['q', { rating: 3 }]]);
  });

  it('does not fire change for each typed character, only when the comment is committed', async () => {
    const rating = await render(template);
    rating.rating = 1;
    await rating.updateComplete;
    const events = recordEvents(rating);
    textarea(rating).focus();
    await sendKeys({ type: 'abc' });
    expect(events.change).to.equal(0);
    expect(events.input).to.be.greaterThan(0);
    await sendKeys({ press: 'Tab' });
    expect(events.change).to.equal(1);
    expect(rating.value).to.equal('{"rating":1,"comment":"abc"}');
  });

  it('keeps digits typed in the comment as text', async () => {
    const rating = await render(template);
    rating.rating = 4;
    await rating.updateComplete;
    textarea(rating).focus();
    await sendKeys({ type: '12' });
    expect(rating.rating).to.equal(4);
    expect(rating.comment).to.equal('12');
  });

  it('round-trips the whole answer through value (JSON) and the form state', async () => {
    const rating = await render(template);
    rating.value = '{"rating":1,"comment":"Wrong year"}';
    await rating.updateComplete;
    expect(checked(rating)).to.equal(1);
    expect(textarea(rating).value).to.equal('Wrong year');
    const copy = await render(html`<crowd-rating name="q" header="Q" comment-threshold="2"></crowd-rating>`);
    copy.formStateRestoreCallback(rating.value);
    expect(copy.answerEntries()).to.deep.equal([['q', { rating: 1, comment: 'Wrong year' }]]);
    copy.value = 'not json';
    expect(copy.answerEntries()).to.deep.equal([]);
  });

  it('submits through <crowd-form> an answer that the JSON Schema accepts', async () => {
    const form = await mount<CrowdForm>(html`<crowd-form><crowd-rating name="helpfulness" header="Q" comment-threshold="2"></crowd-rating></crowd-form>`);
    const rating = form.querySelector('crowd-rating') as CrowdRating;
    rating.focus();
    await sendKeys({ press: '1' });
    expect(form.validate()).to.equal(false);
    expect(rating.shadowRoot?.activeElement).to.equal(textarea(rating));
    await sendKeys({ type: 'Made up a source' });
    let submitted: unknown;
    form.addEventListener('crowd-submit', (event) => {
      submitted = event.detail.answer;
      event.preventDefault();
    });
    expect(form.submit()).to.equal(false);
    expect(submitted).to.deep.equal({ helpfulness: { rating: 1, comment: 'Made up a source' } });
    const result = validateCrowdRatingAnswer((submitted as { helpfulness: unknown }).helpfulness);
    expect(result.valid, JSON.stringify(result)).to.equal(true);
    expect(validateCrowdRatingAnswer({ rating: 0 }).valid).to.equal(false);
  });
});

describe('<crowd-rating> digits routed by <crowd-form>', () => {
  it('rates with a digit pressed with focus on the page, firing input and change, focus unmoved', async () => {
    const form = await mount<CrowdForm>(html`<crowd-form no-autosave><crowd-rating name="r" header="Helpful?" max="7"></crowd-rating></crowd-form>`);
    const rating = form.querySelector('crowd-rating') as CrowdRating;
    const events = recordEvents(rating);
    (document.activeElement as HTMLElement | null)?.blur();
    await sendKeys({ press: '6' });
    await sendKeys({ press: '8' });
    await rating.updateComplete;
    expect(form.answer).to.deep.equal({ r: { rating: 6 } });
    expect(checked(rating)).to.equal(6);
    expect(events).to.include({ input: 1, change: 1 });
    expect(document.activeElement).to.equal(document.body);
    expect(rating.keyboardShortcuts[0]?.routedKeys).to.deep.equal(['1', '2', '3', '4', '5', '6', '7']);
  });
});
