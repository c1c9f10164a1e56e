import { buildTemplateModule } from './build.js';
import type { BuildTemplateOptions } from './build.js';
import { TemplateError } from './errors.js';

/** Options of {@link quorumTemplates}. */
export interface QuorumTemplatesPluginOptions {
  /** Which imported files are templates (default: names ending in `.hbs` or `.handlebars`). */
  include?: RegExp;
  /** Handlebars strict mode (default true). */
  strict?: boolean;
  /** The module the generated code imports (default `@quorum/templates/runtime`). */
  runtime?: string;
}

/** The part of a rollup (or Vite) plugin this one uses, so this module needs no rollup types. */
export interface TemplatePlugin {
  name: string;
  transform(this: { error(message: string | Error): never }, code: string, id: string): { code: string; map: { mappings: '' } } | null;
}

/**
 * A rollup plugin that turns imported task templates into ES modules exporting `render(input)`
 * (and `template`), precompiled at build time: the bundle needs only the Handlebars runtime, no
 * compiler and no `eval`, so task pages run under a CSP without `unsafe-eval`.
 *
 * ```js
 * // rollup.config.mjs
 * import { quorumTemplates } from '@quorum/templates/rollup';
 * export default { input: 'src/task.js', plugins: [quorumTemplates()] };
 * // src/task.js
 * import { render } from './relevance.hbs';
 * ```
 *
 * Add `include: /\.(hbs|handlebars|liquid)$/` to import GT Liquid templates too (see
 * `buildTemplateModule`). A template error fails the build with `file:line:column: what`.
 */
export function quorumTemplates(options: QuorumTemplatesPluginOptions = {}): TemplatePlugin {
  const include = options.include ?? /\.(?:hbs|handlebars)$/;
  return {
    name: 'quorum-templates',
    transform(code, id) {
      const path = id.split('?')[0]!;
      if (!include.test(path)) return null;
      const build: BuildTemplateOptions = { filename: path, strict: options.strict, runtime: options.runtime };
      if (/\.(?:hbs|handlebars)$/.test(path)) build.engine = 'handlebars';
      try {
        return { code: buildTemplateModule(code, build).code, map: { mappings: '' } };
      } catch (error) {
        if (error instanceof TemplateError) this.error(error.message);
        throw error;
      }
    },
  };
}
