import { css } from 'lit';

/** Layout shared by checkbox, radio button and toggle button: an indicator, then the label. */
export const checkableStyles = css`
  :host {
    display: inline-block;
    line-height: 1.5;
  }

  :host([hidden]) {
    display: none;
  }

  .base {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 2rem;
    padding: 0.125rem 0.25rem;
    border-radius: var(--_radius);
    cursor: pointer;
    user-select: none;
  }

  .base:focus-visible {
    outline: 2px solid var(--_focus-color);
    outline-offset: 2px;
  }

  .base[aria-disabled='true'] {
    color: var(--_muted);
    cursor: not-allowed;
  }

  .indicator {
    display: inline-grid;
    place-items: center;
    flex: none;
    box-sizing: border-box;
    border: 2px solid var(--_muted);
    background: var(--_surface);
    color: var(--_accent-text);
  }

  .base[aria-checked='true'] .indicator {
    border-color: var(--_accent);
    background: var(--_accent);
  }

  .base[aria-disabled='true'] .indicator {
    border-style: dashed;
  }

  :host(:state(user-invalid)) .indicator {
    border-color: var(--_danger);
  }

  .error {
    margin: 0.25rem 0 0;
    color: var(--_danger);
    font-size: 0.875rem;
  }

  [hidden] {
    display: none !important;
  }

  @media (forced-colors: active) {
    .base[aria-checked='true'] .indicator {
      background: Highlight;
    }
  }
`;
