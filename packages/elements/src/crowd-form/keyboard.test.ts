import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import type { CrowdCheckbox } from '../crowd-checkbox/crowd-checkbox.js';
import type { CrowdSlider } from '../crowd-slider/crowd-slider.js';
import { defineElements } from '../define.js';
import { clickElement, pressWith } from '../internal/interaction.test.js';
import { mount, recordEvents } from '../internal/testing.test.js';
import type { CrowdForm, CrowdSubmitEvent } from './crowd-form.js';
import { DOUBLE_SUBMIT_MS } from './crowd-form.js';

defineElements();

afterEach(() => {
  document.getElementById('quorum-answer')?.remove();
  delete window.quorum;
});

function countSubmissions(crowdForm: CrowdForm): { answers: unknown[] } {
  const record = { answers: [] as unknown[] };
  crowdForm.addEventListener('crowd-submit', (event: CrowdSubmitEvent) => record.answers.push(event.detail.answer));
  return record;
}

const shortcutsDialog = (crowdForm: CrowdForm): HTMLDialogElement => crowdForm.shadowRoot!.querySelector('dialog')!;

describe('<crowd-form> double-submit guard', () => {
  it('submits once on a double click of the Submit button', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave><crowd-classifier name="q" header="Q" categories="['a', 'b']" value="a"></crowd-classifier></crowd-form>`);
    const submissions = countSubmissions(crowdForm);
    const button = crowdForm.querySelector('crowd-button[form-action="submit"]') as HTMLElement;
    button.scrollIntoView({ block: 'center' });
    const box = button.getBoundingClientRect();
    const position: [number, number] = [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)];
    await sendMouse({ type: 'click', position });
    await sendMouse({ type: 'click', position });
    expect(submissions.answers).to.deep.equal([{ q: { label: 'a' } }]);
  });

  it('submits again in preview once the double-click window has passed', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave><crowd-classifier name="q" header="Q" categories="['a', 'b']" value="a"></crowd-classifier></crowd-form>`);
    expect(crowdForm.submit()).to.equal(true);
    expect(crowdForm.submit()).to.equal(false);
    await new Promise((resolve) => setTimeout(resolve, DOUBLE_SUBMIT_MS + 50));
    expect(crowdForm.submit()).to.equal(true);
  });

  it('never posts twice', async () => {
    const page = await mount<HTMLElement>(html`<div></div>`);
    page.innerHTML = `<iframe name="double-sink" title="sink"></iframe>
      <crowd-form no-autosave action="/quorum-post-test" target="double-sink"><input type="hidden" name="h" value="1"></crowd-form>`;
    const crowdForm = page.querySelector('crowd-form') as CrowdForm;
    await crowdForm.updateComplete;
    let posts = 0;
    const count = (): number => posts++;
    document.addEventListener('formdata', count);
    try {
      expect(crowdForm.submit()).to.equal(true);
      expect(crowdForm.matches(':state(submitted)')).to.equal(true);
      await new Promise((resolve) => setTimeout(resolve, DOUBLE_SUBMIT_MS + 50));
      expect(crowdForm.submit()).to.equal(false);
    } finally {
      document.removeEventListener('formdata', count);
    }
    expect(posts).to.equal(1);
  });
});

describe('<crowd-form> Enter', () => {
  it('submits from any Quorum control when the answers are valid', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave>
      <crowd-checkbox name="ok">OK</crowd-checkbox>
      <crowd-slider name="s" min="0" max="4" value="2"></crowd-slider>
    </crowd-form>`);
    const submissions = countSubmissions(crowdForm);
    (crowdForm.querySelector('crowd-checkbox') as CrowdCheckbox).focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Enter' });
    expect(submissions.answers).to.deep.equal([{ ok: { on: true }, s: 2 }]);
  });

  it('does not submit while an answer is invalid: it shows the problem and focuses it', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave>
      <crowd-slider name="s" required></crowd-slider>
      <crowd-checkbox name="ok">OK</crowd-checkbox>
    </crowd-form>`);
    const submissions = countSubmissions(crowdForm);
    (crowdForm.querySelector('crowd-checkbox') as CrowdCheckbox).focus();
    await sendKeys({ press: 'Enter' });
    expect(submissions.answers).to.deep.equal([]);
    const slider = crowdForm.querySelector('crowd-slider') as CrowdSlider;
    await slider.updateComplete;
    expect(slider.matches(':state(user-invalid)')).to.equal(true);
    expect(slider.shadowRoot?.activeElement).to.not.equal(null);
  });
});

