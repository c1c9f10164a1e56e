import type { JsonValue } from '@quorum/schema';
import { CATEGORICAL_METHODS, type CategoricalMethod } from '../classification/methods.js';
import type { RatingStatistic } from '../ratings/ratings.js';

/**
 * How the answers of one key of the answer object are consolidated:
 *
 * | kind | elements | method |
 * |---|---|---|
 * | `categorical` | crowd-classifier, crowd-image-classifier, crowd-radio-button, `<select>`, radio inputs | a categorical method (default GT-parity Dawid-Skene) |
 * | `multilabel` | crowd-classifier-multi-select, crowd-image-classifier-multi-select, crowd-checkbox, checkbox inputs | binary relevance |
 * | `rating` | crowd-rating, crowd-slider, number/range inputs | mean, median, trimmed mean or standardised |
 * | `pairwise` | crowd-pairwise | vote per object, Bradley-Terry scores |
 * | `ranking` | crowd-ranking, crowd-text-ranking | Borda or Plackett-Luce, per dimension |
 * | `spans` | crowd-entity-annotation | character-level voting |
 * | `boxes` | crowd-bounding-box | IoU matching |
 * | `keypoints` | crowd-keypoint | distance matching |
 * | `polygons` | crowd-polygon | mask-IoU grouping, medoid polygon |
 * | `lines`, `polylines` | crowd-line, crowd-polyline | path-distance grouping, medoid path |
 * | `free-text` | crowd-input, crowd-text-area, text inputs | medoid by normalised edit distance (every answer kept in the metadata) |
 * | `semantic-segmentation` | crowd-semantic-segmentation | pixel-wise vote; the label image is a PNG stored by a writer (async only) |
 * | `instance-segmentation` | crowd-instance-segmentation | instances matched across workers by mask IoU, pixel-wise vote per instance; the label image is a PNG stored by a writer (async only) |
 * | `pass-through` | anything else | every answer kept |
 */
export type AnswerKind =
  | 'categorical'
  | 'multilabel'
  | 'rating'
  | 'pairwise'
  | 'ranking'
  | 'spans'
  | 'boxes'
  | 'keypoints'
  | 'polygons'
  | 'lines'
  | 'polylines'
  | 'free-text'
  | 'semantic-segmentation'
  | 'instance-segmentation'
  | 'pass-through';

export const ANSWER_KINDS: readonly AnswerKind[] = ['categorical', 'multilabel', 'rating', 'pairwise', 'ranking', 'spans', 'boxes', 'keypoints', 'polygons', 'lines', 'polylines', 'free-text', 'semantic-segmentation', 'instance-segmentation', 'pass-through'];

/**
 * The shape of the answer value, which decides how a consolidated value is written back:
 * `object` (`{label}`, `{labels}`, `{rating}`), `string`/`number` (a plain value), or `boolean-map`
 * (`{"<value>": true|false}` of checkboxes and radio buttons sharing a name).
 */
export type AnswerShape = 'object' | 'string' | 'number' | 'boolean-map';

/** How one answer key is consolidated; give it explicitly or let {@link planFromAnswerSchema} infer it. */
export interface AttributeConfig {
  kind: AnswerKind;
  /** Shape of a worker's value; default from the kind (`object`, `string` for free text). */
  shape?: AnswerShape;
  /** The element that produced it, when known (`crowd-rating`); reported in the metadata. */
  element?: string;
  /** The allowed labels (categories, multi-select labels, entity or box labels), in order; from the schema's enum. */
  labels?: string[];
  /** categorical and multilabel: a categorical method; default `gt-ds` for categorical, `mv` for multilabel. */
  method?: CategoricalMethod;
  /** rating: the statistic; default `mean`. */
  statistic?: RatingStatistic;
  /** ranking: `borda` (default) or `plackett-luce`. */
  rankingMethod?: 'borda' | 'plackett-luce';
  /**
   * pairwise: paths in the data object of the ids of the two compared items (e.g. `{a: "modelA", b:
   * "modelB"}`), so Bradley-Terry scores the items across the whole batch. Default: each object's
   * responses are their own items (`<datasetObjectId>/A` and `/B`).
   */
  items?: { a: string; b: string };
  /** spans and the drawing tools: share of workers that must agree; default the algorithm's own. */
  minAgreement?: number;
  /** instance-segmentation: mask IoU at which two workers' instances of a label are one object; default 0.5. */
  iouThreshold?: number;
  /** Whether every submission must have it (the schema's `required`); a missing required answer is an error. */
  required?: boolean;
}

