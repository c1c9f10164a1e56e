import { css, unsafeCSS } from 'lit';
import { choiceGridStyles } from '../choice.styles.js';

/** The image classifiers: image, categories and comment link; the rest comes from the shared annotator layout. */
export const imageClassifierStyles = css`
  ${choiceGridStyles(unsafeCSS('.options'), unsafeCSS('.option'))}

  .figure {
    position: relative;
    display: flex;
    justify-content: center;
    align-items: center;
    min-height: 8rem;
    margin: 0 0 var(--_space);
    padding: 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_panel);
  }

  .figure img {
    display: block;
    max-width: 100%;
    max-height: var(--quorum-spatial-max-height, 70vh);
    object-fit: contain;
  }

  .figure .image-message {
    position: static;
    transform: none;
  }

  .option:focus-visible,
  textarea:focus-visible {
    outline: 2px solid var(--_focus-color);
    outline-offset: 2px;
  }

  :host(:state(user-invalid)) .option {
    border-color: var(--_danger);
  }

  .comment {
    margin: 0.5rem 0 0;
  }

  .comment-text {
    margin: 0.25rem 0 0;
    color: var(--_muted);
    font-size: 0.875rem;
    white-space: pre-wrap;
  }

  textarea {
    box-sizing: border-box;
    width: 100%;
    min-height: 6rem;
    margin-top: var(--_space);
    padding: 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font: inherit;
  }

  .dialog-actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.5rem;
    margin-top: var(--_space);
  }

  .dialog-actions button {
    min-height: 2.25rem;
    padding: 0.25rem 0.875rem;
  }

  .dialog-actions .primary {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_accent-text);
  }

  .frame {
    position: relative;
    display: inline-block;
    max-width: 100%;
    line-height: 0;
  }

  .frame .overlay {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    pointer-events: none;
  }

  .frame img.overlay {
    max-width: none;
    max-height: none;
    object-fit: fill;
    opacity: 0.55;
  }

  .overlay-controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    margin: 0 0 var(--_space);
  }

  .overlay-legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .overlay-legend li {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
  }

  .overlay-legend .count {
    color: var(--_muted);
  }

  .overlay-toggle {
    padding: 0.25rem 0.75rem;
  }

  .overlay-toggle[aria-pressed='true'] {
    border-color: var(--_accent);
    background: var(--_accent-soft);
  }
`;
