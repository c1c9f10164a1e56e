import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { JsonSchema } from './elements.js';
import { ELEMENTS_KEYWORD } from './answer-schema.js';
import { escapeInlineScript } from './preview.js';

/** Options of {@link buildAnswerValidator}. */
export interface AnswerValidatorOptions {
  /** Where the schema came from (a template file), recorded in the module's header comment. */
  name?: string;
}

/** The module {@link buildAnswerValidator} writes, and its type declarations. */
export interface BuiltAnswerValidator {
  /** An ES module with no imports: `schema`, `validateAnswer(answer)` and Ajv's `ajvValidate`. */
  code: string;
  /** The matching `.d.ts`. */
  declarations: string;
}

interface AjvLike {
  addSchema(schema: object, key: string): unknown;
  getSchema(key: string): unknown;
}

interface AjvModules {
  Ajv2020: new (options: object) => AjvLike;
  standaloneCode: (ajv: AjvLike, refs: Record<string, string>) => string;
  require: NodeJS.Require;
}

let ajvModules: AjvModules | undefined;

/**
 * Ajv 8 is loaded only when a validator is built (this module is the Node-only entry
 * `@quorum/templates/validator`), so rendering and linting never pay for it.
 */
function loadAjv(): AjvModules {
  if (ajvModules) return ajvModules;
  const require = createRequire(import.meta.url);
  try {
    const { Ajv2020 } = require('ajv/dist/2020.js') as { Ajv2020: AjvModules['Ajv2020'] };
    const standalone = require('ajv/dist/standalone/index.js') as { default: AjvModules['standaloneCode'] };
    ajvModules = { Ajv2020, standaloneCode: standalone.default, require };
    return ajvModules;
  } catch (error) {
    throw new Error(`building an answer validator needs Ajv 8, a dependency of @quorum/templates (${(error as Error).message})`);
  }
}

const REQUIRE_CALL = /\brequire\(\s*(["'])([^"'\n]+)\1\s*\)/g;

/**
 * Replaces every `require("…")` in Ajv's standalone code (its runtime helpers: Unicode string
 * length, deep equality, …) by the helper's own code, module by module, so the validator is one
 * self-contained ES module that runs in a browser with no bundler and no `eval`.
 */
function inlineRequires(code: string, require: NodeJS.Require): string {
  const modules: string[] = [];
  const ids = new Map<string, number>();
  const rewrite = (source: string, resolveFrom: NodeJS.Require, where: string): string =>
    source.replace(REQUIRE_CALL, (_call, _quote: string, specifier: string) => {
      let file: string;
      try {
        file = resolveFrom.resolve(specifier);
      } catch (error) {
        throw new Error(`cannot inline ${specifier} required by ${where}: ${(error as Error).message}`);
      }
      if (!file.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(file)) throw new Error(`cannot inline the Node built-in ${specifier} required by ${where}`);
      let id = ids.get(file);
      if (id === undefined) {
        id = modules.length;
        ids.set(file, id);
        modules.push('');
        const body = rewrite(readFileSync(file, 'utf8'), createRequire(file), file);
        modules[id] = `  // ${specifier}\n  (module, exports, require) => {\n${body}\n  },`;
      }
      return `require(${id})`;
    });
  const main = rewrite(code, require, 'Ajv standalone code');
  if (modules.length === 0) return main;
  return `const __modules = [
${modules.join('\n')}
];
const __cache = [];
function require(id) {
  if (!__cache[id]) {
    const module = { exports: {} };
    __cache[id] = module;
    __modules[id](module, module.exports, require);
  }
  return __cache[id].exports;
}
${main}`;
}

const RUNTIME = `
/** JSON Schema of the answer object this validator checks. */
export const schema = SCHEMA;

function valueAt(data, pointer) {
  let value = data;
  for (const part of pointer.split('/').slice(1)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = value[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return value;
}

function describe(error) {
  const params = error.params || {};
  if (error.keyword === 'enum') return error.message + ': ' + params.allowedValues.map((value) => JSON.stringify(value)).join(', ');
  if (error.keyword === 'additionalProperties') return 'has no property ' + JSON.stringify(params.additionalProperty) + ' in this task (a typo, or a control the template does not have)';
  return error.message || error.keyword;
}

/**
 * Checks an answer object (what <crowd-form> submits) against the template's answer schema.
 * Returns { valid: true, value } or { valid: false, issues: [{ path, message, value? }] }, path
 * being the JSON pointer of the offending value.
 */
export function validateAnswer(answer) {
  if (ajvValidate(answer)) return { valid: true, value: answer };
  const issues = (ajvValidate.errors || []).map((error) => {
    const path = error.keyword === 'required'
      ? error.instancePath + '/' + String(error.params.missingProperty).replace(/~/g, '~0').replace(/\\//g, '~1')
      : error.instancePath;
    const issue = { path, message: describe(error) };
    if (error.keyword !== 'required') issue.value = valueAt(answer, error.instancePath);
    return issue;
  });
  return { valid: false, issues };
}
`;

const DECLARATIONS = `// Generated by @quorum/templates (buildAnswerValidator). Do not edit.
/** One problem with an answer: the JSON pointer of the value, and what is wrong with it. */
export interface AnswerIssue {
  path: string;
  message: string;
  value?: unknown;
}
/** JSON Schema of the answer object this validator checks. */
export declare const schema: Record<string, unknown>;
/** Checks an answer object (what <crowd-form> submits) against the template's answer schema. */
export declare function validateAnswer(answer: unknown): { valid: true; value: Record<string, unknown> } | { valid: false; issues: AnswerIssue[] };
/** Ajv's compiled validator: true or false, with \`ajvValidate.errors\` after a failure. */
export declare const ajvValidate: {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; schemaPath: string; keyword: string; params: Record<string, unknown>; message?: string }> | null;
};
`;

/** Ajv's standalone code for the schema, its runtime helpers inlined: an ES module, or CommonJS assigning `exports`. */
function compileStandalone(schema: JsonSchema, options: AnswerValidatorOptions, caller: string, esm: boolean): string {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    throw new TypeError(`${caller}: the schema must be a JSON Schema object, got ${Array.isArray(schema) ? 'an array' : typeof schema}`);
  }
  const { Ajv2020, standaloneCode, require } = loadAjv();
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, keywords: [ELEMENTS_KEYWORD], code: { source: true, esm, lines: true } });
  const { $id: _ignoredId, ...body } = schema;
  try {
    ajv.addSchema(body, 'answer');
    ajv.getSchema('answer');
  } catch (error) {
    throw new TypeError(`${caller}: the answer schema${options.name ? ` of ${options.name}` : ''} does not compile: ${(error as Error).message}`);
  }
  return inlineRequires(standaloneCode(ajv, { ajvValidate: 'answer' }), require);
}

