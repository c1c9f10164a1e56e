import { css } from 'lit';

/** Layout of every image annotation element: instructions, label picker, zoom buttons, stage. */
export const spatialAnnotatorStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    line-height: 1.5;
  }

  :host([hidden]),
  [hidden] {
    display: none !important;
  }

  .layout {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }

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

  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    margin-bottom: 0.5rem;
  }

  .labels {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
  }

  .label {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    min-height: 2.25rem;
    box-sizing: border-box;
    padding: 0.25rem 0.625rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
    user-select: none;
  }

  .label[aria-checked='true'] {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
    background: var(--_accent-soft);
    font-weight: 600;
  }

  .labels[aria-disabled='true'] .label {
    border-style: dashed;
    color: var(--_muted);
    cursor: not-allowed;
  }

  .swatch {
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 50%;
    background: var(--_label-color);
  }

  .shortcut {
    min-width: 1.125rem;
    padding: 0 0.25rem;
    border: 1px solid var(--_border);
    border-radius: 0.25rem;
    background: var(--_panel);
    color: var(--_muted);
    font: inherit;
    font-size: 0.75rem;
    text-align: center;
  }

  .zoom {
    display: flex;
    gap: 0.25rem;
  }

  .zoom button,
  .close {
    min-width: 2.25rem;
    min-height: 2.25rem;
    padding: 0.25rem 0.625rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }

  .zoom button:disabled {
    color: var(--_muted);
    cursor: not-allowed;
  }

  .stage {
    position: relative;
    width: 100%;
    aspect-ratio: 4 / 3;
    min-height: 12rem;
    max-height: var(--quorum-spatial-max-height, 70vh);
    overflow: hidden;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: #20242a;
    touch-action: none;
    user-select: none;
    cursor: crosshair;
  }

  .stage[aria-disabled='true'] {
    cursor: not-allowed;
  }

  :host(:state(user-invalid)) .stage {
    border-color: var(--_danger);
  }

  .layer {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
  }

  .image-message {
    position: absolute;
    inset: auto 1rem 50% 1rem;
    transform: translateY(50%);
    margin: 0;
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    text-align: center;
  }

  [part='image-error'] {
    border: 2px solid var(--_danger);
    color: var(--_danger);
    font-weight: 600;
  }

  .label:focus-visible,
  .stage:focus-visible,
  .zoom button:focus-visible,
  .link:focus-visible,
  .close:focus-visible {
    outline: 2px solid var(--_focus-color);
    outline-offset: 2px;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
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

  @media (forced-colors: active) {
    .label[aria-checked='true'] {
      outline: 3px solid CanvasText;
    }
  }
`;
