import { LitElement, html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { AnswerObject, JsonValue } from '@quorum/schema';
import { CrowdButton } from '../crowd-button/crowd-button.js';
import {
  FORM_ACTION_EVENT,
  FormActionEvent,
  REGISTER_CONTROL_EVENT,
  RegisterControlEvent,
  claimControls,
  type AnswerEntry,
  type AnswerSource,
  type ControlRegistry,
} from '../internal/form-protocol.js';
import { quorumGlobal } from '../internal/global.js';
import { describeElement, warnOnce } from '../internal/warn.js';
import { crowdFormStyles } from './crowd-form.styles.js';

/** `detail` of the `crowd-submit` event. */
export interface CrowdSubmitDetail {
  /** The answer object about to be submitted, e.g. `{ relevance: { label: '4' } }`. */
  answer: AnswerObject;
}

/** The `crowd-submit` event. */
export type CrowdSubmitEvent = CustomEvent<CrowdSubmitDetail>;

/** Id of the `<pre>` that shows the answer when the form has nowhere to post it. */
export const PREVIEW_OUTPUT_ID = 'quorum-answer';

/** MTurk's placeholder `assignmentId` while a worker previews a HIT; nothing is posted then. */
const PREVIEW_ASSIGNMENT_ID = 'ASSIGNMENT_ID_NOT_AVAILABLE';

/** Origins that MTurk's `turkSubmitTo` URL parameter may point at; anything else is ignored. */
const MTURK_ORIGINS = new Set(['https://www.mturk.com', 'https://workersandbox.mturk.com']);

/** Input types for which Enter submits the form, as native implicit submission does. */
const ENTER_SUBMITS = new Set(['text', 'search', 'url', 'tel', 'email', 'password', 'number', 'date', 'month', 'week', 'time', 'datetime-local']);

/** Input types that carry no answer. */
const NO_ANSWER_INPUTS = new Set(['submit', 'button', 'reset', 'image']);

/**
 * @summary The form around every task. It collects the answer object from the controls inside
 * it and submits it the way Ground Truth and MTurk expect: a POST with the field
 * `taskAnswers = JSON.stringify([answer])`, or, with no `action`, a preview of the answer on
 * the page.
 *
 * The form keeps a native `<form>` in its light DOM and moves its children into it, as Ground
 * Truth's does: native inputs, form-associated controls, `FormData` and scripts that query
 * `crowdForm.querySelector('form')` all keep working, and slotting is untouched because the
 * shadow root holds a single default slot. (A shadow-only `<form>` would not see light-DOM
 * inputs; a hidden helper form would need the DOM scraped at submit time.) Quorum controls
 * register with it through an event, and it builds the answer from them; native named
 * `<input>`, `<select>` and `<textarea>` elements are read when the answer is built.
 *
 * When the template has no submit button (`<crowd-button form-action="submit">`, or a native
 * `type="submit"` button), the form adds a "Submit" `<crowd-button>` at its end.
 *
 * Submitting (the button, Enter in a text field, or `submit()`) validates, fires `submit`, then
 * `crowd-submit`, then posts or previews. Canceling either event stops it.
 *
 * @tagname crowd-form
 *
 * @slot - The task. Children are moved into the inner native `<form>`.
 *
 * @event submit - After validation passed, before the answer is built. Cancelable: a template's `onsubmit = e => e.preventDefault()` stops the submission. Fired on the inner form; it bubbles through `<crowd-form>`.
 * @event crowd-submit - `CustomEvent<{ answer }>` with the answer about to be posted. Cancelable, bubbles, composed.
 * @event reset - When the form resets (fired on the inner form).
 */
export class CrowdForm extends LitElement implements ControlRegistry {
  static readonly tagName = 'crowd-form';
  static override styles = crowdFormStyles;

  /**
   * URL to POST the answer to. Without it the form is in preview mode: the answer is shown in
   * `<pre id="quorum-answer">` and kept in `window.quorum.lastAnswer`. On MTurk, when the page URL
   * has `turkSubmitTo` and `assignmentId`, the answer goes to `<turkSubmitTo>/mturk/externalSubmit`.
   */
  @property() action = '';

  /** Browsing context the POST opens in, as a native form's `target` (a frame name, `_blank` …). */
  @property() target = '';

  readonly #controls = new Set<AnswerSource>();
  readonly #ownSubmitEvents = new WeakSet<Event>();
  readonly #childObserver = new MutationObserver(() => this.#adoptChildren());
  #form: HTMLFormElement | null = null;
  #submitting = false;

  constructor() {
    super();
    this.addEventListener(REGISTER_CONTROL_EVENT, this.#onRegister);
    this.addEventListener(FORM_ACTION_EVENT, this.#onFormAction);
    this.addEventListener('keydown', this.#onKeydown);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#form ??= this.#createForm();
    this.#adoptChildren();
    this.#childObserver.observe(this, { childList: true });
    claimControls(this, (control) => this.#controls.add(control));
    if (document.readyState === 'loading') {
      // While the parser streams the template in, a submit button may still be on its way.
      document.addEventListener('DOMContentLoaded', () => this.#ensureSubmitButton(), { once: true });
    } else {
      this.#ensureSubmitButton();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#childObserver.disconnect();
  }

  /** The inner native `<form>` that holds the task (Ground Truth's templates use `crowdForm.form`). */
  get form(): HTMLFormElement | null {
    return this.#form;
  }

  /**
   * The answer object as it would be submitted now: one entry per named control, keyed by its
   * name, in document order. Checkboxes and radios sharing a name merge into one object.
   */
  get answer(): AnswerObject {
    const answer: AnswerObject = {};
    const add = ([name, value]: AnswerEntry): void => this.#addEntry(answer, name, value);
    const visited = new Set<AnswerSource>();
    for (const element of this.#form?.elements ?? []) {
      const control = element as AnswerSource;
      if (this.#controls.has(control)) {
        visited.add(control);
        control.answerEntries().forEach(add);
      } else {
        this.#nativeEntries(element).forEach(add);
      }
    }
    // Controls inside other elements' shadow roots are not in `form.elements`.
    for (const control of this.#controls) if (!visited.has(control)) control.answerEntries().forEach(add);
    return answer;
  }

  /** Checks every control, shows what is wrong (focusing the first problem) and returns whether all are valid. */
  validate(): boolean {
    const outsideForm: AnswerSource[] = [];
    for (const control of this.#controls) {
      // Reading `validity` also brings it up to date with changes not yet rendered.
      const invalid = control.willValidate && !control.validity.valid;
      if (invalid && control.form !== this.#form) outsideForm.push(control);
    }
    const formValid = this.#form?.reportValidity() ?? true;
    for (const control of outsideForm) control.checkValidity();
    if (formValid && outsideForm[0]) outsideForm[0].reportValidity();
    return formValid && outsideForm.length === 0;
  }

  /**
   * Submits as the Submit button does: validates, fires `submit` and `crowd-submit`, then posts or
   * previews the answer. Returns whether the answer was delivered (false when invalid or canceled).
   */
  submit(): boolean {
    return this.#submitFrom(null);
  }

  /** Same as {@link submit}; named like the native method for code written against `<form>`. */
  requestSubmit(): boolean {
    return this.#submitFrom(null);
  }

  /** Resets every control to its default value. */
  reset(): void {
    this.#form?.reset();
  }

  /** Part of the registration protocol: a control left the form. */
  unregisterControl(control: AnswerSource): void {
    this.#controls.delete(control);
  }

  #onRegister = (event: Event): void => {
    if (!(event instanceof RegisterControlEvent)) return;
    event.accept(this);
    this.#controls.add(event.control);
  };

  #onFormAction = (event: Event): void => {
    if (!(event instanceof FormActionEvent)) return;
    event.handle();
    if (event.action === 'reset') this.reset();
    else this.#submitFrom(event.target instanceof HTMLElement ? event.target : null);
  };

  /** Native submissions (a `type="submit"` button, implicit submission) take the same path as ours. */
  #onNativeSubmit = (event: SubmitEvent): void => {
    if (this.#ownSubmitEvents.has(event)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    this.#submitFrom(event.submitter);
  };

  #onNativeReset = (event: Event): void => {
    // The platform resets controls in the form itself; those in shadow roots are reset here,
    // once the event has finished dispatching and nobody canceled it.
    queueMicrotask(() => {
      if (event.defaultPrevented) return;
      for (const control of this.#controls) if (control.form !== this.#form) control.formResetCallback();
    });
  };

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || event.defaultPrevented || event.isComposing) return;
    if (event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
    const origin = event.composedPath()[0];
    if (!(origin instanceof HTMLInputElement) || origin.form !== this.#form || !ENTER_SUBMITS.has(origin.type)) return;
    // Native implicit submission needs a native submit button, which a template may not have.
    event.preventDefault();
    this.#submitFrom(null);
  };

  #createForm(): HTMLFormElement {
    const existing = [...this.children].find((child): child is HTMLFormElement => child instanceof HTMLFormElement && child.hasAttribute('data-quorum-form'));
    const form = existing ?? document.createElement('form');
    // Validation is ours (validate()), so that every path shows the same messages.
    form.noValidate = true;
    form.setAttribute('data-quorum-form', '');
    form.addEventListener('submit', this.#onNativeSubmit);
    form.addEventListener('reset', this.#onNativeReset);
    if (!existing) this.append(form);
    return form;
  }

  /** Moves children added to `<crowd-form>` itself into the inner form, keeping the Submit button last. */
  #adoptChildren(): void {
    const form = this.#form;
    if (!form) return;
    const autoButton = this.#autoButton();
    for (const node of [...this.childNodes]) {
      if (node === form) continue;
      moveNode(form, node, autoButton);
    }
    if (document.readyState !== 'loading') this.#ensureSubmitButton();
  }

  #ensureSubmitButton(): void {
    const form = this.#form;
    if (!form) return;
    const autoButton = this.#autoButton();
    const authored = [...form.querySelectorAll(`${CrowdButton.tagName}[form-action="submit"], button[type="submit" i], input[type="submit" i]`)].some(
      (button) => button !== autoButton,
    );
    if (authored) {
      autoButton?.remove();
    } else if (!autoButton) {
      const button = document.createElement(CrowdButton.tagName);
      button.setAttribute('form-action', 'submit');
      button.setAttribute('variant', 'primary');
      button.setAttribute('data-quorum-auto', '');
      button.textContent = 'Submit';
      form.append(button);
    }
  }

  #autoButton(): Element | null {
    return this.#form?.querySelector(`:scope > ${CrowdButton.tagName}[data-quorum-auto]`) ?? null;
  }

  #submitFrom(submitter: HTMLElement | null): boolean {
    if (this.#submitting) return false;
    this.#submitting = true;
    try {
      if (!this.validate()) return false;
      const submitEvent = new SubmitEvent('submit', { bubbles: true, cancelable: true, submitter });
      this.#ownSubmitEvents.add(submitEvent);
      if (!(this.#form ?? this).dispatchEvent(submitEvent)) return false;
      // Built after `submit`: templates fill hidden inputs in their onsubmit handlers.
      const answer = this.answer;
      const detail: CrowdSubmitDetail = { answer };
      if (!this.dispatchEvent(new CustomEvent('crowd-submit', { bubbles: true, composed: true, cancelable: true, detail }))) return false;
      quorumGlobal().lastAnswer = answer;
      const url = this.#submitUrl();
      if (url) this.#post(url, answer);
      else this.#preview(answer);
      return true;
    } finally {
      this.#submitting = false;
    }
  }

  /** Where the answer goes, or '' for preview mode. */
  #submitUrl(): string {
    const params = new URLSearchParams(location.search);
    const assignmentId = params.get('assignmentId');
    if (assignmentId === PREVIEW_ASSIGNMENT_ID) return '';
    if (this.action) return this.action;
    const turkSubmitTo = params.get('turkSubmitTo');
    if (!turkSubmitTo || !assignmentId) return '';
    if (!URL.canParse(turkSubmitTo) || !MTURK_ORIGINS.has(new URL(turkSubmitTo).origin)) {
      warnOnce(this, 'untrusted-submit-url', `${describeElement(this)} ignores turkSubmitTo=${turkSubmitTo}: not an MTurk origin.`);
      return '';
    }
    return `${turkSubmitTo.replace(/\/+$/, '')}/mturk/externalSubmit`;
  }

  /** A native POST of `taskAnswers` (and MTurk's `assignmentId`), as Ground Truth and MTurk expect. */
  #post(url: string, answer: AnswerObject): void {
    const post = document.createElement('form');
    post.method = 'post';
    post.action = url;
    post.acceptCharset = 'utf-8';
    post.hidden = true;
    if (this.target) post.target = this.target;
    const fields: [string, string][] = [['taskAnswers', JSON.stringify([answer])]];
    const assignmentId = new URLSearchParams(location.search).get('assignmentId');
    if (assignmentId) fields.push(['assignmentId', assignmentId]);
    for (const [name, value] of fields) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      post.append(input);
    }
    document.body.append(post);
    post.submit();
    post.remove();
  }

  #preview(answer: AnswerObject): void {
    let output = document.getElementById(PREVIEW_OUTPUT_ID);
    if (!output) {
      output = document.createElement('pre');
      output.id = PREVIEW_OUTPUT_ID;
      output.setAttribute('aria-live', 'polite');
      this.after(output);
    }
    output.textContent = JSON.stringify(answer, null, 2);
  }

  #nativeEntries(element: Element): AnswerEntry[] {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement)) return [];
    if (!element.name || element.matches(':disabled')) return [];
    if (element instanceof HTMLSelectElement && element.multiple) {
      return [[element.name, [...element.selectedOptions].map((option) => option.value)]];
    }
    if (element instanceof HTMLInputElement) {
      if (NO_ANSWER_INPUTS.has(element.type)) return [];
      if (element.type === 'file') {
        warnOnce(element, 'unsupported-input', `${describeElement(element)} is a file input; files cannot be part of the answer object.`);
        return [];
      }
      if (element.type === 'checkbox' || element.type === 'radio') return [[element.name, { [element.value || 'on']: element.checked }]];
    }
    return element.value === '' ? [] : [[element.name, element.value]];
  }

  #addEntry(answer: AnswerObject, name: string, value: JsonValue): void {
    const previous = Object.hasOwn(answer, name) ? answer[name] : undefined;
    let merged = value;
    if (previous !== undefined) {
      if (isPlainObject(previous) && isPlainObject(value)) {
        merged = { ...previous, ...value };
      } else {
        warnOnce(this, 'duplicate-name', `${describeElement(this)} has more than one control named "${name}"; the answer keeps the last one.`, name);
      }
    }
    // defineProperty, not assignment: a control named "__proto__" must stay an ordinary key.
    Object.defineProperty(answer, name, { value: merged, enumerable: true, writable: true, configurable: true });
  }

  protected override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}

function isPlainObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Moves a node keeping its state (iframes do not reload, focus stays) where the browser can. */
function moveNode(parent: Element, node: Node, before: Node | null): void {
  const movable = parent as Element & { moveBefore?: (node: Node, child: Node | null) => void };
  if (movable.moveBefore && parent.isConnected && node.isConnected) {
    try {
      movable.moveBefore(node, before);
      return;
    } catch {
      // moveBefore refuses some moves (e.g. across documents); a plain insert always works.
    }
  }
  parent.insertBefore(node, before);
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-form': CrowdForm;
  }
  interface HTMLElementEventMap {
    'crowd-submit': CrowdSubmitEvent;
  }
}
