import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import type { CrowdInput } from '../crowd-input/crowd-input.js';
import { defineElements } from '../define.js';
import { captureWarnings, mount } from '../internal/testing.test.js';
import { DRAFT_SAVE_DELAY_MS, type CrowdForm } from './crowd-form.js';
import { DRAFT_VERSION, draftStorageKey, parseDraft } from './drafts.js';

defineElements();

afterEach(() => {
  sessionStorage.clear();
  document.getElementById('quorum-answer')?.remove();
});

/** A draft as an earlier load of the page would have stored it. */
function storeDraft(taskKey: string, fields: Record<string, string | null>, version: number = DRAFT_VERSION): void {
  sessionStorage.setItem(draftStorageKey(taskKey), JSON.stringify({ version, savedAt: Date.now(), page: 'an earlier load', fields }));
}

/** Waits until a change has been written (drafts are written shortly after the last change). */
const saved = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, DRAFT_SAVE_DELAY_MS + 50));

async function mountForm(taskKey: string): Promise<CrowdForm> {
  const crowdForm = await mount<CrowdForm>(html`<crowd-form task-key=${taskKey}>
    <crowd-classifier name="relevance" header="Q" categories="['1', '2', '3']"></crowd-classifier>
    <crowd-input name="note" label="Note"></crowd-input>
    <input type="checkbox" name="flag" value="spam" aria-label="Spam" />
  </crowd-form>`);
  await crowdForm.draftRestored;
  return crowdForm;
}

