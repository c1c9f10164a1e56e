import { css } from 'lit';

export const crowdInputStyles = css`
  .field {
    min-height: 2.5rem;
  }
`;
