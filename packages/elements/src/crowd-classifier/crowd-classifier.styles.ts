import { css, unsafeCSS } from 'lit';
import { choiceGridStyles } from '../internal/choice.styles.js';
import { instructionsRegionStyles } from '../internal/instructions-region.js';

export const crowdClassifierStyles = css`
  ${instructionsRegionStyles}

  ${choiceGridStyles(unsafeCSS('.categories'), unsafeCSS('.category'))}

  :host([hidden]) {
    display: none;
  }

  .target {
    margin-bottom: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .category:hover {
    border-color: var(--_accent);
  }

  .category[aria-checked='true'] {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_accent-text);
  }

  .link:focus-visible,
  .category:focus-visible,
  .close:focus-visible {
    outline: 2px solid var(--_focus-color);
    outline-offset: 2px;
  }

  .shortcut {
    min-width: 1.25rem;
    padding: 0 0.3rem;
    border: 1px solid var(--_border);
    border-radius: 0.25rem;
    background: var(--_panel);
    color: var(--_muted);
    font: inherit;
    font-size: 0.75rem;
    text-align: center;
  }

  .category[aria-checked='true'] .shortcut {
    border-color: currentColor;
    background: transparent;
    color: inherit;
  }

  .categories[aria-disabled='true'] .category[aria-checked='true'] {
    color: var(--_accent-text);
  }

  :host(:state(user-invalid)) .category {
    border-color: var(--_danger);
  }

  .close {
    min-height: 2.25rem;
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }

  @media (forced-colors: active) {
    .category[aria-checked='true'] {
      outline: 3px solid CanvasText;
    }
  }
`;
