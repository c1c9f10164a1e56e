import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import type { CrowdCheckbox } from '../crowd-checkbox/crowd-checkbox.js';
import type { CrowdClassifier } from '../crowd-classifier/crowd-classifier.js';
import type { CrowdInput } from '../crowd-input/crowd-input.js';
import { defineElements } from '../define.js';
import { clickElement, pressWith, shadowPart } from '../internal/interaction.test.js';
import { microtasks, mount, recordEvents } from '../internal/testing.test.js';
import type { CrowdForm } from './crowd-form.js';
import { FormHistory, TYPING_BURST_MS } from './history.js';

defineElements();

const task = html`<crowd-form no-autosave>
  <crowd-classifier name="relevance" header="How relevant?" categories="['1', '2', '3', '4', '5']"></crowd-classifier>
  <crowd-checkbox name="flags" value="toxic">Toxic</crowd-checkbox>
  <crowd-input name="note" label="Note"></crowd-input>
  <input name="native" aria-label="Native field" />
</crowd-form>`;

async function mountTask(): Promise<{ crowdForm: CrowdForm; classifier: CrowdClassifier; checkbox: CrowdCheckbox; input: CrowdInput; native: HTMLInputElement }> {
  const crowdForm = await mount<CrowdForm>(task);
  return {
    crowdForm,
    classifier: crowdForm.querySelector('crowd-classifier') as CrowdClassifier,
    checkbox: crowdForm.querySelector('crowd-checkbox') as CrowdCheckbox,
    input: crowdForm.querySelector('crowd-input') as CrowdInput,
    native: crowdForm.querySelector('input[name="native"]') as HTMLInputElement,
  };
}

const undo = (): Promise<void> => pressWith(['Control'], 'KeyZ');
const redo = (): Promise<void> => pressWith(['Control', 'Shift'], 'KeyZ');

describe('<crowd-form> undo and redo', () => {
  it('steps back and forth through changes across controls, Quorum and native alike', async () => {
    const { crowdForm, classifier, checkbox, native } = await mountTask();
    classifier.focus();
    await sendKeys({ press: '4' });
    await sendKeys({ press: '2' });
    await clickElement(shadowPart(checkbox, '[part~="base"]'));
    native.focus();
    await sendKeys({ type: 'hi' });
    native.blur();
    expect(crowdForm.answer).to.deep.equal({ relevance: { label: '2' }, flags: { toxic: true }, native: 'hi' });
    await undo();
    expect(crowdForm.answer).to.deep.equal({ relevance: { label: '2' }, flags: { toxic: true } });
    await undo();
    expect(crowdForm.answer).to.deep.equal({ relevance: { label: '2' }, flags: { toxic: false } });
    await undo();
    expect(crowdForm.answer).to.deep.equal({ relevance: { label: '4' }, flags: { toxic: false } });
    await undo();
    expect(crowdForm.answer).to.deep.equal({ flags: { toxic: false } });
    expect(crowdForm.canUndo).to.equal(false);
    await undo();
    expect(crowdForm.answer).to.deep.equal({ flags: { toxic: false } });
    await redo();
    await pressWith(['Control'], 'KeyY');
    expect(crowdForm.answer).to.deep.equal({ relevance: { label: '2' }, flags: { toxic: false } });
    await classifier.updateComplete;
    expect(classifier.shadowRoot?.querySelector('[aria-checked="true"]')?.textContent).to.contain('2');
  });

  it('drops the redo steps once the user changes something after undoing', async () => {
    const { crowdForm, classifier } = await mountTask();
    classifier.focus();
    await sendKeys({ press: '1' });
    await sendKeys({ press: '3' });
    await undo();
    await sendKeys({ press: '5' });
    expect(crowdForm.canRedo).to.equal(false);
    await undo();
    expect(crowdForm.answer['relevance']).to.deep.equal({ label: '1' });
  });

  it('fires input and change on each control it changes, and records no step for them', async () => {
    const { crowdForm, classifier, checkbox } = await mountTask();
    classifier.focus();
    await sendKeys({ press: '3' });
    const classifierEvents = recordEvents(classifier);
    const checkboxEvents = recordEvents(checkbox);
    expect(crowdForm.undo()).to.equal(true);
    expect(classifierEvents).to.include({ input: 1, change: 1 });
    expect(checkboxEvents).to.include({ input: 0, change: 0 });
    expect(crowdForm.canRedo).to.equal(true);
  });

  it('undoes a burst of typing as one step, and a pause starts a new one', async () => {
    const { crowdForm, input } = await mountTask();
    input.focus();
    await sendKeys({ type: 'first' });
    await new Promise((resolve) => setTimeout(resolve, TYPING_BURST_MS + 100));
    await sendKeys({ type: ' second' });
    expect(input.value).to.equal('first second');
    await undo();
    expect(input.value).to.equal('first');
    await undo();
    expect(input.value).to.equal('');
    expect(crowdForm.answer).to.deep.equal({ flags: { toxic: false } });
  });

  it('undoes a reset', async () => {
    const { crowdForm, classifier } = await mountTask();
    classifier.focus();
    await sendKeys({ press: '5' });
    crowdForm.reset();
    await microtasks();
    expect(crowdForm.answer['relevance']).to.equal(undefined);
    expect(crowdForm.undo()).to.equal(true);
    expect(crowdForm.answer['relevance']).to.deep.equal({ label: '5' });
  });

  it('keeps changes made by code before the user acts as the starting point', async () => {
    const { crowdForm, classifier } = await mountTask();
    classifier.value = '2';
    classifier.focus();
    await sendKeys({ press: '5' });
    await undo();
    expect(crowdForm.answer['relevance']).to.deep.equal({ label: '2' });
  });

  it('works with the focus on the page body', async () => {
    const { crowdForm, classifier } = await mountTask();
    classifier.focus();
    await sendKeys({ press: '3' });
    (document.activeElement as HTMLElement | null)?.blur();
    classifier.blur();
    expect(document.activeElement).to.equal(document.body);
    await undo();
    expect(crowdForm.answer['relevance']).to.equal(undefined);
  });
});

