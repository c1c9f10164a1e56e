import Handlebars from 'handlebars';
import { ANONYMOUS_TEMPLATE, TemplateError, closestName, describeMissingPath } from './errors.js';
import { safeJson } from './escape.js';
import { assertTaskInput } from './input.js';
import { grantReadAccess } from './urls.js';
import type { UrlSigner } from './urls.js';

/** A Handlebars environment: the compiler plus the runtime with Quorum's helpers. */
export type HandlebarsEnvironment = typeof Handlebars;

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
 * Compiler options every Quorum Handlebars template is built with, at run time or ahead of time
 * by `Handlebars.precompile` (the rollup plugin and the CLI must pass the same ones).
 * `noEscape` stays false: `{{ }}` HTML-escapes, `{{{ }}}` is the explicit opt-out.
 */
export function handlebarsCompileOptions(strict = true): CompileOptions {
  return { strict, noEscape: false, data: true, compat: false, knownHelpers: { json: true, eq: true, default: true, grant_read_access: true } };
}

// The per-render signer rides on the root context under a symbol: helpers reach it through
// `@root`, templates cannot name it.
const SIGNER = Symbol('quorum.signer');

/** Run-time options: never resolve members a value inherits (`constructor`, `__proto__`, …). */
const RUNTIME_OPTIONS = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false } as const;

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === false || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * An isolated Handlebars environment (`Handlebars.create()`, so nothing registered on the global
 * `Handlebars` leaks in or out) with Quorum's helpers registered explicitly:
 * - `json value`: the value as JSON, safe in `<script>` and attributes (same as Liquid's `to_json`);
 * - `eq a b`: strict equality, for `{{#if (eq a b)}}`;
 * - `default value fallback`: `fallback` when `value` is missing, null, false, `""` or `[]`
 *   (Liquid's `default` rule);
 * - `grant_read_access url`: Liquid's filter of the same name (s3 → https, http(s) passes, anything
 *   else is blocked), with a synchronous signer.
 */
export function createHandlebarsEnvironment(): HandlebarsEnvironment {
  const env = Handlebars.create();
  env.registerHelper('json', function (...args: unknown[]) {
    if (args.length !== 2) throw new Error(`json takes one value, got ${args.length - 1}`);
    return new env.SafeString(safeJson(args[0]));
  });
  env.registerHelper('eq', function (...args: unknown[]) {
    if (args.length !== 3) throw new Error(`eq takes two values, got ${args.length - 1}`);
    return args[0] === args[1];
  });
  env.registerHelper('default', function (...args: unknown[]) {
    if (args.length !== 3) throw new Error(`default takes a value and a fallback, got ${args.length - 1} values`);
    return isEmpty(args[0]) ? args[1] : args[0];
  });
  env.registerHelper('grant_read_access', function (...args: unknown[]) {
    if (args.length !== 2) throw new Error(`grant_read_access takes one URL, got ${args.length - 1}`);
    const options = args[1] as { data?: { root?: { [SIGNER]?: UrlSigner } } };
    const url = grantReadAccess(args[0], options.data?.root?.[SIGNER]);
    if (typeof url !== 'string') {
      throw new Error('grant_read_access: the signer returned a promise, but Handlebars renders synchronously; use a synchronous signer or a Liquid template');
    }
    return url;
  });
  return env;
}

interface PathSite {
  parts: string[];
  original: string;
  line: number;
  column: number;
  /** Rooted at the render context: not `@data`, not `../`, not inside a block that changes `this`. */
  fromRoot: boolean;
  /** The name of a helper call (`{{name arg}}`), not a value. */
  callee: boolean;
}

const CONTEXT_KEEPING_BLOCKS = new Set(['if', 'unless']);

type CallNode = hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression;

/** Every path expression in the template, in source order, with where its context comes from. */
function collectPaths(ast: hbs.AST.Program): PathSite[] {
  const sites: PathSite[] = [];
  const visit = (node: unknown, inChangedContext: boolean, callee = false): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, inChangedContext);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown> & { type?: string };
    switch (record.type) {
      case 'PathExpression': {
        const path = record as unknown as hbs.AST.PathExpression;
        sites.push({
          parts: path.parts,
          original: path.original,
          line: path.loc.start.line,
          column: path.loc.start.column,
          fromRoot: !inChangedContext && !path.data && path.depth === 0 && path.parts.length > 0,
          callee,
        });
        return;
      }
      case 'MustacheStatement':
      case 'SubExpression':
      case 'BlockStatement': {
        const call = record as unknown as CallNode;
        const hasArguments = call.params.length > 0 || (call.hash?.pairs.length ?? 0) > 0;
        visit(call.path, inChangedContext, hasArguments || record.type === 'BlockStatement');
        visit(call.params, inChangedContext);
        visit(call.hash, inChangedContext);
        if (record.type === 'BlockStatement') {
          const block = call as hbs.AST.BlockStatement;
          const helper = block.path.type === 'PathExpression' ? (block.path as hbs.AST.PathExpression).original : '';
          visit(block.program, inChangedContext || !CONTEXT_KEEPING_BLOCKS.has(helper));
          visit(block.inverse, inChangedContext);
        }
        return;
      }
      default:
        for (const [key, value] of Object.entries(record)) {
          if (key !== 'loc') visit(value, inChangedContext);
        }
    }
  };
  visit(ast.body, false);
  return sites;
}

interface HandlebarsLexer {
  yylloc?: { first_line: number; first_column: number };
}

