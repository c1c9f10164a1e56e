// Quorum's own elements (crowd-rating, crowd-pairwise, crowd-rubric, crowd-chat-transcript,
// crowd-ranking) in the registry: lint knows them, and the answer schema extracted from a template
// narrows @quorum/schema's shape of each by the element's static attributes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ELEMENT_REGISTRY, extractAnswerSchema, lintTemplate } from '../src/index.js';
import { validator } from './ajv.js';

const TEMPLATE = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form>
  <crowd-rating name="stars" header="How good is it?" max="4" allow-comment low-label="Bad" high-label="Great" variant="likert"></crowd-rating>
  <crowd-pairwise name="preference" response-a="{{ task.input.a }}" response-b="{{ task.input.b }}" strength rationale
      dimensions="['helpfulness', { name: 'harmlessness', label: 'Harmless' }]"></crowd-pairwise>
  <crowd-rubric name="grade" overall-max="3"
      criteria="[{ name: 'accuracy', levels: ['poor', 'fair', 'good'] }, { name: 'clarity', levels: 4, comment: 'required' }]"></crowd-rubric>
  <crowd-chat-transcript name="review" turns='[{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}]'
      reasons="['Rude', 'Wrong']" flag-roles="assistant"></crowd-chat-transcript>
  <crowd-ranking name="order" items="['first', 'second', 'third']" allow-ties required></crowd-ranking>
</crowd-form>
`;

/** @quorum/schema's own answer schema of an element, as the other packages validate against it. */
function packageShape(tag: string): (data: unknown) => string[] {
  const file = new URL(`../../schema/schemas/${tag}.answer.schema.json`, import.meta.url);
  return validator(JSON.parse(readFileSync(file, 'utf8')) as object);
}

describe("Quorum's own elements", () => {
  it('are in the registry as answer controls that need a name', () => {
    for (const tag of ['crowd-rating', 'crowd-pairwise', 'crowd-rubric', 'crowd-chat-transcript', 'crowd-ranking']) {
      const descriptor = ELEMENT_REGISTRY.get(tag);
      assert.ok(descriptor, tag);
      assert.equal(descriptor.family, 'quorum');
      assert.equal(descriptor.requiresName, true);
      assert.equal(descriptor.answer?.alwaysPresent, false, `${tag} submits nothing until answered`);
    }
  });

  it('lint accepts a template using them, and still catches their mistakes', () => {
    assert.deepEqual(lintTemplate(TEMPLATE, { filename: 'quorum.liquid.html' }), []);
    const broken = `<crowd-form>
  <crowd-rating header="x" maxx="4"></crowd-rating>
  <crowd-ranking name="order" items="['a', 'b'"></crowd-ranking>
  <crowd-rubric name="grade"><crowd-criterion name="accuracy" levels="3"></crowd-criterion></crowd-rubric>
  <crowd-pairwise name="order"></crowd-pairwise>