describe('<crowd-form> keyboard shortcuts overlay', () => {
  it('opens on ?, lists the form and control shortcuts, and closes on Esc', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave>
      <crowd-classifier name="q" header="Rate it" categories="['1', '2', '3']"></crowd-classifier>
    </crowd-form>`);
    const classifier = crowdForm.querySelector('crowd-classifier') as HTMLElement;
    classifier.focus();
    await pressWith(['Shift'], 'Slash');
    await crowdForm.updateComplete;
    const dialog = shortcutsDialog(crowdForm);
    expect(dialog.open).to.equal(true);
    const text = dialog.textContent ?? '';
    expect(text).to.contain('Ctrl+Z').and.contain('Enter').and.contain('1–3').and.contain('Rate it');
    await expect(dialog).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    expect(dialog.open).to.equal(false);
    expect(classifier.shadowRoot?.activeElement).to.not.equal(null);
  });

  it('is not opened by ? typed into a text field', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave><crowd-input name="t" label="Question"></crowd-input></crowd-form>`);
    (crowdForm.querySelector('crowd-input') as HTMLElement).focus();
    await sendKeys({ type: 'why?' });
    expect(shortcutsDialog(crowdForm).open).to.equal(false);
    expect(crowdForm.answer).to.deep.equal({ t: 'why?' });
  });

  it('closes with its Close button', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave></crowd-form>`);
    crowdForm.showShortcuts();
    await crowdForm.updateComplete;
    const dialog = shortcutsDialog(crowdForm);
    expect(dialog.open).to.equal(true);
    (dialog.querySelector('button') as HTMLButtonElement).click();
    expect(dialog.open).to.equal(false);
  });
});

describe('<crowd-form> with self-closing control tags', () => {
  it('keeps what follows <crowd-input … />, <crowd-slider … /> and <crowd-text-area … /> as their siblings', async () => {
    const page = await mount<HTMLElement>(html`<div></div>`);
    page.innerHTML = `<crowd-form no-autosave>
      <crowd-input name="a" label="A" value="x" />
      <crowd-slider name="s" value="3" />
      <crowd-text-area name="t" label="T" value="y" />
      <p id="after">Still visible</p>
    </crowd-form>`;
    const crowdForm = page.querySelector('crowd-form') as CrowdForm;
    await crowdForm.updateComplete;
    await Promise.resolve();
    const form = crowdForm.form!;
    expect([...form.children].map((child) => child.localName).filter((name) => name !== 'crowd-button')).to.deep.equal([
      'crowd-input',
      'crowd-slider',
      'crowd-text-area',
      'p',
    ]);
    expect((page.querySelector('#after') as HTMLElement).getBoundingClientRect().height).to.be.greaterThan(0);
    expect(crowdForm.answer).to.deep.equal({ a: 'x', s: 3, t: 'y' });
  });
});

describe('<crowd-form> digits anywhere on the page', () => {
  const focusPage = (): void => (document.activeElement as HTMLElement | null)?.blur();

  const classifierTask = html`<crowd-form no-autosave>
    <crowd-classifier name="q" header="How relevant?" categories="['1', '2', '3', '4', '5']">
      <classification-target><p id="text">The text being classified, long enough to click on.</p></classification-target>
    </crowd-classifier>
    <crowd-input name="note" label="Note"></crowd-input>
    <textarea name="native" aria-label="Native note"></textarea>
  </crowd-form>`;

  it('go to the only control that uses digits when focus is on the page, firing input and change', async () => {
    const crowdForm = await mount<CrowdForm>(classifierTask);
    const classifier = crowdForm.querySelector('crowd-classifier') as HTMLElement;
    const events = recordEvents(classifier);
    focusPage();
    await sendKeys({ press: '4' });
    expect(crowdForm.answer).to.deep.equal({ q: { label: '4' } });
    expect(events).to.include({ input: 1, change: 1 });
    expect(document.activeElement).to.equal(document.body);
  });

  it('go to it after a click on the text being classified', async () => {
    const crowdForm = await mount<CrowdForm>(classifierTask);
    await clickElement(crowdForm.querySelector('#text')!);
    await sendKeys({ press: '2' });
    expect(crowdForm.answer).to.deep.equal({ q: { label: '2' } });
  });

  it('type into a crowd-input or a native textarea as usual', async () => {
    const crowdForm = await mount<CrowdForm>(classifierTask);
    (crowdForm.querySelector('crowd-input') as HTMLElement).focus();
    await sendKeys({ type: '4' });
    (crowdForm.querySelector('textarea') as HTMLTextAreaElement).focus();
    await sendKeys({ type: '35' });
    const editable = document.createElement('div');
    editable.contentEditable = 'true';
    crowdForm.form!.append(editable);
    editable.focus();
    await sendKeys({ type: '2' });
    expect(editable.textContent).to.equal('2');
    expect(crowdForm.answer).to.deep.equal({ note: '4', native: '35' });
  });

  it('are left alone with Ctrl held, during IME composition and inside another control', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave>
      <crowd-classifier name="q" header="Q" categories="['a', 'b', 'c', 'd']"></crowd-classifier>
      <crowd-checkbox name="flag">Flag</crowd-checkbox>
    </crowd-form>`);
    focusPage();
    await pressWith(['Control'], 'Digit4');
    const composing = new KeyboardEvent('keydown', { key: '3', bubbles: true, cancelable: true, composed: true, isComposing: true });
    document.body.dispatchEvent(composing);
    expect(composing.defaultPrevented).to.equal(false);
    (crowdForm.querySelector('crowd-checkbox') as CrowdCheckbox).focus();
    await sendKeys({ press: '2' });
    expect(crowdForm.answer).to.deep.equal({ flag: { on: false } });
    // The same synthetic key without composition is routed, so the check above is not vacuous.
    focusPage();
    const plain = new KeyboardEvent('keydown', { key: '3', bubbles: true, cancelable: true, composed: true });
    document.body.dispatchEvent(plain);
    expect(plain.defaultPrevented).to.equal(true);
    expect(crowdForm.answer).to.deep.equal({ q: { label: 'c' }, flag: { on: false } });
  });

  it('yield to a page script that handled the key', async () => {
    const crowdForm = await mount<CrowdForm>(classifierTask);
    const pageHandler = (event: KeyboardEvent): void => {
      if (event.key === '4') event.preventDefault();
    };
    document.addEventListener('keydown', pageHandler);
    try {
      focusPage();
      await sendKeys({ press: '4' });
      await sendKeys({ press: '5' });
    } finally {
      document.removeEventListener('keydown', pageHandler);
    }
    expect(crowdForm.answer).to.deep.equal({ q: { label: '5' } });
  });

  it('are one undoable step, and undo takes it back', async () => {
    const crowdForm = await mount<CrowdForm>(classifierTask);
    focusPage();
    await sendKeys({ press: '1' });
    await sendKeys({ press: '3' });
    expect(crowdForm.answer).to.deep.equal({ q: { label: '3' } });
    await pressWith(['Control'], 'KeyZ');
    expect(crowdForm.answer).to.deep.equal({ q: { label: '1' } });
    await pressWith(['Control'], 'KeyZ');
    expect(crowdForm.answer).to.deep.equal({});
    await pressWith(['Control', 'Shift'], 'KeyZ');
    expect(crowdForm.answer).to.deep.equal({ q: { label: '1' } });
  });

  it('go nowhere when two controls use digits, and the ? overlay says so', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave>
      <crowd-classifier name="q" header="Q" categories="['a', 'b', 'c', 'd']"></crowd-classifier>
      <crowd-rating name="r" header="R"></crowd-rating>
    </crowd-form>`);
    focusPage();
    await sendKeys({ press: '4' });
    expect(crowdForm.answer).to.deep.equal({});
    await pressWith(['Shift'], 'Slash');
    await crowdForm.updateComplete;
    const text = shortcutsDialog(crowdForm).textContent ?? '';
    expect(text).to.contain('Digits').and.contain('click or Tab into one first').and.not.contain('anywhere on the page');
    await sendKeys({ press: 'Escape' });
    // Inside a control, its digits work as before.
    (crowdForm.querySelector('crowd-rating') as HTMLElement).focus();
    await sendKeys({ press: '4' });
    expect(crowdForm.answer).to.deep.equal({ r: { rating: 4 } });
  });

  it('go to the visible one when the other digit control is hidden', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave>
      <crowd-classifier name="q" header="Q" categories="['a', 'b', 'c', 'd']" hidden></crowd-classifier>
      <crowd-rating name="r" header="R"></crowd-rating>
    </crowd-form>`);
    focusPage();
    await sendKeys({ press: '4' });
    expect(crowdForm.answer).to.deep.equal({ r: { rating: 4 } });
  });

  it('are listed in the ? overlay as working anywhere on the page', async () => {
    const crowdForm = await mount<CrowdForm>(classifierTask);
    focusPage();
    await pressWith(['Shift'], 'Slash');
    await crowdForm.updateComplete;
    const dialog = shortcutsDialog(crowdForm);
    expect(dialog.open).to.equal(true);
    expect(dialog.textContent).to.contain('1–5').and.contain('anywhere on the page');
    // Digits do not reach the control while the overlay is open.
    await sendKeys({ press: '3' });
    await sendKeys({ press: 'Escape' });
    expect(crowdForm.answer).to.deep.equal({});
  });
});
