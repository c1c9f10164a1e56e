import { css } from 'lit';
import { fieldFrameStyles } from '../internal/text-field.styles.js';

export const crowdSliderStyles = css`
  ${fieldFrameStyles}

  .base {
    display: flex;
    align-items: center;
    gap: var(--_space);
  }

  .track {
    position: relative;
    flex: 1;
    padding-top: 0.25rem;
  }

  .base:has(.pin:not([hidden])) .track {
    padding-top: 1.75rem;
  }

  input[type='range'] {
    display: block;
    width: 100%;
    margin: 0;
    accent-color: var(--_accent);
    cursor: pointer;
  }

  .unset input[type='range'] {
    accent-color: var(--_muted);
  }

  input[type='range']:disabled {
    cursor: not-allowed;
  }

  input:focus-visible {
    outline: 2px solid var(--_focus-color);
    outline-offset: 2px;
  }

  /* The knob is about 1rem wide and travels between its half-widths at each end. */
  .pin {
    position: absolute;
    top: 0;
    inset-inline-start: calc(0.5rem + var(--_fraction) * (100% - 1rem));
    translate: -50% 0;
    min-width: 1.5rem;
    padding: 0 0.375rem;
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_accent-text);
    font-size: 0.8125rem;
    text-align: center;
    pointer-events: none;
  }

  :host(:dir(rtl)) .pin {
    translate: 50% 0;
  }

  .secondary {
    height: 0.25rem;
    margin-top: 0.25rem;
    border-radius: 0.125rem;
    background: var(--_secondary-color, var(--quorum-slider-secondary-color, var(--crowd-slider-secondary-color, #7a8a9e)));
  }

  .number {
    box-sizing: border-box;
    width: 5.5rem;
    min-height: 2.25rem;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }

  :host(:state(user-invalid)) .number,
  :host(:state(user-invalid)) input[type='range'] {
    outline: 1px solid var(--_danger);
  }

  .error {
    margin: 0.25rem 0 0;
    color: var(--_danger);
    font-size: 0.875rem;
  }

  [hidden] {
    display: none !important;
  }
`;
