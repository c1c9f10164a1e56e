import * as handlebarsRuntimeModule from 'handlebars/runtime';
import { ANONYMOUS_TEMPLATE } from './errors.js';
import { registerQuorumHelpers, runCompiled } from './handlebars-support.js';
import type { HandlebarsEnvironment, PathSite } from './handlebars-support.js';
import { assertTaskInput } from './input.js';
import { renderLiquid } from './liquid.js';
import type { UrlSigner } from './urls.js';

// What a precompiled task template needs at run time, and nothing more: the Handlebars runtime
// (no compiler, no `new Function`) and GT Liquid (liquidjs parses into objects and never evals).
// Modules written by the rollup plugin and `quorum build` import this entry,
// `@quorum/templates/runtime`; it must never import the Handlebars compiler.

// `handlebars/runtime` is CommonJS: its module.exports (the runtime) is the namespace's default.
const HandlebarsRuntime = (handlebarsRuntimeModule as unknown as { default: HandlebarsEnvironment }).default;

let runtimeEnvironment: HandlebarsEnvironment | undefined;

/**
 * An isolated Handlebars runtime environment (`create()` of `handlebars/runtime`) with Quorum's
 * helpers: `json`, `eq`, `default`, `grant_read_access`. Shared by the precompiled templates.
 */
export function handlebarsRuntime(): HandlebarsEnvironment {
  runtimeEnvironment ??= registerQuorumHelpers(HandlebarsRuntime.create() as HandlebarsEnvironment);
  return runtimeEnvironment;
}

/** Options of a precompiled template's `render`. */
export interface PrecompiledRenderOptions {
  /** Signs `s3://` URIs for `grant_read_access` (synchronous for Handlebars). */
  signer?: UrlSigner;
  /** Precompiled Handlebars partials for `{{> name}}`, by name. */
  partials?: Readonly<Record<string, PrecompiledHandlebarsTemplate>>;
}

/** A task template precompiled to JavaScript: renders `{ task: { input } }` to the HTML fragment. */
export interface PrecompiledHandlebarsTemplate {
  readonly templateName: string;
  readonly engine: 'handlebars';
  render(input: Record<string, unknown>, options?: PrecompiledRenderOptions): string;
  /** The Handlebars template function, for use as a partial. */
  readonly delegate: HandlebarsTemplateDelegate;
}

/** A GT Liquid task template shipped as its source: liquidjs parses it once, on first render. */
export interface PrecompiledLiquidTemplate {
  readonly templateName: string;
  readonly engine: 'liquid';
  render(input: Record<string, unknown>, options?: Omit<PrecompiledRenderOptions, 'partials'> & { partials?: Readonly<Record<string, string>> }): Promise<string>;
}

/**
 * Turns the output of `precompileHandlebars` (a template specification, written into a module
 * by a build step) into a template, with the same escaping, strictness, helpers and errors as
 * `renderTemplate`; `sites` are the template's path expressions (`collectPaths`), recorded at build
 * time so errors name the full path. No compiler and no `eval` are involved.
 */
export function handlebarsTemplate(
  spec: TemplateSpecification,
  templateName: string = ANONYMOUS_TEMPLATE,
  sites: readonly PathSite[] = [],
): PrecompiledHandlebarsTemplate {
  const env = handlebarsRuntime();
  const delegate = env.template(spec);
  return {
    templateName,
    engine: 'handlebars',
    delegate,
    render(input, options = {}) {
      assertTaskInput(input, templateName);
      const partials: Record<string, HandlebarsTemplateDelegate> = {};
      for (const [name, partial] of Object.entries(options.partials ?? {})) partials[name] = partial.delegate;
      return runCompiled({ templateName, ast: undefined, render: delegate, sites }, input, { partials, env, signer: options.signer });
    },
  };
}

/** A GT Liquid template from its source, rendered as `renderTemplate` renders Liquid. */
export function liquidTemplate(source: string, templateName: string = ANONYMOUS_TEMPLATE): PrecompiledLiquidTemplate {
  return {
    templateName,
    engine: 'liquid',
    render: (input, options = {}) => renderLiquid(source, input, { filename: templateName, signer: options.signer, partials: options.partials }),
  };
}
