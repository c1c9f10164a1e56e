import { css } from 'lit';

export const crowdToggleButtonStyles = css`
  .indicator {
    justify-items: start;
    width: 2.5rem;
    height: 1.5rem;
    padding: 0.125rem;
    border-radius: 0.75rem;
  }

  .thumb {
    width: 1rem;
    height: 1rem;
    border-radius: 50%;
    background: var(--_muted);
    transition: translate 120ms ease-out;
  }

  .base[aria-checked='true'] .thumb {
    background: var(--_accent-text);
    translate: 1rem 0;
  }

  :host(:dir(rtl)) .base[aria-checked='true'] .thumb {
    translate: -1rem 0;
  }

  @media (prefers-reduced-motion: reduce) {
    .thumb {
      transition: none;
    }
  }
`;
