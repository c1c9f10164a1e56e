import { css } from 'lit';
import { spatialAnnotatorStyles } from './annotator.styles.js';

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

  .tool,
  .instance {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    min-height: 2.25rem;
    box-sizing: border-box;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
    user-select: none;
  }

  .tool[aria-checked='true'],
  .instance[aria-checked='true'] {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
    background: var(--_accent-soft);
    font-weight: 600;
  }

  .tools[aria-disabled='true'] .tool,
  .instances[aria-disabled='true'] .instance {
    border-style: dashed;
    color: var(--_muted);
    cursor: not-allowed;
  }

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

  .brush button,
  .opacity,
  .add-instance {
    min-width: 2.25rem;
    min-height: 2.25rem;
    padding: 0.25rem 0.625rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }

  .opacity[aria-pressed='true'] {
    border-color: var(--_accent);
    background: var(--_accent-soft);
  }

  .brush button:disabled,
  .opacity:disabled,
  .add-instance:disabled {
    color: var(--_muted);
    cursor: not-allowed;
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

  .tool:focus-visible,
  .instance:focus-visible,
  .brush button:focus-visible,
  .opacity:focus-visible,
  .add-instance:focus-visible {
    outline: 2px solid var(--_focus-color);
    outline-offset: 2px;
  }

  @media (forced-colors: active) {
    .tool[aria-checked='true'],
    .instance[aria-checked='true'] {
      outline: 3px solid CanvasText;
    }
  }
`;
