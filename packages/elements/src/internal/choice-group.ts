import { html, nothing, type TemplateResult } from 'lit';
import type { KeyboardShortcut } from './form-protocol.js';

/**
 * A keyboard-operable radio group rendered inside a control's shadow root: roving tabindex,
 * arrows that wrap around (mirrored in right-to-left text), Home/End, Space, Enter to submit. The scales of
 * `<crowd-rating>`, `<crowd-rubric>` and the choices of `<crowd-pairwise>` are such groups.
 * It holds no state: the control passes the chosen value in and gets choices back.
 */

/** One option of a {@link renderChoiceGroup}. */
export interface ChoiceOption {
  value: string;
  /** What the option shows. */
  content: TemplateResult | string;
  /** Accessible name when `content` is not readable text (a star). */
  ariaLabel?: string;
  /** Digit key that chooses it, shown as a hint and in `aria-keyshortcuts`. */
  shortcut?: string;
}

export interface ChoiceGroupOptions {
  options: readonly ChoiceOption[];
  /** The chosen value, or '' for none. */
  selected: string;
  disabled: boolean;
  /** Id of the element naming the group, or else `label`. */
  labelledBy?: string;
  label?: string;
  describedBy?: string;
  invalid?: boolean;
  required?: boolean;
  /** `part` of the group. Its options are `option`, plus `option-checked` when chosen and `option-filled` when {@link fill}ed. */
  part: string;
  /** Class of the group, for the control's styles. */
  className?: string;
  /** Group id, so several groups in one shadow root keep their options apart. */
  id: string;
  /** Whether options after the chosen one are shown as chosen too (stars). */
  fill?: boolean;
  onChoose(value: string): void;
  onSubmit(): void;
}

/** Digit keys choose the first ten options: 1 … 9, then 0. */
export const DIGIT_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/** How the digit keys of `count` choices are shown: `1`, `1–5`, `1–9, 0`. */
export function digitKeysText(count: number): string {
  return count === 1 ? '1' : count >= DIGIT_KEYS.length ? '1–9, 0' : `1–${count}`;
}

/**
 * The `?` overlay line for digits that pick one of `count` choices, declaring them as keys the
 * form may route to the control (see `KeyboardShortcut.routedKeys`); none when `count` is 0.
 */
export function digitShortcut(count: number, description: string): KeyboardShortcut[] {
  const keys = Math.min(count, DIGIT_KEYS.length);
  return keys > 0 ? [{ keys: digitKeysText(keys), description, routedKeys: DIGIT_KEYS.slice(0, keys) }] : [];
}

/** Renders the group; see {@link ChoiceGroupOptions}. */
export function renderChoiceGroup(group: ChoiceGroupOptions): TemplateResult {
  const selectedIndex = group.options.findIndex((option) => option.value === group.selected);
  const tabStop = Math.max(0, selectedIndex);
  const onKeydown = (event: KeyboardEvent): void => handleGroupKeydown(event, group);
  return html`
    <div
      role="radiogroup"
      id=${group.id}
      part=${group.part}
      class=${group.className ?? nothing}
      aria-labelledby=${group.labelledBy ?? nothing}
      aria-label=${group.labelledBy ? nothing : (group.label ?? nothing)}
      aria-describedby=${group.describedBy ?? nothing}
      aria-required=${group.required ? 'true' : 'false'}
      aria-disabled=${group.disabled ? 'true' : 'false'}
      aria-invalid=${group.invalid ? 'true' : 'false'}
      @keydown=${onKeydown}
    >
      ${group.options.map((option, index) => {
        const checked = index === selectedIndex;
        const filled = group.fill === true && selectedIndex >= 0 && index <= selectedIndex;
        return html`<div
          role="radio"
          part=${`option${checked ? ' option-checked' : ''}${filled ? ' option-filled' : ''}`}
          class="option ${filled ? 'filled' : ''}"
          dir="auto"
          data-index=${index}
          aria-checked=${checked ? 'true' : 'false'}
          aria-label=${option.ariaLabel ?? nothing}
          aria-keyshortcuts=${option.shortcut ?? nothing}
          tabindex=${group.disabled ? nothing : index === tabStop ? 0 : -1}
          @click=${() => {
            if (!group.disabled) group.onChoose(option.value);
          }}
        >
          ${option.content}
        </div>`;
      })}
    </div>
  `;
}

