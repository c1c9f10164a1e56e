/**
 * Ground Truth's V2 elements (`<crowd-text-ranking>`, `<crowd-question-answer-generation>`) may
 * stand outside the form and name it instead: AWS's samples put an empty, hidden
 * `<crowd-form id="f" style="display: none">` in the page and give the element
 * `crowd-form-element-id="f"`. The element then belongs to that form and shows its own Submit
 * button, since the form's is hidden. Such an element usually has no `name`: its answer object is
 * then the whole answer (AWS's post-processing reads `answerContent.ordinalRankingDimensions`).
 */
import type { JsonObject, JsonValue } from '@quorum/schema';
import { RegisterControlEvent, requestFormAction, unregisterControl, type AnswerEntry, type AnswerSource } from './form-protocol.js';
import { describeElement, warnOnce } from './warn.js';

function findForm(control: Element, id: string): Element | null {
  const root = control.getRootNode() as Partial<Document>;
  return root.getElementById?.(id) ?? null;
}

function join(control: AnswerSource, id: string): boolean {
  const form = findForm(control, id);
  if (!form) return false;
  // Out of the waiting list (or another form) first, so only the named form answers for it.
  unregisterControl(control);
  const event = new RegisterControlEvent(control);
  form.dispatchEvent(event);
  return event.registry !== null;
}

/**
 * Makes `control` belong to the `<crowd-form>` with id `id`. The form may come later in the page
 * or be defined later, so a miss is retried once the page is parsed and `<crowd-form>` defined;
 * a form still missing then is a template error, and warned about.
 */
export async function joinFormById(control: AnswerSource, id: string): Promise<void> {
  if (join(control, id)) return;
  if (document.readyState === 'loading') await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  await customElements.whenDefined('crowd-form');
  if (control.isConnected && !join(control, id)) {
    warnOnce(control, 'missing-form', `${describeElement(control)} has crowd-form-element-id="${id}", but no <crowd-form id="${id}"> is in the page, so it cannot be submitted.`);
  }
}

/** Asks the form with id `id` to submit; false when there is no such form to ask. */
export function submitFormById(control: Element, id: string): boolean {
  const form = findForm(control, id);
  return form !== null && requestFormAction(form, 'submit');
}

/**
 * The answer entries of a control linked by `crowd-form-element-id`: without a name, the entries
 * of its answer object itself, as Ground Truth writes them; with one, the usual `named` entries.
 */
export function linkedAnswerEntries(named: AnswerEntry[], name: string, value: JsonValue | undefined, disabled: boolean): AnswerEntry[] {
  return name || disabled || value === undefined ? named : Object.entries(value as JsonObject);
}
