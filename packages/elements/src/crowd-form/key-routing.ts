/**
 * Which control of a `<crowd-form>` takes a single-key shortcut (a digit) pressed outside every
 * control, and when a key press may be routed at all. Ground Truth's classifier answers to digits
 * page-wide; Quorum's controls take them when focus is inside them, and the form forwards the rest
 * here, so a worker who just loaded the task or clicked on the text still answers with one key.
 *
 * The rule, chosen to be unsurprising: keys are routed only when exactly one visible, enabled
 * control of the form uses digit keys. With two or more (a classifier and a rating, say) a digit
 * would silently pick one of them, so none gets it and the `?` overlay says to click or Tab into a
 * question first. "Uses digit keys" counts every control whose `keyboardShortcuts` mention a digit,
 * not only those that accept routed keys: a bounding box whose labels are 1–3 next to a classifier
 * still makes a page-wide "2" ambiguous.
 */
import type { AnswerSource, KeyboardShortcut } from '../internal/form-protocol.js';

/** Where routed keys go: the one control that uses digits and the keys it accepts, or why none. */
export type KeyRouting =
  | { kind: 'primary'; control: AnswerSource; keys: ReadonlySet<string> }
  /** No control uses digits, or the only one accepts no routed keys. */
  | { kind: 'none' }
  /** Several controls use digits, so none is routed to. */
  | { kind: 'ambiguous'; count: number };

/** Roles of widgets that take single keys themselves (typing, moving, a dialog's own keys). */
const KEY_WIDGET_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton', 'slider', 'listbox', 'grid', 'treegrid', 'tree', 'menu', 'menubar', 'application', 'dialog', 'alertdialog']);

/** Input types where a digit types nothing (a checkbox, a button), so it may be routed from there. */
const KEYLESS_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'image', 'color', 'file']);

/** A digit that is a key of its own in a shortcut's `keys` text (`1–5`, `+ / − / 0`), not part of `Ctrl+1` or `F2`. */
const DIGIT_IN_KEYS = /(?<![\w+])\d/;

/** Decides where routed keys go among `controls`; see the module comment for the rule. */
export function keyRouting(controls: Iterable<AnswerSource>): KeyRouting {
  const users: { control: AnswerSource; lines: readonly KeyboardShortcut[] }[] = [];
  for (const control of controls) {
    const lines = control.keyboardShortcuts ?? [];
    if (!lines.some(usesDigits) || !isShown(control)) continue;
    users.push({ control, lines });
  }
  if (users.length > 1) return { kind: 'ambiguous', count: users.length };
  const only = users[0];
  const keys = new Set(only?.lines.flatMap((line) => line.routedKeys ?? []));
  return only && keys.size > 0 && only.control.handleRoutedKey ? { kind: 'primary', control: only.control, keys } : { kind: 'none' };
}

/**
 * Whether a key press may be routed to a control: one printable key with no Ctrl, Alt, AltGr or
 * Meta (Shift is allowed: on AZERTY keyboards it is what types a digit), not held down
 * (auto-repeat would flip a toggle back and forth), not during IME composition, not canceled by
 * the page, and pressed where nothing else wants single keys: not in
 * a text field or editable content, not in a widget with keys of its own (`role="slider"`, a
 * dialog …), and not inside any answer-giving control (`isControl`), which handles its keys itself.
 */
export function isRoutableKey(event: KeyboardEvent, isControl: (node: EventTarget) => boolean): boolean {
  if (event.defaultPrevented || event.isComposing || event.key === 'Process' || event.repeat) return false;
  if (event.ctrlKey || event.altKey || event.metaKey || event.getModifierState('AltGraph')) return false;
  if ([...event.key].length !== 1) return false;
  return !event.composedPath().some((node) => isControl(node) || takesKeys(node));
}

function usesDigits(line: KeyboardShortcut): boolean {
  return (line.routedKeys ?? []).some((key) => /^\d$/.test(key)) || DIGIT_IN_KEYS.test(line.keys);
}

/** A control the worker cannot see (in a closed tab, `hidden`) never takes page-wide keys. */
function isShown(control: AnswerSource): boolean {
  return typeof control.checkVisibility === 'function' ? control.checkVisibility() : control.isConnected;
}

function takesKeys(node: EventTarget): boolean {
  if (!(node instanceof HTMLElement)) return false;
  if (node.isContentEditable || node instanceof HTMLTextAreaElement || node instanceof HTMLSelectElement || node instanceof HTMLDialogElement) return true;
  if (node instanceof HTMLInputElement) return !KEYLESS_INPUTS.has(node.type);
  const role = node.getAttribute('role');
  return role !== null && KEY_WIDGET_ROLES.has(role.trim().toLowerCase());
}
