import { CaptureTag, Drop, Liquid, LiquidError, Tag, Value, toValue } from 'liquidjs';
import type { Context, Emitter, TagToken, Template, TopLevelToken } from 'liquidjs';
import { ANONYMOUS_TEMPLATE, TemplateError, describeMissingPath } from './errors.js';
import { escapeHtml, escapeHtmlOnce, safeJson } from './escape.js';
import { assertTaskInput } from './input.js';
import { grantReadAccess } from './urls.js';
import type { UrlSigner } from './urls.js';

/** Options of {@link renderLiquid}. */
export interface LiquidRenderOptions {
  /** Shown in error messages; also the name partials see as their parent. */
  filename?: string;
  /**
   * Throw on a variable that does not resolve instead of rendering it as an empty string.
   * Off by default because Ground Truth renders missing variables as empty; `{% if %}` and the
   * `default` filter still accept missing variables when on.
   */
  strict?: boolean;
  /** Signs `s3://` URIs for `grant_read_access`; by default they become plain S3 URLs offline. */
  signer?: UrlSigner;
  /**
   * Templates that `{% include %}` / `{% render %}` may use, by name. Nothing else is reachable:
   * the engine never reads the file system.
   */
  partials?: Readonly<Record<string, string>>;
}

/**
 * Output that is already HTML and must not be escaped again: what `escape`, `escape_once`,
 * `skip_autoescape`, `to_json` and `{% capture %}` produce. It is a liquidjs Drop, so comparisons
 * and string filters see the plain string (and their result, a plain string, is escaped again).
 */
export class SafeHtml extends Drop {
  readonly html: string;

  constructor(html: string) {
    super();
    this.html = html;
    // A Drop's members are reachable from templates; hide the class behind `constructor`.
    Object.defineProperty(this, 'constructor', { value: undefined, enumerable: false });
  }

  override valueOf(): string {
    return this.html;
  }

  // Some liquidjs filters (`size`) and lookups (`.size`) read these from the value itself.
  get length(): number {
    return this.html.length;
  }

  get size(): number {
    return this.html.length;
  }

  override toString(): string {
    return typeof this.html === 'string' ? this.html : '';
  }

  toJSON(): string {
    return this.html;
  }

  override liquidMethodMissing(): undefined {
    return undefined;
  }
}

/** Liquid's own string conversion: nil is empty, arrays are joined without a separator. */
function toText(value: unknown): string {
  const plain: unknown = toValue(value);
  if (typeof plain === 'string') return plain;
  if (plain === null || plain === undefined) return '';
  if (Array.isArray(plain)) return plain.map(toText).join('');
  return String(plain);
}

/**
 * What `{{ }}` prints: Liquid's text, except that an array or object prints as JSON, as on Ground
 * Truth and A2I (A2I's own Textract template writes `initial-value="{{
 * task.input.selectedAiServiceResponse.blocks }}"` and `keys="{{
 * task.input.humanLoopContext.importantFormKeys }}"`, which the element reads as JSON).
 */
function outputText(value: unknown): string {
  const plain: unknown = toValue(value);
  if (plain !== null && typeof plain === 'object' && !(plain instanceof Drop)) return JSON.stringify(plain);
  return toText(value);
}

/** The autoescape applied to every `{{ }}` output: SafeHtml passes, everything else is escaped. */
function autoescape(value: unknown): string {
  return value instanceof SafeHtml ? value.html : escapeHtml(outputText(value));
}

// Holds the per-render signer where filters can reach it but templates cannot name it: liquidjs
// passes `globals` on to partials, and a symbol key is not addressable from Liquid.
const SIGNER = Symbol('quorum.signer');

/** `{% capture %}` whose result counts as already-escaped HTML (it is rendered template output). */
class SafeCaptureTag extends CaptureTag {
  override *render(ctx: Context): Generator<unknown, void, string> {
    yield* super.render(ctx);
    const scope = ctx.bottom() as Record<string, unknown>;
    scope[this.variable] = new SafeHtml(toText(scope[this.variable]));
  }
}

/**
 * `{% echo %}` (also inside `{% liquid %}`) escaped exactly like `{{ }}`: liquidjs's own echo
 * unwraps the value before escaping, which would escape the output of `escape` or `to_json` again.
 */
class AutoescapedEchoTag extends Tag {
  private readonly value: Value | undefined;

  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    this.tokenizer.skipBlank();
    this.value = this.tokenizer.end() ? undefined : new Value(this.tokenizer.readFilteredValue(), liquid);
  }

  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    if (this.value) emitter.write(autoescape(yield* this.value.value(ctx, false)));
  }

  *arguments(): Generator<Value, void, unknown> {
    if (this.value) yield this.value;
  }
}

/**
 * A liquidjs engine with Ground Truth's semantics: autoescaped output, GT's filters, no file
 * system, no prototype access, and filter typos reported instead of silently ignored.
 */
