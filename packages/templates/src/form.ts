import type { JsonSchema } from './elements.js';

/** Options of {@link formFromSchema}. */
export interface FormOptions {
  /** Heading of the form (default: the schema's `title`). */
  title?: string;
}

type Scalar = string | number | boolean | null;

interface FieldBase {
  /** The control's `name`: the property path joined with dots. */
  name: string;
  path: string[];
  label: string;
  description: string | undefined;
  required: boolean;
}

/** One control of the generated form, or a card of nested fields. */
type FormField =
  | (FieldBase & { kind: 'classifier' | 'radio' | 'multi-select'; values: Scalar[]; categories: string[] })
  | (FieldBase & { kind: 'slider'; min: number; max: number; step: number; integer: boolean })
  | (FieldBase & { kind: 'number'; integer: boolean })
  | (FieldBase & { kind: 'toggle' })
  | (FieldBase & { kind: 'input'; type: 'text' | 'email' | 'url' | 'date'; minLength: number | undefined; maxLength: number | undefined })
  | (FieldBase & { kind: 'text-area'; maxLength: number | undefined })
  | (FieldBase & { kind: 'card'; fields: FormField[] });

/** Enums with at most this many values become a radio group when optional. */
const SHORT_ENUM = 4;
/** Integer ranges with at most this many values become a rating (a classifier of the numbers). */
const RATING_VALUES = 10;
/** Strings allowed longer than this get a text area. */
const SHORT_TEXT = 120;

