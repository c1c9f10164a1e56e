import { css } from 'lit';

/** Only what differs from the shared annotator layout: boxes are drawn with a crosshair. */
export const crowdBoundingBoxStyles = css`
  .stage.loaded {
    cursor: crosshair;
  }
`;
