import { css } from 'lit';

export const fullInstructionsStyles = css`
  :host {
    display: block;
  }

  :host([hidden]) {
    display: none;
  }
`;