/** Keywords that only annotate; anything else the form cannot enforce is refused. */
const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly']);

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pointer(path: readonly string[]): string {
  return path.length === 0 ? '(root)' : `/${path.map((part) => `properties/${part.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('/')}`;
}

function fail(path: readonly string[], reason: string): never {
  throw new TypeError(`formFromSchema: schema at ${pointer(path)}: ${reason}`);
}

function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function checkKeywords(schema: JsonSchema, path: readonly string[], allowed: readonly string[]): void {
  for (const keyword of Object.keys(schema)) {
    if (!ANNOTATIONS.has(keyword) && !allowed.includes(keyword)) {
      fail(path, `the form cannot enforce "${keyword}" here; supported: ${allowed.join(', ')}`);
    }
  }
}

function numberKeyword(schema: JsonSchema, keyword: string, path: readonly string[]): number | undefined {
  const value = schema[keyword];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, `${keyword} must be a number`);
  return value;
}

function enumField(base: FieldBase, values: unknown, path: readonly string[], kind: 'classifier' | 'radio' | 'multi-select'): FormField {
  if (!Array.isArray(values) || values.length === 0) fail(path, 'enum must be a non-empty array');
  const scalars = values.map((value) => {
    if (value !== null && typeof value === 'object') fail(path, 'enum values must be strings, numbers, booleans or null');
    return value as Scalar;
  });
  const categories = scalars.map((value) => String(value));
  if (new Set(categories).size !== categories.length) fail(path, `enum values must differ as text (${JSON.stringify(values)})`);
  return { ...base, kind, values: scalars, categories };
}

/** Every keyword some control can enforce; anything else is refused before looking at the type. */
const SUPPORTED = ['type', 'enum', 'const', 'minimum', 'maximum', 'multipleOf', 'minLength', 'maxLength', 'format', 'items', 'uniqueItems', 'minItems', 'properties', 'required', 'additionalProperties'];

function planField(schema: unknown, key: string, path: string[], required: boolean): FormField {
  if (!isSchema(schema)) fail(path, 'must be a schema object');
  checkKeywords(schema, path, SUPPORTED);
  const base: FieldBase = {
    name: path.join('.'),
    path,
    label: typeof schema.title === 'string' ? schema.title : humanize(key),
    description: typeof schema.description === 'string' ? schema.description : undefined,
    required,
  };
  if (schema.enum !== undefined || schema.const !== undefined) {
    checkKeywords(schema, path, ['enum', 'const', 'type']);
    const values = schema.const !== undefined ? [schema.const] : schema.enum;
    // A classifier cannot submit without a choice; a radio group can, so optional short enums get one.
    const short = Array.isArray(values) && values.length <= SHORT_ENUM;
    return enumField(base, values, path, !required && short ? 'radio' : 'classifier');
  }
  switch (schema.type) {
    case 'boolean':
      checkKeywords(schema, path, ['type']);
      return { ...base, kind: 'toggle' };
    case 'integer':
    case 'number': {
      checkKeywords(schema, path, ['type', 'minimum', 'maximum', 'multipleOf']);
      const integer = schema.type === 'integer';
      const min = numberKeyword(schema, 'minimum', path);
      const max = numberKeyword(schema, 'maximum', path);
      const multipleOf = numberKeyword(schema, 'multipleOf', path);
      if (min !== undefined && max !== undefined) {
        if (min > max) fail(path, `minimum ${min} is above maximum ${max}`);
        if (integer && multipleOf === undefined && required && max - min + 1 <= RATING_VALUES) {
          const values = Array.from({ length: max - min + 1 }, (_, index) => min + index);
          return { ...base, kind: 'classifier', values, categories: values.map(String) };
        }
        // Every slider position is min + k·step, so it is a multiple of multipleOf when min is one.
        const step = multipleOf ?? (integer ? 1 : (max - min) / 100 || 1);
        if (integer && !Number.isInteger(step)) fail(path, `multipleOf ${step} of an integer must be an integer`);
        if (multipleOf !== undefined && Math.abs(min / step - Math.round(min / step)) > 1e-9) fail(path, `minimum ${min} is not a multiple of multipleOf ${step}`);
        return { ...base, kind: 'slider', min, max, step, integer };
      }
      if (min !== undefined || max !== undefined) fail(path, 'give both minimum and maximum (a slider) or neither (a number input cannot enforce one bound)');
      if (multipleOf !== undefined && !(integer && multipleOf === 1)) fail(path, 'multipleOf needs minimum and maximum (the form uses a slider for it)');
      return { ...base, kind: 'number', integer };
    }
    case 'string': {
      checkKeywords(schema, path, ['type', 'minLength', 'maxLength', 'format']);
      const maxLength = numberKeyword(schema, 'maxLength', path);
      const minLength = numberKeyword(schema, 'minLength', path);
      const format = schema.format;
      const type = format === 'email' ? 'email' : format === 'uri' || format === 'url' ? 'url' : format === 'date' ? 'date' : undefined;
      if (format !== undefined && type === undefined) fail(path, `format "${String(format)}" has no matching input; supported: email, uri, date`);
      if (type !== undefined || (maxLength !== undefined && maxLength <= SHORT_TEXT)) {
        return { ...base, kind: 'input', type: type ?? 'text', minLength, maxLength };
      }
      // crowd-text-area has no min-length; an empty one submits nothing, so minLength 1 holds anyway.
      if (minLength !== undefined && minLength > 1) fail(path, `minLength ${minLength} needs maxLength ≤ ${SHORT_TEXT} (a crowd-input; crowd-text-area has no min-length)`);
      return { ...base, kind: 'text-area', maxLength };
    }
    case 'array': {
      checkKeywords(schema, path, ['type', 'items', 'uniqueItems', 'minItems']);
      const items = schema.items;
      if (!isSchema(items) || (items.enum === undefined && items.const === undefined)) fail(path, 'arrays are supported only with items: {enum: [...]} (a multi-select)');
      if (schema.minItems !== undefined && schema.minItems !== 0 && schema.minItems !== 1) fail(path, 'minItems above 1 cannot be enforced by a multi-select');
      checkKeywords(items, [...path, 'items'], ['enum', 'const', 'type']);
      return enumField(base, items.const !== undefined ? [items.const] : items.enum, path, 'multi-select');
    }
    case 'object':
      return { ...base, kind: 'card', fields: planObject(schema, path) };
    default:
      return fail(path, `type ${JSON.stringify(schema.type)} is not supported (use one of string, number, integer, boolean, array of enum, object, or an enum)`);
  }
}

function planObject(schema: JsonSchema, path: string[]): FormField[] {
  checkKeywords(schema, path, ['type', 'properties', 'required', 'additionalProperties']);
  if (schema.type !== 'object') fail(path, 'must be an object schema (type: "object")');
  const properties = schema.properties;
  if (!isSchema(properties) || Object.keys(properties).length === 0) fail(path, 'needs properties');
  const required = Array.isArray(schema.required) ? schema.required : [];
  for (const name of required) if (typeof name !== 'string' || !Object.hasOwn(properties, name)) fail(path, `required names ${JSON.stringify(name)}, which is not a property`);
  return Object.entries(properties).map(([key, child]) => planField(child, key, [...path, key], required.includes(key)));
}

/** The fields of a schema's form, checked: names are unique once joined with dots. */
function planForm(schema: unknown): FormField[] {
  if (!isSchema(schema)) throw new TypeError('formFromSchema: the schema must be a JSON object');
  const fields = planObject(schema, []);
  const names = new Map<string, string[]>();
  const visit = (list: readonly FormField[]): void => {
    for (const field of list) {
      if (field.kind === 'card') {
        visit(field.fields);
        continue;
      }
      const other = names.get(field.name);
      if (other) fail(field.path, `its control name "${field.name}" is also that of ${pointer(other)}`);
      names.set(field.name, field.path);
    }
  };
  visit(fields);
  return fields;
}

/**
 * Escapes text for the generated Liquid template: HTML-escaped, and `{`, `}`, `%` as character
 * references, so a title like `{{ x }}` is shown as written and never read as Liquid.
 */
function text(value: string): string {
  return value.replace(/[&<>"'{}%]/g, (char) => `&#${char.charCodeAt(0)};`);
}

