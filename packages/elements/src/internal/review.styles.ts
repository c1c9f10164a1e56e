import { css } from 'lit';
import { messageStyles } from './message.styles.js';

/**
 * Styles shared by the LLM-review controls (`<crowd-rating>`, `<crowd-pairwise>`, `<crowd-rubric>`,
 * `<crowd-chat-transcript>`, `<crowd-ranking>`, `<crowd-text-ranking>`,
 * `<crowd-question-answer-generation>`): question header, option buttons of a
 * {@link renderChoiceGroup}, text fields (internal/review-fields.ts), messages, the hidden live
 * region. Each element adds its own layout.
 */
export const reviewStyles = css`
  :host {
    display: block;
    line-height: 1.5;
  }

  :host([hidden]),
  [hidden] {
    display: none !important;
  }

  .header {
    margin: 0 0 var(--_space);
    font-size: 1.125rem;
    font-weight: 600;
    line-height: 1.35;
  }

  .options {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
  }

  .option {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.375rem;
    box-sizing: border-box;
    min-width: 2.75rem;
    min-height: 2.75rem;
    padding: 0.375rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
    user-select: none;
  }

  .option:hover {
    border-color: var(--_accent);
  }

  .option[aria-checked='true'] {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_accent-text);
  }

  [aria-disabled='true'] .option {
    border-style: dashed;
    color: var(--_muted);
    cursor: not-allowed;
  }

  [aria-disabled='true'] .option[aria-checked='true'] {
    color: var(--_accent-text);
  }

  [aria-invalid='true'] .option {
    border-color: var(--_danger);
  }

  :focus-visible {
    outline: 2px solid var(--_focus-color);
    outline-offset: 2px;
  }

  label.field {
    display: grid;
    gap: 0.25rem;
    margin-top: var(--_space);
    font-size: 0.9375rem;
  }

  textarea,
  select,
  input[type='text'] {
    box-sizing: border-box;
    width: 100%;
    padding: 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }

  textarea {
    min-height: 4.5rem;
    resize: vertical;
  }

  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }

  button {
    min-height: 2.25rem;
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }

  button:disabled {
    color: var(--_muted);
    cursor: not-allowed;
  }

  /* Announcements for screen readers (the live region of renderReviewAnnouncement), not shown. */
  .live {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  ${messageStyles}

  @media (forced-colors: active) {
    .option[aria-checked='true'] {
      outline: 3px solid CanvasText;
    }
  }
`;
