import { css } from 'lit';

export const shortInstructionsStyles = css`
  :host {
    display: block;
  }

  :host([hidden]) {
    display: none;
  }
`;
