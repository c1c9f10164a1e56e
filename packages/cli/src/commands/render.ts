import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPreviewPage, renderTemplate, type PreviewPageOptions } from '@quorum/templates';
import { SPATIAL_TAGS } from '@quorum/elements/spatial-tags.js';
import type { Command } from '../command.js';
import { CliError, ExitCode } from '../errors.js';
import { engineOption } from '../options.js';
import { withAnswerValidator } from './schema.js';
import { readJson, readText, writeOutput } from '../files.js';

/** The self-contained elements bundle that replaces Ground Truth's loader script in previews. */
export async function readElementsBundle(): Promise<string> {
  let path: string;
  try {
    path = fileURLToPath(import.meta.resolve('@quorum/elements/crowd-html-elements.js'));
  } catch (error) {
    throw new CliError(`cannot locate @quorum/elements (${(error as Error).message}); run \`npm install\` first`);
  }
  try {
    return await readText(path, 'elements bundle');
  } catch {
    throw new CliError(`the elements bundle ${path} is missing; run \`npm run build\` first`);
  }
}

/**
 * The spatial elements bundle (boxes, keypoints, polygons, image classifiers …) with its tags:
 * preview pages inline it when the template uses one of them, as the inlined core bundle has no
 * URL to load it from.
 */
export async function readSpatialBundle(): Promise<NonNullable<PreviewPageOptions['spatialBundle']>> {
  let path: string;
  try {
    path = fileURLToPath(import.meta.resolve('@quorum/elements/crowd-spatial-elements.js'));
  } catch (error) {
    throw new CliError(`cannot locate @quorum/elements (${(error as Error).message}); run \`npm install\` first`);
  }
  try {
    return { source: await readText(path, 'spatial elements bundle'), tags: SPATIAL_TAGS };
  } catch {
    throw new CliError(`the spatial elements bundle ${path} is missing; run \`npm run build\` first`);
  }
}

export const renderCommand: Command = {
  name: 'render',
  summary: 'render a task template with an input into a self-contained preview page',
  usage: [
    'Usage: quorum render <template> --input <input.json> [--out page.html] [--engine liquid|handlebars] [--fragment]',
    '',
    'Renders a Ground Truth (Liquid) or Handlebars task template with task.input = the JSON in',
    '<input.json> and writes one HTML page that works offline from file://: Quorum\'s elements',
    'bundle is inlined in place of Ground Truth\'s crowd-html-elements.js loader, and its spatial',
    'bundle too when the template uses an image element (crowd-bounding-box …). Submitting the',
    'form shows the answer JSON on the page.',
    '',
    'Options:',
    '  --input <file>     JSON object used as task.input (required)',
    '  --out <file>       write the page here (default: standard output)',
    '  --engine <name>    liquid or handlebars (default: from the file name, then the source)',
    '  --title <text>     page title (default: the template file name)',
    '  --fragment         print only the rendered template, as Ground Truth\'s render call returns it:',
    '                     no page wrapper, no inlined elements bundle',
    '  --validate         embed the compiled validator of the template\'s answer schema (quorum schema):',
    '                     Submit then refuses an answer that does not match it and lists what is wrong',
  ].join('\n'),
  options: {
    input: { type: 'string', short: 'i' },
    out: { type: 'string', short: 'o' },
    engine: { type: 'string' },
    title: { type: 'string' },
    fragment: { type: 'boolean' },
    validate: { type: 'boolean' },
  },
  required: ['input'],
  operands: { name: 'template file', min: 1, max: 1 },
  async run(values, positionals, io) {
    const templatePath = positionals[0] as string;
    const engine = engineOption(values.engine);
    if (values.fragment && values.title !== undefined) throw new CliError('--title names the preview page; there is none with --fragment');
    if (values.fragment && values.validate) throw new CliError('--validate adds the answer validator to the preview page; there is none with --fragment');
    const inputPath = values.input as string;
    const [source, input] = await Promise.all([readText(templatePath, 'template'), readJson(inputPath, 'input')]);
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      throw new CliError(`${inputPath}: input must be a JSON object (it becomes task.input), not ${Array.isArray(input) ? 'an array' : JSON.stringify(input)}`);
    }
    const fragment = await renderTemplate(source, input as Record<string, unknown>, {
      engine,
      filename: templatePath,
    });
    if (values.fragment) {
      await writeOutput(values.out as string | undefined, fragment, io.stdout);
      return ExitCode.ok;
    }
    const page = buildPreviewPage(fragment, {
      elementsBundle: await readElementsBundle(),
      spatialBundle: await readSpatialBundle(),
      title: (values.title as string | undefined) ?? basename(templatePath),
      input,
    });
    if (values.validate) {
      await writeOutput(values.out as string | undefined, withAnswerValidator(page, source, templatePath, engine, io.stderr), io.stdout);
      return ExitCode.ok;
    }
    await writeOutput(values.out as string | undefined, page, io.stdout);
    return ExitCode.ok;
  },
};
