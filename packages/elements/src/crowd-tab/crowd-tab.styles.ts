import { css } from 'lit';

export const crowdTabStyles = css`
  :host {
    display: block;
    padding: var(--quorum-space, 0.75rem) 0;
  }

  :host([hidden]) {
    display: none;
  }

  :host(:focus-visible) {
    outline: 2px solid var(--quorum-focus-color, #1a5fd0);
  }
`;
