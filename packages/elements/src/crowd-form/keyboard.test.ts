import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import type { CrowdCheckbox } from '../crowd-checkbox/crowd-checkbox.js';
import type { CrowdSlider } from '../crowd-slider/crowd-slider.js';
import { defineElements } from '../define.js';
import { pressWith } from '../internal/interaction.test.js';
import { mount } from '../internal/testing.test.js';
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
