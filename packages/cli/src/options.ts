import { CliError } from './errors.js';

/** Parses `--engine`, shared by the template commands: `auto` (from the file name, then the source) when absent. */
export function engineOption(value: unknown): 'liquid' | 'handlebars' | 'auto' {
  if (value === undefined) return 'auto';
  if (value !== 'liquid' && value !== 'handlebars') throw new CliError(`--engine must be liquid or handlebars, not "${String(value)}"`);
  return value;
}
