import { css } from 'lit';

export const crowdRankingStyles = css`
  .list {
    display: grid;
    gap: 0.375rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .item {
    display: flex;
    align-items: center;
    gap: 0.625rem;
    padding: 0.375rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .item.tied {
    margin-top: -0.375rem;
    border-top-style: dashed;
    border-start-start-radius: 0;
    border-start-end-radius: 0;
  }

  .item.dragging {
    opacity: 0.6;
  }

  .item.drop-before {
    box-shadow: 0 -3px 0 var(--_accent);
  }

  .item.drop-after {
    box-shadow: 0 3px 0 var(--_accent);
  }

  .handle {
    padding: 0.25rem;
    color: var(--_muted);
    cursor: grab;
    touch-action: none;
    user-select: none;
  }

  .rank {
    min-width: 1.75rem;
    padding: 0.125rem 0.375rem;
    border-radius: 999px;
    background: var(--_accent-soft);
    color: var(--_accent);
    font-weight: 600;
    text-align: center;
  }

  .label {
    flex: 1;
    min-width: 0;
    overflow-wrap: anywhere;
    white-space: pre-wrap;
  }

  .buttons {
    display: flex;
    gap: 0.25rem;
  }

  .buttons button {
    min-width: 2.25rem;
  }

  button[aria-pressed='true'] {
    border-color: var(--_accent);
    background: var(--_accent-soft);
  }

  .confirm {
    margin-top: 0.5rem;
  }
`;
