import { css, html, nothing, type CSSResult, type TemplateResult } from 'lit';
import { REGION_CHANGE_EVENT } from './region.js';
import { dialogFrameStyles } from './dialog.styles.js';
import { messageStyles } from './message.styles.js';

/**
 * The instructions panel and "View full instructions" dialog that the task elements with
 * `short-instructions` / `full-instructions` slots share (the classifiers and the image annotators),
 * so the layout, parts and styles they promise stay the same in every one of them.
 */

/** Whether a slotted node shows something: an element, or text that is not only white space. */
function hasContent(node: Node): boolean {
  return node.nodeType === Node.ELEMENT_NODE || (node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '');
}

/** The set of filled slot names after `slot` changed (a new set, so a Lit state sees the change). */
export function withSlotFilled(filled: ReadonlySet<string>, slot: HTMLSlotElement): Set<string> {
  const next = new Set(filled);
  if (slot.assignedNodes({ flatten: true }).some(hasContent)) next.add(slot.name);
  else next.delete(slot.name);
  return next;
}

/** Whether the panel shows: either instructions slot has content. */
export function hasInstructions(filled: ReadonlySet<string>): boolean {
  return filled.has('short-instructions') || filled.has('full-instructions');
}

/** The `header` attribute of the element in the `full-instructions` slot of `root` ('' for none). */
export function readFullInstructionsHeader(root: ParentNode): string {
  return root.querySelector<HTMLSlotElement>('slot[name="full-instructions"]')?.assignedElements()[0]?.getAttribute('header') ?? '';
}

/** A Lit element that renders the instructions layout. */
type InstructionsHost = HTMLElement & { readonly renderRoot: ParentNode; requestUpdate(): void };

/**
 * Tracks which instruction slots of a task element have content and the full instructions'
 * `header`, so the host renders {@link renderInstructionsLayout} from `filled` and
 * `fullInstructionsHeader` and hands it `onSlotChange`. It re-reads the header when a region
 * announces a change (REGION_CHANGE_EVENT) and asks the host to update after each change.
 */
export class InstructionsRegion {
  filled: ReadonlySet<string> = new Set();
  fullInstructionsHeader = '';
  readonly #host: InstructionsHost;

  constructor(host: InstructionsHost) {
    this.#host = host;
    host.addEventListener(REGION_CHANGE_EVENT, this.#readFullInstructions);
  }

  readonly onSlotChange = (event: Event): void => {
    const slot = event.target as HTMLSlotElement;
    this.filled = withSlotFilled(this.filled, slot);
    if (slot.name === 'full-instructions') this.fullInstructionsHeader = readFullInstructionsHeader(this.#host.renderRoot);
    this.#host.requestUpdate();
  };

  readonly #readFullInstructions = (): void => {
    this.fullInstructionsHeader = readFullInstructionsHeader(this.#host.renderRoot);
    this.#host.requestUpdate();
  };
}

/** What {@link renderInstructionsLayout} needs from its host element. */
export interface InstructionsLayout {
  /** The names of the slots that have content. */
  filled: ReadonlySet<string>;
  /** The task's question, shown above the task (part `header`); '' hides it. */
  header: string;
  /** The full instructions region's `header` attribute ('' for the default title). */
  dialogHeader: string;
  /** The `class` of the instructions dialog, for hosts with more than one dialog. */
  dialogClass?: string;
  onSlotChange(event: Event): void;
  open(): void;
  close(): void;
}

/**
 * The layout of a task element with instructions: the grid (part `base`) holding the instructions
 * panel (part `instructions`, with the `full-instructions-button`) beside the task (part `main`,
 * headed by part `header` and ending with the default slot), and the full instructions dialog
 * (parts `dialog` and `dialog-body`), followed by `after`. Listeners run with the host as `this`,
 * as Lit binds them in the host's own render.
 */
export function renderInstructionsLayout(layout: InstructionsLayout, main: unknown, after: unknown = nothing): TemplateResult {
  const { filled, header, onSlotChange } = layout;
  const shown = hasInstructions(filled);
  return html`
    <div part="base" class="layout ${shown ? 'has-instructions' : ''}">
      <div part="instructions" class="instructions" ?hidden=${!shown}>
        <p class="instructions-title">Instructions</p>
        <slot name="short-instructions" @slotchange=${onSlotChange}></slot>
        <button type="button" part="full-instructions-button" class="link" aria-haspopup="dialog" ?hidden=${!filled.has('full-instructions')} @click=${layout.open}>
          View full instructions
        </button>
      </div>
      <div part="main" class="main annotation-area">
        <h2 part="header" class="header" id="header" dir="auto" ?hidden=${!header}>${header}</h2>
        ${main}
        <slot @slotchange=${onSlotChange}></slot>
      </div>
    </div>
    <dialog part="dialog" class=${layout.dialogClass ?? nothing} aria-labelledby="dialog-header">
      <div class="dialog-head">
        <h2 id="dialog-header">${layout.dialogHeader || 'Instructions'}</h2>
        <button type="button" class="close" @click=${layout.close}>Close</button>
      </div>
      <div part="dialog-body" class="dialog-body">
        <slot name="full-instructions" @slotchange=${onSlotChange}></slot>
      </div>
    </dialog>
    ${after}
  `;
}

/**
 * Styles of {@link renderInstructionsLayout}:
 * the grid that puts the panel beside the task when there is room, the header, error and hint
 * lines, and the dialog. Each element adds its own `:host([hidden])` rule and its controls after it.
 */
export const instructionsRegionStyles: CSSResult = css`
  :host {
    display: block;
    container-type: inline-size;
    line-height: 1.5;
  }

  [hidden] {
    display: none !important;
  }

  .layout {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }

  /* Instructions sit beside the task when there is room, above it otherwise. */
  @container (min-width: 44rem) {
    .layout.has-instructions {
      grid-template-columns: minmax(12rem, 18rem) minmax(0, 1fr);
      align-items: start;
    }
  }

  .instructions {
    background: var(--_panel);
    border-radius: var(--_radius);
    padding: var(--_space);
    font-size: 0.9375rem;
  }

  .instructions-title {
    margin: 0 0 0.25rem;
    font-size: 0.875rem;
    font-weight: 600;
  }

  .link {
    appearance: none;
    display: inline-block;
    margin-top: 0.5rem;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }

  .header {
    margin: 0 0 var(--_space);
    font-size: 1.125rem;
    font-weight: 600;
    line-height: 1.35;
  }

  ${messageStyles}

  dialog {
    box-sizing: border-box;
    width: min(40rem, calc(100vw - 2rem));
    max-height: calc(100vh - 4rem);
    padding: 0;
    border: 0;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 1rem 3rem rgb(0 0 0 / 0.25);
  }

  ${dialogFrameStyles}

  .dialog-body {
    padding: calc(var(--_space) * 1.5);
    overflow: auto;
  }
`;