function handleGroupKeydown(event: KeyboardEvent, group: ChoiceGroupOptions): void {
  const count = group.options.length;
  if (group.disabled) return;
  const container = event.currentTarget as HTMLElement;
  const radio = event.composedPath().find((node): node is HTMLElement => node instanceof HTMLElement && node.getAttribute('role') === 'radio');
  const selected = group.options.findIndex((option) => option.value === group.selected);
  const current = radio ? Number(radio.dataset['index']) : Math.max(0, selected);
  const action = radioGroupKeyAction(event, current, count, container);
  if (action === null) return;
  event.preventDefault();
  if (action === 'submit') {
    group.onSubmit();
    return;
  }
  event.stopPropagation();
  container.querySelector<HTMLElement>(`[role="radio"][data-index="${action}"]`)?.focus();
  const option = group.options[action];
  if (option) group.onChoose(option.value);
}

/**
 * The step an arrow key takes through a row or column of choices laid out in `container`: +1 for
 * Down and for the arrow pointing along the reading direction (Right, or Left in right-to-left
 * text), -1 for Up and the other arrow, 0 for any other key.
 */
export function arrowStep(event: KeyboardEvent, container: Element): -1 | 0 | 1 {
  switch (event.key) {
    case 'ArrowDown':
      return 1;
    case 'ArrowUp':
      return -1;
    case 'ArrowRight':
    case 'ArrowLeft':
      // The computed direction, not :dir(): it also follows a page that sets `direction: rtl` in CSS.
      return (event.key === 'ArrowRight') !== (getComputedStyle(container).direction === 'rtl') ? 1 : -1;
    default:
      return 0;
  }
}

/**
 * Where a key moves focus among `count` choices from choice `current`: the arrows step (see
 * {@link arrowStep}) and wrap around at both ends, as native radio buttons, tabs and Ground
 * Truth's classifier do; Home and End go to the ends. Null for any other key, and for any key
 * held with Ctrl, Meta or Alt (those belong to the browser and the form's undo).
 */
export function arrowKeyTarget(event: KeyboardEvent, current: number, count: number, container: Element): number | null {
  if (count === 0 || event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === 'Home') return 0;
  if (event.key === 'End') return count - 1;
  const step = arrowStep(event, container);
  return step === 0 ? null : (((current + step) % count) + count) % count;
}

/**
 * What a key does in a radio group of `count` choices whose focus is on `current`: the index of
 * the choice to focus and choose ({@link arrowKeyTarget}, or Space for the current one),
 * `'submit'` for Enter, or null when the group leaves the key alone. One place, so every group of
 * Quorum (classifier, rating, rubric, pairwise) moves the same way.
 */
export function radioGroupKeyAction(event: KeyboardEvent, current: number, count: number, container: Element): number | 'submit' | null {
  if (count === 0 || event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === 'Enter') return 'submit';
  if (event.key === ' ') return current;
  return arrowKeyTarget(event, current, count, container);
}

/** Whether a key press at this target types text, so single-key shortcuts must leave it alone. */
export function isTypingTarget(target: EventTarget | undefined): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'image', 'range', 'color', 'file'].includes(target.type);
}

/** Whether a key event is a plain key (no Ctrl/Meta/Alt) that a shortcut may take. */
export function isPlainKey(event: KeyboardEvent): boolean {
  return !event.defaultPrevented && !event.ctrlKey && !event.metaKey && !event.altKey && !isTypingTarget(event.composedPath()[0]);
}

/** Parses state saved as JSON text by a control; null when it is not a JSON object. */
export function parseObjectState(state: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(state);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