function attribute(name: string, value: string | number | undefined): string {
  return value === undefined ? '' : ` ${name}="${text(String(value))}"`;
}

function help(field: FieldBase, indent: string): string {
  return field.description === undefined ? '' : `\n${indent}<p class="quorum-help">${text(field.description)}</p>`;
}

function renderField(field: FormField, indent: string): string {
  const required = field.required ? ' required' : '';
  const name = attribute('name', field.name);
  switch (field.kind) {
    case 'classifier':
      return `${indent}<crowd-classifier${name}${attribute('categories', JSON.stringify(field.categories))}${attribute('header', field.label)}></crowd-classifier>${help(field, indent)}`;
    case 'multi-select':
      return `${indent}<crowd-classifier-multi-select${name}${attribute('categories', JSON.stringify(field.categories))}${attribute('header', field.label)}></crowd-classifier-multi-select>${help(field, indent)}`;
    case 'radio': {
      const buttons = field.categories.map((category) => `${indent}  <crowd-radio-button${name}${attribute('value', category)}>${text(category)}</crowd-radio-button>`);
      return `${indent}<p class="quorum-label">${text(field.label)}</p>${help(field, indent)}\n${indent}<crowd-radio-group>\n${buttons.join('\n')}\n${indent}</crowd-radio-group>`;
    }
    case 'slider':
      return `${indent}<p class="quorum-label">${text(field.label)}</p>${help(field, indent)}\n${indent}<crowd-slider${name}${attribute('min', field.min)}${attribute('max', field.max)}${attribute('step', field.step)} pin editable${required}></crowd-slider>`;
    case 'number':
      return `${indent}<crowd-input${name} type="number"${attribute('label', field.label)}${required}></crowd-input>${help(field, indent)}`;
    case 'toggle':
      return `${indent}<p class="quorum-label">${text(field.label)} <crowd-toggle-button${name}></crowd-toggle-button></p>${help(field, indent)}`;
    case 'input':
      return `${indent}<crowd-input${name}${attribute('type', field.type === 'text' ? undefined : field.type)}${attribute('label', field.label)}${attribute('min-length', field.minLength)}${attribute('max-length', field.maxLength)}${required}></crowd-input>${help(field, indent)}`;
    case 'text-area':
      return `${indent}<crowd-text-area${name}${attribute('label', field.label)}${attribute('max-length', field.maxLength)} rows="4"${field.maxLength === undefined ? '' : ' char-counter'}${required}></crowd-text-area>${help(field, indent)}`;
    case 'card':
      return [
        `${indent}<crowd-card${attribute('heading', field.label)}>`,
        `${indent}  <div class="quorum-card">${help(field, `${indent}    `)}`,
        ...field.fields.map((child) => renderField(child, `${indent}    `)),
        `${indent}  </div>`,
        `${indent}</crowd-card>`,
      ].join('\n');
  }
}

/**
 * Generates a GT Liquid task template whose controls submit an answer for `schema`, a JSON Schema
 * object of the typed value a person should provide (like a workflow that pauses for human
 * input). {@link answerToValue} turns that answer into the value, which then validates against
 * `schema`.
 *
 * | schema | control |
 * | --- | --- |
 * | `enum` (required, or more than 4 values) | `crowd-classifier` |
 * | `enum` (optional, up to 4 values) | radio group (no choice is allowed) |
 * | required `integer` with min/max and ≤ 10 values | `crowd-classifier` rating |
 * | other bounded `integer`/`number` | `crowd-slider` (`multipleOf` is the step) |
 * | unbounded `integer`/`number` | `crowd-input type="number"` |
 * | `boolean` | `crowd-toggle-button` |
 * | `string` with `format` email/uri/date, or `maxLength` ≤ 120 | `crowd-input` |
 * | other `string` | `crowd-text-area` |
 * | `array` of `items: {enum}` | `crowd-classifier-multi-select` |
 * | `object` | a `crowd-card` of its fields |
 *
 * `title` becomes the label (else the humanized property name) and `description` a help line.
 * Control names are property paths joined with dots (`address.city`). `task.input.context`, when
 * the task has one, is shown above the form. Keywords a control cannot enforce (`pattern`,
 * `maxItems`, `oneOf`, …) are refused with a TypeError naming where they are, rather than
 * generating a form whose answers might not validate.
 */
