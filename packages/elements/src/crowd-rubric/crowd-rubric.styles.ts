import { css } from 'lit';

export const crowdRubricStyles = css`
  .criterion {
    margin-top: var(--_space);
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
  }

  .criterion-label {
    margin: 0 0 0.25rem;
    font-size: 1rem;
  }

  .description {
    margin: 0 0 0.5rem;
    color: var(--_muted);
    font-size: 0.9375rem;
  }

  .number {
    font-weight: 600;
  }
`;
