import { css } from 'lit';

export const crowdInstructionsStyles = css`
  .examples {
    margin: 0.5rem 0;
    font-size: 1rem;
  }

  .examples.good {
    color: var(--quorum-color-success, #1a7f37);
  }

  .examples.bad {
    color: var(--_danger);
  }

  ::slotted([slot='positive-example']),
  ::slotted([slot='negative-example']) {
    display: block;
    margin-bottom: var(--_space);
    padding: 0.5rem var(--_space);
    border-inline-start: 4px solid var(--_border);
  }
`;