export function formFromSchema(schema: JsonSchema, options: FormOptions = {}): string {
  const fields = planForm(schema);
  const title = options.title ?? (typeof schema.title === 'string' ? schema.title : undefined);
  const description = typeof schema.description === 'string' ? schema.description : undefined;
  return [
    '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>',
    '<style>',
    '  crowd-form .quorum-help { margin: 0 0 1em; color: #555; font-size: 0.9em; }',
    '  crowd-form .quorum-label { margin: 1em 0 0.25em; font-weight: 600; }',
    '  crowd-form crowd-card { display: block; margin: 1em 0; }',
    '  crowd-form .quorum-card { padding: 0.5em 1em 1em; }',
    '</style>',
    '<crowd-form>',
    ...(title === undefined ? [] : [`  <h1>${text(title)}</h1>`]),
    ...(description === undefined ? [] : [`  <p class="quorum-help">${text(description)}</p>`]),
    '  {% if task.input.context %}<crowd-card heading="Context"><div class="quorum-card">{{ task.input.context }}</div></crowd-card>{% endif %}',
    ...fields.map((field) => renderField(field, '  ')),
    '</crowd-form>',
    '',
  ].join('\n');
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

function answerError(field: FieldBase, value: unknown, expected: string): never {
  throw new TypeError(`answerToValue: the answer for "${field.name}" is ${describe(value)}, expected ${expected}`);
}

function chosenKey(answer: unknown, field: FieldBase): string | undefined {
  if (answer === undefined) return undefined;
  if (!isSchema(answer) || !Object.values(answer).every((value) => typeof value === 'boolean')) answerError(field, answer, 'an object of booleans');
  const chosen = Object.keys(answer).filter((key) => answer[key] === true);
  if (chosen.length > 1) answerError(field, answer, 'at most one choice');
  return chosen[0];
}

function convert(field: Exclude<FormField, { kind: 'card' }>, answer: unknown): unknown {
  switch (field.kind) {
    case 'classifier':
    case 'radio': {
      let label: unknown;
      if (field.kind === 'radio') label = chosenKey(answer, field);
      else if (answer !== undefined) label = isSchema(answer) ? answer.label : answerError(field, answer, '{"label": …}');
      if (label === undefined) return undefined;
      const index = field.categories.indexOf(label as string);
      return index === -1 ? answerError(field, label, `one of ${JSON.stringify(field.categories)}`) : field.values[index];
    }
    case 'multi-select': {
      if (answer === undefined) return undefined;
      const labels = isSchema(answer) ? answer.labels : undefined;
      if (!Array.isArray(labels)) answerError(field, answer, '{"labels": […]}');
      return labels.map((label) => {
        const index = field.categories.indexOf(label as string);
        return index === -1 ? answerError(field, label, `one of ${JSON.stringify(field.categories)}`) : field.values[index];
      });
    }
    case 'slider':
    case 'number': {
      if (answer === undefined || answer === '') return undefined;
      const number = typeof answer === 'number' ? answer : typeof answer === 'string' && answer.trim() !== '' ? Number(answer) : NaN;
      if (!Number.isFinite(number) || (field.integer && !Number.isInteger(number))) answerError(field, answer, field.integer ? 'an integer' : 'a number');
      return number;
    }
    case 'toggle': {
      if (answer === undefined) return undefined;
      if (!isSchema(answer) || typeof answer.on !== 'boolean') answerError(field, answer, '{"on": true|false}');
      return answer.on;
    }
    case 'input':
    case 'text-area':
      if (answer === undefined || answer === '') return undefined;
      return typeof answer === 'string' ? answer : answerError(field, answer, 'a string');
  }
}

function collect(fields: readonly FormField[], answer: Record<string, unknown>): Record<string, unknown> | undefined {
  const value: Record<string, unknown> = {};
  let any = false;
  for (const field of fields) {
    const key = field.path[field.path.length - 1]!;
    const converted = field.kind === 'card' ? collect(field.fields, answer) : convert(field, Object.hasOwn(answer, field.name) ? answer[field.name] : undefined);
    if (converted === undefined) continue;
    Object.defineProperty(value, key, { value: converted, enumerable: true, writable: true, configurable: true });
    any = true;
  }
  return any ? value : undefined;
}

/**
 * Turns the answer object a {@link formFromSchema} form submitted into the typed value of
 * `schema`: labels back into enum values (numbers stay numbers), slider and number inputs into
 * numbers, toggles into booleans, dotted names into nested objects; unanswered optional fields
 * are left out. Throws a TypeError naming the field when the answer does not fit the form.
 */
export function answerToValue<T = Record<string, unknown>>(schema: JsonSchema, answer: Record<string, unknown>): T {
  if (!isSchema(answer)) throw new TypeError(`answerToValue: the answer must be an object, not ${describe(answer)}`);
  return (collect(planForm(schema), answer) ?? {}) as T;
}
