import { css } from 'lit';

/** The host box and the label above the control, shared by the text fields and `<crowd-slider>`. */
export const fieldFrameStyles = css`
  :host {
    display: block;
    margin: 0.25rem 0;
    line-height: 1.5;
  }

  :host([hidden]) {
    display: none;
  }

  .label {
    display: block;
    margin-bottom: 0.25rem;
    font-size: 0.875rem;
    font-weight: 600;
  }
`;

/** Look shared by `<crowd-input>` and `<crowd-text-area>`. */
export const textFieldStyles = css`
  ${fieldFrameStyles}

  .field {
    box-sizing: border-box;
    width: 100%;
    padding: 0.5rem 0.625rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }

  .field::placeholder {
    color: var(--_muted);
    opacity: 1;
  }

  .field:focus-visible {
    outline: 2px solid var(--_focus-color);
    outline-offset: 1px;
  }

  .field:disabled {
    border-style: dashed;
    color: var(--_muted);
    cursor: not-allowed;
  }

  :host(:state(user-invalid)) .field {
    border-color: var(--_danger);
  }

  .footer {
    display: flex;
    justify-content: space-between;
    gap: var(--_space);
  }

  .error {
    margin: 0.25rem 0 0;
    color: var(--_danger);
    font-size: 0.875rem;
  }

  .counter {
    margin: 0.25rem 0 0 auto;
    color: var(--_muted);
    font-size: 0.8125rem;
    font-variant-numeric: tabular-nums;
  }

  [hidden] {
    display: none !important;
  }
`;
