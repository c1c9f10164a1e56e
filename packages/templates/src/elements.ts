/**
 * What Quorum knows about each Ground Truth crowd element: the attributes GT documents for it and
 * the shape of the answer it submits. Schema extraction and lint both read this one registry.
 *
 * Sources: the Crowd HTML Elements reference of the SageMaker developer guide (one page per
 * element, `sms-ui-template-<tag>`), its "Crowd HTML Elements V2" section, and the answer samples
 * in `shared/gt-reference/answer.*.json`.
 */

/** A JSON Schema (2020-12) object, as built and read here. */
export type JsonSchema = { [keyword: string]: unknown };

/** A static attribute value, one built by template syntax (`dynamic`), or none. */
export type AttributeValue = { kind: 'static'; value: string } | { kind: 'dynamic'; raw: string } | undefined;

/** What an answer schema builder can ask about the element. */
export interface AnswerContext {
  attribute(name: string): AttributeValue;
  /** A static JS-literal list of strings (`['a', 'b']`); `dynamic` when built by the template; undefined when absent. */
  list(name: string): string[] | 'dynamic' | undefined;
  /** A static JS-literal value (`[{label: 'x'}]`); `dynamic` or undefined as for {@link list}. */
  literal(name: string): unknown;
  /** A static number, else undefined. */
  number(name: string): number | undefined;
}

/** How an element contributes to the answer object. */
export interface AnswerDescriptor {
  /**
   * `value`: `{[name]: <schema>}`. `boolean-map`: `{[name]: {[value or 'on']: boolean}}`, and
   * elements sharing a name merge into one object (checkbox, radio button, toggle button).
   */
  kind: 'value' | 'boolean-map';
  /**
   * Whether the key is always in a submission (the element always has a value, or GT does not
   * submit without one), as opposed to only when filled or when the `required` attribute is set.
   */
  alwaysPresent: boolean;
  /** The schema of the value under `name` (for `value` elements). */
  schema?: (context: AnswerContext) => JsonSchema;
  /** Set when the shape is not documented by GT, saying where it comes from. */
  note?: string;
}

/** One element Quorum knows, by tag name. */
export interface ElementDescriptor {
  tag: string;
  /**
   * Attributes the element takes: those GT documents for it and those Quorum's element accepts
   * (global HTML attributes are always allowed). packages/elements/custom-elements.json must not
   * declare one missing here (test/registry-manifest.test.ts), or lint warns on valid templates.
   */
  attributes: readonly string[];
  /**
   * `classic`: GT's crowd elements; `genai`: the V2 GenAI elements (crowd-html-elements-v2.js);
   * `region`: a named child region of a classic element (`full-instructions`, …); `quorum`:
   * Quorum's own elements, which only Quorum's bundle defines (GT's loaders do not).
   */
  family: 'classic' | 'genai' | 'region' | 'quorum';
  /** Whether GT lists the element as working beside V2 elements. */
  genaiCompatible: boolean;
  /** Present for elements that submit an answer. */
  answer?: AnswerDescriptor;
  /** Whether the element must have a `name` (every answer element without a {@link defaultName}). */
  requiresName: boolean;
  /**
   * The key the element submits its answer under when it has no `name` (A2I's review elements
   * take their service's key, as A2I's own templates leave them unnamed). With it, a missing
   * `name` is not an error and the answer schema keeps the element.
   */
  defaultName?: string;
  /**
   * An attribute that names the `<crowd-form>` the element submits through instead of its own
   * `name` (GT's V2 `crowd-form-element-id`); with it, a missing `name` is not an error.
   */
  formReference?: string;
  /**
   * Set for markup that is not a custom element of its own: the tag of the element that reads it
   * (`<crowd-criterion>` is data for `<crowd-rubric>`, `<short-summary>` a page of
   * `<crowd-instructions>`). Such tags have no entry in custom-elements.json.
   */
  readBy?: string;
}

const object = (properties: Record<string, JsonSchema>, required: string[] = Object.keys(properties)): JsonSchema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

const enumOrString = (values: string[] | 'dynamic' | undefined): JsonSchema =>
  Array.isArray(values) ? { enum: values } : { type: 'string' };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const imageProperties = object({ height: { type: 'number' }, width: { type: 'number' } });
const point = object({ x: { type: 'number' }, y: { type: 'number' } });

/**
 * The label of an image tool's shape: its `labels` as an enum when static. Items are strings or
 * objects (`{ label, fullDisplayName, shortDisplayName }`), whose answer value is the first of
 * those three the object has, as the tools read them.
 */
function labelsOf(context: AnswerContext): JsonSchema {
  const labels = context.literal('labels');
  if (!Array.isArray(labels)) return { type: 'string' };
  const names = labels.map((item: unknown) => {
    if (typeof item === 'string' || typeof item === 'number') return String(item);
    if (!isRecord(item)) return undefined;
    return [item.label, item.fullDisplayName, item.shortDisplayName].find((field) => typeof field === 'string');
  });
  return names.every((name) => typeof name === 'string') ? { enum: [...new Set(names)] } : { type: 'string' };
}

