import { css } from 'lit';

export const crowdChatTranscriptStyles = css`
  .transcript {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .turn {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .turn.role-user {
    background: var(--_panel);
  }

  .turn.role-assistant {
    border-inline-start-color: var(--_accent);
  }

  .turn.flagged {
    border-color: var(--_danger);
  }

  .role {
    display: block;
    margin-bottom: 0.25rem;
    font-size: 0.875rem;
    font-weight: 600;
  }

  .turn-number {
    color: var(--_muted);
    font-weight: 400;
  }

  .text {
    overflow-wrap: anywhere;
  }

  .text p,
  .text ul,
  .text ol {
    margin: 0 0 0.5rem;
  }

  .text pre {
    overflow: auto;
    padding: 0.5rem;
    border-radius: var(--_radius);
    background: var(--_panel);
  }

  .text code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.875em;
  }

  .flag-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin-top: 0.5rem;
  }

  .reasons .option {
    min-height: 2rem;
    padding: 0.125rem 0.625rem;
    font-size: 0.8125rem;
  }

  .reasons .option[aria-checked='true'] {
    border-color: var(--_danger);
    background: var(--_danger);
  }
`;
