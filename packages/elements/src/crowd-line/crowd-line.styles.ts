import { css } from 'lit';

/** Only what differs from the shared annotator layout. */
export const crowdLineStyles = css`
  .stage.loaded {
    cursor: crosshair;
  }
`;