/**
 * The answer of the drawing tools: `{<field>: [shape], inputImageProperties, initialValueModified?}`.
 * Their key is not required: Quorum's elements (like the segmentation tool) submit nothing for an
 * image the worker never touched, and an image with nothing to mark is a legitimate answer, which
 * a preview with `--validate` must not refuse.
 */
function shapes(field: string, item: (context: AnswerContext) => JsonSchema) {
  return (context: AnswerContext): JsonSchema =>
    object(
      { [field]: { type: 'array', items: item(context) }, inputImageProperties: imageProperties, initialValueModified: { type: 'boolean' } },
      [field, 'inputImageProperties'],
    );
}

function classifier(context: AnswerContext, extra: Record<string, JsonSchema> = {}): JsonSchema {
  return object({ label: enumOrString(context.list('categories')), ...extra }, ['label']);
}

/** `exclusion-category="{ text: 'None of the above' }"`: the text workers can pick instead of a category. */
function exclusionText(context: AnswerContext): string | undefined {
  const value = context.literal('exclusion-category');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const text = (value as Record<string, unknown>).text;
  return typeof text === 'string' ? text : undefined;
}

function multiSelect(context: AnswerContext): JsonSchema {
  const categories = context.list('categories');
  const exclusion = exclusionText(context);
  // Assumption (GT does not document it): choosing the exclusion category submits its text as the label.
  const items = Array.isArray(categories) ? { enum: exclusion === undefined ? categories : [...categories, exclusion] } : { type: 'string' };
  return object({ labels: { type: 'array', items, uniqueItems: true } });
}

function entityLabels(context: AnswerContext): JsonSchema {
  const labels = context.literal('labels');
  if (!Array.isArray(labels)) return { type: 'string' };
  const names = labels.map((entry: unknown) => (typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).label : entry));
  return names.every((name) => typeof name === 'string') ? { enum: names } : { type: 'string' };
}

// Quorum's own elements (packages/elements/src/crowd-*), with the answer shapes of
// packages/schema/schemas/crowd-*.answer.schema.json, narrowed by the element's static attributes
// the way the element itself narrows what it submits. Each submits nothing until answered.

/** The base attributes of every Quorum control (`QuorumControl`). */
const CONTROL_ATTRIBUTES = ['name', 'required', 'disabled'];
const MAX_RATING_POINTS = 10;
const MAX_RUBRIC_LEVELS = 10;
const DEFAULT_RUBRIC_LEVELS = 5;
const DEFAULT_TRANSCRIPT_REASONS = ['Inaccurate', 'Unhelpful', 'Unsafe', 'Off-topic', 'Other'];

const has = (context: AnswerContext, name: string): boolean => context.attribute(name) !== undefined;

/**
 * A whole-number attribute the element accepts within `[low, high]`: the static value when valid,
 * the element's own fallback when static but invalid (it warns and uses that), `high` when the
 * template builds it.
 */
function boundedInteger(context: AnswerContext, name: string, low: number, high: number, fallback: number): number {
  const attribute = context.attribute(name);
  if (attribute === undefined) return fallback;
  if (attribute.kind === 'dynamic') return high;
  const value = Number(attribute.value);
  return Number.isInteger(value) && value >= low && value <= high ? value : fallback;
}

function rating(context: AnswerContext): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    rating: { type: 'integer', minimum: 1, maximum: boundedInteger(context, 'max', 2, MAX_RATING_POINTS, 5) },
  };
  // The comment box exists only with allow-comment or comment-threshold.
  if (has(context, 'allow-comment') || has(context, 'comment-threshold')) properties.comment = { type: 'string', minLength: 1 };
  return object(properties, ['rating']);
}

const PAIRWISE_CHOICE: JsonSchema = { enum: ['A', 'B', 'tie', 'both-bad'] };

/** A choice, with its strength only when the element asks for strength, and then only for A or B. */
function pairwisePreference(withStrength: boolean, extra: Record<string, JsonSchema> = {}, required: string[] = []): JsonSchema {
  const properties: Record<string, JsonSchema> = { choice: PAIRWISE_CHOICE, ...extra };
  if (!withStrength) return object(properties, ['choice', ...required]);
  properties.strength = { enum: ['slightly', 'much'] };
  return {
    ...object(properties, ['choice', ...required]),
    dependentSchemas: { strength: { type: 'object', properties: { choice: { enum: ['A', 'B'] } } } },
  };
}