/** The consolidation plan of an answer object: one config per key, and per key pattern of looped names. */
export interface AnswerPlan {
  attributes: Record<string, AttributeConfig>;
  /** Keys built by the template (`rating-{{ forloop.index }}`): regular expression source → config. */
  patterns: Array<{ pattern: string; config: AttributeConfig }>;
  /** What a reader should know about the inference, e.g. a boolean map read as checkboxes. */
  notes: string[];
}

type Schema = Record<string, JsonValue>;

/** Elements whose answer kind is fixed by the tag (when the schema or the template says which element it was). */
const KIND_OF_ELEMENT: Record<string, AnswerKind> = {
  'crowd-classifier': 'categorical',
  'crowd-image-classifier': 'categorical',
  'crowd-radio-button': 'categorical',
  'crowd-radio-group': 'categorical',
  'input:radio': 'categorical',
  select: 'categorical',
  'crowd-classifier-multi-select': 'multilabel',
  'crowd-image-classifier-multi-select': 'multilabel',
  'crowd-checkbox': 'multilabel',
  'crowd-toggle-button': 'multilabel',
  'input:checkbox': 'multilabel',
  'crowd-rating': 'rating',
  'crowd-slider': 'rating',
  'input:range': 'rating',
  'input:number': 'rating',
  'crowd-pairwise': 'pairwise',
  'crowd-ranking': 'ranking',
  'crowd-text-ranking': 'ranking',
  'crowd-entity-annotation': 'spans',
  'crowd-bounding-box': 'boxes',
  'crowd-keypoint': 'keypoints',
  'crowd-polygon': 'polygons',
  'crowd-line': 'lines',
  'crowd-polyline': 'polylines',
  'crowd-semantic-segmentation': 'semantic-segmentation',
  'crowd-instance-segmentation': 'instance-segmentation',
  'crowd-input': 'free-text',
  'crowd-text-area': 'free-text',
  textarea: 'free-text',
  'input:text': 'free-text',
};

const isSchema = (value: unknown): value is Schema => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Infers how each key of a template's answer object is consolidated from its answer schema (what
 * `quorum schema` / `extractAnswerSchema` in @quorum/templates writes). The element that produced a
 * key is read, in order, from `elements[key]` (e.g. built from `extractAnswerSchema(...).controls`),
 * the schema's top-level `x-quorum-elements` map, or the property's `x-quorum-element`; without it
 * the kind is inferred from the value's shape:
 *
 * - `{label}` → categorical; `{labels: [...]}` → multilabel; `{rating}` or a number → rating;
 *   `{choice}` → pairwise; `{responseRankings}` or `{ordinalRankingDimensions}` → ranking;
 *   `{entities}` → spans; `{boundingBoxes}` → boxes; `{keypoints}` → keypoints; `{polygons}`,
 *   `{lines}`, `{polylines}` → polygons, lines, polylines; `{labeledImage, labelMappings}` → semantic
 *   segmentation; `{labeledImage, instances}` → instance segmentation;
 * - a string with an `enum` (a `<select>`) → categorical; any other string → free text;
 * - an object of booleans (checkboxes, radio or toggle buttons sharing a name) → multilabel, since
 *   the schema does not tell radio buttons from checkboxes (a note says so; pass the element to get
 *   categorical for radio buttons);
 * - anything else (rubric, chat transcript, …) → pass-through.
 *
 * Throws a `TypeError` when `schema` is not an object schema.
 */
