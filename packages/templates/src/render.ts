import { detectEngine } from './detect.js';
import type { TemplateEngine } from './errors.js';
import { renderHandlebars } from './handlebars.js';
import { renderLiquid } from './liquid.js';
import type { UrlSigner } from './urls.js';

/** Options of {@link renderTemplate}. */
export interface RenderTemplateOptions {
  /** `auto` (default) picks the engine with {@link detectEngine} from the file name, then the source. */
  engine?: TemplateEngine | 'auto';
  /** Shown in error messages, and used by `auto` detection. */
  filename?: string;
  /** Signs `s3://` URIs for `grant_read_access` (for Handlebars it must be synchronous). */
  signer?: UrlSigner;
  /**
   * Whether a variable that does not resolve is an error. Defaults differ on purpose: Liquid renders
   * it empty as Ground Truth does; Handlebars templates are Quorum's own and strict.
   */
  strict?: boolean;
  /** Named partials for `{% include %}` / `{% render %}` or `{{> name}}`; there are no others. */
  partials?: Readonly<Record<string, string>>;
}

/**
 * Renders a task template fragment with `{ task: { input } }`, as Ground Truth does with a
 * pre-annotation Lambda's `taskInput`. Every `{{ }}` output is HTML-escaped unless the template
 * opts out explicitly (`skip_autoescape`, `{{{ }}}`). Rejects with a `TemplateError`
 * (`file:line:column: what`) for template errors and a TypeError for an input that is not a JSON
 * object.
 */
export async function renderTemplate(source: string, input: Record<string, unknown>, options: RenderTemplateOptions = {}): Promise<string> {
  if (typeof source !== 'string') throw new TypeError(`template source must be a string, got ${source === null ? 'null' : typeof source}`);
  const requested = options.engine ?? 'auto';
  if (requested !== 'auto' && requested !== 'liquid' && requested !== 'handlebars') {
    throw new TypeError(`unknown template engine ${JSON.stringify(requested)}; use 'liquid', 'handlebars' or 'auto'`);
  }
  const engine = requested === 'auto' ? detectEngine(source, options.filename) : requested;
  if (engine === 'handlebars') {
    return renderHandlebars(source, input, { filename: options.filename, strict: options.strict, partials: options.partials, signer: options.signer });
  }
  return renderLiquid(source, input, { filename: options.filename, strict: options.strict, signer: options.signer, partials: options.partials });
}
