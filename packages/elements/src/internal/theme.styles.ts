import { css } from 'lit';

/**
 * Design tokens shared by every element. Each public `--quorum-*` custom property is read once
 * here into a private `--_*` one, so a page can theme all elements from `:root` and each
 * element's styles stay short. Default colours meet WCAG AA contrast on white.
 */
export const themeStyles = css`
  :host {
    --_font: var(--quorum-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_text: var(--quorum-color-text, #1f2328);
    --_muted: var(--quorum-color-muted, #555d66);
    --_surface: var(--quorum-color-surface, #ffffff);
    --_panel: var(--quorum-color-panel, #f5f6f8);
    --_border: var(--quorum-color-border, #c9ced6);
    --_accent: var(--quorum-color-accent, #0b5fbf);
    --_accent-text: var(--quorum-color-accent-contrast, #ffffff);
    --_accent-soft: var(--quorum-color-accent-soft, #e7f0fb);
    --_danger: var(--quorum-color-danger, #b42318);
    --_radius: var(--quorum-radius, 0.375rem);
    --_space: var(--quorum-space, 0.75rem);
    --_focus-color: var(--quorum-focus-color, #1a5fd0);
    font-family: var(--_font);
    color: var(--_text);
  }
`;
