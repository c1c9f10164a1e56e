import { css } from 'lit';

export const classificationTargetStyles = css`
  :host {
    display: block;
    overflow-wrap: anywhere;
  }

  :host([hidden]) {
    display: none;
  }
`;
