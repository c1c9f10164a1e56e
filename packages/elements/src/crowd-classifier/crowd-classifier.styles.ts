import { css } from 'lit';

export const crowdClassifierStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    line-height: 1.5;
  }

  :host([hidden]) {
    display: none;
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

  .target {
    margin-bottom: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .categories {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }

  .category {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    box-sizing: border-box;
    min-height: 2.75rem;
    padding: 0.5rem 0.875rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
    user-select: none;
  }

  .category:hover {
    border-color: var(--_accent);
  }

  .category[aria-checked='true'] {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_accent-text);
  }

  .link:focus-visible,
  .category:focus-visible,
  .close:focus-visible {
    outline: 2px solid var(--_focus-color);
    outline-offset: 2px;
  }

  .shortcut {
    min-width: 1.25rem;
    padding: 0 0.3rem;
    border: 1px solid var(--_border);
    border-radius: 0.25rem;
    background: var(--_panel);
    color: var(--_muted);
    font: inherit;
    font-size: 0.75rem;
    text-align: center;
  }

  .category[aria-checked='true'] .shortcut {
    border-color: currentColor;
    background: transparent;
    color: inherit;
  }

  .categories[aria-disabled='true'] .category {
    border-style: dashed;
    color: var(--_muted);
    cursor: not-allowed;
  }

  .categories[aria-disabled='true'] .category[aria-checked='true'] {
    color: var(--_accent-text);
  }

  :host(:state(user-invalid)) .category {
    border-color: var(--_danger);
  }

  .error {
    margin: 0.5rem 0 0;
    color: var(--_danger);
    font-size: 0.875rem;
  }

  .hint {
    margin: 0.5rem 0 0;
    color: var(--_muted);
    font-size: 0.8125rem;
  }

  [hidden] {
    display: none !important;
  }

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

  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }

  .dialog-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-bottom: 1px solid var(--_border);
  }

  .dialog-head h2 {
    margin: 0;
    font-size: 1.125rem;
  }

  .dialog-body {
    padding: calc(var(--_space) * 1.5);
    overflow: auto;
  }

  .close {
    min-height: 2.25rem;
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }

  @media (forced-colors: active) {
    .category[aria-checked='true'] {
      outline: 3px solid CanvasText;
    }
  }
`;