/** Names from a static list of names or `{ name }` objects (pairwise `dimensions`, rubric `criteria`). */
function namedItems(value: unknown): Array<{ name: string; item: Record<string, unknown> }> | undefined {
  if (!Array.isArray(value)) return undefined;
  const items = value.map((entry: unknown) => {
    if (typeof entry === 'string') return { name: entry, item: {} };
    if (typeof entry === 'object' && entry !== null && typeof (entry as Record<string, unknown>).name === 'string') {
      return { name: (entry as { name: string }).name, item: entry as Record<string, unknown> };
    }
    return undefined;
  });
  return items.every((entry) => entry !== undefined && entry.name !== '') ? (items as Array<{ name: string; item: Record<string, unknown> }>) : undefined;
}

function pairwise(context: AnswerContext): JsonSchema {
  const withStrength = has(context, 'strength');
  const extra: Record<string, JsonSchema> = {};
  const required: string[] = [];
  if (has(context, 'rationale') || has(context, 'rationale-required')) extra.rationale = { type: 'string', minLength: 1 };
  if (has(context, 'rationale-required')) required.push('rationale');
  const dimensions = context.literal('dimensions');
  const named = namedItems(dimensions);
  if (named && named.length > 0) {
    // The element does not submit until every dimension has a choice.
    extra.dimensions = object(Object.fromEntries(named.map(({ name }) => [name, pairwisePreference(withStrength)])));
    required.push('dimensions');
  } else if (dimensions !== undefined && !named) {
    extra.dimensions = { type: 'object', additionalProperties: pairwisePreference(withStrength) };
  }
  return pairwisePreference(withStrength, extra, required);
}

/** One criterion's score entry: its level (1…levels), the level's label when levels are named, its comment. */
function rubricEntry(levels: unknown, comment: unknown): JsonSchema {
  const labels = Array.isArray(levels) && levels.every((level) => typeof level === 'string') ? (levels as string[]) : undefined;
  const count = labels?.length ?? (typeof levels === 'number' ? levels : DEFAULT_RUBRIC_LEVELS);
  const properties: Record<string, JsonSchema> = { score: { type: 'integer', minimum: 1, maximum: count } };
  const named = labels?.filter((label) => label !== '');
  if (named && named.length > 0) properties.label = { enum: [...new Set(named)] };
  if (comment === true || comment === 'required') properties.comment = { type: 'string', minLength: 1 };
  return object(properties, comment === 'required' ? ['score', 'comment'] : ['score']);
}

function validLevels(levels: unknown): boolean {
  if (levels === undefined) return true;
  if (typeof levels === 'number') return Number.isInteger(levels) && levels >= 2 && levels <= MAX_RUBRIC_LEVELS;
  return Array.isArray(levels) && levels.length >= 2 && levels.length <= MAX_RUBRIC_LEVELS && levels.every((level) => typeof level === 'string');
}

function rubric(context: AnswerContext): JsonSchema {
  const named = namedItems(context.literal('criteria'));
  let criteria: JsonSchema;
  if (named && named.length > 0 && named.every(({ item }) => validLevels(item.levels))) {
    // A submitted rubric has every criterion scored.
    criteria = object(Object.fromEntries(named.map(({ name, item }) => [name, rubricEntry(item.levels, item.comment)])));
  } else {
    // Criteria built by the template or given as <crowd-criterion> children: any names.
    criteria = {
      type: 'object',
      additionalProperties: object(
        { score: { type: 'integer', minimum: 1, maximum: MAX_RUBRIC_LEVELS }, label: { type: 'string' }, comment: { type: 'string', minLength: 1 } },
        ['score'],
      ),
    };
  }
  if (has(context, 'no-overall')) return object({ criteria });
  const overallMax = context.attribute('overall-max')?.kind === 'dynamic' ? undefined : boundedInteger(context, 'overall-max', 1, Number.MAX_SAFE_INTEGER, 5);
  const overall: JsonSchema = overallMax === undefined ? { type: 'integer', minimum: 1 } : { type: 'integer', minimum: 1, maximum: overallMax };
  return object({ criteria, overall });
}

function chatTranscript(context: AnswerContext): JsonSchema {
  const reasons = context.list('reasons');
  const turns = context.literal('turns');
  const turn: JsonSchema = { type: 'integer', minimum: 0 };
  if (Array.isArray(turns) && turns.length > 0) turn.maximum = turns.length - 1;
  const flag = object(
    {
      turn,
      role: { type: 'string' },
      reason: reasons === 'dynamic' ? { type: 'string', minLength: 1 } : { enum: reasons ?? DEFAULT_TRANSCRIPT_REASONS },
      comment: { type: 'string', minLength: 1 },
    },
    ['turn', 'role', 'reason'],
  );
  const properties: Record<string, JsonSchema> = { flags: { type: 'array', items: flag } };
  if (!has(context, 'no-correction')) properties.correctedReply = { type: 'string', minLength: 1 };
  return object(properties, ['flags']);
}

