import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ELEMENTS_KEYWORD, extractAnswerSchema, TemplateError } from '../src/index.js';
import { validator } from './ajv.js';
import { readFixture, sharedPath } from './support.js';

const repoTemplate = (path: string): string => readFileSync(fileURLToPath(new URL(`../../../templates/${path}`, import.meta.url)), 'utf8');
const reference = (name: string): unknown => JSON.parse(readFileSync(sharedPath('gt-reference', name), 'utf8'));
/** The element pages wrap the answer in a one-element array; the submission is the object. */
const referenceAnswer = (name: string): Record<string, unknown> => {
  const value = reference(name);
  return (Array.isArray(value) ? value[0] : value) as Record<string, unknown>;
};
const gtSample = (name: string) => extractAnswerSchema(readFixture(`gt/${name}`), { filename: name });

describe('extractAnswerSchema', () => {
  it('gives the relevance template the schema written by hand beside it', () => {
    const expected = JSON.parse(repoTemplate('llm-relevance-rating/answer.schema.json')) as Record<string, unknown>;
    const { schema, notes } = extractAnswerSchema(repoTemplate('llm-relevance-rating/template.liquid.html'), { filename: 'template.liquid.html' });
    for (const keyword of ['type', 'properties', 'required', 'additionalProperties']) assert.deepEqual(schema[keyword], expected[keyword], keyword);
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.deepEqual(notes, []);
  });

  // Each sample template is written after the element's page in GT's reference; the answer
  // published on that page must validate against the extracted schema.
  const samples: Array<[template: string, answer: string, wrap?: string]> = [
    ['checkbox-same-name.liquid.html', 'answer.crowd-checkbox.same-name.json'],
    ['checkbox-different-names.liquid.html', 'answer.crowd-checkbox.different-names.json'],
    ['multi-select.liquid.html', 'answer.crowd-classifier-multi-select.json'],
    ['bounding-box.liquid.html', 'answer.crowd-bounding-box.json'],
    ['keypoint.liquid.html', 'answer.crowd-keypoint.json'],
    ['entity-annotation.liquid.html', 'answer.crowd-entity-annotation.json'],
    ['radio-text-area.liquid.html', 'answer.crowd-radio-group.json'],
    ['image-classifier.liquid.html', 'answer.crowd-image-classifier.json'],
    ['semantic-segmentation.liquid.html', 'answer.crowd-semantic-segmentation.json'],
    ['text-ranking.liquid.html', 'answer.crowd-text-ranking.inferred.json', 'textRanking'],
  ];
  for (const [template, answer, wrap] of samples) {
    it(`accepts GT's published ${answer.replace(/^answer\.|\.json$/g, '')} answer for ${template}`, () => {
      const { schema } = gtSample(template);
      const submission = wrap ? { [wrap]: referenceAnswer(answer) } : referenceAnswer(answer);
      assert.deepEqual(validator(schema)(submission), []);
    });
  }

  it('rejects answers that do not fit the template', () => {
    const boxes = validator(gtSample('bounding-box.liquid.html').schema);
    const answer = structuredClone(referenceAnswer('answer.crowd-bounding-box.json')) as { annotatedResult: { boundingBoxes: Array<{ label: string }> } };
    answer.annotatedResult.boundingBoxes[0]!.label = 'Horse';
    assert.match(boxes(answer).join('\n'), /label must be equal to one of the allowed values/);
    // Quorum's drawing tools submit nothing for an untouched image, and "nothing to mark" is a valid answer.
    assert.deepEqual(boxes({}), [], 'the box answer is not required');

    const checkboxes = validator(gtSample('checkbox-same-name.liquid.html').schema);
    assert.notDeepEqual(checkboxes({ image_attributes: { blurry: true, dim: true } }), [], 'an unchecked box is submitted as false, so it must be there');
    assert.notDeepEqual(checkboxes({ image_attributes: { blurry: true, dim: true, exposed: false, extra: true } }), []);
  });

  it('types inputs, text areas, toggles and sliders, required only when the element insists', () => {
    const { schema } = gtSample('inputs-toggle-slider.liquid.html');
    assert.deepEqual(schema.required, ['tag1', 'theToggler', 'howMuch']);
    const properties = schema.properties as Record<string, unknown>;
    assert.deepEqual(properties.tag2, { type: 'string', maxLength: 20 });
    assert.deepEqual(properties.howMuch, { type: 'number', minimum: 1, maximum: 10 });
    assert.deepEqual(properties.theToggler, { type: 'object', properties: { on: { type: 'boolean' } }, required: ['on'], additionalProperties: false });
    const validate = validator(schema);
    // GT's own crowd-input sample: the third input was left empty, so it is absent.
    assert.deepEqual(validate({ ...referenceAnswer('answer.crowd-input.json'), ...referenceAnswer('answer.crowd-toggle-button.json'), howMuch: 7 }), []);
    assert.notDeepEqual(validate({ tag1: 'a', theToggler: { on: true }, howMuch: 11 }), []);
  });

  it('reads native controls inside crowd-form, with a select\'s options as an enum', () => {
    const { schema } = gtSample('card-select.liquid.html');
    assert.deepEqual(schema.properties, {
      sentiment: { enum: ['Negative', 'Neutral', 'Positive & happy'] },
      version: { type: 'string' },
      comment: { type: 'string' },
    });
    assert.deepEqual(schema.required, ['sentiment', 'version']);
  });

  it('turns names built in a Liquid loop into patternProperties and says so', () => {
    const source = [
      '<crowd-form>',
      '{% for item in task.input.items %}',
      '  <crowd-classifier name="rating-{{ forloop.index }}" categories="[\'good\', \'bad\']" header="{{ item.text }}"></crowd-classifier>',
      '  <crowd-checkbox name="flags" value="{{ item.id }}">flag</crowd-checkbox>',
      '{% endfor %}',
      '{% if task.input.ask_comment %}<crowd-input name="comment" required></crowd-input>{% endif %}',
      '</crowd-form>',
    ].join('\n');
    const { schema, notes, controls } = extractAnswerSchema(source, { filename: 'loop.liquid.html' });
    assert.deepEqual(schema.patternProperties, {
      '^rating-[0-9]+$': { type: 'object', properties: { label: { enum: ['good', 'bad'] } }, required: ['label'], additionalProperties: false },
    });
    assert.deepEqual((schema.properties as Record<string, unknown>).flags, {
      type: 'object',
      properties: {},
      required: [],
      additionalProperties: false,
      patternProperties: { '^.*$': { type: 'boolean' } },
    });
    assert.deepEqual(schema.required, [], 'nothing in a loop or an if is sure to be submitted');
    assert.ok(controls.every((control) => control.inLoop || control.conditional));
    assert.match(notes.map((note) => `${note.line}:${note.column} ${note.message}`).join('\n'), /^3:3 <crowd-classifier> at line 3, column 3 has a name built by the template \("rating-\{\{ forloop\.index \}\}"\); its answer keys match \^rating-\[0-9\]\+\$$/m);
    const validate = validator(schema);
    assert.deepEqual(validate({ 'rating-1': { label: 'good' }, 'rating-2': { label: 'bad' }, flags: { a: true, b: false } }), []);
    assert.notDeepEqual(validate({ 'rating-x': { label: 'good' } }), []);
  });

  it('does the same for Handlebars #each with @index and reports a constant name in a loop', () => {
    const source = [
      '<crowd-form>',
      '{{#each task.input.items as |item|}}',
      '  <crowd-input name="answer-{{@index}}"></crowd-input>',
      '  <crowd-text-area name="note"></crowd-text-area>',
      '{{/each}}',
      '</crowd-form>',
    ].join('\n');
    const { schema, notes } = extractAnswerSchema(source, { filename: 'loop.hbs' });
    assert.deepEqual(Object.keys(schema.patternProperties as object), ['^answer-[0-9]+$']);
    assert.deepEqual(Object.keys(schema.properties as object), ['note']);
    assert.ok(notes.some((note) => note.line === 4 && /inside a loop but its name "note" does not change per item/.test(note.message)));
  });

  it('accepts any string where categories come from the task input, and reports shapes GT does not document', () => {
    const dynamic = extractAnswerSchema('<crowd-form><crowd-classifier name="c" categories="{{ task.input.labels | to_json | escape }}"></crowd-classifier></crowd-form>');
    assert.deepEqual((dynamic.schema.properties as Record<string, unknown>).c, { type: 'object', properties: { label: { type: 'string' } }, required: ['label'], additionalProperties: false });
    const ranking = gtSample('text-ranking.liquid.html');
    assert.match(ranking.notes[0]!.message, /does not document the output of crowd-text-ranking/);
  });

  it('narrows crowd-text-ranking to its static dimensions and number of responses', () => {
    const source = `<crowd-form><crowd-text-ranking name="r" text="q" ordinal-ranking-dimensions='[{"name": "Clarity", "allowTie": true}, "Accuracy"]' responses='["a", "b", "c"]'></crowd-text-ranking></crowd-form>`;
    const check = validator(extractAnswerSchema(source).schema);
    const entry = (name: string, responseRankings: number[]) => ({ name, responseRankings });
    assert.deepEqual(check({ r: { ordinalRankingDimensions: [entry('Clarity', [1, 1, 3]), entry('Accuracy', [2, 1, 3])] } }), []);
    assert.deepEqual(check({ r: { ordinalRankingDimensions: [{ responseRankings: [1, 2, 3] }, { responseRankings: [3, 2, 1] }] } }), [], 'name is optional');
    assert.notDeepEqual(check({ r: { ordinalRankingDimensions: [entry('Clarity', [1, 2, 3])] } }), [], 'one entry per dimension');
    assert.notDeepEqual(check({ r: { ordinalRankingDimensions: [entry('Clarity', [1, 2, 4]), entry('Accuracy', [1, 2, 3])] } }), [], 'no rank beyond the number of responses');
    assert.notDeepEqual(check({ r: { ordinalRankingDimensions: [entry('Clarity', [1, 2]), entry('Accuracy', [1, 2, 3])] } }), [], 'one rank per response');
    assert.notDeepEqual(check({ r: { ordinalRankingDimensions: [entry('Fluency', [1, 2, 3]), entry('Accuracy', [1, 2, 3])] } }), [], 'only its dimensions');
  });

  it('reads the Handlebars twin of the relevance template the same way', () => {
    const liquid = extractAnswerSchema(readFixture('relevance.liquid.html'), { filename: 'relevance.liquid.html' });
    const handlebars = extractAnswerSchema(readFixture('relevance.hbs'), { filename: 'relevance.hbs' });
    assert.deepEqual(handlebars.schema, liquid.schema);
  });

  it('throws a TemplateError with the position of a syntax error', () => {
    assert.throws(
      () => extractAnswerSchema('<crowd-form>\n  {% for x in task.input.items %}\n</crowd-form>', { filename: 'broken.liquid.html' }),
      (error: unknown) => error instanceof TemplateError && error.line === 2 && /broken\.liquid\.html:2:/.test(error.message),
    );
  });
});