export function planFromAnswerSchema(schema: unknown, elements: Record<string, string> = {}): AnswerPlan {
  if (!isSchema(schema) || (schema.type !== undefined && schema.type !== 'object')) {
    throw new TypeError('the answer schema must be a JSON Schema object of an answer object ({"type": "object", "properties": {...}})');
  }
  const declared = isSchema(schema['x-quorum-elements']) ? (schema['x-quorum-elements'] as Record<string, JsonValue>) : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((key): key is string => typeof key === 'string') : []);
  const notes: string[] = [];
  const attributes: Record<string, AttributeConfig> = {};
  const properties = isSchema(schema.properties) ? schema.properties : {};
  for (const [key, property] of Object.entries(properties)) {
    const element = elements[key] ?? (typeof declared[key] === 'string' ? (declared[key] as string) : undefined) ?? elementOf(property);
    Object.defineProperty(attributes, key, { value: { ...configOf(key, property, element, notes), ...(required.has(key) && { required: true }) }, enumerable: true, writable: true, configurable: true });
  }
  const patterns: AnswerPlan['patterns'] = [];
  if (isSchema(schema.patternProperties)) {
    for (const [pattern, property] of Object.entries(schema.patternProperties)) {
      patterns.push({ pattern, config: configOf(`/${pattern}/`, property, elementOf(property), notes) });
    }
  }
  return { attributes, patterns, notes };
}

function elementOf(property: JsonValue): string | undefined {
  return isSchema(property) && typeof property['x-quorum-element'] === 'string' ? property['x-quorum-element'] : undefined;
}

function enumOf(schema: JsonValue | undefined): string[] | undefined {
  if (!isSchema(schema) || !Array.isArray(schema.enum)) return undefined;
  return schema.enum.every((value) => typeof value === 'string') ? (schema.enum as string[]) : undefined;
}

/** The `label` enum of the items of an array property (`boundingBoxes`, `entities`, `keypoints`). */
function itemLabels(property: Schema, field: string): string[] | undefined {
  const list = isSchema(property.properties) ? property.properties[field] : undefined;
  const items = isSchema(list) ? list.items : undefined;
  return isSchema(items) && isSchema(items.properties) ? enumOf(items.properties.label) : undefined;
}

function isBooleanMap(property: Schema): boolean {
  if (property.type !== 'object') return false;
  const values = [...Object.values(isSchema(property.properties) ? property.properties : {}), ...Object.values(isSchema(property.patternProperties) ? property.patternProperties : {})];
  return values.length > 0 && values.every((value) => isSchema(value) && value.type === 'boolean');
}

function booleanKeys(property: Schema): string[] | undefined {
  if (isSchema(property.patternProperties)) return undefined;
  return Object.keys(isSchema(property.properties) ? property.properties : {});
}

function configOf(key: string, property: JsonValue, element: string | undefined, notes: string[]): AttributeConfig {
  const schema = isSchema(property) ? property : {};
  const shape = shapeOf(schema);
  const props = isSchema(schema.properties) ? schema.properties : {};
  const withElement = (config: AttributeConfig): AttributeConfig => (element ? { ...config, element } : config);
  const labelsFor = (labels: string[] | undefined) => (labels ? { labels } : {});
  const fixed = element ? KIND_OF_ELEMENT[element] : undefined;
  if (shape === 'boolean-map') {
    const kind = fixed === 'categorical' ? 'categorical' : 'multilabel';
    if (!fixed) notes.push(`"${key}" is an object of booleans (checkboxes, radio or toggle buttons): consolidated as multi-label, as for checkboxes; give the element (crowd-radio-button) to consolidate it as one choice`);
    return withElement({ kind, shape, ...labelsFor(booleanKeys(schema)) });
  }
  if (shape === 'string') {
    const labels = enumOf(schema);
    if (fixed === 'free-text' || (!labels && fixed !== 'categorical')) return withElement({ kind: 'free-text', shape });
    return withElement({ kind: 'categorical', shape, ...labelsFor(labels) });
  }
  if (shape === 'number') return withElement({ kind: 'rating', shape });
  if ('label' in props && (fixed === undefined || fixed === 'categorical')) return withElement({ kind: 'categorical', shape: 'object', ...labelsFor(enumOf(props.label)) });
  if ('labels' in props && (fixed === undefined || fixed === 'multilabel')) {
    const labels = isSchema(props.labels) ? enumOf(props.labels.items as JsonValue) : undefined;
    return withElement({ kind: 'multilabel', shape: 'object', ...labelsFor(labels) });
  }
  if ('rating' in props) return withElement({ kind: 'rating', shape: 'object' });
  if ('choice' in props) return withElement({ kind: 'pairwise', shape: 'object' });
  if ('responseRankings' in props || 'ordinalRankingDimensions' in props) return withElement({ kind: 'ranking', shape: 'object' });
  if ('entities' in props) return withElement({ kind: 'spans', shape: 'object', ...labelsFor(itemLabels(schema, 'entities')) });
  if ('boundingBoxes' in props) return withElement({ kind: 'boxes', shape: 'object', ...labelsFor(itemLabels(schema, 'boundingBoxes')) });
  if ('keypoints' in props) return withElement({ kind: 'keypoints', shape: 'object', ...labelsFor(itemLabels(schema, 'keypoints')) });
  for (const kind of ['polygons', 'lines', 'polylines'] as const) {
    if (kind in props) return withElement({ kind, shape: 'object', ...labelsFor(itemLabels(schema, kind)) });
  }
  if ('labeledImage' in props && 'labelMappings' in props) return withElement({ kind: 'semantic-segmentation', shape: 'object' });
  if ('labeledImage' in props && 'instances' in props) return withElement({ kind: 'instance-segmentation', shape: 'object' });
  if (fixed && fixed !== 'categorical' && fixed !== 'multilabel') return withElement({ kind: fixed, shape: 'object' });
  return withElement({ kind: 'pass-through', shape: 'object' });
}

