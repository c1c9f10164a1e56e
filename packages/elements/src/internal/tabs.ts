import { html, nothing, type TemplateResult } from 'lit';
import { arrowKeyTarget } from './choice-group.js';

/**
 * A tab list rendered in a shadow root (`<crowd-tabs>`, `<crowd-instructions>`): roving tabindex,
 * Left/Right wrapping around (mirrored in right-to-left text), Home/End, activation on focus. Each tab controls
 * the panel with id `<prefix>-panel-<index>`, which the caller renders.
 */
export interface TabListOptions {
  labels: readonly string[];
  selected: number;
  /** Prefix of the tab and panel ids. */
  prefix: string;
  label: string;
  /** Whether the panels are in the same shadow root, so tabs can point at them (`aria-controls`). */
  panelsInside?: boolean;
  onSelect(index: number): void;
}

export function renderTabList(options: TabListOptions): TemplateResult {
  const { labels, selected, prefix } = options;
  const onKeydown = (event: KeyboardEvent): void => {
    const list = event.currentTarget as HTMLElement;
    const current = Number((event.composedPath()[0] as HTMLElement).dataset?.['index'] ?? selected);
    // Tabs lie in a row, so Up and Down keep their default (scrolling).
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') return;
    const next = arrowKeyTarget(event, current, labels.length, list);
    if (next === null) return;
    event.preventDefault();
    options.onSelect(next);
    list.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus();
  };
  return html`
    <div role="tablist" part="tabs" class="tabs" aria-label=${options.label} @keydown=${onKeydown}>
      ${labels.map(
        (label, index) => html`<button
          type="button"
          role="tab"
          part=${index === selected ? 'tab tab-selected' : 'tab'}
          class="tab"
          id=${`${prefix}-tab-${index}`}
          data-index=${index}
          aria-selected=${index === selected ? 'true' : 'false'}
          aria-controls=${options.panelsInside === false ? nothing : `${prefix}-panel-${index}`}
          tabindex=${index === selected ? 0 : -1}
          @click=${() => options.onSelect(index)}
        >
          ${label}
        </button>`,
      )}
    </div>
  `;
}
