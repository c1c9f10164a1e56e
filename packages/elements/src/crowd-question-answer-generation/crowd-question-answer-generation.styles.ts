import { css } from 'lit';

export const crowdQuestionAnswerGenerationStyles = css`
  .instructions {
    white-space: pre-line;
  }

  .passage {
    max-height: 20rem;
    overflow: auto;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    white-space: pre-wrap;
  }

  .pairs {
    display: grid;
    gap: var(--_space);
    margin: var(--_space) 0;
    padding: 0;
    list-style: none;
  }

  .pair {
    padding: 0 0.75rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  .actions,
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
    margin-top: 0.5rem;
  }

  .tags button[aria-pressed='true'] {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_accent-text);
  }

  .tags input {
    width: auto;
    min-width: 10rem;
  }
`;
