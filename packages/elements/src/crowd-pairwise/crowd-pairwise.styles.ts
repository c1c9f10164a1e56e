import { css } from 'lit';

export const crowdPairwiseStyles = css`
  :host {
    container-type: inline-size;
  }

  .responses {
    display: grid;
    gap: var(--_space);
    margin-bottom: var(--_space);
  }

  /* Side by side when there is room, stacked otherwise. */
  @container (min-width: 40rem) {
    .responses {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    }
  }

  .response {
    min-width: 0;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_panel);
  }

  .response h3 {
    margin: 0 0 0.5rem;
    font-size: 1rem;
  }

  .response-body {
    overflow-wrap: anywhere;
  }

  .response-body.text {
    white-space: pre-wrap;
  }

  .row {
    margin-top: 0.75rem;
  }

  .dimension {
    display: grid;
    gap: 0.375rem;
    padding-top: 0.75rem;
    border-top: 1px solid var(--_border);
  }

  .dimension-label {
    font-weight: 600;
  }

  .preference {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
  }

  .strength .option {
    min-height: 2.25rem;
    font-size: 0.875rem;
  }
`;
