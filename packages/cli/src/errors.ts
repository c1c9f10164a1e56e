/** Exit codes: 0 everything done; 1 done, but some items failed (they are reported); 2 nothing done. */
export const ExitCode = { ok: 0, partial: 1, failed: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the user can act on: the message says what was wrong and where. Printed without a stack. */
export class CliError extends Error {
  readonly exitCode: ExitCode;

  constructor(message: string, exitCode: ExitCode = ExitCode.failed) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
