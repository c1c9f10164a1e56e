import { css } from 'lit';

export const crowdEntityAnnotationStyles = css`
  :host {
    display: block;
    container-type: inline-size;
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
  }

  .layout {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }

  @container (min-width: 44rem) {
    .layout {
      grid-template-columns: minmax(12rem, 16rem) minmax(0, 1fr);
      align-items: start;
    }
  }

  .instructions {
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--_panel);
    font-size: 0.9375rem;
  }

  summary {
    margin-top: 0.5rem;
    color: var(--_accent);
    cursor: pointer;
  }

  .labels {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
    margin-bottom: var(--_space);
  }

  .label {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    min-height: 2.25rem;
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--_border);
    border-inline-start: 6px solid var(--_color);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }

  .label[aria-checked='true'] {
    outline: 2px solid var(--_color);
    font-weight: 600;
  }

  kbd {
    color: var(--_muted);
    font: inherit;
    font-size: 0.75rem;
  }

  .text {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    line-height: 2.4;
    cursor: text;
  }

  .text:focus-visible,
  .label:focus-visible {
    outline: 2px solid var(--_focus-color);
    outline-offset: 2px;
  }

  .text[aria-invalid='true'] {
    border-color: var(--_danger);
  }

  .entity {
    padding: 0.125rem 0;
    border-bottom: 3px solid var(--_color);
    background: color-mix(in srgb, var(--_color) 14%, transparent);
    color: inherit;
  }

  .tag {
    display: inline-flex;
    align-items: center;
    margin-inline-end: 0.125rem;
    padding: 0 0.25rem;
    border-radius: 0.25rem;
    border: 1px solid var(--_color);
    background: var(--_surface);
    color: var(--_text);
    font-size: 0.6875rem;
    font-weight: 600;
    line-height: 1.4;
    vertical-align: super;
    user-select: none;
  }

  .remove {
    padding: 0 0.125rem;
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }

  .selected {
    background: var(--_accent-soft);
    outline: 1px solid var(--_accent);
  }

  .caret {
    display: none;
  }

  .text:focus .caret {
    display: inline-block;
    width: 0;
    height: 1.2em;
    margin-inline: -1px;
    border-inline-start: 2px solid var(--_text);
    vertical-align: text-bottom;
    animation: blink 1s steps(1) infinite;
  }

  @keyframes blink {
    50% {
      opacity: 0;
    }
  }

  .error {
    margin: 0.5rem 0 0;
    color: var(--_danger);
    font-size: 0.875rem;
  }

  .hint,
  .status {
    margin: 0.5rem 0 0;
    color: var(--_muted);
    font-size: 0.8125rem;
  }
`;
