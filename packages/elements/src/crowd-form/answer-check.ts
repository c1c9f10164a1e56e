/**
 * Checking an answer object against a template's answer schema in the page, without Ajv and
 * without `eval`.
 *
 * Two ways in, both on `<crowd-form>`:
 * - `answerValidator`: the `validateAnswer` function of the module `quorum schema --validator`
 *   writes (Ajv, compiled ahead of time: every JSON Schema keyword, no compiler in the page);
 * - `answerSchema` / `answer-schema`: a schema object, checked by {@link checkAnswerSchema}, a
 *   small interpreter of the JSON Schema subset that `extractAnswerSchema` emits. It refuses any
 *   other keyword (so a schema is never half-checked) — use a compiled validator for those.
 */
import type { AnswerObject } from '@quorum/schema';

/** One problem with an answer: the JSON pointer of the value, and what is wrong with it. */
export interface AnswerIssue {
  /** JSON pointer into the answer, e.g. `/relevance/label`; `''` for the answer as a whole. */
  path: string;
  message: string;
  value?: unknown;
}

/** What an answer validator returns (the contract of `validateAnswer` in a compiled validator module). */
export type AnswerValidationResult = { valid: true; value?: unknown } | { valid: false; issues: readonly AnswerIssue[] };

/** A function that checks an answer object, such as `validateAnswer` from `quorum schema --validator`. */
export type AnswerValidator = (answer: AnswerObject) => AnswerValidationResult;

/** A JSON Schema object as read here. */
type Schema = { readonly [keyword: string]: unknown };

/** Keywords that only annotate; they never make an answer invalid. */
const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', 'default', 'examples', 'readOnly', 'writeOnly', 'deprecated']);

/** Every keyword {@link checkAnswerSchema} applies: what `extractAnswerSchema` emits, and `const`. */
const SUPPORTED = new Set([
  'type', 'enum', 'const', 'properties', 'patternProperties', 'additionalProperties', 'required', 'dependentSchemas',
  'items', 'minItems', 'maxItems', 'uniqueItems', 'minimum', 'maximum', 'minLength', 'maxLength', 'anyOf',
]);

/** A schema this checker cannot apply faithfully; thrown by {@link checkAnswerSchema}. */
export class UnsupportedSchemaError extends Error {
  override name = 'UnsupportedSchemaError';
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const pointer = (path: string, key: string | number): string => `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  return typeOf(value) === type;
}

/** JSON equality, as `enum`, `const` and `uniqueItems` compare. */
function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, index) => equal(item, b[index]));
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && equal(a[key], b[key]));
}

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

/** Unicode code points, as JSON Schema counts string length. */
const length = (text: string): number => [...text].length;

function schemaAt(value: unknown, where: string): Schema | boolean {
  if (typeof value === 'boolean' || isObject(value)) return value as Schema | boolean;
  throw new UnsupportedSchemaError(`the answer schema at ${where || '/'} is ${show(value)}, not a schema object`);
}

function check(schema: Schema | boolean, value: unknown, path: string, where: string, issues: AnswerIssue[]): void {
  if (schema === true) return;
  if (schema === false) {
    issues.push({ path, message: 'is not allowed here', value });
    return;
  }
  for (const keyword of Object.keys(schema)) {
    if (!SUPPORTED.has(keyword) && !ANNOTATIONS.has(keyword) && !keyword.startsWith('x-')) {
      throw new UnsupportedSchemaError(
        `the answer schema uses "${keyword}" at ${where || '/'}, which <crowd-form> cannot check by itself; give it a compiled validator (quorum schema --validator) instead`,
      );
    }
  }
  const fail = (message: string): void => {
    issues.push({ path, message, value });
  };
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((type) => hasType(value, type))) {
      fail(`must be ${types.map((type) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`)).join(' or ')}, not ${typeOf(value)}`);
      return;
    }
  }
  if (schema.const !== undefined && !equal(schema.const, value)) fail(`must be ${show(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => equal(allowed, value))) {
    fail(`must be one of ${schema.enum.map(show).join(', ')}`);
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && length(value) < schema.minLength) fail(schema.minLength === 1 ? 'must not be empty' : `must have at least ${schema.minLength} characters`);
    if (typeof schema.maxLength === 'number' && length(value) > schema.maxLength) fail(`must have at most ${schema.maxLength} characters`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) fail(`must be at least ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) fail(`must be at most ${schema.maximum}`);
  }
  if (Array.isArray(value)) checkArray(schema, value, path, where, issues, fail);
  if (isObject(value)) checkObject(schema, value, path, where, issues);
  if (Array.isArray(schema.anyOf)) {
    const branches = schema.anyOf.map((branch, index) => {
      const found: AnswerIssue[] = [];
      check(schemaAt(branch, `${where}/anyOf/${index}`), value, path, `${where}/anyOf/${index}`, found);
      return found;
    });
    if (!branches.some((found) => found.length === 0)) {
      // The branch that came closest says best what is wrong.
      issues.push(...branches.reduce((best, found) => (found.length < best.length ? found : best)));
    }
  }
}