function shapeOf(schema: Schema): AnswerShape {
  if (schema.type === 'number' || schema.type === 'integer') return 'number';
  if (schema.type === 'string' || (enumOf(schema) && schema.type === undefined)) return 'string';
  if (isBooleanMap(schema)) return 'boolean-map';
  return 'object';
}

/**
 * Checks an explicit plan (`attributes` option) and fills defaults; throws a `TypeError` naming the
 * bad entry, e.g. `attributes.relevance.kind must be one of …`.
 */
export function checkAttributeConfigs(attributes: Record<string, AttributeConfig>): Record<string, AttributeConfig> {
  if (!isSchema(attributes as unknown)) throw new TypeError('attributes must be an object {"<answer name>": {kind, …}}');
  const checked: Record<string, AttributeConfig> = {};
  for (const [key, config] of Object.entries(attributes)) {
    const at = `attributes.${key}`;
    if (!isSchema(config as unknown)) throw new TypeError(`${at} must be an object {kind, …}`);
    if (!ANSWER_KINDS.includes(config.kind)) throw new TypeError(`${at}.kind must be one of ${ANSWER_KINDS.join(', ')}, found ${JSON.stringify(config.kind)}`);
    if (config.method !== undefined && !CATEGORICAL_METHODS.includes(config.method)) {
      throw new TypeError(`${at}.method must be one of ${CATEGORICAL_METHODS.join(', ')}, found ${JSON.stringify(config.method)}`);
    }
    if (config.statistic !== undefined && !['mean', 'median', 'trimmed-mean', 'standardised'].includes(config.statistic)) {
      throw new TypeError(`${at}.statistic must be mean, median, trimmed-mean or standardised, found ${JSON.stringify(config.statistic)}`);
    }
    if (config.rankingMethod !== undefined && config.rankingMethod !== 'borda' && config.rankingMethod !== 'plackett-luce') {
      throw new TypeError(`${at}.rankingMethod must be borda or plackett-luce, found ${JSON.stringify(config.rankingMethod)}`);
    }
    if (config.labels !== undefined && (!Array.isArray(config.labels) || !config.labels.every((label) => typeof label === 'string'))) {
      throw new TypeError(`${at}.labels must be an array of strings`);
    }
    if (config.items !== undefined && (!isSchema(config.items as unknown) || typeof config.items.a !== 'string' || typeof config.items.b !== 'string')) {
      throw new TypeError(`${at}.items must be {a: "<path>", b: "<path>"}`);
    }
    if (config.iouThreshold !== undefined && !(typeof config.iouThreshold === 'number' && config.iouThreshold > 0 && config.iouThreshold <= 1)) {
      throw new TypeError(`${at}.iouThreshold must be a number in (0, 1], found ${JSON.stringify(config.iouThreshold)}`);
    }
    if (config.shape !== undefined && !['object', 'string', 'number', 'boolean-map'].includes(config.shape)) {
      throw new TypeError(`${at}.shape must be object, string, number or boolean-map, found ${JSON.stringify(config.shape)}`);
    }
    checked[key] = { ...config, shape: config.shape ?? (config.kind === 'free-text' ? 'string' : 'object') };
  }
  return checked;
}
