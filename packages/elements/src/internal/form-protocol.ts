/**
 * How controls and `<crowd-form>` find each other. A control announces itself with a bubbling,
 * composed {@link RegisterControlEvent} when it connects, so it is found even inside another
 * element's shadow root; the nearest form accepts it and from then on asks it for its answer.
 * Buttons and controls ask the form to submit or reset with a {@link FormActionEvent}.
 *
 * Elements may be upgraded in any order (a control before its form), so a control that no form
 * accepted waits in a list that a form claims from when it connects.
 *
 * The form and its controls may come from different copies of this module (the core bundle and
 * the lazily loaded spatial bundle each have one), so the event classes, the waiting list and the
 * control → form map are shared through {@link sharedState}: `instanceof RegisterControlEvent` in
 * one copy holds for an event made by another.
 */
import type { JsonValue } from '@quorum/schema';
import { sharedState } from './shared.js';

/** One `[name, value]` pair of the answer object. */
export type AnswerEntry = readonly [name: string, value: JsonValue];

/** What a form needs from a control. {@link QuorumControl} implements it. */
export interface AnswerSource extends HTMLElement {
  /** The control's part of the answer object; empty when it has no name or nothing to say. */
  answerEntries(): AnswerEntry[];
  readonly validity: ValidityState;
  readonly willValidate: boolean;
  checkValidity(): boolean;
  reportValidity(): boolean;
  /** Restores the default value; called by the form's reset. */
  formResetCallback(): void;
  /** The native form the control is associated with, if any. */
  readonly form: HTMLFormElement | null;
  /** The control's state for undo and drafts, or null when empty (see {@link QuorumControl.captureState}). */
  captureState?(): string | null;
  /** Puts back a state from {@link captureState}, without events. */
  restoreState?(state: string | null): void;
  /** Keys the control answers to, listed in the form's `?` overlay. */
  readonly keyboardShortcuts?: readonly KeyboardShortcut[];
  /**
   * Takes a key the form routed to the control from outside it (see {@link KeyboardShortcut.routedKeys});
   * returns whether the key did something, in which case the form cancels the event.
   */
  handleRoutedKey?(event: KeyboardEvent): boolean;
}

/** One line of the `?` overlay: the keys (as shown, e.g. `1–5`) and what they do. */
export interface KeyboardShortcut {
  keys: string;
  description: string;
  /**
   * The `KeyboardEvent.key` values of this line (e.g. `['1', '2', '3']`) that the control also
   * takes when they are pressed outside every control, so a worker who clicked on the text can
   * still answer. `<crowd-form>` routes them, through {@link AnswerSource.handleRoutedKey}, only
   * to the single control of the form that uses digit keys.
   */
  routedKeys?: readonly string[];
}

/** A form that accepts controls. */
export interface ControlRegistry {
  unregisterControl(control: AnswerSource): void;
}

export const REGISTER_CONTROL_EVENT = 'quorum-register';
export const FORM_ACTION_EVENT = 'quorum-form-action';

/** Fired by a control when it connects; the form that accepts it calls {@link accept}. */
class OwnRegisterControlEvent extends Event {
  registry: ControlRegistry | null = null;

  constructor(readonly control: AnswerSource) {
    super(REGISTER_CONTROL_EVENT, { bubbles: true, composed: true });
  }

  accept(registry: ControlRegistry): void {
    this.registry = registry;
    registries.set(this.control, registry);
    this.stopPropagation();
  }
}

/** What a {@link FormActionEvent} asks the form to do. */
export type FormAction = 'submit' | 'reset';

/** Fired by a button or control to submit or reset the form it is in; the form calls {@link handle}. */
class OwnFormActionEvent extends Event {
  handled = false;

  constructor(readonly action: FormAction) {
    super(FORM_ACTION_EVENT, { bubbles: true, composed: true });
  }

  handle(): void {
    this.handled = true;
    this.stopPropagation();
  }
}

/** What all copies of this module share; see the module comment. */
interface FormProtocolState {
  RegisterControlEvent: typeof OwnRegisterControlEvent;
  FormActionEvent: typeof OwnFormActionEvent;
  /** The form that accepted each control. */
  registries: WeakMap<AnswerSource, ControlRegistry>;
  /** Controls that connected before any form took them. */
  unclaimed: Set<AnswerSource>;
  /** Definitions of controls still being loaded (the lazily loaded spatial elements). */
  pendingDefinitions: Set<Promise<unknown>>;
}

const protocol = sharedState<FormProtocolState>('form-protocol.v1', () => ({
  RegisterControlEvent: OwnRegisterControlEvent,
  FormActionEvent: OwnFormActionEvent,
  registries: new WeakMap(),
  unclaimed: new Set(),
  pendingDefinitions: new Set(),
}));
const { registries, unclaimed } = protocol;

/** Fired by a control when it connects; the form that accepts it calls `accept(form)`. Shared by every copy of Quorum in the page. */
export const RegisterControlEvent = protocol.RegisterControlEvent;
export type RegisterControlEvent = OwnRegisterControlEvent;

/** Fired by a button or control to submit or reset the form it is in; the form calls `handle()`. Shared by every copy of Quorum in the page. */
export const FormActionEvent = protocol.FormActionEvent;
export type FormActionEvent = OwnFormActionEvent;

/** Announces a control to the form around it, or parks it until such a form connects. */
export function registerControl(control: AnswerSource): void {
  const event = new RegisterControlEvent(control);
  control.dispatchEvent(event);
  if (!event.registry) unclaimed.add(control);
}

/** Takes a control out of its form (or out of the waiting list) when it disconnects. */
export function unregisterControl(control: AnswerSource): void {
  unclaimed.delete(control);
  registries.get(control)?.unregisterControl(control);
  registries.delete(control);
}

/** Gives a newly connected form the waiting controls that are inside it. */
export function claimControls(registry: ControlRegistry & Node, accept: (control: AnswerSource) => void): void {
  for (const control of unclaimed) {
    if (!containsComposed(registry, control)) continue;
    unclaimed.delete(control);
    registries.set(control, registry);
    accept(control);
  }
}

/**
 * Asks the form around `source` to submit or reset. Returns false when no `<crowd-form>` took
 * the request, so the caller can fall back to a plain native form.
 */
export function requestFormAction(source: Element, action: FormAction): boolean {
  const event = new FormActionEvent(action);
  source.dispatchEvent(event);
  return event.handled;
}

/** Like `Node.contains`, but also looks through shadow roots up to their hosts. */
export function containsComposed(ancestor: Node, node: Node): boolean {
  let current: Node | null = node;
  while (current) {
    if (current === ancestor) return true;
    current = current.parentNode ?? (current instanceof ShadowRoot ? current.host : null);
  }
  return false;
}

/**
 * Tells forms that more controls of the page are on their way: `pending` settles once their
 * elements are defined (or failed to load). A form waits for it before it restores a draft, which
 * would otherwise miss those controls' fields.
 */
export function deferControlDefinitions(pending: Promise<unknown>): void {
  const { pendingDefinitions } = protocol;
  pendingDefinitions.add(pending);
  const settle = (): void => {
    pendingDefinitions.delete(pending);
  };
  pending.then(settle, settle);
}

/** Settles once every control definition announced with {@link deferControlDefinitions} has settled. */
export async function whenControlsDefined(): Promise<void> {
  await Promise.allSettled([...protocol.pendingDefinitions]);
}
