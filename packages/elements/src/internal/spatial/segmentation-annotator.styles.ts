import { css, unsafeCSS } from 'lit';
import { pickerChipStyles, spatialAnnotatorStyles } from './annotator.styles.js';

/** The image annotators' layout plus the segmentation tool bar: tools, brush size, opacity, summary. */
export const segmentationAnnotatorStyles = css`
  ${spatialAnnotatorStyles}

  .toolbar {
    margin-top: 0.5rem;
    justify-content: flex-start;
  }

  .tools,
  .instances {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }

  ${pickerChipStyles(unsafeCSS('.tools'), unsafeCSS('.tool'), unsafeCSS('0.25rem 0.5rem'))}
  ${pickerChipStyles(unsafeCSS('.instances'), unsafeCSS('.instance'), unsafeCSS('0.25rem 0.5rem'))}

  .brush {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
  }

  .brush-size {
    min-width: 3.5rem;
    text-align: center;
    font-variant-numeric: tabular-nums;
  }

  .opacity[aria-pressed='true'] {
    border-color: var(--_accent);
    background: var(--_accent-soft);
  }

  .stage.tool-pan {
    cursor: grab;
  }

  .stage.tool-brush,
  .stage.tool-eraser {
    cursor: none;
  }

  .summary {
    margin: 0.25rem 0 0;
    color: var(--_muted);
    font-size: 0.875rem;
  }
`;