describe('<crowd-form> drafts', () => {
  it('saves every field to sessionStorage under the page URL and task-key as the worker changes them', async () => {
    const crowdForm = await mountForm('task-1');
    (crowdForm.querySelector('crowd-classifier') as HTMLElement).focus();
    await sendKeys({ press: '2' });
    (crowdForm.querySelector('crowd-input') as CrowdInput).focus();
    await sendKeys({ type: 'ok' });
    expect(sessionStorage.getItem(draftStorageKey('task-1'))).to.equal(null);
    await saved();
    const stored = sessionStorage.getItem(draftStorageKey('task-1'));
    expect(draftStorageKey('task-1')).to.contain(location.pathname).and.contain('task-1');
    const draft = parseDraft(stored ?? '');
    expect(draft.ok).to.equal(true);
    if (!draft.ok) return;
    expect(Object.fromEntries(draft.fields)).to.deep.equal({ 'crowd-classifier|relevance|': '2', 'crowd-input|note|': 'ok', 'input|flag|spam': null });
  });

  it("restores a draft of an earlier page load once the controls have rendered; undo does not go past it", async () => {
    storeDraft('task-2', { 'crowd-classifier|relevance|': '3', 'crowd-input|note|': 'kept', 'input|flag|spam': 'checked' });
    const crowdForm = await mountForm('task-2');
    expect(await crowdForm.draftRestored).to.equal(true);
    expect(crowdForm.answer).to.deep.equal({ relevance: { label: '3' }, note: 'kept', flag: { spam: true } });
    const input = crowdForm.querySelector('crowd-input') as CrowdInput;
    await input.updateComplete;
    expect(input.shadowRoot?.querySelector('input')?.value).to.equal('kept');
    expect(crowdForm.canUndo).to.equal(false);
  });

  it('does not restore a draft saved by this same page load (a form rendered again)', async () => {
    const first = await mountForm('task-3');
    (first.querySelector('crowd-classifier') as HTMLElement).focus();
    await sendKeys({ press: '1' });
    first.remove();
    const second = await mountForm('task-3');
    expect(await second.draftRestored).to.equal(false);
    expect(second.answer).to.deep.equal({ flag: { spam: false } });
  });

  for (const [what, text] of [
    ['not JSON', '{"version": 1, "fields": '],
    ['the wrong shape', '{"version": 1, "fields": {"crowd-input|note|": 42}}'],
    ['an array', '[1, 2]'],
  ] as const) {
    it(`ignores and removes a draft that is ${what}, warning [quorum:corrupt-draft]`, async () => {
      sessionStorage.setItem(draftStorageKey('task-4'), text);
      let crowdForm!: CrowdForm;
      const warnings = await captureWarnings(async () => {
        crowdForm = await mountForm('task-4');
      });
      expect(warnings.some((warning) => warning.startsWith('[quorum:corrupt-draft]'))).to.equal(true);
      expect(crowdForm.answer).to.deep.equal({ flag: { spam: false } });
      expect(sessionStorage.getItem(draftStorageKey('task-4'))).to.equal(null);
    });
  }

  it('ignores a draft of another format version', async () => {
    storeDraft('task-5', { 'crowd-input|note|': 'old' }, DRAFT_VERSION + 1);
    const crowdForm = await mountForm('task-5');
    expect(crowdForm.answer).to.deep.equal({ flag: { spam: false } });
  });

  it('ignores fields the draft has but the form does not, and keeps the others', async () => {
    storeDraft('task-6', { 'crowd-input|gone|': 'x', 'crowd-input|note|': 'here' });
    const crowdForm = await mountForm('task-6');
    expect(crowdForm.answer).to.deep.equal({ note: 'here', flag: { spam: false } });
  });

  it('deletes the draft when the answer is submitted', async () => {
    const crowdForm = await mountForm('task-7');
    (crowdForm.querySelector('crowd-classifier') as HTMLElement).focus();
    await sendKeys({ press: '2' });
    await saved();
    expect(sessionStorage.getItem(draftStorageKey('task-7'))).to.not.equal(null);
    expect(crowdForm.submit()).to.equal(true);
    expect(sessionStorage.getItem(draftStorageKey('task-7'))).to.equal(null);
  });

  it('saves nothing with no-autosave', async () => {
    const crowdForm = await mount<CrowdForm>(html`<crowd-form no-autosave task-key="task-8"><crowd-input name="t" label="T"></crowd-input></crowd-form>`);
    (crowdForm.querySelector('crowd-input') as CrowdInput).focus();
    await sendKeys({ type: 'x' });
    await saved();
    expect(sessionStorage.length).to.equal(0);
  });

  it('keys drafts by the rendered task when there is no task-key, so two tasks at one URL keep apart', async () => {
    const one = await mount<CrowdForm>(html`<crowd-form><p>Task A</p><crowd-input name="t" label="T"></crowd-input></crowd-form>`);
    (one.querySelector('crowd-input') as CrowdInput).focus();
    await sendKeys({ type: 'a' });
    const two = await mount<CrowdForm>(html`<crowd-form><p>Task B</p><crowd-input name="t" label="T"></crowd-input></crowd-form>`);
    (two.querySelector('crowd-input') as CrowdInput).focus();
    await sendKeys({ type: 'b' });
    await saved();
    expect(sessionStorage.length).to.equal(2);
  });

  it('survives a real reload of the page, then is gone after submitting', async () => {
    const frame = await mount<HTMLIFrameElement>(html`<iframe title="task page"></iframe>`);
    const page = `<!doctype html><meta charset="utf-8"><script type="module" src="/packages/elements/src/register.ts"></script>
      <crowd-form>
        <crowd-classifier name="relevance" header="How relevant?" categories="['1', '2', '3', '4', '5']"></crowd-classifier>
        <crowd-text-area name="why" label="Why?"></crowd-text-area>
      </crowd-form>`;
    const loadPage = async (load: () => void): Promise<CrowdForm> => {
      const loaded = oneEvent(frame, 'load');
      load();
      await loaded;
      const view = frame.contentWindow!;
      await view.customElements.whenDefined('crowd-form');
      const crowdForm = view.document.querySelector('crowd-form') as CrowdForm;
      await crowdForm.draftRestored;
      return crowdForm;
    };
    let crowdForm = await loadPage(() => (frame.srcdoc = page));
    (crowdForm.querySelector('crowd-classifier') as HTMLElement).focus();
    await sendKeys({ press: '4' });
    (crowdForm.querySelector('crowd-text-area') as HTMLElement).focus();
    await sendKeys({ type: 'On topic' });
    crowdForm = await loadPage(() => frame.contentWindow!.location.reload());
    expect(await crowdForm.draftRestored).to.equal(true);
    expect(crowdForm.answer).to.deep.equal({ relevance: { label: '4' }, why: 'On topic' });
    expect(crowdForm.submit()).to.equal(true);
    crowdForm = await loadPage(() => frame.contentWindow!.location.reload());
    expect(await crowdForm.draftRestored).to.equal(false);
    expect(crowdForm.answer).to.deep.equal({});
  });
});
