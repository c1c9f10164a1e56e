import { css } from 'lit';

/** Styles of {@link renderTabList} and its panels. */
export const tabsStyles = css`
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    border-bottom: 1px solid var(--_border);
  }

  .tab {
    margin-bottom: -1px;
    padding: 0.5rem 0.875rem;
    border: 1px solid transparent;
    border-radius: var(--_radius) var(--_radius) 0 0;
    background: none;
    color: var(--_muted);
    font: inherit;
    cursor: pointer;
  }

  .tab[aria-selected='true'] {
    border-color: var(--_border);
    border-bottom-color: var(--_surface);
    background: var(--_surface);
    color: var(--_text);
    font-weight: 600;
  }

  .tab:focus-visible {
    outline: 2px solid var(--_focus-color);
    outline-offset: -2px;
  }

  [role='tabpanel'] {
    padding: var(--_space) 0;
  }

  [role='tabpanel']:focus-visible {
    outline: 2px solid var(--_focus-color);
  }
`;