function ranking(context: AnswerContext): JsonSchema {
  const items = context.list('items');
  const rankings: JsonSchema = { type: 'array', minItems: 1, items: { type: 'integer', minimum: 1 } };
  if (Array.isArray(items) && items.length > 0) {
    // Ranks are dense (ties share one), so none exceeds the number of items.
    Object.assign(rankings, { minItems: items.length, maxItems: items.length, items: { type: 'integer', minimum: 1, maximum: items.length } });
  }
  return object({ responseRankings: rankings });
}

/**
 * `crowd-text-ranking`: one entry per dimension with a rank (1 = best) per response, in input
 * order. Static `ordinal-ranking-dimensions` and `responses` fix the number of entries, their
 * names and the ranks' range; `name` stays optional, as GT's own output is not documented.
 */
function textRanking(context: AnswerContext): JsonSchema {
  const dimensions = context.literal('ordinal-ranking-dimensions');
  const names = Array.isArray(dimensions)
    ? dimensions.map((dimension: unknown) => (typeof dimension === 'string' ? dimension : (dimension as { name?: unknown } | null)?.name))
    : undefined;
  const knownNames = names?.every((name): name is string => typeof name === 'string') ? names : undefined;
  const responses = context.literal('responses');
  const count = Array.isArray(responses) && responses.length > 0 ? responses.length : undefined;
  const rankings: JsonSchema = { type: 'array', items: count ? { type: 'integer', minimum: 1, maximum: count } : { type: 'integer', minimum: 1 } };
  if (count) Object.assign(rankings, { minItems: count, maxItems: count });
  const entries: JsonSchema = {
    type: 'array',
    items: { type: 'object', properties: { name: knownNames ? { enum: knownNames } : { type: 'string' }, responseRankings: rankings }, required: ['responseRankings'] },
  };
  if (knownNames && knownNames.length > 0) Object.assign(entries, { minItems: knownNames.length, maxItems: knownNames.length });
  return { type: 'object', properties: { ordinalRankingDimensions: entries }, required: ['ordinalRankingDimensions'] };
}

/**
 * Attributes the image tools read (the drawing tools' Annotator and the segmentation tools'
 * SegmentationAnnotator): GT's `header`, `labels`, `name`, `src`, `initial-value` (GT documents it
 * for some tools only; all of Quorum's read it), Quorum's `label-colors`, and the control attributes.
 */
const IMAGE_TOOL_ATTRIBUTES = [...CONTROL_ATTRIBUTES, 'header', 'initial-value', 'labels', 'label-colors', 'src'];

const ratio = { type: 'number', minimum: 0, maximum: 1 };

/**
 * `crowd-textract-analyze-document`: packages/schema/schemas/crowd-textract-analyze-document.answer.schema.json
 * inlined (the extracted schema is one self-contained document, with no `$ref` for `<crowd-form>`'s
 * own checker to refuse). Blocks keep input fields the reviewer cannot change, so they stay open.
 */
function textractAnswer(): JsonSchema {
  const block: JsonSchema = {
    type: 'object',
    properties: {
      blockType: { type: 'string' },
      id: { type: 'string', minLength: 1 },
      text: { type: 'string' },
      entityTypes: { type: 'array', minItems: 1, items: { enum: ['KEY', 'VALUE'] } },
      relationships: {
        type: 'array',
        items: { type: 'object', properties: { type: { type: 'string' }, ids: { type: 'array', items: { type: 'string' } } }, required: ['type', 'ids'] },
      },
      geometry: {
        type: 'object',
        properties: {
          boundingBox: { type: 'object', properties: { width: ratio, height: ratio, left: ratio, top: ratio }, required: ['width', 'height', 'left', 'top'] },
          polygon: { type: 'array', items: { type: 'object', properties: { x: { type: 'number' }, y: { type: 'number' } }, required: ['x', 'y'] } },
        },
        required: ['boundingBox'],
      },
      confidence: { type: 'number', minimum: 0, maximum: 100 },
    },
    required: ['blockType', 'id', 'text', 'entityTypes'],
  };
  return object({ blocks: { type: 'array', items: block } });
}

/**
 * `crowd-rekognition-detect-moderation-labels`: the chosen categories, each as the template gave it.
 * Static string categories become an enum; static `{ name, … }` objects, the objects themselves
 * (the element submits the whole object); otherwise the shape of
 * packages/schema/schemas/crowd-rekognition-detect-moderation-labels.answer.schema.json.
 */
function moderationAnswer(context: AnswerContext): JsonSchema {
  const literal = context.literal('categories');
  // The element submits object categories with A2I's camelCase keys (`Name` → `name`).
  const categories = Array.isArray(literal) ? literal.map(camelCaseKeys) : undefined;
  const named = categories !== undefined && categories.length > 0 && categories.every((category) => typeof category === 'string' || (isRecord(category) && typeof category.name === 'string'));
  const items: JsonSchema = named
    ? { enum: [...new Map(categories.map((category) => [JSON.stringify(category), category])).values()] }
    : {
        anyOf: [
          { type: 'string' },
          {
            type: 'object',
            properties: { name: { type: 'string', minLength: 1 }, parentName: { type: 'string' }, confidence: { type: 'number', minimum: 0, maximum: 100 } },
            required: ['name'],
          },
        ],
      };
  return object({ moderationLabels: { type: 'array', items, uniqueItems: true } });
}

