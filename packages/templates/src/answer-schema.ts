import { analyzeTemplate, attributeOf, isInside, staticTextOf } from './analyze.js';
import type { AnalyzeOptions, TemplateAnalysis, TemplateAttribute, TemplateElement } from './analyze.js';
import { ELEMENT_REGISTRY, NATIVE_CONTROLS, NATIVE_INPUTS_WITHOUT_ANSWER } from './elements.js';
import type { AnswerContext, AttributeValue, JsonSchema } from './elements.js';
import { parseJsLiteral, parseStringList } from './literal.js';

/** A key of the answer object: exact, or a pattern when template data builds it. */
export type AnswerKey = { kind: 'static'; name: string } | { kind: 'pattern'; pattern: string; written: string };

/**
 * The annotation keyword of an extracted answer schema that maps each answer key to the element
 * that submits it (`crowd-classifier`, `input:radio`, …); @quorum/consolidate plans from it.
 */
export const ELEMENTS_KEYWORD = 'x-quorum-elements';

/** One control found in a template, as it contributes to the answer. */
export interface AnswerControl {
  /** Its tag (`crowd-classifier`, `input`, …). */
  tag: string;
  /**
   * The element as consolidation names it: the tag, or `input:<type>` for a native input (radio
   * buttons and checkboxes submit the same shape; only the element tells one choice from many).
   */
  element: string;
  /**
   * Its `name`, or the element's default key when it has none (A2I's review elements); undefined
   * when it has neither (it then submits nothing).
   */
  key: AnswerKey | undefined;
  /** Set when {@link key} is the element's default key, not a `name` in the template. */
  defaultName?: true;
  /**
   * Set for an unnamed element linked to a form by id (`crowd-form-element-id`, GT's V2 elements):
   * the keys of its answer object are the answer's own top-level keys, as AWS's notebooks read them.
   */
  spread?: true;
  /** For checkboxes, radio and toggle buttons: the key of their boolean inside the named object. */
  booleanKey: AnswerKey | undefined;
  /** The schema of its value (for boolean-map controls, `{type: 'boolean'}`). */
  schema: JsonSchema;
  kind: 'value' | 'boolean-map';
  /** Whether every submission has it: always present, not conditional, not in a loop, not disabled. */
  required: boolean;
  /** Inside a loop: it is rendered once per item. */
  inLoop: boolean;
  /** Inside `if`/`unless`/`case`: it may not be rendered at all. */
  conditional: boolean;
  line: number;
  column: number;
}

/** Something a reader of the schema should know: a dynamic name, a duplicate, an inferred shape. */
export interface AnswerNote {
  line: number;
  column: number;
  message: string;
}

/** What {@link extractAnswerSchema} returns. */
export interface ExtractedAnswerSchema {
  /** JSON Schema 2020-12 of the answer object the template submits. */
  schema: JsonSchema;
  /** Every control that contributes to the answer, in document order. */
  controls: AnswerControl[];
  notes: AnswerNote[];
}

const LOOP_INDEX = /^(?:forloop\.(?:index0?|rindex0?|length)|tablerowloop\.(?:index0?|col0?|row)|@index)$/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function outputExpression(body: string): string {
  return body.split('|')[0]!.trim();
}

/** The answer key an attribute value makes: exact when literal, else a regular expression. */
export function keyOf(attribute: TemplateAttribute, source: string): AnswerKey {
  if (attribute.value !== undefined) return { kind: 'static', name: attribute.value };
  let pattern = '';
  let anything = false;
  let written = '';
  for (const part of attribute.parts) {
    if (part.kind === 'text') {
      pattern += escapeRegExp(part.text);
      written += part.text;
      continue;
    }
    written += source.slice(part.construct.start, part.construct.end);
    if (part.construct.kind === 'comment') continue;
    if (part.construct.kind === 'tag') anything = true;
    else pattern += LOOP_INDEX.test(outputExpression(part.construct.body)) ? '[0-9]+' : '.*';
  }
  // A tag inside a name (`{% if %}a{% else %}b{% endif %}`) can print any part of the value.
  return { kind: 'pattern', pattern: anything ? '^.*$' : `^${pattern}$`, written };
}

function attributeValue(element: TemplateElement, name: string, source: string): AttributeValue {
  const attribute = attributeOf(element, name);
  if (!attribute) return undefined;
  if (attribute.value !== undefined) return { kind: 'static', value: attribute.value };
  return { kind: 'dynamic', raw: attribute.parts.map((part) => (part.kind === 'text' ? part.text : source.slice(part.construct.start, part.construct.end))).join('') };
}

