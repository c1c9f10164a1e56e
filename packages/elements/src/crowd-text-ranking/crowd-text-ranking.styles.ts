import { css } from 'lit';

export const crowdTextRankingStyles = css`
  .instructions {
    white-space: pre-line;
  }

  .responses {
    display: grid;
    gap: 0.5rem;
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
  }

  .response {
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    white-space: pre-wrap;
  }

  .response strong {
    display: block;
  }

  .dimension {
    margin: 0 0 var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  .dimension legend {
    font-weight: 600;
  }

  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    padding: 0.25rem 0;
  }

  .row-label {
    min-width: 6.5rem;
  }

  .hint,
  .row-label {
    color: var(--_muted);
  }
`;
