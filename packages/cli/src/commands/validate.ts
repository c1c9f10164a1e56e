import { lintTemplate } from '@quorum/templates';
import type { Diagnostic } from '@quorum/templates';
import type { Command } from '../command.js';
import { CliError, ExitCode } from '../errors.js';
import { readText } from '../files.js';
import { engineOption } from '../options.js';

/** A diagnostic with the file it was found in, as `--format json` prints it. */
interface FileDiagnostic extends Diagnostic {
  file: string;
}

export const validateCommand: Command = {
  name: 'validate',
  summary: 'lint task templates: unknown elements, lost answers, escaping traps, syntax errors',
  usage: [
    'Usage: quorum validate <template…> [--format text|json] [--engine liquid|handlebars]',
    '',
    'Checks Ground Truth (Liquid) and Handlebars task templates without rendering them and reports',
    'each problem with its line and column: syntax errors, unknown crowd-* elements and attributes,',
    'controls without a name or sharing one, task input printed without escaping (skip_autoescape,',
    '{{{ }}}), grant_read_access URLs where HTML escaping breaks them, GenAI (V2) elements mixed',
    'with classic ones, malformed categories/labels lists and self-closed crowd elements.',
    'Exit code: 0 when no template has an error (warnings allowed), 1 when some do, 2 when a file',
    'cannot be read.',
    '',
    'Options:',
    '  --format <name>    text (default: file:line:column: severity code: message) or json',
    '  --engine <name>    liquid or handlebars (default: from each file name, then its source)',
  ].join('\n'),
  options: {
    format: { type: 'string', short: 'f' },
    engine: { type: 'string' },
  },
  operands: { name: 'template file(s)', min: 1 },
  async run(values, positionals, io) {
    const format = (values.format as string | undefined) ?? 'text';
    if (format !== 'text' && format !== 'json') throw new CliError(`--format must be text or json, not "${format}"`);
    const engine = engineOption(values.engine);
    const sources = await Promise.all(positionals.map((path) => readText(path, 'template')));
    const found: FileDiagnostic[] = [];
    positionals.forEach((file, index) => {
      for (const diagnostic of lintTemplate(sources[index]!, { filename: file, engine })) found.push({ file, ...diagnostic });
    });
    const errors = found.filter((diagnostic) => diagnostic.severity === 'error').length;
    if (format === 'json') {
      io.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
    } else {
      for (const d of found) io.stdout.write(`${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}\n`);
      const warnings = found.length - errors;
      const files = positionals.length === 1 ? '1 template' : `${positionals.length} templates`;
      io.stdout.write(`${files} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
    }
    return errors > 0 ? ExitCode.partial : ExitCode.ok;
  },
};
