import { css } from 'lit';

/** Only what differs from the shared annotator layout: points are placed with clicks. */
export const crowdPolygonStyles = css`
  .stage.loaded {
    cursor: crosshair;
  }
`;