/**
 * Whether a script of the template sets the attribute's property (`annotator.labels = …`) or the
 * attribute itself: Ground Truth's custom-label samples replace `labels` at run time, so the
 * static value does not bound the answer.
 */
function setByScript(source: string, name: string): boolean {
  const property = name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
  return new RegExp(String.raw`\.${property}\s*=(?!=)|setAttribute\(\s*['"]${name}['"]`).test(source);
}

function contextFor(element: TemplateElement, source: string): AnswerContext {
  return {
    attribute: (name) => attributeValue(element, name, source),
    list(name) {
      const value = attributeValue(element, name, source);
      if (value?.kind !== 'static' || setByScript(source, name)) return value && 'dynamic';
      try {
        return parseStringList(value.value);
      } catch {
        // Lint reports the malformed list; the schema then accepts any string.
        return 'dynamic';
      }
    },
    literal(name) {
      const value = attributeValue(element, name, source);
      if (value?.kind !== 'static' || setByScript(source, name)) return value && 'dynamic';
      try {
        return parseJsLiteral(value.value);
      } catch {
        return 'dynamic';
      }
    },
    number(name) {
      const value = attributeValue(element, name, source);
      if (value?.kind !== 'static' || value.value.trim() === '') return undefined;
      const number = Number(value.value);
      return Number.isFinite(number) ? number : undefined;
    },
  };
}

function hasStatic(element: TemplateElement, name: string): boolean {
  const attribute = attributeOf(element, name);
  return attribute !== undefined && attribute.value !== undefined && attribute.value !== 'false';
}

/** The schema of a native `<select>`: its options' values as an enum when all are written out. */
function selectSchema(analysis: TemplateAnalysis, select: TemplateElement): JsonSchema {
  const values: string[] = [];
  let known = true;
  for (const option of analysis.elements) {
    if (option.tag !== 'option' || option.start < select.start || option.start >= select.end) continue;
    const valueAttribute = attributeOf(option, 'value');
    const value = valueAttribute ? valueAttribute.value : staticTextOf(analysis, option);
    if (value === undefined) known = false;
    else if (value !== '' && !values.includes(value)) values.push(value);
  }
  const item: JsonSchema = known && values.length > 0 ? { enum: values } : { type: 'string' };
  return hasStatic(select, 'multiple') ? { type: 'array', items: item } : item;
}

interface ControlShape {
  kind: 'value' | 'boolean-map';
  schema: JsonSchema;
  alwaysPresent: boolean;
  note?: string;
}

function shapeOf(analysis: TemplateAnalysis, element: TemplateElement): ControlShape | undefined {
  const descriptor = ELEMENT_REGISTRY.get(element.tag);
  if (descriptor?.answer) {
    const { answer } = descriptor;
    if (answer.kind === 'boolean-map') return { kind: 'boolean-map', schema: { type: 'boolean' }, alwaysPresent: true };
    return { kind: 'value', schema: answer.schema!(contextFor(element, analysis.source)), alwaysPresent: answer.alwaysPresent, note: answer.note };
  }
  if (!NATIVE_CONTROLS.has(element.tag) || !isInside(element, 'crowd-form')) return undefined;
  if (element.tag === 'select') return { kind: 'value', schema: selectSchema(analysis, element), alwaysPresent: false };
  if (element.tag === 'textarea') return { kind: 'value', schema: { type: 'string' }, alwaysPresent: false };
  const type = (attributeOf(element, 'type')?.value ?? 'text').toLowerCase();
  if (NATIVE_INPUTS_WITHOUT_ANSWER.has(type)) return undefined;
  if (type === 'checkbox' || type === 'radio') return { kind: 'boolean-map', schema: { type: 'boolean' }, alwaysPresent: true };
  // A range input always has a value; a hidden one has the value the template wrote.
  const alwaysPresent = type === 'range' || (type === 'hidden' && (attributeOf(element, 'value')?.value ?? '') !== '');
  return { kind: 'value', schema: { type: 'string' }, alwaysPresent };
}

