import { css } from 'lit';

export const crowdToastStyles = css`
  :host {
    position: fixed;
    z-index: 1000;
    inset-inline: 0;
    bottom: 1.5rem;
    display: flex;
    justify-content: center;
    pointer-events: none;
  }

  :host(:not([opened])) {
    display: none;
  }

  .base {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    max-width: min(36rem, calc(100vw - 2rem));
    padding-block: 0.625rem;
    padding-inline: 1rem 0.75rem;
    border-radius: var(--_radius);
    background: #24292f;
    color: #fff;
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.3);
    pointer-events: auto;
  }

  .close {
    min-width: 2rem;
    min-height: 2rem;
    border: 0;
    border-radius: var(--_radius);
    background: none;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }

  .close:focus-visible {
    outline: 2px solid #fff;
    outline-offset: 1px;
  }
`;
