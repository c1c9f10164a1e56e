import { css } from 'lit';

// The form itself stays unstyled (a template's own look must not change); only the shortcuts
// dialog and the list of answer problems read the theme, straight from the public custom properties.
export const crowdFormStyles = css`
  :host {
    display: block;
  }

  :host([hidden]) {
    display: none;
  }

  dialog {
    box-sizing: border-box;
    width: min(36rem, calc(100vw - 2rem));
    max-height: calc(100vh - 4rem);
    padding: 1rem 1.25rem;
    border: 1px solid var(--quorum-color-border, #c9ced6);
    border-radius: var(--quorum-radius, 0.375rem);
    background: var(--quorum-color-surface, #ffffff);
    color: var(--quorum-color-text, #1f2328);
    font-family: var(--quorum-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    box-shadow: 0 1rem 3rem rgb(0 0 0 / 0.25);
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }

  h2 {
    margin: 0 0 0.75rem;
    font-size: 1.125rem;
  }

  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.9375rem;
  }

  th,
  td {
    padding: 0.375rem 0.5rem;
    border-top: 1px solid var(--quorum-color-border, #c9ced6);
    text-align: start;
    vertical-align: top;
  }

  th {
    font-weight: normal;
    white-space: nowrap;
  }

  kbd {
    font: inherit;
    font-weight: 600;
  }

  dialog button {
    margin-top: 1rem;
    min-height: 2.25rem;
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--quorum-color-border, #c9ced6);
    border-radius: var(--quorum-radius, 0.375rem);
    background: var(--quorum-color-surface, #ffffff);
    color: inherit;
    font: inherit;
    cursor: pointer;
  }

  [part='answer-issues'] {
    margin: 1rem 0;
    padding: 0.75rem 1rem;
    border: 1px solid var(--quorum-color-danger, #b3261e);
    border-inline-start-width: 4px;
    border-radius: var(--quorum-radius, 0.375rem);
    background: var(--quorum-color-surface, #ffffff);
    color: var(--quorum-color-text, #1f2328);
    font-family: var(--quorum-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  }

  [part='answer-issues'] p {
    margin: 0 0 0.5rem;
    font-weight: 600;
    color: var(--quorum-color-danger, #b3261e);
  }

  [part='answer-issues'] ul {
    margin: 0;
    padding-inline-start: 1.25rem;
  }

  [part='answer-issue-field'] {
    padding: 0;
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    font-weight: 600;
    text-decoration: underline;
    cursor: pointer;
  }

  button:focus-visible {
    outline: 2px solid var(--quorum-focus-color, #1a5fd0);
    outline-offset: 2px;
  }
`;