/** Keys as A2I writes them: `ParentName` → `parentName`, at every depth (as the elements convert them). */
function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [/^[A-Z]([a-z]|$)/.test(key) ? key[0]!.toLowerCase() + key.slice(1) : key, camelCaseKeys(item)]));
}

const BOOLEAN_MAP: AnswerDescriptor = { kind: 'boolean-map', alwaysPresent: true };

const DESCRIPTORS: ElementDescriptor[] = [
  // Quorum's: action and target (where the answer is POSTed, as on <form>), task-key and no-autosave (drafts), answer-schema (answer checking).
  { tag: 'crowd-form', attributes: ['action', 'target', 'task-key', 'no-autosave', 'answer-schema'], family: 'classic', genaiCompatible: true, requiresName: false },
  { tag: 'crowd-alert', attributes: ['dismissible', 'type'], family: 'classic', genaiCompatible: false, requiresName: false },
  { tag: 'crowd-badge', attributes: ['for', 'icon', 'label'], family: 'classic', genaiCompatible: false, requiresName: false },
  {
    tag: 'crowd-button',
    attributes: ['disabled', 'form-action', 'href', 'icon', 'icon-align', 'icon-url', 'loading', 'target', 'variant'],
    family: 'classic',
    genaiCompatible: true,
    requiresName: false,
  },
  { tag: 'crowd-card', attributes: ['heading', 'image'], family: 'classic', genaiCompatible: false, requiresName: false },
  { tag: 'crowd-fab', attributes: ['disabled', 'icon', 'label', 'title'], family: 'classic', genaiCompatible: false, requiresName: false },
  { tag: 'crowd-icon-button', attributes: ['disabled', 'icon'], family: 'classic', genaiCompatible: false, requiresName: false },
  { tag: 'crowd-instructions', attributes: ['link-text', 'link-type'], family: 'classic', genaiCompatible: false, requiresName: false },
  { tag: 'crowd-modal', attributes: ['header', 'link-text', 'link-type'], family: 'classic', genaiCompatible: false, requiresName: false },
  { tag: 'crowd-tabs', attributes: ['selected'], family: 'classic', genaiCompatible: true, requiresName: false },
  { tag: 'crowd-tab', attributes: ['header'], family: 'classic', genaiCompatible: true, requiresName: false },
  // `opened` is not in the attribute list but GT's own crowd-toast sample uses it.
  { tag: 'crowd-toast', attributes: ['duration', 'text', 'opened'], family: 'classic', genaiCompatible: false, requiresName: false },
  // The group has no name: its radio buttons do. Its `label` names it for assistive technology.
  { tag: 'crowd-radio-group', attributes: ['label'], family: 'classic', genaiCompatible: false, requiresName: false },
  {
    tag: 'crowd-classifier',
    // value: the category chosen at first and after a reset (Quorum's).
    attributes: [...CONTROL_ATTRIBUTES, 'categories', 'header', 'value'],
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: { kind: 'value', alwaysPresent: true, schema: (context) => classifier(context) },
  },
  {
    tag: 'crowd-classifier-multi-select',
    attributes: [...CONTROL_ATTRIBUTES, 'categories', 'header', 'exclusion-category'],
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: { kind: 'value', alwaysPresent: true, schema: multiSelect },
  },
  {
    tag: 'crowd-image-classifier',
    attributes: [...CONTROL_ATTRIBUTES, 'categories', 'header', 'overlay', 'src'],
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    // workerComment is present only when the worker-comment region was used.
    answer: { kind: 'value', alwaysPresent: true, schema: (context) => classifier(context, { workerComment: { type: 'string' } }) },
  },
  {
    tag: 'crowd-image-classifier-multi-select',
    attributes: [...CONTROL_ATTRIBUTES, 'categories', 'header', 'overlay', 'src', 'exclusion-category'],
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: { kind: 'value', alwaysPresent: true, schema: multiSelect },
  },
  {
    tag: 'crowd-input',
    // min-value, max-value and step (the native min, max and step of a number field) are Quorum's.
    attributes: [
      'allowed-pattern', 'auto-focus', 'auto-validate', 'disabled', 'error-message', 'label', 'max-length', 'max-value', 'min-length', 'min-value', 'name',
      'placeholder', 'required', 'step', 'type', 'value',
    ],
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    // "Elements with no input do not appear in the output."
    answer: {
      kind: 'value',
      alwaysPresent: false,
      schema: (context) => {
        const schema: JsonSchema = { type: 'string' };
        const max = context.number('max-length');
        const min = context.number('min-length');
        if (max !== undefined) schema.maxLength = max;
        if (min !== undefined) schema.minLength = min;
        return schema;
      },
    },
  },
  {
    tag: 'crowd-text-area',
    // min-length and allowed-pattern work as on crowd-input (Quorum's).
    attributes: [
      'allowed-pattern', 'auto-focus', 'auto-validate', 'char-counter', 'disabled', 'error-message', 'label', 'max-length', 'max-rows', 'min-length', 'name',
      'placeholder', 'required', 'rows', 'value',
    ],
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: {
      kind: 'value',
      alwaysPresent: false,
      schema: (context) => {
        const max = context.number('max-length');
        return max === undefined ? { type: 'string' } : { type: 'string', maxLength: max };
      },
    },
  },
  {
    tag: 'crowd-slider',
    // label (shown above the slider) and secondary-color are Quorum's.
    attributes: ['disabled', 'editable', 'label', 'max', 'min', 'name', 'pin', 'required', 'secondary-color', 'secondary-progress', 'step', 'value'],
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: {
      kind: 'value',
      alwaysPresent: false,
      schema: (context) => {
        const schema: JsonSchema = { type: 'number' };
        const min = context.number('min');
        const max = context.number('max');
        if (min !== undefined) schema.minimum = min;
        if (max !== undefined) schema.maximum = max;
        return schema;
      },
    },
  },
  { tag: 'crowd-checkbox', attributes: ['checked', 'disabled', 'name', 'required', 'value'], family: 'classic', genaiCompatible: false, requiresName: true, answer: BOOLEAN_MAP },
  { tag: 'crowd-radio-button', attributes: ['checked', 'disabled', 'name', 'required', 'value'], family: 'classic', genaiCompatible: false, requiresName: true, answer: BOOLEAN_MAP },
  {
    tag: 'crowd-toggle-button',
    attributes: ['checked', 'disabled', 'invalid', 'name', 'required', 'value'],
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: BOOLEAN_MAP,
  },
  {
    tag: 'crowd-bounding-box',
    attributes: IMAGE_TOOL_ATTRIBUTES,
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: {
      kind: 'value',
      alwaysPresent: false,
      schema: shapes('boundingBoxes', (context) =>
        object({ height: { type: 'number' }, label: labelsOf(context), left: { type: 'number' }, top: { type: 'number' }, width: { type: 'number' } }),
      ),
    },
  },
  {
    tag: 'crowd-keypoint',
    attributes: IMAGE_TOOL_ATTRIBUTES,
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: { kind: 'value', alwaysPresent: false, schema: shapes('keypoints', (context) => object({ label: labelsOf(context), x: { type: 'number' }, y: { type: 'number' } })) },
  },
  {
    tag: 'crowd-polygon',
    attributes: IMAGE_TOOL_ATTRIBUTES,
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: { kind: 'value', alwaysPresent: false, schema: shapes('polygons', (context) => object({ label: labelsOf(context), vertices: { type: 'array', items: point } })) },
  },
  {
    tag: 'crowd-line',
    attributes: IMAGE_TOOL_ATTRIBUTES,
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: { kind: 'value', alwaysPresent: false, schema: shapes('lines', (context) => object({ label: labelsOf(context), vertices: { type: 'array', items: point } })) },
  },
  {
    tag: 'crowd-polyline',
    attributes: IMAGE_TOOL_ATTRIBUTES,
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: { kind: 'value', alwaysPresent: false, schema: shapes('polylines', (context) => object({ label: labelsOf(context), vertices: { type: 'array', items: point } })) },
  },
  {
    tag: 'crowd-semantic-segmentation',
    attributes: IMAGE_TOOL_ATTRIBUTES,
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: {
      kind: 'value',
      alwaysPresent: false,
      schema: () =>
        object(
          {
            inputImageProperties: imageProperties,
            labelMappings: { type: 'object', additionalProperties: object({ color: { type: 'string' } }) },
            labeledImage: object({ pngImageData: { type: 'string' } }),
            initialValueModified: { type: 'boolean' },
          },
          ['inputImageProperties', 'labelMappings', 'labeledImage'],
        ),
    },
  },
  {
    tag: 'crowd-instance-segmentation',
    attributes: IMAGE_TOOL_ATTRIBUTES,
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: {
      kind: 'value',
      // Like the semantic tool, it submits nothing for an image the worker never painted.
      alwaysPresent: false,
      schema: (context) =>
        object(
          {
            inputImageProperties: imageProperties,
            instances: { type: 'array', items: object({ color: { type: 'string' }, label: labelsOf(context) }) },
            labeledImage: object({ pngImageData: { type: 'string' } }),
            initialValueModified: { type: 'boolean' },
          },
          ['inputImageProperties', 'instances', 'labeledImage'],
        ),
    },
  },
  {
    tag: 'crowd-entity-annotation',
    attributes: [...CONTROL_ATTRIBUTES, 'header', 'initial-value', 'labels', 'text'],
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: {
      kind: 'value',
      alwaysPresent: true,
      schema: (context) =>
        object({
          entities: {
            type: 'array',
            items: object({ endOffset: { type: 'integer', minimum: 0 }, label: entityLabels(context), startOffset: { type: 'integer', minimum: 0 } }),
          },
        }),
    },
  },
  {
    tag: 'crowd-text-ranking',
    // crowd-form-element-id links it to a hidden <crowd-form>, as AWS's notebook does; instructions shows text above the prompt.
    attributes: [...CONTROL_ATTRIBUTES, 'text', 'ordinal-ranking-dimensions', 'responses', 'crowd-form-element-id', 'instructions'],
    family: 'genai',
    genaiCompatible: true,
    requiresName: true,
    formReference: 'crowd-form-element-id',
    answer: {
      kind: 'value',
      alwaysPresent: true,
      note: 'GT does not document the output of crowd-text-ranking; the shape is inferred from the GT immersion-day notebook (ordinalRankingDimensions[i].responseRankings, 1-based ranks in response order).',
      schema: textRanking,
    },
  },
  {
    tag: 'crowd-question-answer-generation',
    // GT's own sample template uses crowd-form-element-id, allow-custom-tags and instructions, which the reference page does not list.
    attributes: [
      ...CONTROL_ATTRIBUTES, 'text', 'min-questions', 'max-questions', 'question-min-words', 'question-max-words', 'answer-min-words', 'answer-max-words',
      'question-tags', 'allow-custom-question-tags', 'allow-custom-tags', 'crowd-form-element-id', 'instructions',
    ],
    family: 'genai',
    genaiCompatible: true,
    requiresName: true,
    formReference: 'crowd-form-element-id',
    answer: {
      kind: 'value',
      alwaysPresent: true,
      note: 'GT does not document the output of crowd-question-answer-generation; its answer is only known to be an object.',
      schema: () => ({ type: 'object' }),
    },
  },
  // Quorum's own elements: not in Ground Truth; answer shapes from @quorum/schema.
  {
    tag: 'crowd-rating',
    attributes: [...CONTROL_ATTRIBUTES, 'header', 'max', 'variant', 'low-label', 'high-label', 'comment-threshold', 'allow-comment', 'comment-label'],
    family: 'quorum',
    genaiCompatible: false,
    requiresName: true,
    answer: { kind: 'value', alwaysPresent: false, schema: rating },
  },
  {
    tag: 'crowd-pairwise',
    attributes: [...CONTROL_ATTRIBUTES, 'header', 'response-a', 'response-b', 'label-a', 'label-b', 'strength', 'rationale', 'rationale-required', 'dimensions'],
    family: 'quorum',
    genaiCompatible: false,
    requiresName: true,
    answer: { kind: 'value', alwaysPresent: false, schema: pairwise },
  },
  {
    tag: 'crowd-rubric',
    attributes: [...CONTROL_ATTRIBUTES, 'header', 'criteria', 'overall-max', 'overall-label', 'no-overall'],
    family: 'quorum',
    genaiCompatible: false,
    requiresName: true,
    answer: { kind: 'value', alwaysPresent: false, schema: rubric },
  },
  // A criterion of a crowd-rubric given as markup instead of the criteria attribute; data, not a control.
  {
    tag: 'crowd-criterion',
    attributes: ['name', 'label', 'description', 'levels', 'comment'],
    family: 'quorum',
    genaiCompatible: false,
    requiresName: false,
    readBy: 'crowd-rubric',
  },
  {
    tag: 'crowd-chat-transcript',
    attributes: [...CONTROL_ATTRIBUTES, 'header', 'turns', 'reasons', 'flag-roles', 'correction-label', 'no-correction'],
    family: 'quorum',
    genaiCompatible: false,
    requiresName: true,
    answer: { kind: 'value', alwaysPresent: false, schema: chatTranscript },
  },
  {
    tag: 'crowd-ranking',
    attributes: [...CONTROL_ATTRIBUTES, 'header', 'items', 'allow-ties'],
    family: 'quorum',
    genaiCompatible: false,
    requiresName: true,
    answer: { kind: 'value', alwaysPresent: false, schema: ranking },
  },
  // Regions: named children of the classic elements; crowd-instructions reads its pages as plain markup.
  { tag: 'classification-target', attributes: [], family: 'region', genaiCompatible: false, requiresName: false },
  { tag: 'full-instructions', attributes: ['header'], family: 'region', genaiCompatible: false, requiresName: false },
  // `header`: A2I's Textract and Rekognition templates write it; Ground Truth ignores it.
  { tag: 'short-instructions', attributes: ['header'], family: 'region', genaiCompatible: true, requiresName: false },
  { tag: 'worker-comment', attributes: ['header', 'link-text', 'placeholder'], family: 'region', genaiCompatible: false, requiresName: false },
  { tag: 'short-summary', attributes: [], family: 'region', genaiCompatible: false, requiresName: false, readBy: 'crowd-instructions' },
  { tag: 'detailed-instructions', attributes: [], family: 'region', genaiCompatible: false, requiresName: false, readBy: 'crowd-instructions' },
  { tag: 'positive-example', attributes: [], family: 'region', genaiCompatible: false, requiresName: false, readBy: 'crowd-instructions' },
  { tag: 'negative-example', attributes: [], family: 'region', genaiCompatible: false, requiresName: false, readBy: 'crowd-instructions' },
  // Amazon A2I's review elements: A2I's templates give them no name; the answer then sits under A2I's service key.
  {
    tag: 'crowd-textract-analyze-document',
    attributes: [...CONTROL_ATTRIBUTES, 'header', 'src', 'initial-value', 'block-types', 'keys', 'no-key-edit', 'no-geometry-edit'],
    family: 'classic',
    genaiCompatible: false,
    requiresName: false,
    defaultName: 'AWS/Textract/AnalyzeDocument/Forms/V1',
    // Not always present: with no pairs from initial-value and none added, the element submits nothing.
    answer: { kind: 'value', alwaysPresent: false, schema: textractAnswer },
  },
  {
    tag: 'crowd-rekognition-detect-moderation-labels',
    // initial-value is Quorum's addition (pre-selected categories); overlay comes from the image classifiers.
    attributes: [...CONTROL_ATTRIBUTES, 'header', 'src', 'categories', 'exclusion-category', 'initial-value', 'overlay'],
    family: 'classic',
    genaiCompatible: false,
    requiresName: false,
    defaultName: 'AWS/Rekognition/DetectModerationLabels/Image/V3',
    answer: { kind: 'value', alwaysPresent: false, schema: moderationAnswer },
  },
];

