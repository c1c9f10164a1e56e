import { detectEngine } from './detect.js';
import type { TemplateEngine } from './errors.js';
import { ANONYMOUS_TEMPLATE } from './errors.js';
import { compileHandlebars, precompileHandlebars } from './handlebars.js';
import { collectPaths } from './handlebars-support.js';
import { parseLiquid } from './liquid.js';

/** Options of {@link buildTemplateModule}. */
export interface BuildTemplateOptions {
  /** Shown in error messages and recorded in the module; also picks the engine with `auto`. */
  filename?: string;
  engine?: TemplateEngine | 'auto';
  /** Handlebars strict mode (default true, as `renderTemplate`). */
  strict?: boolean;
  /** The module the generated code imports its runtime from (default `@quorum/templates/runtime`). */
  runtime?: string;
}

/** The ES module {@link buildTemplateModule} writes. */
export interface BuiltTemplateModule {
  code: string;
  engine: TemplateEngine;
}

/** The default module that precompiled templates import: the compiler-free runtime entry. */
export const TEMPLATE_RUNTIME = '@quorum/templates/runtime';

/**
 * Compiles a task template into an ES module for a build step (the rollup plugin, `quorum build`),
 * so a task page renders it with no template compiler and no `eval`, under a CSP without
 * `unsafe-eval`. The module exports `template` and `render(input, options?)`:
 *
 * - Handlebars: precompiled to JavaScript with the options `renderTemplate` uses; `render` returns
 *   the HTML fragment, using only the Handlebars runtime.
 * - GT Liquid: checked now (syntax errors fail the build with their position) and shipped as its
 *   source; liquidjs parses it into objects on first render, without `eval` or `new Function`.
 *   `render` returns a promise of the fragment.
 *
 * Throws a `TemplateError` (`file:line:column: what`) when the template does not compile.
 */
export function buildTemplateModule(source: string, options: BuildTemplateOptions = {}): BuiltTemplateModule {
  const requested = options.engine ?? 'auto';
  const engine = requested === 'auto' ? detectEngine(source, options.filename) : requested;
  const templateName = options.filename ?? ANONYMOUS_TEMPLATE;
  const runtime = JSON.stringify(options.runtime ?? TEMPLATE_RUNTIME);
  const name = JSON.stringify(templateName);
  if (engine === 'handlebars') {
    const spec = precompileHandlebars(source, { filename: options.filename, strict: options.strict });
    const { ast } = compileHandlebars(source, { filename: options.filename, strict: options.strict });
    const sites = JSON.stringify(ast ? collectPaths(ast) : []);
    return {
      engine,
      code: [
        `// ${templateName.replace(/[\r\n]/g, ' ')}: Handlebars precompiled by @quorum/templates; needs no compiler at run time.`,
        `import { handlebarsTemplate } from ${runtime};`,
        '',
        `export const template = handlebarsTemplate(${spec}, ${name}, ${sites});`,
        '',
        '/** Renders the task template with `{ task: { input } }` into its HTML fragment. */',
        'export function render(input, options) {',
        '  return template.render(input, options);',
        '}',
        '',
      ].join('\n'),
    };
  }
  parseLiquid(source, { filename: options.filename });
  return {
    engine,
    code: [
      `// ${templateName.replace(/[\r\n]/g, ' ')}: GT Liquid checked by @quorum/templates; liquidjs parses it on first render, without eval.`,
      `import { liquidTemplate } from ${runtime};`,
      '',
      `export const template = liquidTemplate(${JSON.stringify(source).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}, ${name});`,
      '',
      '/** Renders the task template with `{ task: { input } }` into (a promise of) its HTML fragment. */',
      'export function render(input, options) {',
      '  return template.render(input, options);',
      '}',
      '',
    ].join('\n'),
  };
}
