import type { ParseArgsConfig } from 'node:util';
import type { ExitCode } from './errors.js';

/** Where a command reads and writes; the real process in `quorum`, buffers in tests. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface Command {
  name: string;
  summary: string;
  /** Usage text shown by `quorum <name> --help` and after a usage error. */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Options that must be given. */
  required?: string[];
  /**
   * The positional arguments the command takes, checked before `run`: e.g. `{ name: 'template file',
   * min: 1, max: 1 }`. Without it the command takes none.
   */
  operands?: { name: string; min: number; max?: number };
  run(values: OptionValues, positionals: string[], io: CliIo): Promise<ExitCode>;
}
