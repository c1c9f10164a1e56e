import { css } from 'lit';

export const crowdFabStyles = css`
  .base {
    width: 3.5rem;
    height: 3.5rem;
    background: var(--_accent);
    color: var(--_accent-text);
    box-shadow: 0 3px 8px rgb(0 0 0 / 0.3);
  }

  .base:hover {
    background: var(--_accent);
    box-shadow: 0 5px 12px rgb(0 0 0 / 0.35);
  }

  .base:disabled {
    background: var(--_panel);
    box-shadow: none;
  }

  .label {
    max-width: 1.3em;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
`;
