import { css } from 'lit';

export const crowdBadgeStyles = css`
  :host {
    display: inline-block;
    vertical-align: middle;
  }

  :host([anchored]) {
    position: absolute;
    z-index: 1;
    top: anchor(top);
    left: anchor(right);
    translate: -50% -50%;
  }

  /* The badge marks the corner where a line of text ends: top left in right-to-left pages. */
  :host([anchored]:dir(rtl)) {
    left: auto;
    right: anchor(left);
    translate: 50% -50%;
  }

  :host([hidden]) {
    display: none;
  }

  .base {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    box-sizing: border-box;
    min-width: 1.375rem;
    height: 1.375rem;
    padding: 0 0.375rem;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_accent-text);
    font-size: 0.75rem;
    font-weight: 600;
    line-height: 1;
    white-space: nowrap;
  }

  .icon {
    font-size: 0.8125rem;
  }

  img.icon {
    width: 0.875rem;
    height: 0.875rem;
  }
`;