describe('FormHistory', () => {
  const snapshot = (value: string | null): Map<string, string | null> => new Map([['field', value]]);

  it('coalesces input events from one source within the burst window, not across sources or after change', () => {
    const history = new FormHistory();
    const a = new EventTarget();
    const b = new EventTarget();
    history.baseline(snapshot(null));
    history.record(snapshot('h'), 'input', a, 0);
    history.record(snapshot('hi'), 'input', a, 500);
    history.record(snapshot('hi!'), 'input', b, 600);
    history.record(snapshot('hi!'), 'change', b, 700);
    history.record(snapshot('hi!?'), 'input', b, 800);
    expect(history.undo()?.get('field')).to.equal('hi!');
    expect(history.undo()?.get('field')).to.equal('hi');
    expect(history.undo()?.get('field')).to.equal(null);
    expect(history.undo()).to.equal(undefined);
  });

  it('ignores records that change nothing', () => {
    const history = new FormHistory();
    history.baseline(snapshot('a'));
    expect(history.record(snapshot('a'), 'change', null, 0)).to.equal(false);
    expect(history.canUndo).to.equal(false);
  });
});

describe('<crowd-form> undo with a control linked by crowd-form-element-id', () => {
  it('records the edits of an element outside the form that joined it, and undoes them', async () => {
    const root = await mount<HTMLElement>(html`<div>
      <crowd-form id="linked-form" style="display: none" no-autosave></crowd-form>
      <crowd-question-answer-generation crowd-form-element-id="linked-form" text="Ann wrote it."></crowd-question-answer-generation>
    </div>`);
    await new Promise((resolve) => setTimeout(resolve));
    const crowdForm = root.querySelector('crowd-form') as CrowdForm;
    const qa = root.querySelector('crowd-question-answer-generation') as HTMLElement & { updateComplete: Promise<boolean> };
    const before = JSON.stringify(crowdForm.answer);
    qa.focus();
    await sendKeys({ type: 'Who wrote it?' });
    await qa.updateComplete;
    expect(JSON.stringify(crowdForm.answer)).to.not.equal(before);
    expect(crowdForm.canUndo).to.equal(true);
    expect(crowdForm.undo()).to.equal(true);
    await qa.updateComplete;
    expect(JSON.stringify(crowdForm.answer)).to.equal(before);
  });
});
