import { css } from 'lit';

export const crowdRadioGroupStyles = css`
  :host {
    display: block;
  }

  :host([hidden]) {
    display: none;
  }

  .group {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
  }
`;
