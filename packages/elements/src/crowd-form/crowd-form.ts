import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { AnswerObject, JsonValue } from '@quorum/schema';
import { CrowdButton } from '../crowd-button/crowd-button.js';
import {
  FORM_ACTION_EVENT,
  FormActionEvent,
  REGISTER_CONTROL_EVENT,
  RegisterControlEvent,
  claimControls,
  whenControlsDefined,
  type AnswerEntry,
  type AnswerSource,
  type ControlRegistry,
  type KeyboardShortcut,
} from '../internal/form-protocol.js';
import { quorumGlobal } from '../internal/global.js';
import { describeElement, warnOnce } from '../internal/warn.js';
import { UnsupportedSchemaError, checkAnswerSchema, type AnswerIssue, type AnswerValidationResult, type AnswerValidator } from './answer-check.js';
import { crowdFormStyles } from './crowd-form.styles.js';
import { PAGE_LOAD_ID, draftStorage, draftStorageKey, hashText, parseDraft, serializeDraft } from './drafts.js';
import { FormHistory, type FormSnapshot } from './history.js';
import { isRoutableKey, keyRouting } from './key-routing.js';

/** `detail` of the `crowd-submit` event. */
export interface CrowdSubmitDetail {
  /** The answer object about to be submitted, e.g. `{ relevance: { label: '4' } }`. */
  answer: AnswerObject;
}

/** The `crowd-submit` event. */
export type CrowdSubmitEvent = CustomEvent<CrowdSubmitDetail>;

/** `detail` of the `crowd-answer-invalid` event. */
export interface CrowdAnswerInvalidDetail {
  /** The answer that does not match the answer schema. */
  answer: AnswerObject;
  /** What is wrong, each with the JSON pointer of the value (`/relevance/label`). */
  issues: readonly AnswerIssue[];
}

/** The `crowd-answer-invalid` event. */
export type CrowdAnswerInvalidEvent = CustomEvent<CrowdAnswerInvalidDetail>;

/** One problem as the worker sees it: the field it is in, and what is wrong. */
interface ShownIssue {
  /** The control's label (its header, label or name), or "Answer" for the answer as a whole. */
  field: string;
  /** Where inside the control's value, e.g. `boundingBoxes › 2 › label`; empty for the value itself. */
  detail: string;
  message: string;
  control: HTMLElement | null;
}

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

/** Input types whose key presses do not type text (so `?` opens the shortcut overlay there). */
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'image', 'range', 'color', 'file']);

/** A second submission this soon after a delivered one is a double click, and is ignored. */
export const DOUBLE_SUBMIT_MS = 1000;

/**
 * Drafts are written this long after the last change (and at once when the page is hidden or
 * left), so dragging a box or typing fast does not serialize the whole form on every event.
 */
export const DRAFT_SAVE_DELAY_MS = 250;

/** Shortcuts every form has, listed first in the `?` overlay. */
const FORM_SHORTCUTS: readonly KeyboardShortcut[] = [
  { keys: 'Tab / Shift+Tab', description: 'Move to the next / previous control' },
  { keys: 'Enter', description: 'Submit, when every answer is valid (not in a multi-line text field)' },
  { keys: 'Ctrl+Z', description: 'Undo the last change in this form' },
  { keys: 'Ctrl+Shift+Z or Ctrl+Y', description: 'Redo' },
  { keys: '?', description: 'Show this list (not while typing in a text field)' },
  { keys: 'Esc', description: 'Close this list or a dialog' },
];