export function createGtLiquid(partials: Readonly<Record<string, string>> = {}): Liquid {
  const liquid = new Liquid({
    outputEscape: autoescape,
    ownPropertyOnly: true,
    // An in-memory map replaces the file system for include/render/layout: only the given
    // partials exist, and `{% include "/etc/passwd" %}` fails to resolve.
    templates: { ...partials },
    relativeReference: false,
    strictFilters: true,
    strictVariables: false,
    lenientIf: true,
    jsTruthy: false,
  });
  liquid.registerTag('capture', SafeCaptureTag);
  liquid.registerTag('echo', AutoescapedEchoTag);
  // liquidjs's `raw` filter would bypass autoescape; Ground Truth has no such filter (there it is
  // ignored and the output is escaped). Removing it makes `| raw` an "undefined filter" error,
  // whose message points at skip_autoescape.
  liquid.unregisterFilter('raw');
  liquid.registerFilter('escape', (value: unknown) => new SafeHtml(escapeHtml(outputText(value))));
  liquid.registerFilter('escape_once', (value: unknown) => new SafeHtml(escapeHtmlOnce(outputText(value))));
  liquid.registerFilter('skip_autoescape', (value: unknown) => new SafeHtml(outputText(value)));
  liquid.registerFilter('to_json', (value: unknown) => new SafeHtml(safeJson(toValue(value))));
  liquid.registerFilter('grant_read_access', function (this: { context: Context }, value: unknown) {
    const globals = this.context.globals as { [SIGNER]?: UrlSigner };
    return grantReadAccess(toValue(value), globals[SIGNER]);
  });
  return liquid;
}

interface LiquidEngine {
  liquid: Liquid;
  /** Parses by source, then by file name (repeated renders pass the same source string). */
  parsed: Map<string, Map<string, Template[]>>;
  parsedCount: number;
}

// Bounded so an editor that renders on every keystroke does not grow without end; emptying the
// cache when full is simpler than LRU and only costs re-parsing the templates still in use.
const PARSE_CACHE_LIMIT = 200;
const defaultEngine: LiquidEngine = { liquid: createGtLiquid(), parsed: new Map(), parsedCount: 0 };
const enginesByPartials = new WeakMap<object, LiquidEngine>();

function engineFor(partials: Readonly<Record<string, string>> | undefined): LiquidEngine {
  if (partials === undefined) return defaultEngine;
  let engine = enginesByPartials.get(partials);
  if (!engine) {
    engine = { liquid: createGtLiquid(partials), parsed: new Map(), parsedCount: 0 };
    enginesByPartials.set(partials, engine);
  }
  return engine;
}

function stripPosition(message: string): string {
  return message.replace(/(?:, file:.*?)?, line:\d+, col:\d+$/s, '');
}

/** The innermost liquidjs error: a failure inside a partial is reported where it happened. */
function innermost(error: LiquidError): LiquidError {
  let current = error;
  for (;;) {
    const inner = current.originalError;
    if (inner === undefined || !LiquidError.is(inner) || inner.token === undefined) return current;
    current = inner;
  }
}

/** Wraps a liquidjs error into a {@link TemplateError} with the file, line and column it names. */
export function toLiquidTemplateError(error: unknown, templateName: string, scope?: unknown): TemplateError {
  if (!LiquidError.is(error)) {
    const reason = error instanceof Error ? error.message : String(error);
    return new TemplateError(reason, { templateName, engine: 'liquid' }, { cause: error });
  }
  const inner = innermost(error);
  const [line, column] = inner.token.getPosition() as [number, number];
  const name = inner.token.file || templateName;
  let reason = stripPosition(inner.message);
  const variableName = (inner.originalError as { variableName?: unknown } | undefined)?.variableName;
  if (typeof variableName === 'string') {
    reason = describeMissingPath(variableName.split('.'), scope) ?? `undefined variable ${variableName}`;
  }
  const undefinedFilter = /^undefined filter: (\S+)/.exec(reason);
  if (undefinedFilter?.[1] === 'raw') {
    reason += ' (Ground Truth has no raw filter; skip_autoescape is the opt-out of autoescape)';
  } else if (undefinedFilter) {
    reason += ' (Ground Truth filters: escape, escape_once, skip_autoescape, to_json, grant_read_access, plus the standard Liquid filters)';
  }
  return new TemplateError(reason, { templateName: name, line, column, engine: 'liquid' }, { cause: error });
}

/**
 * Parses a GT-Liquid template once; later calls with the same source (and partials) reuse the
 * parse. Throws a {@link TemplateError} with line and column on a syntax error.
 */
export function parseLiquid(source: string, options: { filename?: string; partials?: Readonly<Record<string, string>> } = {}): Template[] {
  if (typeof source !== 'string') throw new TypeError(`template source must be a string, got ${typeof source}`);
  const templateName = options.filename ?? ANONYMOUS_TEMPLATE;
  const engine = engineFor(options.partials);
  const cached = engine.parsed.get(source)?.get(templateName);
  if (cached) return cached;
  let parsed: Template[];
  try {
    parsed = engine.liquid.parse(source, options.filename);
  } catch (error) {
    throw toLiquidTemplateError(error, templateName);
  }
  if (engine.parsedCount >= PARSE_CACHE_LIMIT) {
    engine.parsed.clear();
    engine.parsedCount = 0;
  }
  const byName = engine.parsed.get(source) ?? new Map<string, Template[]>();
  byName.set(templateName, parsed);
  engine.parsed.set(source, byName);
  engine.parsedCount++;
  return parsed;
}

/**
 * Renders a Ground Truth Liquid template with `{ task: { input } }`, HTML-escaping every output
 * unless a filter marked it as HTML. Errors become {@link TemplateError}s; a non-JSON input is a
 * TypeError.
 */
export async function renderLiquid(source: string, input: Record<string, unknown>, options: LiquidRenderOptions = {}): Promise<string> {
  const templateName = options.filename ?? ANONYMOUS_TEMPLATE;
  assertTaskInput(input, templateName);
  const parsed = parseLiquid(source, options);
  const scope = { task: { input } };
  try {
    const output: unknown = await engineFor(options.partials).liquid.render(parsed, scope, {
      strictVariables: options.strict ?? false,
      ...(options.signer ? { globals: { [SIGNER]: options.signer } } : {}),
    });
    return String(output);
  } catch (error) {
    throw toLiquidTemplateError(error, templateName, scope);
  }
}
