import { formFromSchema } from '@quorum/templates';
import type { JsonSchema } from '@quorum/templates';
import type { Command } from '../command.js';
import { CliError, ExitCode } from '../errors.js';
import { readJson, writeOutput } from '../files.js';

export const formCommand: Command = {
  name: 'form',
  summary: 'generate a task template whose answer fits a JSON Schema',
  usage: [
    'Usage: quorum form <schema.json> [--out template.liquid.html] [--title <text>]',
    '',
    'Writes a Ground Truth (Liquid) task template with one control per property of a JSON Schema',
    'object: enums become classifiers (or radio groups when optional and short), bounded integers',
    'ratings or sliders, booleans toggles, strings inputs or text areas (by maxLength and format),',
    'arrays of enums multi-selects, nested objects cards; titles and descriptions become labels and',
    'help text. answerToValue() from @quorum/templates turns a submitted answer into the typed value.',
    'A keyword no control can enforce (pattern, oneOf, maxItems, …) is an error naming where it is.',
    '',
    'Options:',
    '  --out <file>      write the template here (default: standard output)',
    '  --title <text>    heading of the form (default: the schema\'s title)',
  ].join('\n'),
  options: {
    out: { type: 'string', short: 'o' },
    title: { type: 'string' },
  },
  operands: { name: 'schema file', min: 1, max: 1 },
  async run(values, positionals, io) {
    const schemaPath = positionals[0] as string;
    const schema = await readJson(schemaPath, 'schema');
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) throw new CliError(`${schemaPath}: the schema must be a JSON object`);
    let template: string;
    try {
      template = formFromSchema(schema as JsonSchema, { title: values.title as string | undefined });
    } catch (error) {
      if (error instanceof TypeError) throw new CliError(`${schemaPath}: ${error.message.replace(/^formFromSchema: /, '')}`);
      throw error;
    }
    await writeOutput(values.out as string | undefined, template, io.stdout);
    return ExitCode.ok;
  },
};
