import { css } from 'lit';

export const crowdIconButtonStyles = css`
  :host {
    display: inline-block;
    vertical-align: middle;
  }

  :host([hidden]) {
    display: none;
  }

  :host([disabled]) {
    pointer-events: none;
  }

  .base {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 2.5rem;
    height: 2.5rem;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: transparent;
    color: var(--_accent);
    font: inherit;
    font-size: 1.25rem;
    cursor: pointer;
  }

  .base:hover {
    background: var(--_accent-soft);
  }

  .base:active {
    background: var(--_border);
  }

  .base:disabled {
    color: var(--_muted);
    cursor: not-allowed;
  }

  .base:focus-visible {
    outline: 2px solid var(--_focus-color);
    outline-offset: 2px;
  }

  img.icon {
    width: 1.5rem;
    height: 1.5rem;
  }
`;