/** Where the parser stopped: Handlebars' parser keeps its lexer state after throwing. */
function parserPosition(env: HandlebarsEnvironment): { line: number; column: number } | undefined {
  const lexer = (env as unknown as { Parser?: { lexer?: HandlebarsLexer } }).Parser?.lexer;
  const location = lexer?.yylloc;
  return location ? { line: location.first_line, column: location.first_column + 1 } : undefined;
}

function exceptionPosition(error: unknown): { line: number; column: number } | undefined {
  const { lineNumber, column } = error as { lineNumber?: unknown; column?: unknown };
  return typeof lineNumber === 'number' && typeof column === 'number' ? { line: lineNumber, column: column + 1 } : undefined;
}

/** Why a root path fails when Handlebars only threw a bare TypeError (a missing parent object). */
function findBrokenParent(sites: readonly PathSite[], root: unknown): { site: PathSite; reason: string } | undefined {
  for (const site of sites) {
    if (!site.fromRoot || site.callee || site.parts.length < 2) continue;
    const parentProblem = describeMissingPath(site.parts.slice(0, -1), root);
    if (parentProblem !== undefined) return { site, reason: parentProblem };
    let parent: unknown = root;
    for (const part of site.parts.slice(0, -1)) parent = (parent as Record<string, unknown>)[part];
    if (typeof parent !== 'object' || parent === null) {
      const reason = describeMissingPath(site.parts, root);
      if (reason !== undefined) return { site, reason };
    }
  }
  return undefined;
}

/** Wraps a Handlebars parse, compile or render error into a {@link TemplateError}. */
export function toHandlebarsTemplateError(
  error: unknown,
  templateName: string,
  context: { env: HandlebarsEnvironment; ast?: hbs.AST.Program | undefined; root?: unknown; parsing?: boolean },
): TemplateError {
  const message = error instanceof Error ? error.message : String(error);
  const where = { templateName, engine: 'handlebars' as const };
  const parseError = /^Parse error on line \d+:\n[^\n]*\n-*\^\n(.*)$/s.exec(message);
  if (parseError) {
    const position = parserPosition(context.env);
    return new TemplateError(`syntax error: ${parseError[1]!.replace(/^Expecting/, 'expecting')}`, { ...where, ...position }, { cause: error });
  }
  const position = exceptionPosition(error);
  const bare = message
    .replace(/ - \d+:\d+$/, '')
    .replace(/^(\S+) doesn't match (\S+)$/, (_, open: string, close: string) => `{{#${open}}} is closed by {{/${close}}}`);
  const reason = context.parsing ? `syntax error: ${bare}` : bare;
  const sites = context.ast ? collectPaths(context.ast) : [];
  const notDefined = /^"([^"]*)" not defined in /.exec(reason);
  if (notDefined && position) {
    const site = sites.find((candidate) => candidate.line === position.line && candidate.column + 1 === position.column);
    if (site?.callee) {
      const helpers = Object.keys(context.env.helpers).filter((name) => !name.endsWith('Missing'));
      const guess = closestName(site.original, helpers);
      const hint = guess === undefined ? '' : ` (did you mean ${guess}?)`;
      return new TemplateError(`unknown helper ${site.original}${hint}`, { ...where, ...position }, { cause: error });
    }
    if (site?.fromRoot) {
      const missing = describeMissingPath(site.parts, context.root);
      if (missing !== undefined) return new TemplateError(missing, { ...where, ...position }, { cause: error });
    }
    return new TemplateError(`undefined variable ${site?.original ?? notDefined[1]}`, { ...where, ...position }, { cause: error });
  }
  if (!position && error instanceof TypeError) {
    // Handlebars' strict lookup throws a bare TypeError, without a position, when a path's parent
    // is missing or is not an object; find the path in the template instead.
    const broken = context.root === undefined ? undefined : findBrokenParent(sites, context.root);
    if (broken) {
      return new TemplateError(broken.reason, { ...where, line: broken.site.line, column: broken.site.column + 1 }, { cause: error });
    }
    const property = /reading '([^']*)'|search for '([^']*)' in (.*)$/s.exec(message);
    const name = property?.[1] ?? property?.[2];
    const site = name === undefined ? undefined : sites.find((candidate) => !candidate.callee && candidate.parts.includes(name));
    if (site) {
      const holder = property?.[3] === undefined ? 'its parent is undefined' : `its parent is ${JSON.stringify(property[3])}, not an object`;
      return new TemplateError(`undefined variable ${site.original} (${holder})`, { ...where, line: site.line, column: site.column + 1 }, { cause: error });
    }
  }
  return new TemplateError(reason, { ...where, ...position }, { cause: error });
}

/** A template compiled for the given environment, with the parse kept for error messages. */
export interface CompiledHandlebars {
  readonly templateName: string;
  readonly ast: hbs.AST.Program | undefined;
  readonly render: HandlebarsTemplateDelegate;
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
  const root = { task: { input } };
  if (options.signer) Object.defineProperty(root, SIGNER, { value: options.signer, enumerable: false });
  try {
    return template.render(root, { ...RUNTIME_OPTIONS, partials: compiledPartials });
  } catch (error) {
    throw toHandlebarsTemplateError(error, template.templateName, { env: options.env ?? defaultEnvironment, ast: template.ast, root });
  }
}

/**
 * Renders a Handlebars template with `{ task: { input } }`: strict by default, HTML-escaped
 * `{{ }}`, helpers `json`, `eq`, `default`, `grant_read_access`. Synchronous (Handlebars has no async helpers).
 */
export function renderHandlebars(source: string, input: Record<string, unknown>, options: HandlebarsRenderOptions = {}): string {
  const template = compileHandlebars(source, { filename: options.filename, strict: options.strict });
  return runHandlebars(template, input, { partials: options.partials, strict: options.strict, signer: options.signer });
}
