import { css } from 'lit';

export const crowdFormStyles = css`
  :host {
    display: block;
  }

  :host([hidden]) {
    display: none;
  }
`;
