import { css } from 'lit';

/** Added to `<crowd-classifier>`'s styles: a check box in each choice, and the exclusion choice set apart. */
export const crowdClassifierMultiSelectStyles = css`
  .box {
    display: inline-block;
    box-sizing: border-box;
    width: 1rem;
    height: 1rem;
    border: 2px solid currentColor;
    border-radius: 0.1875rem;
  }

  .category[aria-checked='true'] .box {
    background: currentColor;
    box-shadow: inset 0 0 0 2px var(--_accent);
  }

  .exclusion {
    border-style: dashed;
  }

  .categories[aria-disabled='true'] .category,
  .category[aria-disabled='true'] {
    border-style: dashed;
    color: var(--_muted);
    cursor: not-allowed;
  }

  .category[aria-disabled='true'][aria-checked='true'] {
    color: var(--_accent-text);
  }
`;
