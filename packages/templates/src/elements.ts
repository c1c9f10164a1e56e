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
  /** Attributes GT documents for the element (global HTML attributes are always allowed). */
  attributes: readonly string[];
  /**
   * `classic`: GT's crowd elements; `genai`: the V2 GenAI elements (crowd-html-elements-v2.js);
   * `region`: a named child region of a classic element (`full-instructions`, …).
   */
  family: 'classic' | 'genai' | 'region';
  /** Whether GT lists the element as working beside V2 elements. */
  genaiCompatible: boolean;
  /** Present for elements that submit an answer. */
  answer?: AnswerDescriptor;
  /** Whether the element must have a `name` (every answer element). */
  requiresName: boolean;
}

const object = (properties: Record<string, JsonSchema>, required: string[] = Object.keys(properties)): JsonSchema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

const enumOrString = (values: string[] | 'dynamic' | undefined): JsonSchema =>
  Array.isArray(values) ? { enum: values } : { type: 'string' };

const imageProperties = object({ height: { type: 'number' }, width: { type: 'number' } });
const point = object({ x: { type: 'number' }, y: { type: 'number' } });

function labelsOf(context: AnswerContext, attribute = 'labels'): JsonSchema {
  return enumOrString(context.list(attribute));
}

/** The answer of the drawing tools: `{<field>: [shape], inputImageProperties, initialValueModified?}`. */
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

const BOOLEAN_MAP: AnswerDescriptor = { kind: 'boolean-map', alwaysPresent: true };

