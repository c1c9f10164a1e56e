import { css } from 'lit';

/** Only what differs from the shared annotator layout: a point is placed with one click. */
export const crowdKeypointStyles = css`
  .stage.loaded {
    cursor: cell;
  }
`;
