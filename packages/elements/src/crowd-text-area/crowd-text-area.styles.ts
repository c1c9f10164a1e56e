import { css } from 'lit';

export const crowdTextAreaStyles = css`
  /* Grows with its content between rows and max-rows lines, then scrolls. */
  .field {
    display: block;
    resize: vertical;
    field-sizing: content;
    min-height: calc(var(--_rows, 2) * 1lh + 1rem + 2px);
    max-height: calc(var(--_max-rows, 1000000) * 1lh + 1rem + 2px);
    overflow-y: auto;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
