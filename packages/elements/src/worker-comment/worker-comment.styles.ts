import { css } from 'lit';

export const workerCommentStyles = css`
  :host {
    display: block;
  }
`;
