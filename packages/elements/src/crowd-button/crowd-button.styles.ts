import { css } from 'lit';

export const crowdButtonStyles = css`
  :host {
    display: inline-block;
    vertical-align: middle;
  }

  :host([hidden]) {
    display: none;
  }

  /* The Submit button that <crowd-form> adds when a template has none sits on its own line. */
  :host([data-quorum-auto]) {
    display: block;
    width: fit-content;
    margin-block-start: calc(var(--_space) * 1.5);
  }

  .base {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    box-sizing: border-box;
    width: 100%;
    min-height: 2.5rem;
    padding: 0.5rem 1.125rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    font-weight: 600;
    line-height: 1.25;
    text-decoration: none;
    cursor: pointer;
  }

  .base:hover {
    border-color: var(--_accent);
  }

  .base:focus-visible {
    outline: 2px solid var(--_focus-color);
    outline-offset: 2px;
  }

  :host([variant='primary']) .base {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_accent-text);
  }

  :host([variant='link']) .base {
    min-height: 0;
    padding: 0.25rem;
    border-color: transparent;
    background: none;
    color: var(--_accent);
    font-weight: 400;
    text-decoration: underline;
  }

  :host([variant='icon']) .base {
    min-width: 2.5rem;
    padding: 0.5rem;
  }

  /* Icon buttons keep their text for screen readers. */
  :host([variant='icon']) .label {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  .base:disabled,
  .base[aria-disabled='true'] {
    border-style: dashed;
    border-color: var(--_border);
    background: var(--_panel);
    color: var(--_muted);
    cursor: not-allowed;
  }

  .icon {
    width: 1.25rem;
    height: 1.25rem;
    object-fit: contain;
  }

  .spinner {
    width: 1em;
    height: 1em;
    box-sizing: border-box;
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }

  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 2.4s;
    }
  }
`;
