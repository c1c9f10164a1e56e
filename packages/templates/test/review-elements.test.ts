// The A2I review elements (answer under A2I's key when unnamed), the segmentation elements, and
// the registry against the elements @quorum/elements implements.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { ELEMENT_REGISTRY, GROUND_TRUTH_ELEMENTS, extractAnswerSchema, lintTemplate } from '../src/index.js';
import { validator } from './ajv.js';
import { readFixture } from './support.js';

const TEXTRACT_KEY = 'AWS/Textract/AnalyzeDocument/Forms/V1';
const REKOGNITION_KEY = 'AWS/Rekognition/DetectModerationLabels/Image/V3';

const brief = (source: string): string[] => lintTemplate(source).map((diagnostic) => `${diagnostic.line}:${diagnostic.column} ${diagnostic.severity} ${diagnostic.code}`);

/** @quorum/schema's own answer schema of an element. */
function packageSchema(tag: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../schema/schemas/${tag}.answer.schema.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

/** Every keyword a schema uses, at any depth (property names under `properties` are not keywords). */
function keywordsOf(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((item) => keywordsOf(item, found));
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return found;
  for (const [keyword, value] of Object.entries(schema)) {
    // Vendor annotations (x-quorum-elements) are skipped by every checker, the form's included.
    if (keyword.startsWith('x-')) continue;
    found.add(keyword);
    if (keyword === 'enum' || keyword === 'const' || keyword === 'required') continue;
    if (keyword === 'properties' || keyword === 'patternProperties' || keyword === 'dependentSchemas') Object.values(value as object).forEach((sub) => keywordsOf(sub, found));
    else keywordsOf(value, found);
  }
  return found;
}

/** The keywords `<crowd-form>`'s own schema checker applies (crowd-form/answer-check.ts); it refuses others. */
const FORM_CHECKER_KEYWORDS = new Set([
  '$schema', 'type', 'enum', 'const', 'properties', 'patternProperties', 'additionalProperties', 'required', 'dependentSchemas',
  'items', 'minItems', 'maxItems', 'uniqueItems', 'minimum', 'maximum', 'minLength', 'maxLength', 'anyOf',
]);

const keyBlock = {
  blockType: 'KEY_VALUE_SET',
  id: 'key-1',
  entityTypes: ['KEY'],
  text: 'Name:',
  relationships: [{ type: 'VALUE', ids: ['value-1'] }, { type: 'CHILD', ids: ['word-1'] }],
  geometry: { boundingBox: { width: 0.1, height: 0.02, left: 0.08, top: 0.2 }, polygon: [{ x: 0.08, y: 0.2 }, { x: 0.18, y: 0.2 }, { x: 0.18, y: 0.22 }, { x: 0.08, y: 0.22 }] },
  confidence: 91.5,
  page: 1,
};
const valueBlock = { blockType: 'KEY_VALUE_SET', id: 'value-1', entityTypes: ['VALUE'], text: 'Ana Silva', geometry: { boundingBox: { width: 0.2, height: 0.02, left: 0.2, top: 0.2 } } };

describe('A2I review elements', () => {
  it("give an unnamed <crowd-textract-analyze-document> A2I's key, with @quorum/schema's answer shape", () => {
    const source = readFixture('gt/a2i-textract.liquid.html');
    assert.deepEqual(brief(source), [], 'no missing-name, nothing else');
    const { schema, controls, notes } = extractAnswerSchema(source, { filename: 'a2i-textract.liquid.html' });
    assert.deepEqual(Object.keys(schema.properties as object), [TEXTRACT_KEY]);
    assert.deepEqual(schema.required, [], 'with no pairs from initial-value and none added, the element submits nothing');
    assert.deepEqual(notes, [], 'no "submits nothing" note');
    assert.deepEqual(controls.map((control) => [control.tag, control.key, control.defaultName]), [['crowd-textract-analyze-document', { kind: 'static', name: TEXTRACT_KEY }, true]]);

    // The extracted schema and @quorum/schema's agree on every answer: it is the same shape, inlined.
    const extracted = validator(schema);
    const own = validator(packageSchema('crowd-textract-analyze-document'));
    const answers: Array<[answer: unknown, valid: boolean]> = [
      [{ blocks: [keyBlock, valueBlock] }, true],
      [{ blocks: [] }, true],
      [{ blocks: [{ ...valueBlock, text: '' }] }, true],
      [{ blocks: [{ ...keyBlock, entityTypes: [] }] }, false],
      [{ blocks: [{ ...keyBlock, entityTypes: ['KEY', 'CELL'] }] }, false],
      [{ blocks: [{ ...valueBlock, geometry: { boundingBox: { width: 0.2, height: 0.02, left: 1.5, top: 0.2 } } }] }, false],
      [{ blocks: [{ ...valueBlock, geometry: { polygon: [] } }] }, false],
      [{ blocks: [{ ...keyBlock, relationships: [{ type: 'VALUE' }] }] }, false],
      [{ blocks: [{ ...keyBlock, confidence: 101 }] }, false],
      [{ blocks: [{ ...keyBlock, id: '' }] }, false],
      [{ blocks: [{ blockType: 'KEY_VALUE_SET', id: 'k', entityTypes: ['KEY'] }] }, false],
      [{ keyValuePairs: [] }, false],
      [{ blocks: [keyBlock], extra: true }, false],
    ];
    for (const [answer, valid] of answers) {
      assert.equal(own(answer).length === 0, valid, `@quorum/schema on ${JSON.stringify(answer)}`);
      assert.deepEqual(extracted({ [TEXTRACT_KEY]: answer }).length === 0, valid, `extracted on ${JSON.stringify(answer)}`);
    }
    assert.deepEqual(extracted({}), [], 'nothing submitted');
    assert.notDeepEqual(extracted({ textract: { blocks: [] } }), [], 'only under its key');
  });

  it("give an unnamed <crowd-rekognition-detect-moderation-labels> A2I's key; static categories become an enum", () => {
    const source = readFixture('gt/a2i-rekognition.liquid.html');
    assert.deepEqual(brief(source), []);
    const { schema, notes } = extractAnswerSchema(source, { filename: 'a2i-rekognition.liquid.html' });
    assert.deepEqual(Object.keys(schema.properties as object), [REKOGNITION_KEY]);
    assert.deepEqual(schema.required, []);
    assert.deepEqual(notes, []);
    const extracted = validator(schema);
    const own = validator(packageSchema('crowd-rekognition-detect-moderation-labels'));
    const answers: Array<[answer: unknown, valid: boolean]> = [
      [{ moderationLabels: [{ name: 'Gore', parentName: 'Violence' }] }, true],
      [{ moderationLabels: [{ name: 'Gore', parentName: 'Violence', confidence: 87.2 }, 'Weapons'] }, true],
      [{ moderationLabels: [] }, true],
      [{ moderationLabels: [{ parentName: 'Violence' }] }, false],
      [{ moderationLabels: [{ name: '' }] }, false],
      [{ moderationLabels: [7] }, false],
      [{ ModerationLabels: [] }, false],
    ];
    for (const [answer, valid] of answers) {
      assert.equal(own(answer).length === 0, valid, `@quorum/schema on ${JSON.stringify(answer)}`);
      assert.equal(extracted({ [REKOGNITION_KEY]: answer }).length === 0, valid, `extracted on ${JSON.stringify(answer)}`);
    }

    const named = extractAnswerSchema(`<crowd-form>
  <crowd-rekognition-detect-moderation-labels name="moderation" required src="a.jpg"
      categories="['Nudity', { name: 'Gore', parentName: 'Violence' }]"></crowd-rekognition-detect-moderation-labels>
</crowd-form>`);
    assert.deepEqual(Object.keys(named.schema.properties as object), ['moderation'], 'a name wins over the default key');
    assert.deepEqual(named.schema.required, ['moderation']);
    const check = validator(named.schema);
    assert.deepEqual(check({ moderation: { moderationLabels: ['Nudity', { name: 'Gore', parentName: 'Violence' }] } }), []);
    assert.notDeepEqual(check({ moderation: { moderationLabels: ['Gore'] } }), [], 'an object category is submitted whole');
    assert.notDeepEqual(check({ moderation: { moderationLabels: ['Nudity', 'Nudity'] } }), []);
    assert.notDeepEqual(check({ [REKOGNITION_KEY]: { moderationLabels: [] } }), [], 'no default key once named');

    // Rekognition's own casing in the template; the element answers in A2I's camelCase.
    const pascal = extractAnswerSchema(`<crowd-form><crowd-rekognition-detect-moderation-labels src="a.jpg" categories="[{ Name: 'Gore', ParentName: 'Violence' }]"></crowd-rekognition-detect-moderation-labels></crowd-form>`);
    const checkPascal = validator(pascal.schema);
    assert.deepEqual(checkPascal({ [REKOGNITION_KEY]: { moderationLabels: [{ name: 'Gore', parentName: 'Violence' }] } }), []);
    assert.notDeepEqual(checkPascal({ [REKOGNITION_KEY]: { moderationLabels: [{ Name: 'Gore', ParentName: 'Violence' }] } }), []);
  });

  it('lint reads moderation categories as strings or { name } objects, as the element does', () => {
    const tag = (categories: string): string =>
      `<crowd-form><crowd-rekognition-detect-moderation-labels src="a.jpg" categories="${categories}"></crowd-rekognition-detect-moderation-labels></crowd-form>`;
    assert.deepEqual(brief(tag("['Nudity', { name: 'Gore', parentName: 'Violence' }, { Name: 'Weapons' }]")), []);
    for (const [categories, message] of [
      ["[{ parentName: 'Violence' }]", /item 0 must be a string or an object with a name/],
      ["['Gore', { name: 'Gore' }]", /item 1: the category "Gore" is listed twice/],
      ["{ name: 'Gore' }", /expected an array/],
      ["['Gore'", /is not a valid list of strings or objects/],
    ] as const) {
      const diagnostics = lintTemplate(tag(categories));
      assert.deepEqual(diagnostics.map((d) => d.code), ['invalid-attribute'], categories);
      assert.match(diagnostics[0]!.message, message, categories);
    }
  });

  it('use only keywords that <crowd-form> can check without a compiled validator', () => {
    for (const fixture of ['gt/a2i-textract.liquid.html', 'gt/a2i-rekognition.liquid.html']) {
      const { schema } = extractAnswerSchema(readFixture(fixture));
      const unsupported = [...keywordsOf(schema)].filter((keyword) => !FORM_CHECKER_KEYWORDS.has(keyword));
      assert.deepEqual(unsupported, [], fixture);
    }
  });

  it('lint: an empty name turns the default key off; two unnamed elements collide on it; a loop repeats it', () => {
    const empty = '<crowd-form>\n<crowd-textract-analyze-document name="" src="d.png"></crowd-textract-analyze-document>\n</crowd-form>';
    const diagnostics = lintTemplate(empty);
    assert.deepEqual(diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`), ['2:34 missing-name']);
    assert.match(diagnostics[0]!.message, new RegExp(`has an empty name, so its answer is not submitted; remove name to answer under "${TEXTRACT_KEY}"`));
    const { schema, notes } = extractAnswerSchema(empty);
    assert.deepEqual(schema.properties, {});
    assert.match(notes[0]!.message, /has no name, so it submits nothing/);

    const twice = lintTemplate('<crowd-form>\n<crowd-textract-analyze-document src="a.png"></crowd-textract-analyze-document>\n<crowd-textract-analyze-document src="b.png"></crowd-textract-analyze-document>\n</crowd-form>');
    assert.deepEqual(twice.map((d) => `${d.line}:${d.column} ${d.code}`), ['3:1 duplicate-name']);
    assert.match(twice[0]!.message, new RegExp(`already submits under "${TEXTRACT_KEY}" \\(<crowd-textract-analyze-document> at line 2, column 1\\).*give it a name`));

    const looped = lintTemplate('<crowd-form>{% for image in task.input.images %}<crowd-rekognition-detect-moderation-labels src="{{ image }}"></crowd-rekognition-detect-moderation-labels>{% endfor %}</crowd-form>');
    assert.deepEqual(looped.map((d) => d.code), ['duplicate-name']);
    assert.match(looped[0]!.message, /has no name and is inside a loop, so every item submits under the same name .*name="review-\{\{ forloop\.index \}\}"/);

    const mixed = lintTemplate(`<crowd-form><crowd-input name="${REKOGNITION_KEY}"></crowd-input><crowd-rekognition-detect-moderation-labels src="a"></crowd-rekognition-detect-moderation-labels></crowd-form>`);
    assert.deepEqual(mixed.map((d) => d.code), ['duplicate-name'], 'a named control under the same key collides too');
  });

  it('lint knows the attributes each element reads, and still flags others', () => {
    const source = `<crowd-form>
  <crowd-textract-analyze-document required disabled keys="['Name']" initial-value="[]" block-types="['KEY_VALUE_SET']" no-key-edit no-geometry-edit src="d.png" header="h"></crowd-textract-analyze-document>
  <crowd-rekognition-detect-moderation-labels name="m" required categories="['Gore']" initial-value="['Gore']" exclusion-category="{ text: 'None' }" src="i.png" header="h"></crowd-rekognition-detect-moderation-labels>
  <crowd-rekognition-detect-moderation-labels name="n" categoreis="['Gore']" src="i.png"></crowd-rekognition-detect-moderation-labels>
</crowd-form>`;
    const diagnostics = lintTemplate(source);
    assert.deepEqual(diagnostics.map((d) => `${d.line} ${d.code}`), ['4 unknown-attribute']);
    assert.match(diagnostics[0]!.message, /no attribute "categoreis" \(did you mean "categories"\?\)/);
  });
});

describe('segmentation elements', () => {
  it('lint accepts every attribute the segmentation tools read (SegmentationAnnotator)', () => {
    for (const tag of ['crowd-semantic-segmentation', 'crowd-instance-segmentation']) {
      const source = `<crowd-form>\n<${tag} name="mask" src="a.png" header="Paint" labels="['Car', 'Road']" label-colors="['#ff0000', '#00ff00']" initial-value='{"labeledImage": {"pngImageData": "iVBO"}}' required disabled></${tag}>\n</crowd-form>`;
      assert.deepEqual(brief(source), [], tag);
      assert.deepEqual(brief(`<crowd-form><${tag} src="a.png" labels="['Car']"></${tag}></crowd-form>`), ['1:13 error missing-name'], `${tag} needs a name`);
      const typo = lintTemplate(`<crowd-form><${tag} name="m" label-colours="['#ff0000']"></${tag}></crowd-form>`);
      assert.deepEqual(typo.map((d) => d.code), ['unknown-attribute'], tag);
      assert.match(typo[0]!.message, /"label-colours" \(did you mean "label-colors"\?\)/);
    }
  });

  it('labels may be objects, as the image tools read them; their label is the answer value', () => {
    const source = `<crowd-form><crowd-semantic-segmentation name="mask" src="a.png" labels="[{ label: 'car', fullDisplayName: 'A car' }, { shortDisplayName: 'Road' }, 'Sky']"></crowd-semantic-segmentation>
<crowd-instance-segmentation name="cars" src="a.png" labels="[{ label: 'car', fullDisplayName: 'A car' }, 7]"></crowd-instance-segmentation></crowd-form>`;
    assert.deepEqual(brief(source), []);
    const { schema } = extractAnswerSchema(source);
    const instances = (schema.properties as Record<string, { properties: { instances: { items: { properties: { label: unknown } } } } }>).cars;
    assert.deepEqual(instances.properties.instances.items.properties.label, { enum: ['car', '7'] });
    const broken = lintTemplate(`<crowd-form><crowd-semantic-segmentation name="m" labels="[{ color: '#ff0000' }]"></crowd-semantic-segmentation></crowd-form>`);
    assert.deepEqual(broken.map((d) => d.code), ['invalid-attribute']);
    assert.match(broken[0]!.message, /item 0 must be a string or an object with label, fullDisplayName or shortDisplayName/);
  });

  it('an instance segmentation answer is optional and may carry initialValueModified; labels narrow the instances', () => {
    const { schema } = extractAnswerSchema(`<crowd-form><crowd-instance-segmentation name="cars" src="a.png" labels="['Car', 'Bus']"></crowd-instance-segmentation></crowd-form>`);
    assert.deepEqual(schema.required, [], 'an image with nothing painted submits nothing');
    const check = validator(schema);
    const answer = {
      inputImageProperties: { width: 4, height: 3 },
      instances: [{ color: '#1f77b4', label: 'Car' }, { color: '#ff7f0e', label: 'Car' }],
      labeledImage: { pngImageData: 'iVBORw0KGgo=' },
    };
    assert.deepEqual(check({}), []);
    assert.deepEqual(check({ cars: answer }), []);
    assert.deepEqual(check({ cars: { ...answer, initialValueModified: false } }), [], 'adjustment tasks (initial-value) add it');
    assert.notDeepEqual(check({ cars: { ...answer, instances: [{ color: '#1f77b4', label: 'Truck' }] } }), []);
    assert.notDeepEqual(check({ cars: { inputImageProperties: answer.inputImageProperties, labeledImage: answer.labeledImage } }), []);
  });
});

describe('the registry and the elements Quorum ships', () => {
  it('has every element folder of @quorum/elements, so lint calls none unknown or unsupported', () => {
    const folders = readdirSync(new URL('../../elements/src/', import.meta.url), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name.startsWith('crowd-'))
      .map((entry) => entry.name);
    assert.ok(folders.includes('crowd-textract-analyze-document') && folders.includes('crowd-semantic-segmentation'), 'read the elements sources');
    assert.deepEqual(folders.filter((tag) => !ELEMENT_REGISTRY.has(tag)), []);
    for (const tag of folders) {
      const descriptor = ELEMENT_REGISTRY.get(tag)!;
      const name = descriptor.requiresName || descriptor.answer ? ' name="x"' : '';
      const found = lintTemplate(`<crowd-form><${tag}${name}></${tag}></crowd-form>`).filter((d) => d.code === 'unknown-element' || d.code === 'unsupported-element');
      assert.deepEqual(found, [], tag);
    }
  });

  it('implements every element Ground Truth and A2I document', () => {
    assert.deepEqual([...GROUND_TRUTH_ELEMENTS.keys()].filter((tag) => !ELEMENT_REGISTRY.has(tag)), []);
  });

  it('gives a default key only to elements that do not require a name', () => {
    const withDefault = [...ELEMENT_REGISTRY.values()].filter((descriptor) => descriptor.defaultName !== undefined);
    assert.deepEqual(withDefault.map((descriptor) => [descriptor.tag, descriptor.defaultName]), [
      ['crowd-textract-analyze-document', TEXTRACT_KEY],
      ['crowd-rekognition-detect-moderation-labels', REKOGNITION_KEY],
    ]);
    for (const descriptor of withDefault) {
      assert.equal(descriptor.requiresName, false, descriptor.tag);
      assert.ok(descriptor.answer, descriptor.tag);
    }
  });
});
