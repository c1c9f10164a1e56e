import { html, nothing, type TemplateResult } from 'lit';
import { normalizeLabels, type SpatialLabel, type SpatialLabelInput } from './labels.js';

/** Digit keys choose the first nine labels; 0 is taken by "show the whole image". */
export const LABEL_DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * The labels as shown, with the colours of `label-colors` where they are valid hex codes.
 * `lowercase` gives every colour as `#rrggbb` in lower case, for answers that name colours.
 */
export function coloredLabels(labels: readonly (string | SpatialLabelInput)[], colors: readonly string[], lowercase = false): SpatialLabel[] {
  return normalizeLabels(labels).map((label, index) => {
    const given = colors[index];
    const color = given && /^#[0-9a-f]{6}$/i.test(given) ? given : label.color;
    return { ...label, color: lowercase ? color.toLowerCase() : color };
  });
}

/** The digit keys in use for `count` labels, for shortcut lists ('1', '1–4'), or null for none. */
export function labelDigitKeys(count: number): string | null {
  const used = Math.min(count, LABEL_DIGITS.length);
  return used === 0 ? null : used === 1 ? '1' : `1–${used}`;
}

/** The index of the label a digit key chooses among `count` labels, or -1. */
export function labelForDigit(key: string, count: number): number {
  const index = LABEL_DIGITS.indexOf(key);
  return index < count ? index : -1;
}

/** The label an arrow key moves to in the radio group (wrapping), or -1 for another key. */
export function labelForArrow(event: KeyboardEvent, current: number, count: number): number {
  if (count === 0 || event.ctrlKey || event.metaKey || event.altKey) return -1;
  const moves: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
  const move = moves[event.key];
  if (move === undefined) return -1;
  event.preventDefault();
  return (current + move + count) % count;
}

/** One label of the picker: a radio with its colour swatch, its digit key and its short name. */
export function renderLabelRadio(label: SpatialLabel, index: number, checked: boolean, disabled: boolean, choose: (index: number) => void): TemplateResult {
  const shortcut = LABEL_DIGITS[index];
  return html`
    <div
      role="radio"
      part=${checked ? 'label label-checked' : 'label'}
      class="label"
      data-index=${index}
      aria-checked=${checked ? 'true' : 'false'}
      aria-label=${label.full}
      aria-description=${label.long || nothing}
      aria-keyshortcuts=${shortcut ?? nothing}
      title=${label.long || nothing}
      tabindex=${disabled ? nothing : checked ? 0 : -1}
      style="--_label-color: ${label.color}"
      @click=${() => !disabled && choose(index)}
    >
      <span class="swatch" aria-hidden="true"></span>
      ${shortcut ? html`<kbd class="shortcut" aria-hidden="true">${shortcut}</kbd>` : nothing}
      <span>${label.short}</span>
    </div>
  `;
}

/** The digit keys in use, for a hint sentence ('1–4 pick the label; '), or '' for none. */
export function labelDigitsHint(count: number): string {
  const keys = labelDigitKeys(count);
  return keys === null ? '' : `${keys} ${keys === '1' ? 'picks' : 'pick'} the label; `;
}
