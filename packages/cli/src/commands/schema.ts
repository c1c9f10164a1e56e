import { basename } from 'node:path';
import { extractAnswerSchema } from '@quorum/templates';
import { buildAnswerValidator, embedAnswerValidator } from '@quorum/templates/validator';
import type { Command } from '../command.js';
import { CliError, ExitCode } from '../errors.js';
import { engineOption } from '../options.js';
import { readText, writeOutput } from '../files.js';

/**
 * `quorum render --validate`: extracts the template's answer schema and embeds its compiled
 * validator in the rendered preview page, so that Submit refuses an answer that does not match it.
 * The schema's notes (dynamic names, inferred shapes) go to `stderr`, as `quorum schema` prints them.
 */
export function withAnswerValidator(
  page: string,
  source: string,
  templatePath: string,
  engine: 'liquid' | 'handlebars' | 'auto',
  stderr: NodeJS.WritableStream,
): string {
  const { schema, notes } = extractAnswerSchema(source, { filename: templatePath, engine });
  for (const note of notes) stderr.write(`${templatePath}:${note.line}:${note.column}: note: ${note.message}\n`);
  return embedAnswerValidator(page, schema, { name: basename(templatePath) });
}

export const schemaCommand: Command = {
  name: 'schema',
  summary: 'print the JSON Schema of the answer a task template submits',
  usage: [
    'Usage: quorum schema <template> [--out answer.schema.json] [--validator validator.js] [--engine liquid|handlebars]',
    '',
    'Reads the crowd-* controls of a Ground Truth (Liquid) or Handlebars task template, and the',
    'named <input>, <select> and <textarea> inside <crowd-form>, without rendering it, and writes',
    'the JSON Schema (2020-12) of the answer object it submits: each name with its element\'s answer',
    'shape, enums from categories/labels, and which keys every submission has. Names built by the',
    'template (inside loops) become patternProperties; they and any other caveats are listed on stderr.',
    '',
    'Options:',
    '  --out <file>       write the schema here (default: standard output)',
    '  --validator <file> also write an ES module that validates answers against the schema:',
    '                     `validateAnswer(answer)` → { valid, value } or { valid, issues }; compiled',
    '                     now by Ajv, so the page needs no eval (CSP without unsafe-eval); with its',
    '                     .d.ts beside it',
    '  --engine <name>    liquid or handlebars (default: from the file name, then the source)',
  ].join('\n'),
  options: {
    out: { type: 'string', short: 'o' },
    validator: { type: 'string' },
    engine: { type: 'string' },
  },
  operands: { name: 'template file', min: 1, max: 1 },
  async run(values, positionals, io) {
    const templatePath = positionals[0] as string;
    const engine = engineOption(values.engine);
    const source = await readText(templatePath, 'template');
    const { schema, notes } = extractAnswerSchema(source, { filename: templatePath, engine });
    for (const note of notes) io.stderr.write(`${templatePath}:${note.line}:${note.column}: note: ${note.message}\n`);
    const validatorPath = values.validator as string | undefined;
    if (validatorPath !== undefined) {
      if (!/\.m?js$/.test(validatorPath)) throw new CliError(`--validator writes an ES module: name it .js or .mjs, not ${validatorPath}`);
      const { code, declarations } = buildAnswerValidator(schema, { name: basename(templatePath) });
      await writeOutput(validatorPath, code, io.stdout);
      await writeOutput(validatorPath.replace(/\.(m?)js$/, '.d.$1ts'), declarations, io.stdout);
    }
    await writeOutput(values.out as string | undefined, `${JSON.stringify(schema, null, 2)}\n`, io.stdout);
    return ExitCode.ok;
  },
};
