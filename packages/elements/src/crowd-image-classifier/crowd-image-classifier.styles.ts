import { css } from 'lit';

/** The chosen category is filled, as in `<crowd-classifier>`. */
export const crowdImageClassifierStyles = css`
  .option[aria-checked='true'],
  .options[aria-disabled='true'] .option[aria-checked='true'] {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_accent-text);
  }
`;
