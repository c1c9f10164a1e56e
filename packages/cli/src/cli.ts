import { parseArgs } from 'node:util';
import { QuorumValidationError } from '@quorum/schema';
import type { CliIo, Command } from './command.js';
import { CliError, ExitCode } from './errors.js';
import { consolidateCommand } from './commands/consolidate.js';
import { manifestCommand } from './commands/manifest.js';
import { renderCommand } from './commands/render.js';
import { schemaCommand } from './commands/schema.js';
import { validateCommand } from './commands/validate.js';
import { buildCommand } from './commands/build.js';
import { formCommand } from './commands/form.js';
import { previewCommand } from './commands/preview.js';
import { aggregateCommand } from './commands/aggregate.js';
import { agreementCommand } from './commands/agreement.js';
import { exportCommand } from './commands/export.js';

export const commands: Command[] = [renderCommand, consolidateCommand, manifestCommand, schemaCommand, validateCommand, buildCommand, formCommand, previewCommand, aggregateCommand, agreementCommand, exportCommand];

const VERSION = '0.1.0';

function overview(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    'quorum — preview Ground Truth task templates and consolidate workers\' answers',
    '',
    'Usage: quorum <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Run `quorum <command> --help` for a command\'s options.',
    '',
  ].join('\n');
}

/**
 * Runs the CLI with the given arguments and returns the exit code. Errors a user can act on are
 * printed as one message on stderr; anything else is a bug and is printed with its stack.
 */
export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(overview());
    return ExitCode.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return ExitCode.ok;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr.write(`quorum: unknown command "${name}"\n\n${overview()}`);
    return ExitCode.failed;
  }
  try {
    let parsed: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };
    try {
      parsed = parseArgs({
        args: rest,
        options: { ...command.options, help: { type: 'boolean', short: 'h' } },
        allowPositionals: true,
        strict: true,
      });
    } catch (error) {
      throw new CliError(`${(error as Error).message}\n\n${command.usage}`);
    }
    if (parsed.values.help) {
      io.stdout.write(`${command.usage}\n`);
      return ExitCode.ok;
    }
    const operands = command.operands ?? { name: '', min: 0, max: 0 };
    if (parsed.positionals.length < operands.min) throw new CliError(`missing the ${operands.name}\n\n${command.usage}`);
    if (operands.max !== undefined && parsed.positionals.length > operands.max) {
      throw new CliError(`unexpected arguments: ${parsed.positionals.slice(operands.max).join(' ')}\n\n${command.usage}`);
    }
    const missing = (command.required ?? []).filter((option) => parsed.values[option] === undefined);
    if (missing.length > 0) {
      throw new CliError(`missing ${missing.map((option) => `--${option}`).join(', ')}\n\n${command.usage}`);
    }
    return await command.run(parsed.values, parsed.positionals, io);
  } catch (error) {
    if (error instanceof CliError || error instanceof QuorumValidationError) {
      io.stderr.write(`quorum ${command.name}: ${error.message}\n`);
      return error instanceof CliError ? error.exitCode : ExitCode.failed;
    }
    if (error instanceof Error && error.name === 'TemplateError') {
      io.stderr.write(`quorum ${command.name}: ${error.message}\n`);
      return ExitCode.failed;
    }
    throw error;
  }
}