</crowd-form>`;
    const found = lintTemplate(broken, { filename: 'broken.liquid.html' }).map((diagnostic) => `${diagnostic.line}:${diagnostic.column} ${diagnostic.code}: ${diagnostic.message}`);
    assert.equal(found.length, 4, found.join('\n'));
    assert.match(found[0]!, /^2:3 missing-name: <crowd-rating> has no name/);
    assert.match(found[1]!, /^2:28 unknown-attribute: <crowd-rating> has no attribute "maxx" \(did you mean "max"\?\)/);
    assert.match(found[2]!, /^3:31 invalid-attribute: items of <crowd-ranking>/);
    assert.match(found[3]!, /^5:3 duplicate-name: .*order/);
  });

  it('give the template an answer schema that accepts what each element submits and refuses what it cannot', () => {
    const { schema, controls } = extractAnswerSchema(TEMPLATE, { filename: 'quorum.liquid.html' });
    assert.deepEqual(controls.map((control) => control.tag), ['crowd-rating', 'crowd-pairwise', 'crowd-rubric', 'crowd-chat-transcript', 'crowd-ranking']);
    assert.deepEqual(schema.required, ['order'], 'only the required ranking is always submitted');
    const validate = validator(schema);
    const valid = {
      stars: { rating: 3, comment: 'Fine.' },
      preference: {
        choice: 'A',
        strength: 'much',
        rationale: 'A cites its source.',
        dimensions: { helpfulness: { choice: 'A', strength: 'slightly' }, harmlessness: { choice: 'tie' } },
      },
      grade: { criteria: { accuracy: { score: 2, label: 'fair' }, clarity: { score: 4, comment: 'Clear.' } }, overall: 3 },
      review: { flags: [{ turn: 1, role: 'assistant', reason: 'Rude', comment: 'Curt.' }], correctedReply: 'Hello! How can I help?' },
      order: { responseRankings: [1, 1, 2] },
    };
    assert.deepEqual(validate(valid), []);
    assert.deepEqual(validate({ order: { responseRankings: [2, 1, 3] } }), []);
    // Each value also fits @quorum/schema's general shape of its element.
    for (const [name, tag] of Object.entries({ stars: 'crowd-rating', preference: 'crowd-pairwise', grade: 'crowd-rubric', review: 'crowd-chat-transcript', order: 'crowd-ranking' })) {
      assert.deepEqual(packageShape(tag)(valid[name as keyof typeof valid]), [], `${name} against ${tag}.answer.schema.json`);
    }

    const refused: Array<[string, Record<string, unknown>, RegExp]> = [
      ['a rating above max', { stars: { rating: 5 } }, /\/stars\/rating must be <= 4/],
      ['an empty comment', { stars: { rating: 2, comment: '' } }, /\/stars\/comment must NOT have fewer than 1 characters/],
      ['strength with a tie', { preference: { ...valid.preference, choice: 'tie', strength: 'much' } }, /\/preference\/choice must be equal to one of the allowed values/],
      ['a missing dimension', { preference: { ...valid.preference, dimensions: { helpfulness: { choice: 'B' } } } }, /must have required property 'harmlessness'/],
      ['an unknown criterion', { grade: { ...valid.grade, criteria: { ...valid.grade.criteria, style: { score: 1 } } } }, /must NOT have additional properties/],
      ['a score above the levels', { grade: { ...valid.grade, criteria: { ...valid.grade.criteria, clarity: { score: 5, comment: 'x' } } } }, /clarity\/score must be <= 4/],
      ['a required criterion comment missing', { grade: { ...valid.grade, criteria: { ...valid.grade.criteria, clarity: { score: 2 } } } }, /must have required property 'comment'/],
      ['an overall above overall-max', { grade: { ...valid.grade, overall: 4 } }, /\/grade\/overall must be <= 3/],
      ['a turn past the transcript', { review: { flags: [{ turn: 2, role: 'assistant', reason: 'Rude' }] } }, /turn must be <= 1/],
      ['a reason not offered', { review: { flags: [{ turn: 1, role: 'assistant', reason: 'Other' }] } }, /reason must be equal to one of the allowed values/],
      ['a ranking of too few items', { order: { responseRankings: [1, 2] } }, /must NOT have fewer than 3 items/],
      ['a rank past the items', { order: { responseRankings: [1, 2, 4] } }, /must be <= 3/],
    ];
    for (const [what, answer, expected] of refused) {
      const errors = validate({ order: valid.order, ...answer });
      assert.ok(errors.some((error) => expected.test(error)), `${what}: ${errors.join('; ') || 'accepted'}`);
    }
  });

  it('fall back to the general shape when the template builds the attributes', () => {
    const { schema } = extractAnswerSchema(
      `<crowd-form>
  <crowd-rating name="stars" max="{{ task.input.max }}"></crowd-rating>
  <crowd-pairwise name="pair" dimensions="{{ task.input.dimensions | to_json | escape }}"></crowd-pairwise>
  <crowd-rubric name="grade" no-overall><crowd-criterion name="accuracy"></crowd-criterion></crowd-rubric>
  <crowd-chat-transcript name="review" turns="{{ task.input.turns | to_json | escape }}" no-correction></crowd-chat-transcript>
  <crowd-ranking name="order" items="{{ task.input.items | to_json | escape }}"></crowd-ranking>
</crowd-form>`,
      { filename: 'dynamic.liquid.html' },
    );
    const validate = validator(schema);
    assert.deepEqual(
      validate({
        stars: { rating: 10 },
        pair: { choice: 'B', dimensions: { anything: { choice: 'both-bad' } } },
        grade: { criteria: { accuracy: { score: 7 } } },
        review: { flags: [{ turn: 40, role: 'user', reason: 'Inaccurate' }] },
        order: { responseRankings: [3, 1, 2, 4] },
      }),
      [],
    );
    const errors = validate({ stars: { rating: 11, comment: 'x' }, grade: { criteria: {}, overall: 3 }, review: { flags: [], correctedReply: 'x' }, pair: { choice: 'A', strength: 'much' } });
    assert.equal(errors.length, 5, errors.join('\n'));
  });
});