describe('x-quorum-elements', () => {
  it('names the element that answers each key, telling radio buttons from checkboxes', () => {
    const { schema } = extractAnswerSchema(`<crowd-form>
      <crowd-classifier name="topic" categories="['a', 'b']" header="Topic"></crowd-classifier>
      <input type="radio" name="tone" value="calm"><input type="radio" name="tone" value="angry">
      <input type="checkbox" name="flags" value="spam">
      <input name="note">
    </crowd-form>`);
    assert.deepEqual(schema[ELEMENTS_KEYWORD], { topic: 'crowd-classifier', tone: 'input:radio', flags: 'input:checkbox', note: 'input:text' });
  });
});

describe('labels set by the template\'s script', () => {
  it('do not narrow the answer to the placeholder labels written in the markup', () => {
    const markup = `<crowd-form><crowd-bounding-box name="boxes" src="a.png" labels="['placeholder']"></crowd-bounding-box></crowd-form>`;
    const fixed = extractAnswerSchema(markup).schema;
    const scripted = extractAnswerSchema(`${markup}<script>document.addEventListener('all-crowd-elements-ready', () => { document.querySelector('crowd-bounding-box').labels = ['Car', 'Bus']; });</script>`).schema;
    const answer = { boxes: { boundingBoxes: [{ label: 'Car', left: 1, top: 1, width: 2, height: 2 }], inputImageProperties: { width: 10, height: 10 } } };
    assert.notDeepEqual(validator(fixed)(answer), []);
    assert.deepEqual(validator(scripted)(answer), []);
  });
});