/** The controls of an analysed template, in document order. */
export function answerControls(analysis: TemplateAnalysis): Array<AnswerControl & { note?: string }> {
  const controls: Array<AnswerControl & { note?: string }> = [];
  for (const element of analysis.elements) {
    if (isInside(element, 'template')) continue;
    const shape = shapeOf(analysis, element);
    if (!shape) continue;
    const nameAttribute = attributeOf(element, 'name');
    // As the elements do, the default applies only without a `name` attribute; `name=""` submits nothing.
    const defaultName = nameAttribute === undefined ? ELEMENT_REGISTRY.get(element.tag)?.defaultName : undefined;
    let key: AnswerKey | undefined;
    if (defaultName !== undefined) key = { kind: 'static', name: defaultName };
    else if (nameAttribute !== undefined && nameAttribute.value !== '') key = keyOf(nameAttribute, analysis.source);
    const formReference = ELEMENT_REGISTRY.get(element.tag)?.formReference;
    const spread = key === undefined && nameAttribute === undefined && formReference !== undefined && attributeOf(element, formReference) !== undefined;
    let booleanKey: AnswerKey | undefined;
    if (shape.kind === 'boolean-map') {
      const valueAttribute = attributeOf(element, 'value');
      booleanKey = valueAttribute === undefined || valueAttribute.value === '' ? { kind: 'static', name: 'on' } : keyOf(valueAttribute, analysis.source);
    }
    const inLoop = element.blocks.some((block) => block.kind === 'loop');
    const conditional = element.blocks.some((block) => block.kind === 'conditional');
    const present = shape.alwaysPresent || hasStatic(element, 'required');
    controls.push({
      tag: element.tag,
      element: element.tag === 'input' ? `input:${(attributeOf(element, 'type')?.value ?? 'text').toLowerCase()}` : element.tag,
      key,
      ...(defaultName === undefined ? {} : { defaultName: true as const }),
      ...(spread ? { spread: true as const } : {}),
      booleanKey,
      schema: shape.schema,
      kind: shape.kind,
      required: present && !inLoop && !conditional && !hasStatic(element, 'disabled'),
      inLoop,
      conditional,
      line: element.line,
      column: element.column,
      ...(shape.note ? { note: shape.note } : {}),
    });
  }
  return controls;
}

function keyText(key: AnswerKey): string {
  return key.kind === 'static' ? key.name : key.pattern;
}

function union(schemas: JsonSchema[]): JsonSchema {
  const distinct = new Map(schemas.map((schema) => [JSON.stringify(schema), schema]));
  return distinct.size === 1 ? [...distinct.values()][0]! : { anyOf: [...distinct.values()] };
}

/** The object of booleans that checkboxes, radio and toggle buttons sharing one name submit. */
function booleanMapSchema(controls: readonly AnswerControl[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const patternProperties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const control of controls) {
    const key = control.booleanKey!;
    if (key.kind === 'pattern') {
      patternProperties[key.pattern] = { type: 'boolean' };
      continue;
    }
    properties[key.name] = { type: 'boolean' };
    // Unchecked boxes are submitted as false, so every rendered box is there.
    if (!control.inLoop && !control.conditional && !required.includes(key.name)) required.push(key.name);
  }
  const schema: JsonSchema = { type: 'object', properties, required, additionalProperties: false };
  if (Object.keys(patternProperties).length > 0) schema.patternProperties = patternProperties;
  return schema;
}

function describeWhere(control: AnswerControl): string {
  return `<${control.tag}> at line ${control.line}, column ${control.column}`;
}

/**
 * Reads the controls of a task template (crowd elements, and native named `<input>`, `<select>`
 * and `<textarea>` inside `<crowd-form>`) and returns the JSON Schema (2020-12) of the answer
 * object it submits, without rendering it.
 *
 * - Each control's value has the shape Ground Truth documents for its element; `categories` and
 *   `labels` written as JS literals (`['a', 'b']`) become enums.
 * - A key is required when the element always submits a value (a classifier, a checkbox) or has
 *   `required`, and it is neither inside a loop or conditional nor disabled.
 * - Names built by template syntax (`name="q-{{ forloop.index }}"`) become `patternProperties`
 *   and are listed in `notes`, as are duplicate names and shapes GT does not document.
 * - An element with a default key (A2I's review elements: `AWS/Textract/AnalyzeDocument/Forms/V1`,
 *   `AWS/Rekognition/DetectModerationLabels/Image/V3`) and no `name` attribute is under that key.
 *
 * A syntax error in the template is thrown as a `TemplateError` (lint reports it instead).
 */
