import { css, unsafeCSS, type CSSResult } from 'lit';
import { instructionsRegionStyles } from '../instructions-region.js';

/**
 * The radio "chips" of a picker (labels, tools, instances): `chip` is one, inside `group`; both
 * single selectors, as they are compounded.
 */
export function pickerChipStyles(group: CSSResult, chip: CSSResult, padding: CSSResult): CSSResult {
  return css`
    ${chip} {
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
      min-height: 2.25rem;
      box-sizing: border-box;
      padding: ${padding};
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
      cursor: pointer;
      user-select: none;
    }

    ${chip}[aria-checked='true'] {
      border-color: var(--_accent);
      box-shadow: inset 0 0 0 1px var(--_accent);
      background: var(--_accent-soft);
      font-weight: 600;
    }

    ${group}[aria-disabled='true'] ${chip} {
      border-style: dashed;
      color: var(--_muted);
      cursor: not-allowed;
    }

    @media (forced-colors: active) {
      ${chip}[aria-checked='true'] {
        outline: 3px solid CanvasText;
      }
    }
  `;
}

/** Layout of every image annotation element: instructions, label picker, zoom buttons, stage. */
export const spatialAnnotatorStyles = css`
  ${instructionsRegionStyles}

  :host([hidden]) {
    display: none !important;
  }

  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    margin-bottom: 0.5rem;
  }

  .labels {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
  }

  .swatch {
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 50%;
    background: var(--_label-color);
  }

  .shortcut {
    min-width: 1.125rem;
    padding: 0 0.25rem;
    border: 1px solid var(--_border);
    border-radius: 0.25rem;
    background: var(--_panel);
    color: var(--_muted);
    font: inherit;
    font-size: 0.75rem;
    text-align: center;
  }

  .zoom {
    display: flex;
    gap: 0.25rem;
  }

  /* The look of every button of the spatial elements; each place sets its own size. */
  .zoom button,
  .close,
  .brush button,
  .opacity,
  .add-instance,
  .pair-actions button,
  .add button,
  .dialog-actions button,
  .overlay-toggle {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }

  .zoom button,
  .close,
  .brush button,
  .opacity,
  .add-instance {
    min-width: 2.25rem;
    min-height: 2.25rem;
    padding: 0.25rem 0.625rem;
  }

  .zoom button:disabled,
  .brush button:disabled,
  .opacity:disabled,
  .add-instance:disabled {
    color: var(--_muted);
    cursor: not-allowed;
  }

  .stage {
    position: relative;
    width: 100%;
    aspect-ratio: 4 / 3;
    min-height: 12rem;
    max-height: var(--quorum-spatial-max-height, 70vh);
    overflow: hidden;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: #20242a;
    touch-action: none;
    user-select: none;
    cursor: crosshair;
  }

  .stage[aria-disabled='true'] {
    cursor: not-allowed;
  }

  :host(:state(user-invalid)) .stage {
    border-color: var(--_danger);
  }

  .layer {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
  }

  .upper-canvas {
    position: absolute;
    pointer-events: none;
  }

  .image-message {
    position: absolute;
    inset: auto 1rem 50% 1rem;
    transform: translateY(50%);
    margin: 0;
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    text-align: center;
  }

  [part='image-error'] {
    border: 2px solid var(--_danger);
    color: var(--_danger);
    font-weight: 600;
  }

  .label:focus-visible,
  .stage:focus-visible,
  .zoom button:focus-visible,
  .link:focus-visible,
  .close:focus-visible,
  .tool:focus-visible,
  .instance:focus-visible,
  .brush button:focus-visible,
  .opacity:focus-visible,
  .add-instance:focus-visible,
  .pair-actions button:focus-visible,
  .add button:focus-visible,
  .add select:focus-visible,
  .field input:focus-visible,
  .dialog-actions button:focus-visible,
  .overlay-toggle:focus-visible {
    outline: 2px solid var(--_focus-color);
    outline-offset: 2px;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  ${pickerChipStyles(unsafeCSS('.labels'), unsafeCSS('.label'), unsafeCSS('0.25rem 0.625rem'))}
`;