const DESCRIPTORS: ElementDescriptor[] = [
  { tag: 'crowd-form', attributes: [], family: 'classic', genaiCompatible: true, requiresName: false },
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
  { tag: 'crowd-modal', attributes: ['link-text', 'link-type'], family: 'classic', genaiCompatible: false, requiresName: false },
  { tag: 'crowd-tabs', attributes: [], family: 'classic', genaiCompatible: true, requiresName: false },
  { tag: 'crowd-tab', attributes: ['header'], family: 'classic', genaiCompatible: true, requiresName: false },
  // `opened` is not in the attribute list but GT's own crowd-toast sample uses it.
  { tag: 'crowd-toast', attributes: ['duration', 'text', 'opened'], family: 'classic', genaiCompatible: false, requiresName: false },
  // The group has no name: its radio buttons do.
  { tag: 'crowd-radio-group', attributes: [], family: 'classic', genaiCompatible: false, requiresName: false },
  {
    tag: 'crowd-classifier',
    attributes: ['categories', 'header', 'name'],
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: { kind: 'value', alwaysPresent: true, schema: (context) => classifier(context) },
  },
  {
    tag: 'crowd-classifier-multi-select',
    attributes: ['categories', 'header', 'name', 'exclusion-category'],
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: { kind: 'value', alwaysPresent: true, schema: multiSelect },
  },
  {
    tag: 'crowd-image-classifier',
    attributes: ['categories', 'header', 'name', 'overlay', 'src'],
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    // workerComment is present only when the worker-comment region was used.
    answer: { kind: 'value', alwaysPresent: true, schema: (context) => classifier(context, { workerComment: { type: 'string' } }) },
  },
  {
    tag: 'crowd-image-classifier-multi-select',
    attributes: ['categories', 'header', 'name', 'src', 'exclusion-category'],
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: { kind: 'value', alwaysPresent: true, schema: multiSelect },
  },
  {
    tag: 'crowd-input',
    attributes: ['allowed-pattern', 'auto-focus', 'auto-validate', 'disabled', 'error-message', 'label', 'max-length', 'min-length', 'name', 'placeholder', 'required', 'type', 'value'],
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
    attributes: ['auto-focus', 'auto-validate', 'char-counter', 'disabled', 'error-message', 'label', 'max-length', 'max-rows', 'name', 'placeholder', 'rows', 'value', 'required'],
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
    attributes: ['disabled', 'editable', 'max', 'min', 'name', 'pin', 'required', 'secondary-progress', 'step', 'value'],
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
  { tag: 'crowd-radio-button', attributes: ['checked', 'disabled', 'name', 'value'], family: 'classic', genaiCompatible: false, requiresName: true, answer: BOOLEAN_MAP },
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
    attributes: ['header', 'initial-value', 'labels', 'name', 'src'],
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: {
      kind: 'value',
      alwaysPresent: true,
      schema: shapes('boundingBoxes', (context) =>
        object({ height: { type: 'number' }, label: labelsOf(context), left: { type: 'number' }, top: { type: 'number' }, width: { type: 'number' } }),
      ),
    },
  },
  {
    tag: 'crowd-keypoint',
    attributes: ['header', 'initial-value', 'labels', 'name', 'src'],
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: { kind: 'value', alwaysPresent: true, schema: shapes('keypoints', (context) => object({ label: labelsOf(context), x: { type: 'number' }, y: { type: 'number' } })) },
  },
  {
    tag: 'crowd-polygon',
    attributes: ['header', 'initial-value', 'labels', 'name', 'src'],
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: { kind: 'value', alwaysPresent: true, schema: shapes('polygons', (context) => object({ label: labelsOf(context), vertices: { type: 'array', items: point } })) },
  },
  {
    tag: 'crowd-line',
    attributes: ['header', 'initial-value', 'labels', 'label-colors', 'name', 'src'],
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: { kind: 'value', alwaysPresent: true, schema: shapes('lines', (context) => object({ label: labelsOf(context), vertices: { type: 'array', items: point } })) },
  },
  {
    tag: 'crowd-polyline',
    attributes: ['header', 'initial-value', 'labels', 'label-colors', 'name', 'src'],
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: { kind: 'value', alwaysPresent: true, schema: shapes('polylines', (context) => object({ label: labelsOf(context), vertices: { type: 'array', items: point } })) },
  },
  {
    tag: 'crowd-semantic-segmentation',
    attributes: ['header', 'initial-value', 'labels', 'name', 'src'],
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: {
      kind: 'value',
      alwaysPresent: true,
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
    attributes: ['header', 'labels', 'name', 'src'],
    family: 'classic',
    genaiCompatible: false,
    requiresName: true,
    answer: {
      kind: 'value',
      alwaysPresent: true,
      schema: (context) =>
        object({
          inputImageProperties: imageProperties,
          instances: { type: 'array', items: object({ color: { type: 'string' }, label: labelsOf(context) }) },
          labeledImage: object({ pngImageData: { type: 'string' } }),
        }),
    },
  },
  {
    tag: 'crowd-entity-annotation',
    attributes: ['header', 'initial-value', 'labels', 'name', 'text'],
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
    attributes: ['name', 'text', 'ordinal-ranking-dimensions', 'responses'],
    family: 'genai',
    genaiCompatible: true,
    requiresName: true,
    answer: {
      kind: 'value',
      alwaysPresent: true,
      note: 'GT does not document the output of crowd-text-ranking; the shape is inferred from the GT immersion-day notebook (ordinalRankingDimensions[i].responseRankings, 1-based ranks in response order).',
      schema: () =>
        ({
          type: 'object',
          properties: {
            ordinalRankingDimensions: {
              type: 'array',
              items: {
                type: 'object',
                properties: { name: { type: 'string' }, responseRankings: { type: 'array', items: { type: 'integer', minimum: 1 } } },
                required: ['responseRankings'],
              },
            },
          },
          required: ['ordinalRankingDimensions'],
        }),
    },
  },
  {
    tag: 'crowd-question-answer-generation',
    attributes: ['name', 'text', 'min-questions', 'max-questions', 'question-min-words', 'question-max-words', 'answer-min-words', 'answer-max-words', 'question-tags', 'allow-custom-question-tags'],
    family: 'genai',
    genaiCompatible: true,
    requiresName: true,
    answer: {
      kind: 'value',
      alwaysPresent: true,
      note: 'GT does not document the output of crowd-question-answer-generation; its answer is only known to be an object.',
      schema: () => ({ type: 'object' }),
    },
  },
  // Regions: named children of the classic elements.
  { tag: 'classification-target', attributes: [], family: 'region', genaiCompatible: false, requiresName: false },
  { tag: 'full-instructions', attributes: ['header'], family: 'region', genaiCompatible: false, requiresName: false },
  { tag: 'short-instructions', attributes: [], family: 'region', genaiCompatible: true, requiresName: false },
  { tag: 'worker-comment', attributes: ['header', 'link-text', 'placeholder'], family: 'region', genaiCompatible: false, requiresName: false },
  { tag: 'short-summary', attributes: [], family: 'region', genaiCompatible: false, requiresName: false },
  { tag: 'detailed-instructions', attributes: [], family: 'region', genaiCompatible: false, requiresName: false },
  { tag: 'positive-example', attributes: [], family: 'region', genaiCompatible: false, requiresName: false },
  { tag: 'negative-example', attributes: [], family: 'region', genaiCompatible: false, requiresName: false },
];

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