function checkArray(schema: Schema, value: unknown[], path: string, where: string, issues: AnswerIssue[], fail: (message: string) => void): void {
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) fail(schema.minItems === 1 ? 'must not be empty' : `must have at least ${schema.minItems} items`);
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) fail(`must have at most ${schema.maxItems} items`);
  if (schema.uniqueItems === true) {
    const duplicate = value.findIndex((item, index) => value.findIndex((other) => equal(other, item)) !== index);
    if (duplicate >= 0) fail(`has ${show(value[duplicate])} more than once`);
  }
  if (schema.items !== undefined) {
    const items = schemaAt(schema.items, `${where}/items`);
    value.forEach((item, index) => check(items, item, pointer(path, index), `${where}/items`, issues));
  }
}

function checkObject(schema: Schema, value: Record<string, unknown>, path: string, where: string, issues: AnswerIssue[]): void {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const patterns = isObject(schema.patternProperties)
    ? Object.entries(schema.patternProperties).map(([source, sub]) => {
        let pattern: RegExp;
        try {
          pattern = new RegExp(source, 'u');
        } catch (error) {
          throw new UnsupportedSchemaError(`the answer schema at ${where}/patternProperties has an invalid pattern ${show(source)}: ${(error as Error).message}`);
        }
        return { pattern, schema: schemaAt(sub, `${where}/patternProperties/${source}`), source };
      })
    : [];
  if (Array.isArray(schema.required)) {
    for (const key of schema.required as string[]) {
      if (!Object.hasOwn(value, key)) issues.push({ path: pointer(path, key), message: 'is missing: it needs an answer' });
    }
  }
  for (const [key, item] of Object.entries(value)) {
    let matched = false;
    if (Object.hasOwn(properties, key)) {
      matched = true;
      check(schemaAt(properties[key], `${where}/properties/${key}`), item, pointer(path, key), `${where}/properties/${key}`, issues);
    }
    for (const pattern of patterns) {
      if (!pattern.pattern.test(key)) continue;
      matched = true;
      check(pattern.schema, item, pointer(path, key), `${where}/patternProperties/${pattern.source}`, issues);
    }
    if (matched || schema.additionalProperties === undefined) continue;
    if (schema.additionalProperties === false) {
      issues.push({ path: pointer(path, key), message: 'is not part of this task (a control the answer schema does not know)', value: item });
    } else {
      check(schemaAt(schema.additionalProperties, `${where}/additionalProperties`), item, pointer(path, key), `${where}/additionalProperties`, issues);
    }
  }
  if (isObject(schema.dependentSchemas)) {
    for (const [key, sub] of Object.entries(schema.dependentSchemas)) {
      if (Object.hasOwn(value, key)) check(schemaAt(sub, `${where}/dependentSchemas/${key}`), value, path, `${where}/dependentSchemas/${key}`, issues);
    }
  }
}

/**
 * Checks `answer` against an answer schema in the subset `extractAnswerSchema` emits (`type`,
 * `enum`, `const`, `properties`, `patternProperties`, `additionalProperties`, `required`,
 * `dependentSchemas`, `items`, `minItems`, `maxItems`, `uniqueItems`, `minimum`, `maximum`,
 * `minLength`, `maxLength`, `anyOf`; annotations are ignored) and returns the result in the
 * compiled validators' shape. Throws an {@link UnsupportedSchemaError} naming the keyword when
 * the schema uses anything else, rather than passing answers it did not fully check.
 */
export function checkAnswerSchema(schema: unknown, answer: unknown): AnswerValidationResult {
  const issues: AnswerIssue[] = [];
  check(schemaAt(schema, ''), answer, '', '', issues);
  return issues.length === 0 ? { valid: true, value: answer } : { valid: false, issues };
}