const schemaLiteral = (schema: JsonSchema): string => JSON.stringify(schema, null, 2).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/**
 * Compiles an answer schema (from `extractAnswerSchema`) with Ajv now, at build time, into a
 * self-contained ES module: a task page imports it and validates answers without a schema
 * compiler and without `eval` or `new Function`, so it runs under a CSP without `unsafe-eval`.
 * Throws a TypeError naming the schema problem when Ajv (strict mode) cannot compile it.
 */
export function buildAnswerValidator(schema: JsonSchema, options: AnswerValidatorOptions = {}): BuiltAnswerValidator {
  const validatorCode = compileStandalone(schema, options, 'buildAnswerValidator', true);
  const header = `// Generated by @quorum/templates (buildAnswerValidator)${options.name ? ` from ${options.name.replace(/[\r\n]/g, ' ')}` : ''}. Do not edit.
// Validates answer objects against the template's answer schema, compiled ahead of time by Ajv:
// no imports, no eval, no new Function.
`;
  const runtime = RUNTIME.replace('SCHEMA', schemaLiteral(schema));
  return { code: `${header}${validatorCode}\n${runtime}`, declarations: DECLARATIONS };
}

/**
 * The same compiled validator as {@link buildAnswerValidator}, as one JavaScript expression that
 * evaluates to `{ schema, validateAnswer, ajvValidate }`, for pages that inline it in a
 * `<script>` instead of importing a module (an inline module cannot be imported by another).
 */
export function answerValidatorExpression(schema: JsonSchema, options: AnswerValidatorOptions = {}): string {
  const validatorCode = compileStandalone(schema, options, 'answerValidatorExpression', false);
  // RUNTIME is this file's own text: its only `export`s are the two declarations at line starts.
  const runtime = RUNTIME.replace('SCHEMA', schemaLiteral(schema)).replace(/^export /gm, '');
  return `(() => {
const exports = {};
${validatorCode}
const ajvValidate = exports.ajvValidate;
${runtime}
return { schema, validateAnswer, ajvValidate };
})()`;
}

/** Marks the script {@link embedAnswerValidator} adds, so a page gets one. */
const EMBEDDED_VALIDATOR = 'data-quorum-answer-validator';

/**
 * Adds the compiled validator of `schema` to a rendered task page (e.g. `buildPreviewPage`'s
 * output), as an inline module script at the end of its body that gives every `<crowd-form>` of
 * the page `answerValidator = validateAnswer`. Module scripts run in order once the page is
 * parsed, so the elements bundle has defined `<crowd-form>` by then; an answer that does not
 * match the schema is then refused on Submit and its problems listed. Nothing is evaluated at
 * run time, so the page keeps working under a CSP without `unsafe-eval`. The schema stays
 * readable at `window.quorum.answerSchema`.
 */
export function embedAnswerValidator(page: string, schema: JsonSchema, options: AnswerValidatorOptions = {}): string {
  if (typeof page !== 'string') throw new TypeError(`embedAnswerValidator: the page must be a string, got ${typeof page}`);
  if (page.includes(EMBEDDED_VALIDATOR)) throw new TypeError('embedAnswerValidator: the page already has an embedded answer validator');
  const script = `<script type="module" ${EMBEDDED_VALIDATOR}>
const validator = ${answerValidatorExpression(schema, options)};
(window.quorum ??= {}).answerSchema = validator.schema;
for (const form of document.querySelectorAll('crowd-form')) form.answerValidator = validator.validateAnswer;
</script>`;
  const safe = escapeInlineScript(script.slice(script.indexOf('\n') + 1, script.lastIndexOf('\n')));
  const element = `${script.slice(0, script.indexOf('\n') + 1)}${safe}\n</script>\n`;
  const end = page.toLowerCase().lastIndexOf('</body>');
  return end < 0 ? `${page}\n${element}` : `${page.slice(0, end)}${element}${page.slice(end)}`;
}
