import { css } from 'lit';

export const crowdCheckboxStyles = css`
  .indicator {
    width: 1.25rem;
    height: 1.25rem;
    border-radius: 0.25rem;
  }
`;
