import { css } from 'lit';

/** The document beside the list of pairs (stacked on narrow screens); the rest comes from the shared annotator layout. */
export const crowdTextractAnalyzeDocumentStyles = css`
  :host {
    display: block;
  }

  :host([hidden]) {
    display: none;
  }

  .review {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(16rem, 2fr);
    gap: var(--_space);
    align-items: start;
  }

  @media (max-width: 48rem) {
    .review {
      grid-template-columns: minmax(0, 1fr);
    }
  }

  .pairs {
    display: grid;
    gap: calc(var(--_space) / 2);
    margin: 0;
    padding: 0;
    list-style: none;
    max-height: var(--quorum-spatial-max-height, 70vh);
    overflow: auto;
  }

  .pair {
    display: grid;
    gap: 0.375rem;
    padding: 0.5rem 0.625rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .pair.current {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
  }

  .pair.removed {
    opacity: 0.7;
    border-style: dashed;
  }

  .pair.removed input {
    text-decoration: line-through;
  }

  .pair-title {
    margin: 0;
    font-weight: 600;
  }

  .field {
    display: grid;
    grid-template-columns: 3.5rem minmax(0, 1fr);
    align-items: center;
    gap: 0.5rem;
  }

  .field input,
  .add select {
    min-width: 0;
    padding: 0.3rem 0.45rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }

  .field input[readonly] {
    background: var(--_panel);
  }

  .pair-actions,
  .add {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
  }

  .pair-actions button,
  .add button {
    padding: 0.25rem 0.6rem;
  }

  .pair-actions button[aria-pressed='true'] {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_accent-text);
  }

  .pair-actions button:disabled,
  .add button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }

  .box-button.key {
    border-left: 4px solid #1f77b4;
  }

  .box-button.value {
    border-left: 4px solid #2ca02c;
  }

  .missing {
    margin: var(--_space) 0;
  }

  .missing p,
  .empty {
    margin: 0.5rem 0 0.25rem;
    color: var(--_muted);
  }

  .missing ul {
    margin: 0;
    padding-left: 1.25rem;
  }

  .add {
    margin-top: var(--_space);
  }
`;
