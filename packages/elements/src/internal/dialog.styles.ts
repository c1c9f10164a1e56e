import { css } from 'lit';

/** The backdrop and title bar that every dialog in the package shares. */
export const dialogFrameStyles = css`
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }

  .dialog-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-bottom: 1px solid var(--_border);
  }

  .dialog-head h2 {
    margin: 0;
    font-size: 1.125rem;
  }
`;

/** Styles of {@link DialogTrigger}: the link or button, and the dialog. */
export const dialogStyles = css`
  :host {
    display: inline-block;
  }

  :host([hidden]) {
    display: none;
  }

  .trigger {
    font: inherit;
    cursor: pointer;
  }

  .trigger.link {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
  }

  .trigger.button,
  .close {
    min-height: 2.25rem;
    padding: 0.25rem 0.875rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }

  .close {
    font: inherit;
    cursor: pointer;
  }

  .trigger:focus-visible,
  .close:focus-visible {
    outline: 2px solid var(--_focus-color);
    outline-offset: 2px;
  }

  dialog {
    box-sizing: border-box;
    width: min(44rem, calc(100vw - 2rem));
    max-height: calc(100vh - 4rem);
    padding: 0;
    border: 0;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font-family: var(--_font);
    line-height: 1.5;
    box-shadow: 0 1rem 3rem rgb(0 0 0 / 0.25);
  }

  ${dialogFrameStyles}

  .dialog-body {
    padding: var(--_space) calc(var(--_space) * 1.5) calc(var(--_space) * 1.5);
    overflow: auto;
  }
`;