/**
 * Every crowd element Ground Truth and Augmented AI document, by the family its loader belongs
 * to. A tag here but not in {@link ELEMENT_REGISTRY} is one Quorum does not implement (yet): lint
 * says so instead of calling it unknown.
 */
export const GROUND_TRUTH_ELEMENTS: ReadonlyMap<string, 'Ground Truth' | 'Augmented AI' | 'Ground Truth V2'> = new Map([
  ...[
    'crowd-alert', 'crowd-badge', 'crowd-bounding-box', 'crowd-button', 'crowd-card', 'crowd-checkbox', 'crowd-classifier', 'crowd-classifier-multi-select',
    'crowd-entity-annotation', 'crowd-fab', 'crowd-form', 'crowd-icon-button', 'crowd-image-classifier', 'crowd-image-classifier-multi-select', 'crowd-input',
    'crowd-instance-segmentation', 'crowd-instructions', 'crowd-keypoint', 'crowd-line', 'crowd-modal', 'crowd-polygon', 'crowd-polyline', 'crowd-radio-button',
    'crowd-radio-group', 'crowd-semantic-segmentation', 'crowd-slider', 'crowd-tab', 'crowd-tabs', 'crowd-text-area', 'crowd-toast', 'crowd-toggle-button',
  ].map((tag) => [tag, 'Ground Truth'] as const),
  ...['crowd-textract-analyze-document', 'crowd-rekognition-detect-moderation-labels'].map((tag) => [tag, 'Augmented AI'] as const),
  ...['crowd-text-ranking', 'crowd-question-answer-generation'].map((tag) => [tag, 'Ground Truth V2'] as const),
]);