describe('names built by the template beside fixed names', () => {
  it('the pattern leaves the fixed names out, so each key is checked by its own schema (and strict Ajv compiles it)', () => {
    const { schema } = extractAnswerSchema(`<crowd-form>{% for q in task.input.questions %}
      <crowd-radio-group><crowd-radio-button name="{{ q.id }}" value="yes">Yes</crowd-radio-button></crowd-radio-group>
    {% endfor %}<crowd-text-area name="comments" label="Comments"></crowd-text-area></crowd-form>`);
    const check = validator(schema);
    assert.deepEqual(check({ q1: { yes: true }, comments: 'looks fine' }), []);
    assert.notDeepEqual(check({ q1: 'yes', comments: 'looks fine' }), []);
    assert.notDeepEqual(check({ q1: { yes: true }, comments: { yes: true } }), []);
  });
});

describe('an unnamed element linked by crowd-form-element-id', () => {
  it('puts its answer object\'s keys at the top level, as AWS\'s notebooks read them', () => {
    const { schema, notes } = extractAnswerSchema(`<crowd-form id="f" style="display: none"></crowd-form>
      <crowd-text-ranking crowd-form-element-id="f" ordinal-ranking-dimensions='[{"name":"Helpfulness","allowTie":false}]' text="t" responses='["a", "b"]'></crowd-text-ranking>`);
    assert.ok((schema.properties as Record<string, unknown>).ordinalRankingDimensions, 'ordinalRankingDimensions is a top-level key');
    assert.equal(notes.some((note) => /submits nothing/.test(note.message)), false);
    assert.deepEqual((schema[ELEMENTS_KEYWORD] as Record<string, string>).ordinalRankingDimensions, 'crowd-text-ranking');
  });
});
