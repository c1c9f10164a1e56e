import type { AnswerObject } from '@quorum/schema';

/** What Quorum keeps on `window.quorum`, for host pages and tests. */
export interface QuorumGlobal {
  /** The answer object of the last submission on this page. */
  lastAnswer?: AnswerObject;
}

declare global {
  interface Window {
    quorum?: QuorumGlobal;
  }
}

/** `window.quorum`, created on first use. */
export function quorumGlobal(): QuorumGlobal {
  window.quorum ??= {};
  return window.quorum;
}
