import { css } from 'lit';

/** Checked categories carry a tick; the exclusion category sits apart from the others. */
export const crowdImageClassifierMultiSelectStyles = css`
  .box {
    display: inline-grid;
    place-items: center;
    width: 1.125rem;
    height: 1.125rem;
    border: 2px solid var(--_border);
    border-radius: 0.25rem;
    font-size: 0.8rem;
    line-height: 1;
  }

  .option[aria-checked='true'] {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
    background: var(--_accent-soft);
  }

  .option[aria-checked='true'] .box {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_accent-text);
  }

  .option.exclusion {
    border-style: dashed;
  }

  .option[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
`;
