import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { validateCrowdChatTranscriptAnswer } from '@quorum/schema';
import { CrowdButton } from '../crowd-button/crowd-button.js';
import { CrowdForm } from '../crowd-form/crowd-form.js';
import { runControlContract } from '../internal/control-contract.test.js';
import { captureWarnings, mount, recordEvents } from '../internal/testing.test.js';
import { CrowdChatTranscript } from './crowd-chat-transcript.js';

for (const element of [CrowdForm, CrowdButton, CrowdChatTranscript]) if (!customElements.get(element.tagName)) customElements.define(element.tagName, element);

const turns = JSON.stringify([
  { role: 'user', content: 'When did Apollo 11 land?' },
  { role: 'assistant', content: 'Apollo 11 landed on **July 21, 1969**.' },
  { role: 'user', content: 'Are you sure?' },
  { role: 'assistant', content: 'Yes.' },
]);

const reason = (transcript: CrowdChatTranscript, turn: number, index: number): HTMLElement =>
  transcript.shadowRoot?.querySelector(`#reasons-${turn} [data-index="${index}"]`) as HTMLElement;
const turnItems = (transcript: CrowdChatTranscript): HTMLElement[] => [...(transcript.shadowRoot?.querySelectorAll<HTMLElement>('li.turn') ?? [])];

async function click(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
}

async function render(markup: ReturnType<typeof html>): Promise<CrowdChatTranscript> {
  const transcript = await mount<CrowdChatTranscript>(markup);
  await transcript.updateComplete;
  return transcript;
}

runControlContract<CrowdChatTranscript>({
  tag: 'crowd-chat-transcript',
  template: ({ name, required, disabled }) =>
    html`<crowd-chat-transcript name=${ifDefined(name)} ?required=${required} ?disabled=${disabled} header="Review the conversation" turns=${turns}></crowd-chat-transcript>`,
  answerWithKeyboard: async () => {
    await sendKeys({ press: '1' });
  },
  answerWithPointer: async (transcript) => {
    await click(reason(transcript, 0, 0));
  },
  setValueFromCode: (transcript) => {
    transcript.setFlag(0, 'Inaccurate');
  },
  expectedAnswer: { flags: [{ turn: 0, role: 'user', reason: 'Inaccurate' }] },
  expectedFormValue: '{"flags":[{"turn":0,"role":"user","reason":"Inaccurate"}]}',
  horizontalArrows: true,
});

describe('<crowd-chat-transcript> conversation', () => {
  it('shows each turn with its role, formatting Markdown emphasis, lists and code', async () => {
    const transcript = await render(
      html`<crowd-chat-transcript
        name="q"
        header="Review"
        turns=${JSON.stringify([
          { role: 'user', content: 'Steps?' },
          { role: 'assistant', content: 'Do this:\n\n1. Run `npm test`\n2. Read *all* output\n\n```sh\necho <b>hi</b>\n```\nDone __now__.' },
        ])}
      ></crowd-chat-transcript>`,
    );
    const [user, assistant] = turnItems(transcript);
    expect(user?.querySelector('.role')?.textContent).to.contain('User');
    expect(assistant?.querySelector('.text ol')?.children).to.have.length(2);
    expect(assistant?.querySelector('.text ol code')?.textContent).to.equal('npm test');
    expect(assistant?.querySelector('.text ol em')?.textContent).to.equal('all');
    expect(assistant?.querySelector('.text pre code')?.textContent).to.equal('echo <b>hi</b>');
    expect(assistant?.querySelector('.text b')).to.equal(null);
    expect(assistant?.querySelector('.text strong')?.textContent).to.equal('now');
    await expect(transcript).to.be.accessible();
  });

  it('never turns turn text into HTML', async () => {
    const hostile = '<img src=x onerror="window.__pwned = true"><script>window.__pwned = true</script>**<i>bold</i>**';
    const transcript = await render(html`<crowd-chat-transcript name="q" header="R" .turns=${[{ role: 'assistant', content: hostile }]}></crowd-chat-transcript>`);
    const text = turnItems(transcript)[0]?.querySelector('.text') as HTMLElement;
    expect(text.querySelector('img, script, i')).to.equal(null);
    expect(text.textContent).to.contain('<img src=x');
    expect(text.querySelector('strong')?.textContent).to.equal('<i>bold</i>');
    expect((window as { __pwned?: boolean }).__pwned).to.equal(undefined);
  });

  it('reads turns written as a JavaScript literal with text keys, and warns on a malformed one', async () => {
    const transcript = await render(html`<crowd-chat-transcript name="q" header="R" turns="[{ role: 'user', text: 'Hi' }, { role: 'assistant', content: 'Hello!' },]"></crowd-chat-transcript>`);
    expect(transcript.turns).to.deep.equal([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
    ]);
    const warnings = await captureWarnings(async () => {
      await render(html`<crowd-chat-transcript name="q" header="R" turns="[{ role: 'user' }]"></crowd-chat-transcript>`);
    });
    expect(warnings.some((warning) => warning.startsWith('[quorum:invalid-turns]') && warning.includes('turn 0'))).to.equal(true);
  });

  it('offers flags only on the roles in flag-roles', async () => {
    const transcript = await render(html`<crowd-chat-transcript name="q" header="R" flag-roles="assistant" turns=${turns}></crowd-chat-transcript>`);
    expect(turnItems(transcript).map((item) => item.querySelector('[role="radiogroup"]') !== null)).to.deep.equal([false, true, false, true]);
  });
});

