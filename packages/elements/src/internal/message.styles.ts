import { css } from 'lit';

/** The error line (part `error`) and the keyboard hint under a task element's controls. */
export const messageStyles = css`
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
`;
