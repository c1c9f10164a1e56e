import Handlebars from 'handlebars';
import { ANONYMOUS_TEMPLATE, TemplateError } from './errors.js';
import { assertTaskInput } from './input.js';
import { handlebarsCompileOptions, registerQuorumHelpers, runCompiled, toHandlebarsTemplateError } from './handlebars-support.js';
import type { CompiledHandlebars, HandlebarsEnvironment } from './handlebars-support.js';
import type { UrlSigner } from './urls.js';

export { handlebarsCompileOptions, toHandlebarsTemplateError } from './handlebars-support.js';
export type { CompiledHandlebars, HandlebarsEnvironment } from './handlebars-support.js';

/** Options of {@link renderHandlebars}. */
export interface HandlebarsRenderOptions {
  /** Shown in error messages. */
  filename?: string;
  /**
   * A path that does not resolve is an error naming it (default `true`). Paths given to helpers
   * and to `{{#if}}` may still be missing; that is how templates test for optional fields.
   */
  strict?: boolean;
  /** Partials that `{{> name}}` may use, by name; there are no others. */
  partials?: Readonly<Record<string, string>>;
  /** Signs `s3://` URIs for `grant_read_access`; must be synchronous (Handlebars renders synchronously). */
  signer?: UrlSigner;
}

/**
 * An isolated Handlebars environment (`Handlebars.create()`, so nothing registered on the global
 * `Handlebars` leaks in or out) with Quorum's helpers registered explicitly: `json`, `eq`,
 * `default` and `grant_read_access` (see {@link registerQuorumHelpers}).
 */
export function createHandlebarsEnvironment(): HandlebarsEnvironment {
  return registerQuorumHelpers(Handlebars.create());
}

function parse(env: HandlebarsEnvironment, source: string, templateName: string): hbs.AST.Program {
  if (typeof source !== 'string') throw new TypeError(`template source must be a string, got ${typeof source}`);
  try {
    return env.parse(source);
  } catch (error) {
    throw toHandlebarsTemplateError(error, templateName, { env, parsing: true });
  }
}

interface PartialUse {
  name: string;
  line: number;
  column: number;
}

const partialUses = new WeakMap<hbs.AST.Program, PartialUse[]>();

/** The partials a template names statically (`{{> name}}`), found once per parse. */
function staticPartials(ast: hbs.AST.Program): PartialUse[] {
  const cached = partialUses.get(ast);
  if (cached) return cached;
  const uses: PartialUse[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown> & { type?: string };
    if (record.type === 'PartialStatement') {
      const statement = record as unknown as hbs.AST.PartialStatement;
      if (statement.name.type === 'PathExpression') {
        uses.push({ name: (statement.name as hbs.AST.PathExpression).original, line: statement.loc.start.line, column: statement.loc.start.column + 1 });
      }
    }
    for (const [key, value] of Object.entries(record)) if (key !== 'loc') visit(value);
  };
  visit(ast.body);
  partialUses.set(ast, uses);
  return uses;
}

/** `{{> name}}` partials that are not in `partials`, found before rendering so they get a position. */
function assertPartialsExist(ast: hbs.AST.Program, partials: Readonly<Record<string, string>>, templateName: string): void {
  for (const use of staticPartials(ast)) {
    if (Object.prototype.hasOwnProperty.call(partials, use.name)) continue;
    const known = Object.keys(partials);
    throw new TemplateError(`unknown partial ${use.name} (${known.length ? `known partials: ${known.join(', ')}` : 'no partials were given'})`, {
      templateName,
      line: use.line,
      column: use.column,
      engine: 'handlebars',
    });
  }
}

const defaultEnvironment = createHandlebarsEnvironment();
// Bounded like the Liquid parse cache: emptied when full.
const COMPILE_CACHE_LIMIT = 200;
// Keyed by the source first: repeated renders pass the same string, whose hash V8 keeps.
const compiled = new Map<string, Map<string, CompiledHandlebars>>();
let compiledCount = 0;

/**
 * Parses (with positions for syntax errors) and compiles a Handlebars template into
 * `env` (default: a shared isolated environment). Cached by name, strictness and source.
 */
export function compileHandlebars(
  source: string,
  options: { filename?: string; strict?: boolean; env?: HandlebarsEnvironment } = {},
): CompiledHandlebars {
  const templateName = options.filename ?? ANONYMOUS_TEMPLATE;
  const strict = options.strict ?? true;
  const env = options.env ?? defaultEnvironment;
  const variant = `${strict ? 'strict' : 'lenient'}:${templateName}`;
  const cached = env === defaultEnvironment ? compiled.get(source)?.get(variant) : undefined;
  if (cached) return cached;
  const ast = parse(env, source, templateName);
  const result: CompiledHandlebars = { templateName, ast, render: env.compile(ast, handlebarsCompileOptions(strict)) };
  if (env === defaultEnvironment) {
    if (compiledCount >= COMPILE_CACHE_LIMIT) {
      compiled.clear();
      compiledCount = 0;
    }
    const variants = compiled.get(source) ?? new Map<string, CompiledHandlebars>();
    variants.set(variant, result);
    compiled.set(source, variants);
    compiledCount++;
  }
  return result;
}

/**
 * The JavaScript source of a precompiled template (for a build step: the rollup plugin, the CLI),
 * compiled with {@link handlebarsCompileOptions}. Turn it back into a template with
 * `createHandlebarsEnvironment().template(spec)` and run it with {@link runHandlebars}; no
 * compiler and no `eval` are needed at run time then.
 */
export function precompileHandlebars(source: string, options: { filename?: string; strict?: boolean } = {}): string {
  const templateName = options.filename ?? ANONYMOUS_TEMPLATE;
  const ast = parse(defaultEnvironment, source, templateName);
  try {
    return String(Handlebars.precompile(ast, handlebarsCompileOptions(options.strict ?? true)));
  } catch (error) {
    throw toHandlebarsTemplateError(error, templateName, { env: defaultEnvironment, ast });
  }
}

/**
 * Runs a compiled (or precompiled) template with `{ task: { input } }`. Partial sources are
 * compiled into the template's environment with the same options.
 */
export function runHandlebars(
  template: CompiledHandlebars,
  input: Record<string, unknown>,
  options: { partials?: Readonly<Record<string, string>>; strict?: boolean; env?: HandlebarsEnvironment; signer?: UrlSigner } = {},
): string {
  assertTaskInput(input, template.templateName);
  const partials = options.partials ?? {};
  if (template.ast) assertPartialsExist(template.ast, partials, template.templateName);
  const compiledPartials: Record<string, HandlebarsTemplateDelegate> = {};
  for (const [name, partialSource] of Object.entries(partials)) {
    compiledPartials[name] = compileHandlebars(partialSource, { filename: name, strict: options.strict ?? true, env: options.env ?? defaultEnvironment }).render;
  }
  return runCompiled(template, input, { partials: compiledPartials, env: options.env ?? defaultEnvironment, signer: options.signer });
}

/**
 * Renders a Handlebars template with `{ task: { input } }`: strict by default, HTML-escaped
 * `{{ }}`, helpers `json`, `eq`, `default`, `grant_read_access`. Synchronous (Handlebars has no async helpers).
 */
export function renderHandlebars(source: string, input: Record<string, unknown>, options: HandlebarsRenderOptions = {}): string {
  const template = compileHandlebars(source, { filename: options.filename, strict: options.strict });
  return runHandlebars(template, input, { partials: options.partials, strict: options.strict, signer: options.signer });
}
