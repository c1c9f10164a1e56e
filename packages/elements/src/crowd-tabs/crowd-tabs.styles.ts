import { css } from 'lit';

export const crowdTabsStyles = css`
  :host {
    display: block;
  }

  :host([hidden]) {
    display: none;
  }
`;
