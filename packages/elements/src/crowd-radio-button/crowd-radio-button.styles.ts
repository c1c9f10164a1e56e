import { css } from 'lit';

export const crowdRadioButtonStyles = css`
  .indicator {
    width: 1.25rem;
    height: 1.25rem;
    border-radius: 50%;
  }

  .dot {
    width: 0.5rem;
    height: 0.5rem;
    border-radius: 50%;
  }

  .base[aria-checked='true'] .dot {
    background: var(--_accent-text);
  }
`;
