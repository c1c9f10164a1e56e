import { css, type CSSResult } from 'lit';

/**
 * The wrapping row of choice boxes shared by `<crowd-classifier>` and the image classifiers: the
 * group, each choice, and the dashed look of a disabled group. Each element names its own classes
 * (they are part of the DOM the tests and user styles see), so the selectors come in.
 */
export function choiceGridStyles(group: CSSResult, choice: CSSResult): CSSResult {
  return css`
    ${group} {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }

    ${choice} {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      box-sizing: border-box;
      min-height: 2.75rem;
      padding: 0.5rem 0.875rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
      cursor: pointer;
      user-select: none;
    }

    ${group}[aria-disabled='true'] ${choice} {
      border-style: dashed;
      color: var(--_muted);
      cursor: not-allowed;
    }
  `;
}
