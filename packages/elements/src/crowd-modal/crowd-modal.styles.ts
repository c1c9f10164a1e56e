import { css } from 'lit';

export const crowdModalStyles = css`
  .dialog-body {
    white-space: normal;
  }
`;
