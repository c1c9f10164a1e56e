import { basename } from 'node:path';
import { buildTemplateModule, TEMPLATE_RUNTIME } from '@quorum/templates';
import type { Command } from '../command.js';
import { CliError, ExitCode } from '../errors.js';
import { readText, writeOutput } from '../files.js';
import { engineOption } from '../options.js';

export const buildCommand: Command = {
  name: 'build',
  summary: 'precompile a task template into an ES module that needs no compiler at run time',
  usage: [
    'Usage: quorum build <template> [--out module.js] [--engine liquid|handlebars] [--runtime <module>]',
    '',
    'Compiles a task template into an ES module exporting render(input) and template, so a task page',
    'renders it under a CSP without unsafe-eval. Handlebars is precompiled to JavaScript and needs',
    'only the Handlebars runtime; GT Liquid is checked and shipped as source, which liquidjs parses',
    'without eval on first render (its render returns a promise). The module imports',
    `${TEMPLATE_RUNTIME}; bundle it with your page (rollup users can import templates`,
    'directly with the plugin from @quorum/templates/rollup).',
    '',
    'Options:',
    '  --out <file>         write the module here (default: standard output)',
    '  --engine <name>      liquid or handlebars (default: from the file name, then the source)',
    `  --runtime <module>   the module to import the runtime from (default: ${TEMPLATE_RUNTIME})`,
  ].join('\n'),
  options: {
    out: { type: 'string', short: 'o' },
    engine: { type: 'string' },
    runtime: { type: 'string' },
  },
  operands: { name: 'template file', min: 1, max: 1 },
  async run(values, positionals, io) {
    const templatePath = positionals[0] as string;
    const engine = engineOption(values.engine);
    const runtime = values.runtime as string | undefined;
    if (runtime !== undefined && runtime.trim() === '') throw new CliError('--runtime must name a module');
    const source = await readText(templatePath, 'template');
    // The module records the file name only: an absolute path would leak the build machine's layout.
    const { code } = buildTemplateModule(source, { filename: basename(templatePath), engine, runtime });
    await writeOutput(values.out as string | undefined, code, io.stdout);
    return ExitCode.ok;
  },
};