export function extractAnswerSchema(source: string, options: AnalyzeOptions = {}): ExtractedAnswerSchema {
  const analysis = analyzeTemplate(source, options);
  if (analysis.syntaxError) throw analysis.syntaxError;
  return answerSchemaOf(analysis);
}

/** {@link extractAnswerSchema} for an already analysed template. */
export function answerSchemaOf(analysis: TemplateAnalysis): ExtractedAnswerSchema {
  const controls = answerControls(analysis);
  const notes: AnswerNote[] = [];
  const groups = new Map<string, { key: AnswerKey; controls: Array<AnswerControl & { note?: string }> }>();
  const spreads: AnswerControl[] = [];
  for (const control of controls) {
    if (control.note) notes.push({ line: control.line, column: control.column, message: `${control.tag}: ${control.note}` });
    if (!control.key && control.spread) {
      spreads.push(control);
      continue;
    }
    if (!control.key) {
      notes.push({ line: control.line, column: control.column, message: `${describeWhere(control)} has no name, so it submits nothing` });
      continue;
    }
    const id = `${control.key.kind}:${keyText(control.key)}`;
    const group = groups.get(id) ?? { key: control.key, controls: [] };
    group.controls.push(control);
    groups.set(id, group);
  }

  const properties: Record<string, JsonSchema> = {};
  const patternProperties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const elements: Record<string, string> = {};
  for (const { key, controls: members } of groups.values()) {
    const booleans = members.filter((member) => member.kind === 'boolean-map');
    const values = members.filter((member) => member.kind === 'value');
    const schemas = [...values.map((member) => member.schema), ...(booleans.length > 0 ? [booleanMapSchema(booleans)] : [])];
    const schema = union(schemas);
    const first = members[0]!;
    if (values.length > 1 || (values.length > 0 && booleans.length > 0)) {
      notes.push({
        line: first.line,
        column: first.column,
        message: `${members.length} controls are named "${keyText(key)}" (${members.map(describeWhere).join(', ')}); the answer keeps only the last one's value`,
      });
    }
    const looped = members.find((member) => member.inLoop && member.kind === 'value');
    if (looped && key.kind === 'static') {
      notes.push({
        line: looped.line,
        column: looped.column,
        message: `${describeWhere(looped)} is inside a loop but its name "${key.name}" does not change per item; the answer keeps only the last item's value`,
      });
    }
    if (key.kind === 'pattern') {
      patternProperties[key.pattern] = patternProperties[key.pattern] ? union([patternProperties[key.pattern]!, schema]) : schema;
      notes.push({
        line: first.line,
        column: first.column,
        message: `${describeWhere(first)} has a name built by the template (${JSON.stringify(key.written)}); its answer keys match ${key.pattern}`,
      });
      continue;
    }
    properties[key.name] = schema;
    elements[key.name] = members[members.length - 1]!.element;
    if (members.some((member) => member.required)) required.push(key.name);
  }
  for (const control of spreads) {
    const own = (control.schema.properties ?? {}) as Record<string, JsonSchema>;
    const ownRequired = Array.isArray(control.schema.required) ? (control.schema.required as string[]) : [];
    for (const [name, schema] of Object.entries(own)) {
      properties[name] = schema;
      elements[name] = control.element;
      if (control.required && ownRequired.includes(name) && !required.includes(name)) required.push(name);
    }
  }
  // A name built by the template matches any key, the template's fixed names too; JSON Schema
  // would check those against the pattern's schema as well, so the pattern leaves them out.
  for (const pattern of Object.keys(patternProperties)) {
    const matcher = new RegExp(pattern, 'u');
    const fixedNames = Object.keys(properties).filter((name) => matcher.test(name));
    if (fixedNames.length === 0) continue;
    const narrowed = `^(?!(?:${fixedNames.map(escapeRegExp).join('|')})$)${pattern.slice(1)}`;
    patternProperties[narrowed] = patternProperties[pattern]!;
    delete patternProperties[pattern];
  }
  const schema: JsonSchema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties,
    required,
    additionalProperties: false,
  };
  if (Object.keys(patternProperties).length > 0) schema.patternProperties = patternProperties;
  // Which element answers each key, for consolidation (an annotation: validators ignore it).
  if (Object.keys(elements).length > 0) schema[ELEMENTS_KEYWORD] = elements;
  return { schema, controls: controls.map(({ note: _note, ...control }) => control), notes };
}