/** A value-holding thing in the form that undo and drafts save and restore. */
interface Field {
  /** Stable across reloads: tag, name, `value` attribute, and a counter for repeats. */
  key: string;
  element: Element;
  capture(): string | null;
  restore(state: string | null): void;
}

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
 * Submitting (the button, Enter in a text field, or `submit()`) validates the controls, fires
 * `submit`, builds the answer, checks it against the answer schema when the form has one, fires
 * `crowd-submit`, then posts or previews. Canceling `submit` or `crowd-submit` stops it. A second submission
 * within a second of a delivered one (a double click) is ignored, and once posted the form does
 * not post again.
 *
 * Workers can undo and redo their changes to the whole form (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y);
 * typing in one field counts as one step until a pause. The form also keeps a draft of its fields
 * in `sessionStorage` (keyed by the page URL and `task-key`), restores it when the page is loaded
 * again, and deletes it once the answer is submitted. `?` lists the keyboard shortcuts.
 *
 * **Digits anywhere on the page.** A control's digit shortcuts (a classifier's 1–9) work while
 * focus is inside it. When exactly one visible control of the form uses digits, the form also
 * hands it the digits pressed elsewhere (focus on the page, on the text being classified, on a
 * button), as Ground Truth's classifier does; never while typing in a text field, inside another
 * control, with Ctrl, Alt or Meta held, during IME composition, or when a page script canceled the
 * key. With several such controls no control gets them, and `?` says to click or Tab into a
 * question first. The change is an ordinary user edit: `input` and `change` fire, and undo takes
 * it back. Focus stays where it was.
 *
 * **Answer schema.** Given the JSON Schema of the answer (`quorum schema`), the form refuses to
 * submit an answer that does not match it, lists each problem below the task (the field, and
 * what is wrong; clicking the field focuses it) and fires `crowd-answer-invalid`. Three ways to
 * give it, the first that is set wins: `answerValidator`, the `validateAnswer` function of the
 * module `quorum schema --validator` compiles (any JSON Schema, no `eval`, so it runs under a CSP
 * without `unsafe-eval`; `quorum render --validate` embeds one); `answerSchema`, a schema object;
 * `answer-schema`, the id of a `<script type="application/json">` holding the schema, or its URL. The last
 * two are checked by a small interpreter of the keywords `quorum schema` emits, which refuses
 * other keywords instead of half-checking them. The elements bundle ships no schema compiler.
 *
 * @tagname crowd-form
 *
 * @slot - The task. Children are moved into the inner native `<form>`.
 *
 * @csspart shortcuts - The keyboard shortcuts dialog (`?`).
 * @csspart shortcuts-close - Its Close button.
 * @csspart answer-issues - The list of problems with the answer, shown when it does not match the answer schema.
 * @csspart answer-issue-field - The name of the field of one problem (a button that focuses it).
 *
 * @cssprop --quorum-color-surface - Background of the shortcuts dialog.
 * @cssprop --quorum-color-text - Text of the shortcuts dialog.
 * @cssprop --quorum-color-border - Borders in the shortcuts dialog.
 * @cssprop --quorum-radius - Corner radius of the shortcuts dialog.
 * @cssprop --quorum-focus-color - Focus outline.
 * @cssprop --quorum-color-danger - Border and heading of the answer problems.
 *
 * @event submit - After validation passed, before the answer is built. Cancelable: a template's `onsubmit = e => e.preventDefault()` stops the submission. Fired on the inner form; it bubbles through `<crowd-form>`.
 * @event crowd-submit - `CustomEvent<{ answer }>` with the answer about to be posted. Cancelable, bubbles, composed.
 * @event crowd-answer-invalid - `CustomEvent<{ answer, issues }>` when the answer does not match the answer schema; submission is blocked. Cancelable: `preventDefault()` keeps the form from showing its own list, for a template that shows the problems itself. Bubbles, composed.
 * @event reset - When the form resets (fired on the inner form).
 *
 * @cssstate submitted - The answer was posted; the form does not submit again.
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

  /**
   * Identifies the task in the draft's storage key, beside the page URL. Without it, a hash of the
   * form's fields and text is used, so two tasks shown at one URL keep separate drafts.
   */
  @property({ attribute: 'task-key' }) taskKey = '';

  /** Turns drafts off: nothing is saved to or restored from `sessionStorage`. */
  @property({ type: Boolean, attribute: 'no-autosave' }) noAutosave = false;

  /**
   * Where the JSON Schema of the answer is (e.g. the output of `quorum schema`): the id of a
   * `<script type="application/json">` in the page (`#answer-schema` or `answer-schema`), or,
   * when the value holds a `/` or `:` or ends in `.json`, a URL the form fetches as soon as it is
   * set (same-origin credentials; pages opened from `file://` cannot fetch, so use the id there).
   * Until a fetched schema has arrived, submitting is refused with a message saying so.
   */
  @property({ attribute: 'answer-schema' }) answerSchemaRef = '';

  /** The JSON Schema of the answer as an object; takes precedence over `answer-schema`. */
  @property({ attribute: false }) answerSchema: object | null = null;

  /**
   * A compiled answer validator: `validateAnswer` from the module `quorum schema --validator`
   * writes, or any function with its contract (`answer → { valid: true } | { valid: false, issues }`).
   * Takes precedence over `answerSchema` and `answer-schema`.
   */
  @property({ attribute: false }) answerValidator: AnswerValidator | null = null;

  @state() private shortcutLines: readonly KeyboardShortcut[] = [];
  @state() private shownIssues: readonly ShownIssue[] = [];
  @query('dialog') private shortcutsDialog?: HTMLDialogElement;

  readonly #controls = new Set<AnswerSource>();
  /** Controls outside the form that joined it (`crowd-form-element-id`): their edits don't bubble here. */
  readonly #linked = new Set<AnswerSource>();
  readonly #ownSubmitEvents = new WeakSet<Event>();
  readonly #childObserver = new MutationObserver(() => this.#adoptChildren());
  #form: HTMLFormElement | null = null;
  #submitting = false;
  #lastDelivered = -Infinity;
  #posted = false;
  readonly #history = new FormHistory();
  /** True while undo/redo or a draft puts values back, so the events that fires are not recorded. */
  #applying = false;
  #draftKey: string | null = null;
  #draftTimer: ReturnType<typeof setTimeout> | undefined;
  #draftRestored: Promise<boolean> = Promise.resolve(false);
  /** The `answer-schema` script's text and the schema parsed from it, so it is parsed once. */
  #schemaCache: { text: string; schema: unknown } | null = null;
  /** The schema fetched for a URL in `answer-schema`, while it loads and once it has (or has failed). */
  #fetchedSchema: { url: string; schema?: unknown; error?: string } | null = null;
  readonly #internals = this.attachInternals();

  constructor() {
    super();
    this.addEventListener(REGISTER_CONTROL_EVENT, this.#onRegister);
    this.addEventListener(FORM_ACTION_EVENT, this.#onFormAction);
    this.addEventListener('keydown', this.#onKeydown);
    this.addEventListener('input', this.#onUserEdit);
    this.addEventListener('change', this.#onUserEdit);
    this.addEventListener('input', this.#recheckAnswer);
    this.addEventListener('change', this.#recheckAnswer);
    // Before any change the user makes, the history needs the state it starts from.
    for (const type of BEFORE_EDIT_EVENTS) this.addEventListener(type, this.#beforeUserEdit, true);
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
    document.addEventListener('keydown', this.#onDocumentKeydown);
    // On window, the end of the key's path, so page scripts anywhere on it can cancel it first.
    window.addEventListener('keydown', this.#onPageKeydown);
    window.addEventListener('pagehide', this.#flushDraft);
    document.addEventListener('visibilitychange', this.#flushDraft);
    this.#draftRestored = this.#restoreDraftWhenRendered();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A schema URL is fetched as soon as it is set, so it has usually arrived before the worker submits.
    const reference = this.answerSchemaRef.trim();
    if (changed.has('answerSchemaRef') && isSchemaUrl(reference)) {
      try {
        this.#schemaFromUrl(reference);
      } catch {
        // Still loading: the answer is checked, and any failure shown, when the worker submits.
      }
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#childObserver.disconnect();
    document.removeEventListener('keydown', this.#onDocumentKeydown);
    window.removeEventListener('keydown', this.#onPageKeydown);
    window.removeEventListener('pagehide', this.#flushDraft);
    document.removeEventListener('visibilitychange', this.#flushDraft);
    this.#flushDraft();
  }

  /**
   * Settles once the form has looked for a draft of this task, after its controls rendered: true
   * when one was restored.
   */
  get draftRestored(): Promise<boolean> {
    return this.#draftRestored;
  }

  /** Whether {@link undo} has a change to take back. */
  get canUndo(): boolean {
    return this.#history.canUndo;
  }

  /** Whether {@link redo} has a change to put back. */
  get canRedo(): boolean {
    return this.#history.canRedo;
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
    for (const element of this.#fieldElements()) {
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

  /**
   * Checks every control and then, when the form has an answer schema, the answer against it;
   * shows what is wrong (focusing the first problem) and returns whether all is valid.
   */
  validate(): boolean {
    return this.#validateControls() && this.#reportAnswer(this.answer);
  }

  /**
   * Checks an answer (by default the current one) against the form's answer schema without
   * showing anything: `{ valid: true }` when it matches or the form has no schema. A schema that
   * cannot be read or used gives one issue at path `''` saying why.
   */
  checkAnswer(answer: AnswerObject = this.answer): AnswerValidationResult {
    try {
      if (this.answerValidator) {
        if (typeof this.answerValidator !== 'function') throw new TypeError('answerValidator is not a function');
        const result = this.answerValidator(answer);
        if (result?.valid === true) return result;
        if (result?.valid === false && Array.isArray(result.issues)) return result;
        throw new TypeError(`answerValidator returned ${JSON.stringify(result)}, not { valid, issues }`);
      }
      const schema = this.answerSchema ?? this.#referencedSchema();
      return schema === undefined ? { valid: true, value: answer } : checkAnswerSchema(schema, answer);
    } catch (error) {
      if (error instanceof SchemaLoadingError) return { valid: false, issues: [{ path: '', message: error.message }] };
      const reason = error instanceof UnsupportedSchemaError || error instanceof TypeError || error instanceof SyntaxError ? error.message : String(error);
      warnOnce(this, 'answer-schema-unusable', `${describeElement(this)} cannot check answers: ${reason}. Submission is blocked until the template is fixed.`, reason);
      return { valid: false, issues: [{ path: '', message: `this task's answer schema cannot be used (${reason}); tell the requester` }] };
    }
  }

  /** Checks the controls only: the first step of a submission, before `submit` handlers fill hidden inputs. */
  #validateControls(): boolean {
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

  /**
   * Takes back the last change the user made in the form (Ctrl+Z), firing `input` and `change` on
   * each control it changes. Returns false when there is nothing to undo.
   */
  undo(): boolean {
    this.#syncHistoryBaseline();
    return this.#apply(this.#history.undo());
  }

  /** Puts back the change {@link undo} took back (Ctrl+Shift+Z, Ctrl+Y). Returns false when there is none. */
  redo(): boolean {
    return this.#apply(this.#history.redo());
  }

  /** Opens the dialog listing the keyboard shortcuts of the form and its controls (`?`). */
  showShortcuts(): void {
    const lines = [...FORM_SHORTCUTS];
    const routing = keyRouting(this.#controls);
    if (routing.kind === 'ambiguous') {
      lines.push({ keys: 'Digits', description: `Work only inside a question, since ${routing.count} questions use them: click or Tab into one first` });
    }
    for (const control of this.#controls) {
      for (const shown of control.keyboardShortcuts ?? []) {
        const pageWide = routing.kind === 'primary' && routing.control === control && shown.routedKeys?.length;
        const line = pageWide ? { ...shown, description: `${shown.description}, with focus anywhere on the page (not while typing in a text field)` } : shown;
        if (!lines.some((seen) => seen.keys === line.keys && seen.description === line.description)) lines.push(line);
      }
    }
    this.shortcutLines = lines;
    void this.updateComplete.then(() => {
      if (!this.shortcutsDialog?.open) this.shortcutsDialog?.showModal();
    });
  }

  /** Closes the shortcuts dialog. */
  closeShortcuts(): void {
    this.shortcutsDialog?.close();
  }

  /** Deletes this task's draft from `sessionStorage`. */
  clearDraft(): void {
    clearTimeout(this.#draftTimer);
    this.#draftTimer = undefined;
    draftStorage()?.removeItem(this.#storageKey());
  }

  /** Part of the registration protocol: a control left the form. */
  unregisterControl(control: AnswerSource): void {
    this.#controls.delete(control);
    if (this.#linked.delete(control)) {
      for (const type of ['input', 'change']) control.removeEventListener(type, this.#onLinkedEdit);
      for (const type of BEFORE_EDIT_EVENTS) control.removeEventListener(type, this.#beforeUserEdit, true);
    }
  }

  #onRegister = (event: Event): void => {
    if (!(event instanceof RegisterControlEvent)) return;
    event.accept(this);
    this.#controls.add(event.control);
    // A control that joined from outside (crowd-form-element-id): listen on it, so that its edits
    // are in the undo history and the draft like everyone else's.
    if (!isInside(event.control, this) && !this.#linked.has(event.control)) {
      this.#linked.add(event.control);
      for (const type of ['input', 'change']) event.control.addEventListener(type, this.#onLinkedEdit);
      for (const type of BEFORE_EDIT_EVENTS) event.control.addEventListener(type, this.#beforeUserEdit, true);
    }
  };

  #onLinkedEdit = (event: Event): void => {
    this.#onUserEdit(event);
    this.#recheckAnswer();
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
    this.#syncHistoryBaseline();
    // The platform resets controls in the form itself; those in shadow roots are reset here,
    // once the event has finished dispatching and nobody canceled it.
    queueMicrotask(() => {
      if (event.defaultPrevented) return;
      for (const control of this.#controls) if (control.form !== this.#form) control.formResetCallback();
      // A reset is one undoable step.
      if (!this.#history.isEmpty && this.#history.record(this.#snapshot(), 'change', null, performance.now())) this.#saveDraft();
    });
  };

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || event.defaultPrevented || event.isComposing) return;
    if (event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
    const path = event.composedPath();
    const origin = path[0];
    if (origin instanceof HTMLInputElement && origin.form === this.#form) {
      if (!ENTER_SUBMITS.has(origin.type) && origin.type !== 'checkbox' && origin.type !== 'radio') return;
    } else if (!path.some((node) => this.#controls.has(node as AnswerSource)) || keepsEnter(origin)) {
      // Only Quorum controls submit on Enter; their buttons, links and multi-line fields keep it.
      return;
    }
    // Native implicit submission needs a native submit button, which a template may not have.
    event.preventDefault();
    this.#submitFrom(null);
  };

  /** Undo, redo and `?`, wherever focus is in the form (or nowhere in particular). */
  #onDocumentKeydown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.isComposing || event.altKey) return;
    const target = event.target;
    if (!(target instanceof Node) || !(target === document.body || target === document.documentElement || this.contains(target))) return;
    const key = event.key.toLowerCase();
    const command = event.ctrlKey || event.metaKey;
    if (command && (key === 'z' || key === 'y')) {
      if (this.shortcutsDialog?.open) return;
      event.preventDefault();
      if (key === 'y' || event.shiftKey) this.redo();
      else this.undo();
    } else if (event.key === '?' && !command && !typesText(event.composedPath()[0])) {
      event.preventDefault();
      this.showShortcuts();
    }
  };

  /** A digit pressed outside every control goes to the form's one digit-using control; see the class comment. */
  #onPageKeydown = (event: KeyboardEvent): void => {
    const target = event.target;
    if (!(target instanceof Node) || !(target === document.body || target === document.documentElement || this.contains(target))) return;
    if (this.shortcutsDialog?.open || !isRoutableKey(event, isAnswerSource)) return;
    const routing = keyRouting(this.#controls);
    if (routing.kind !== 'primary' || !routing.keys.has(event.key)) return;
    // The key did not pass through the form, whose capture listener notes the state before an edit.
    this.#beforeUserEdit();
    if (routing.control.handleRoutedKey?.(event)) event.preventDefault();
  };

  #beforeUserEdit = (): void => {
    if (!this.#applying) this.#syncHistoryBaseline();
  };

  #onUserEdit = (event: Event): void => {
    if (this.#applying) return;
    // The innermost field: for a native input in a control's shadow root, that input.
    const source = event.composedPath().find((node): node is Element => node instanceof Element && this.#isField(node));
    if (!source) return;
    if (this.#history.record(this.#snapshot(), event.type === 'input' ? 'input' : 'change', source, performance.now())) this.#saveDraft();
  };

  /**
   * The fields of the inner form in document order, including those of a `<form>` nested in the
   * template (AWS's content-evaluation sample wraps its questions in one): such fields belong to
   * the nested form, not to ours, but they are inside `<crowd-form>` and Ground Truth submits them.
   */
  #fieldElements(): Element[] {
    const form = this.#form;
    if (!form) return [];
    const nested = form.querySelectorAll('form');
    if (nested.length === 0) return [...form.elements];
    const fields = new Set<Element>(form.elements);
    for (const inner of nested) for (const element of inner.elements) fields.add(element);
    return [...fields].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  }

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
    if (this.#submitting || this.#posted || performance.now() - this.#lastDelivered < DOUBLE_SUBMIT_MS) return false;
    this.#submitting = true;
    try {
      if (!this.#validateControls()) return false;
      const submitEvent = new SubmitEvent('submit', { bubbles: true, cancelable: true, submitter });
      this.#ownSubmitEvents.add(submitEvent);
      if (!(this.#form ?? this).dispatchEvent(submitEvent)) return false;
      // Built after `submit`: templates fill hidden inputs in their onsubmit handlers.
      const answer = this.answer;
      if (!this.#reportAnswer(answer)) return false;
      const detail: CrowdSubmitDetail = { answer };
      if (!this.dispatchEvent(new CustomEvent('crowd-submit', { bubbles: true, composed: true, cancelable: true, detail }))) return false;
      quorumGlobal().lastAnswer = answer;
      const url = this.#submitUrl();
      this.#lastDelivered = performance.now();
      this.clearDraft();
      if (url) {
        this.#posted = true;
        this.#internals.states.add('submitted');
        this.#post(url, answer);
      } else {
        this.#preview(answer);
      }
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

  /** The fields undo and drafts cover, in document order: Quorum controls and native inputs (not hidden ones, which scripts own). */
  #fields(): Field[] {
    const fields: Field[] = [];
    const seen = new Map<string, number>();
    const add = (element: Element, capture: () => string | null, restore: (state: string | null) => void): void => {
      const base = `${element.localName}|${element.getAttribute('name') ?? ''}|${element.getAttribute('value') ?? ''}`;
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      fields.push({ key: count ? `${base}|${count}` : base, element, capture, restore });
    };
    const addControl = (control: AnswerSource): void => {
      if (control.captureState && control.restoreState) add(control, () => control.captureState!(), (state) => control.restoreState!(state));
    };
    const visited = new Set<AnswerSource>();
    for (const element of this.#fieldElements()) {
      if (this.#controls.has(element as AnswerSource)) {
        visited.add(element as AnswerSource);
        addControl(element as AnswerSource);
      } else if (element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio')) {
        add(element, () => (element.checked ? 'checked' : null), (state) => (element.checked = state !== null));
      } else if (element instanceof HTMLSelectElement && element.multiple) {
        add(
          element,
          () => JSON.stringify([...element.selectedOptions].map((option) => option.value)),
          (state) => {
            const values = safeStringArray(state);
            for (const option of element.options) option.selected = values.includes(option.value);
          },
        );
      } else if (this.#isField(element)) {
        const field = element as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
        add(field, () => (field.value === '' ? null : field.value), (state) => (field.value = state ?? ''));
      }
    }
    for (const control of this.#controls) if (!visited.has(control)) addControl(control);
    return fields;
  }

  /** Whether an element of the form holds a value undo and drafts keep. */
  #isField(element: Element): boolean {
    if (this.#controls.has(element as AnswerSource)) return true;
    if (element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement) return true;
    return element instanceof HTMLInputElement && !NO_ANSWER_INPUTS.has(element.type) && element.type !== 'hidden' && element.type !== 'file';
  }

  #snapshot(fields: Field[] = this.#fields()): FormSnapshot {
    return new Map(fields.map((field) => [field.key, field.capture()]));
  }

  #syncHistoryBaseline(): void {
    this.#history.baseline(this.#snapshot());
  }

  /** Puts a snapshot's states back, then fires `input` and `change` on what changed, as a user edit would. */
  #apply(snapshot: FormSnapshot | undefined): boolean {
    if (!snapshot) return false;
    const changed: Element[] = [];
    this.#applying = true;
    try {
      for (const field of this.#fields()) {
        if (!snapshot.has(field.key)) continue;
        const state = snapshot.get(field.key) ?? null;
        if (field.capture() === state) continue;
        field.restore(state);
        changed.push(field.element);
      }
      for (const element of changed) {
        element.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        element.dispatchEvent(new Event('change', { bubbles: true }));
      }
    } finally {
      this.#applying = false;
    }
    this.#saveDraft();
    return true;
  }

  /** The schema of the `answer-schema` reference; undefined when there is none. Throws when it cannot be read. */
  #referencedSchema(): unknown {
    const reference = this.answerSchemaRef.trim();
    if (isSchemaUrl(reference)) return this.#schemaFromUrl(reference);
    const id = reference.replace(/^#/, '');
    if (!id) return undefined;
    const root = this.getRootNode() as Document | ShadowRoot;
    const script = root.getElementById?.(id) ?? document.getElementById(id);
    if (!(script instanceof HTMLScriptElement)) throw new TypeError(`answer-schema="${id}" names no <script type="application/json" id="${id}"> in the page`);
    const text = script.textContent ?? '';
    if (this.#schemaCache?.text !== text) {
      let schema: unknown;
      try {
        schema = JSON.parse(text);
      } catch (error) {
        throw new SyntaxError(`the answer schema in <script id="${id}"> is not JSON (${(error as Error).message})`);
      }
      this.#schemaCache = { text, schema };
    }
    return this.#schemaCache.schema;
  }

  /** The schema fetched from `url`, starting the fetch if needed; throws while it loads or when it failed. */
  #schemaFromUrl(reference: string): unknown {
    const url = new URL(reference, document.baseURI).href;
    if (this.#fetchedSchema?.url !== url) {
      const entry: { url: string; schema?: unknown; error?: string } = { url };
      this.#fetchedSchema = entry;
      fetch(url, { credentials: 'same-origin' })
        .then((response) => {
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          return response.json() as Promise<unknown>;
        })
        .then(
          (schema) => {
            entry.schema = schema;
            this.#recheckAnswer();
          },
          (error: unknown) => {
            entry.error = error instanceof SyntaxError ? `it is not JSON (${error.message})` : (error as Error).message;
            this.#recheckAnswer();
          },
        );
    }
    const { schema, error } = this.#fetchedSchema;
    if (error !== undefined) throw new TypeError(`the answer schema could not be loaded from ${url}: ${error}`);
    if (schema === undefined) throw new SchemaLoadingError(`the answer schema is still loading from ${url}; submit again in a moment`);
    return schema;
  }

  /**
   * Checks the answer against the schema; when it does not match, fires `crowd-answer-invalid`,
   * shows the problems (unless a listener canceled the event) and focuses the first field.
   */
  #reportAnswer(answer: AnswerObject): boolean {
    const result = this.checkAnswer(answer);
    if (result.valid) {
      this.shownIssues = [];
      return true;
    }
    const detail: CrowdAnswerInvalidDetail = { answer, issues: result.issues };
    const show = this.dispatchEvent(new CustomEvent('crowd-answer-invalid', { bubbles: true, composed: true, cancelable: true, detail }));
    const shown = result.issues.map((issue) => this.#describeIssue(issue));
    this.shownIssues = show ? shown : [];
    shown.find((issue) => issue.control)?.control?.focus();
    return false;
  }

  /** After a rejected answer, keeps the list of problems in step with the worker's edits. */
  #recheckAnswer = (): void => {
    if (this.shownIssues.length === 0) return;
    const result = this.checkAnswer();
    this.shownIssues = result.valid ? [] : result.issues.map((issue) => this.#describeIssue(issue));
  };

  #describeIssue(issue: AnswerIssue): ShownIssue {
    const [name, ...rest] = issue.path.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (name === undefined) return { field: 'Answer', detail: '', message: issue.message, control: null };
    const control = this.#controlNamed(name);
    const label =
      control?.getAttribute('header') ||
      control?.getAttribute('label') ||
      control?.getAttribute('aria-label') ||
      (control && 'labels' in control ? labelText((control as HTMLInputElement).labels?.[0]) : '') ||
      name;
    const detail = rest.map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : part)).join(' › ');
    return { field: label.replace(/\s+/g, ' ').trim().slice(0, 120), detail, message: issue.message, control };
  }

  /** The control (Quorum or native) that submits under `name`, or null. */
  #controlNamed(name: string): HTMLElement | null {
    for (const control of this.#controls) if (control.getAttribute('name') === name) return control;
    const native = this.#form?.elements.namedItem(name);
    const element = native instanceof RadioNodeList ? native[0] : native;
    return element instanceof HTMLElement && !(element instanceof HTMLInputElement && element.type === 'hidden') ? element : null;
  }

  #storageKey(): string {
    if (this.#draftKey === null || this.taskKey) {
      const taskKey = this.taskKey || hashText(`${this.#fields().map((field) => field.key).join('\n')}\n${(this.#form?.textContent ?? '').replace(/\s+/g, ' ').trim()}`);
      this.#draftKey = draftStorageKey(taskKey);
    }
    return this.#draftKey;
  }

  #saveDraft(): void {
    if (this.noAutosave || this.#posted || this.#draftTimer !== undefined) return;
    this.#draftTimer = setTimeout(this.#flushDraft, DRAFT_SAVE_DELAY_MS);
  }

  /** Writes a pending draft now. */
  #flushDraft = (): void => {
    if (this.#draftTimer === undefined) return;
    clearTimeout(this.#draftTimer);
    this.#draftTimer = undefined;
    if (this.noAutosave || this.#posted) return;
    try {
      draftStorage()?.setItem(this.#storageKey(), serializeDraft(this.#snapshot(), Date.now()));
    } catch (error) {
      // A full or blocked storage must not break the task; the worker only loses the draft.
      warnOnce(this, 'draft-not-saved', `${describeElement(this)} could not save a draft: ${(error as Error).message}`);
    }
  };

  /** Once the template is parsed and its controls rendered, puts back a draft of this task. */
  async #restoreDraftWhenRendered(): Promise<boolean> {
    if (document.readyState === 'loading') {
      await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
    }
    await whenControlsDefined();
    // Elements defined in the same script as the form upgrade right after it.
    await Promise.resolve();
    await Promise.all([...this.#controls].map((control) => (control as Partial<{ updateComplete: Promise<unknown> }>).updateComplete));
    if (this.noAutosave || !this.isConnected || this.#history.canUndo) return false;
    const storage = draftStorage();
    const key = this.#storageKey();
    const text = storage?.getItem(key);
    if (!storage || text == null) return false;
    const draft = parseDraft(text);
    if (!draft.ok) {
      storage.removeItem(key);
      warnOnce(this, 'corrupt-draft', `${describeElement(this)} ignored its saved draft because ${draft.reason}; the form starts empty.`);
      return false;
    }
    if (draft.page === PAGE_LOAD_ID) return false;
    this.#apply(draft.fields);
    // The restored draft is where undo stops: the worker cannot undo into an empty form by accident.
    this.#history.baseline(this.#snapshot());
    return true;
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
      } else if (name !== '_') {
        // "_" is where Ground Truth's samples put values they throw away, on purpose more than once.
        warnOnce(this, 'duplicate-name', `${describeElement(this)} has more than one control named "${name}"; the answer keeps the last one.`, name);
      }
    }
    // defineProperty, not assignment: a control named "__proto__" must stay an ordinary key.
    Object.defineProperty(answer, name, { value: merged, enumerable: true, writable: true, configurable: true });
  }

  protected override render(): TemplateResult {
    return html`<slot></slot>
      ${this.shownIssues.length
        ? html`<div part="answer-issues" role="alert">
            <p>This answer cannot be submitted yet:</p>
            <ul>
              ${this.shownIssues.map(
                (issue) =>
                  html`<li>
                    ${issue.control
                      ? html`<button type="button" part="answer-issue-field" @click=${() => issue.control?.focus()}>${issue.field}</button>`
                      : html`<strong>${issue.field}</strong>`}${issue.detail ? html` (${issue.detail})` : nothing}: ${issue.message}
                  </li>`,
              )}
            </ul>
          </div>`
        : nothing}
      <dialog part="shortcuts" aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        ${this.shortcutLines.length
          ? html`<table>
              <tbody>
                ${this.shortcutLines.map((line) => html`<tr><th scope="row"><kbd>${line.keys}</kbd></th><td>${line.description}</td></tr>`)}
              </tbody>
            </table>`
          : nothing}
        <button type="button" part="shortcuts-close" @click=${this.closeShortcuts}>Close</button>
      </dialog>`;
  }
}

/** A fetched answer schema has not arrived yet: not a mistake of the template, so no warning. */
class SchemaLoadingError extends Error {}

/** Whether an `answer-schema` value is a URL rather than an element id. */
function isSchemaUrl(reference: string): boolean {
  return /[/:]/.test(reference) || /\.json$/i.test(reference);
}

/** Whether a key press at this target types text, so `?` must be left to it. */
function typesText(target: EventTarget | undefined): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !NON_TEXT_INPUTS.has(target.type);
}

/** Whether a node is an answer-giving control of any form (or of none), from any copy of Quorum. */
function isAnswerSource(node: EventTarget): boolean {
  return node instanceof HTMLElement && typeof (node as Partial<AnswerSource>).answerEntries === 'function';
}

/** Elements where Enter has its own meaning (activate, new line), so it must not submit. */
function keepsEnter(target: EventTarget | undefined): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.matches('textarea, button, a[href], select, summary, [role="button"], [role="link"], [role="menuitem"], [role="tab"]');
}

function safeStringArray(text: string | null): string[] {
  if (text === null) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
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
    'crowd-answer-invalid': CrowdAnswerInvalidEvent;
  }
}

/** A `<label>`'s own text, without that of the fields it wraps (a `<select>`'s option texts). */
function labelText(label: HTMLLabelElement | undefined): string {
  if (!label) return '';
  const copy = label.cloneNode(true) as HTMLElement;
  for (const field of copy.querySelectorAll('select, textarea, input, button, datalist')) field.remove();
  return copy.textContent ?? '';
}

/** Events that may start a user's edit; the form notes its state before them, for undo. */
const BEFORE_EDIT_EVENTS = ['keydown', 'pointerdown', 'beforeinput', 'paste', 'drop'] as const;

/** Whether `node` is inside `ancestor`, looking through shadow roots (a control in another element's shadow DOM). */
function isInside(node: Node, ancestor: Node): boolean {
  for (let current: Node | null = node; current; current = current.parentNode ?? (current as ShadowRoot).host ?? null) {
    if (current === ancestor) return true;
  }
  return false;
}
