import type Handlebars from 'handlebars';
import { TemplateError, closestName, describeMissingPath } from './errors.js';
import { safeJson } from './escape.js';
import { grantReadAccess } from './urls.js';
import type { UrlSigner } from './urls.js';

// What the Handlebars compiler and the compiler-free runtime (runtime.ts) share: helpers, run-time
// options and error messages. This module must not import the compiler (`handlebars`) as a value.

/** A Handlebars environment: the compiler plus the runtime with Quorum's helpers (or the runtime only). */
export type HandlebarsEnvironment = typeof Handlebars;

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
export const SIGNER = Symbol('quorum.signer');

/** Run-time options: never resolve members a value inherits (`constructor`, `__proto__`, …). */
export const RUNTIME_OPTIONS = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false } as const;

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === false || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * Registers Quorum's helpers on a Handlebars environment (the compiler's or the runtime's):
 * - `json value`: the value as JSON, safe in `<script>` and attributes (same as Liquid's `to_json`);
 * - `eq a b`: strict equality, for `{{#if (eq a b)}}`;
 * - `default value fallback`: `fallback` when `value` is missing, null, false, `""` or `[]`
 *   (Liquid's `default` rule);
 * - `grant_read_access url`: Liquid's filter of the same name (s3 → https, http(s) passes, anything
 *   else is blocked), with a synchronous signer.
 */
export function registerQuorumHelpers<T extends Pick<HandlebarsEnvironment, 'registerHelper' | 'SafeString'>>(env: T): T {
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

/** A path expression of a template and where it is, kept so errors can name the full path. */
export interface PathSite {
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
export function collectPaths(ast: hbs.AST.Program): PathSite[] {
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
  context: { env: HandlebarsEnvironment; ast?: hbs.AST.Program | undefined; sites?: readonly PathSite[] | undefined; root?: unknown; parsing?: boolean },
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
  const sites = context.sites ?? (context.ast ? collectPaths(context.ast) : []);
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
  /** For precompiled templates (no AST): the path sites recorded at build time, for error messages. */
  readonly sites?: readonly PathSite[];
}

/**
 * Runs a compiled or precompiled template with `{ task: { input } }` (already checked with
 * `assertTaskInput`) and already compiled partials,
 * wrapping errors into {@link TemplateError}s (with positions when the template was compiled here,
 * or when strict mode recorded them in the precompiled code).
 */
export function runCompiled(
  template: CompiledHandlebars,
  input: Record<string, unknown>,
  options: { partials: Readonly<Record<string, HandlebarsTemplateDelegate>>; env: HandlebarsEnvironment; signer?: UrlSigner | undefined },
): string {
  const root = { task: { input } };
  if (options.signer) Object.defineProperty(root, SIGNER, { value: options.signer, enumerable: false });
  try {
    return template.render(root, { ...RUNTIME_OPTIONS, partials: { ...options.partials } });
  } catch (error) {
    throw toHandlebarsTemplateError(error, template.templateName, { env: options.env, ast: template.ast, sites: template.sites, root });
  }
}