describe('<crowd-chat-transcript> review', () => {
  it('flags turns with a reason and a comment, clears a flag, and writes a corrected reply', async () => {
    const transcript = await render(html`<crowd-chat-transcript name="q" header="R" turns=${turns} reasons="['Wrong fact', 'Evasive']"></crowd-chat-transcript>`);
    const events = recordEvents(transcript);
    await click(reason(transcript, 1, 0));
    await transcript.updateComplete;
    expect(turnItems(transcript)[1]?.classList.contains('flagged')).to.equal(true);
    turnItems(transcript)[1]?.querySelector('textarea')?.focus();
    await sendKeys({ type: 'Landing was July 20' });
    reason(transcript, 3, 0).focus();
    await sendKeys({ press: '2' });
    await transcript.updateComplete;
    await click(turnItems(transcript)[3]?.querySelector('button.clear') as HTMLElement);
    await transcript.updateComplete;
    expect(transcript.shadowRoot?.activeElement).to.equal(reason(transcript, 3, 0));
    (transcript.shadowRoot?.querySelector('textarea.correction') as HTMLTextAreaElement).focus();
    await sendKeys({ type: 'Apollo 11 landed on July 20, 1969.' });
    await sendKeys({ press: 'Tab' });
    const answer = transcript.answerEntries()[0]?.[1];
    expect(answer).to.deep.equal({
      flags: [{ turn: 1, role: 'assistant', reason: 'Wrong fact', comment: 'Landing was July 20' }],
      correctedReply: 'Apollo 11 landed on July 20, 1969.',
    });
    const result = validateCrowdChatTranscriptAnswer(answer);
    expect(result.valid, JSON.stringify(result)).to.equal(true);
    expect(events.change).to.be.greaterThanOrEqual(4);
  });

  it('when required, a corrected reply alone is an answer', async () => {
    const transcript = await render(html`<crowd-chat-transcript name="q" header="R" required turns=${turns}></crowd-chat-transcript>`);
    expect(transcript.validationMessage).to.equal('Please flag a turn or write a corrected reply.');
    transcript.correctedReply = 'Better reply';
    expect(transcript.checkValidity()).to.equal(true);
    expect(transcript.answerEntries()).to.deep.equal([['q', { flags: [], correctedReply: 'Better reply' }]]);
  });

  it('round-trips through value and submits through <crowd-form>', async () => {
    const form = await mount<CrowdForm>(html`<crowd-form><crowd-chat-transcript name="review" header="R" turns=${turns}></crowd-chat-transcript></crowd-form>`);
    const transcript = form.querySelector('crowd-chat-transcript') as CrowdChatTranscript;
    transcript.value = '{"flags":[{"turn":3,"role":"assistant","reason":"Unhelpful","comment":"Says nothing"}]}';
    await transcript.updateComplete;
    expect(turnItems(transcript)[3]?.querySelector('textarea')?.value).to.equal('Says nothing');
    let submitted: unknown;
    form.addEventListener('crowd-submit', (event) => {
      submitted = event.detail.answer;
      event.preventDefault();
    });
    form.submit();
    expect(submitted).to.deep.equal({ review: { flags: [{ turn: 3, role: 'assistant', reason: 'Unhelpful', comment: 'Says nothing' }] } });
  });
});