/** Every element Quorum knows, by tag name. */
export const ELEMENT_REGISTRY: ReadonlyMap<string, ElementDescriptor> = new Map(DESCRIPTORS.map((descriptor) => [descriptor.tag, descriptor]));

/** Attributes every HTML element may have (besides `data-*`, `aria-*` and `on*` event handlers). */
export const GLOBAL_ATTRIBUTES: ReadonlySet<string> = new Set([
  'accesskey', 'autocapitalize', 'autofocus', 'class', 'contenteditable', 'dir', 'draggable', 'enterkeyhint', 'hidden', 'id', 'inert',
  'inputmode', 'is', 'lang', 'nonce', 'part', 'popover', 'role', 'slot', 'spellcheck', 'style', 'tabindex', 'title', 'translate',
]);

/** Whether `name` is allowed on every element: a global attribute, `data-*`, `aria-*` or an `on*` handler. */
export function isGlobalAttribute(name: string): boolean {
  return GLOBAL_ATTRIBUTES.has(name) || /^(?:data-|aria-)[\w.:-]*$/.test(name) || /^on[a-z]+$/.test(name);
}

/** Native form controls whose named values `<crowd-form>` puts in the answer. */
export const NATIVE_CONTROLS: ReadonlySet<string> = new Set(['input', 'select', 'textarea']);

/** `<input type>`s that submit nothing. */
export const NATIVE_INPUTS_WITHOUT_ANSWER: ReadonlySet<string> = new Set(['button', 'submit', 'reset', 'image', 'file']);
