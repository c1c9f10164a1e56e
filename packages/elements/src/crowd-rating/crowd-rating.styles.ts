import { css } from 'lit';

export const crowdRatingStyles = css`
  .scale {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
  }

  .end {
    color: var(--_muted);
    font-size: 0.875rem;
  }

  .stars .option {
    min-width: 2.75rem;
    padding: 0;
    border-color: transparent;
    background: none;
    color: var(--_muted);
    font-size: 1.75rem;
    line-height: 1;
  }

  .stars .option.filled,
  .stars .option[aria-checked='true'] {
    border-color: transparent;
    background: none;
    color: var(--_accent);
  }

  .stars .option:hover {
    border-color: var(--_border);
  }

  .required {
    color: var(--_muted);
    font-size: 0.8125rem;
  }
`;
