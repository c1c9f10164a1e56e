import { css } from 'lit';

export const crowdAlertStyles = css`
  :host {
    display: block;
    margin: 0.5rem 0;
    --_tone: var(--_accent);
  }

  :host([hidden]) {
    display: none;
  }

  :host([type='success']) {
    --_tone: var(--quorum-color-success, #1a7f37);
  }

  :host([type='error']) {
    --_tone: var(--_danger);
  }

  :host([type='warning']) {
    --_tone: var(--quorum-color-warning, #9a6700);
  }

  .base {
    display: flex;
    align-items: flex-start;
    gap: 0.625rem;
    padding: 0.625rem 0.75rem;
    border: 1px solid var(--_tone);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .icon {
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
    border-radius: 50%;
    background: var(--_tone);
    color: #fff;
    font-weight: 700;
    line-height: 1.5rem;
    text-align: center;
  }

  .message {
    flex: 1;
    min-width: 0;
    align-self: center;
  }

  .dismiss {
    flex: none;
    min-width: 2rem;
    min-height: 2rem;
    border: 0;
    border-radius: var(--_radius);
    background: none;
    color: var(--_muted);
    font: inherit;
    cursor: pointer;
  }

  .dismiss:focus-visible {
    outline: 2px solid var(--_focus-color);
    outline-offset: 2px;
  }
`;
