import { css } from 'lit';

export const crowdCardStyles = css`
  :host {
    display: inline-block;
    box-sizing: border-box;
  }

  :host([hidden]) {
    display: none;
  }

  .base {
    overflow: hidden;
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow:
      0 1px 3px rgb(0 0 0 / 0.16),
      0 2px 8px rgb(0 0 0 / 0.08);
  }

  .image {
    display: block;
    width: 100%;
    height: auto;
  }

  .heading {
    padding: var(--_space) var(--_space) 0;
    font-size: 1.125rem;
    font-weight: 600;
  }

  .content {
    padding: 0.25rem 0;
  }

  .heading + .content {
    padding-top: 0.5rem;
  }
`;
