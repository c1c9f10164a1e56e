import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { JsonObject, PayloadItem } from '@quorum/schema';
import { consolidateAnswers, consolidateAnswersAsync, type ObjectWriter } from '../src/dispatch/consolidate.js';
import { planFromAnswerSchema } from '../src/dispatch/plan.js';
import { decodePng, encodeBase64, encodeIndexedPng } from '../src/spatial/png.js';
import { readSharedJson } from './helpers.js';
import { birdAnswers, payloadItem, segmentationAnswer } from './segmentation-payload.js';

const object = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: 'object', properties, required, additionalProperties: false });
const image = object({ height: { type: 'number' }, width: { type: 'number' } });

/**
 * An answer schema as `extractAnswerSchema` in @quorum/templates writes it for a template using
 * every kind of control (shapes copied from packages/templates/src/elements.ts).
 */
const SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    relevance: object({ label: { enum: ['1', '2', '3', '4', '5'] } }),
    species: object({ label: { enum: ['cat', 'dog'] }, workerComment: { type: 'string' } }, ['label']),
    topics: object({ labels: { type: 'array', items: { enum: ['billing', 'bug', 'praise'] }, uniqueItems: true } }),
    stars: object({ rating: { type: 'integer', minimum: 1, maximum: 5 }, comment: { type: 'string', minLength: 1 } }, ['rating']),
    howMuch: { type: 'number', minimum: 1, maximum: 10 },
    preference: object({ choice: { enum: ['A', 'B', 'tie', 'both-bad'] }, rationale: { type: 'string', minLength: 1 } }, ['choice']),
    order: object({ responseRankings: { type: 'array', minItems: 3, maxItems: 3, items: { type: 'integer', minimum: 1, maximum: 3 } } }),
    textRanking: {
      type: 'object',
      properties: { ordinalRankingDimensions: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, responseRankings: { type: 'array', items: { type: 'integer', minimum: 1 } } }, required: ['responseRankings'] } } },
      required: ['ordinalRankingDimensions'],
    },
    ner: object({ entities: { type: 'array', items: object({ endOffset: { type: 'integer', minimum: 0 }, label: { enum: ['verb', 'number', 'object'] }, startOffset: { type: 'integer', minimum: 0 } }) } }),
    boxes: object({ boundingBoxes: { type: 'array', items: object({ height: { type: 'number' }, label: { enum: ['Cat', 'Dog'] }, left: { type: 'number' }, top: { type: 'number' }, width: { type: 'number' } }) }, inputImageProperties: image, initialValueModified: { type: 'boolean' } }, ['boundingBoxes', 'inputImageProperties']),
    points: object({ keypoints: { type: 'array', items: object({ label: { enum: ['eye', 'nose'] }, x: { type: 'number' }, y: { type: 'number' } }) }, inputImageProperties: image, initialValueModified: { type: 'boolean' } }, ['keypoints', 'inputImageProperties']),
    comment: { type: 'string', maxLength: 500 },
    sentiment: { enum: ['Negative', 'Neutral', 'Positive'] },
    image_attributes: object({ blurry: { type: 'boolean' }, dim: { type: 'boolean' }, exposed: { type: 'boolean' } }),
    polygon: object({ polygons: { type: 'array', items: { type: 'object' } }, inputImageProperties: image }, ['polygons', 'inputImageProperties']),
  },
  required: ['relevance', 'species', 'topics', 'ner', 'boxes', 'points', 'image_attributes', 'polygon'],
  additionalProperties: false,
};

/** A payload from `{ <id>: { <worker>: answer } }`, each answer as GT stores it (a JSON string). */
function payloadOf(answers: Record<string, Record<string, unknown>>, dataObjects: Record<string, JsonObject> = {}): PayloadItem[] {
  return Object.entries(answers).map(([id, byWorker]) => ({
    datasetObjectId: id,
    dataObject: dataObjects[id] ?? { content: `object ${id}` },
    annotations: Object.entries(byWorker).map(([workerId, answer]) => ({ workerId, annotationData: { content: typeof answer === 'string' ? answer : JSON.stringify(answer) } })),
  }));
}

const run = (payload: unknown, attributes: Record<string, object> | undefined, extra: object = {}) =>
  consolidateAnswers(payload, { labelAttributeName: 'review', schema: { type: 'object', properties: {} }, ...(attributes && { attributes }), bootstrapSamples: 200, ...extra } as never);
const contentOf = (result: ReturnType<typeof consolidateAnswers>, id: string) => {
  const item = result.response.find((entry) => entry.datasetObjectId === id);
  assert.ok(item, `object ${id} is in the response`);
  return item.consolidatedAnnotation.content as { review: Record<string, unknown>; 'review-metadata': { 'worker-count': number; answers: Record<string, Record<string, unknown>> } };
};

describe('planFromAnswerSchema', () => {
  it('infers the kind of every answer of the schema, with its labels', () => {
    const plan = planFromAnswerSchema(SCHEMA);
    const summary = Object.fromEntries(Object.entries(plan.attributes).map(([key, config]) => [key, [config.kind, config.shape, config.labels ?? null, config.required ?? false]]));
    assert.deepEqual(summary, {
      relevance: ['categorical', 'object', ['1', '2', '3', '4', '5'], true],
      species: ['categorical', 'object', ['cat', 'dog'], true],
      topics: ['multilabel', 'object', ['billing', 'bug', 'praise'], true],
      stars: ['rating', 'object', null, false],
      howMuch: ['rating', 'number', null, false],
      preference: ['pairwise', 'object', null, false],
      order: ['ranking', 'object', null, false],
      textRanking: ['ranking', 'object', null, false],
      ner: ['spans', 'object', ['verb', 'number', 'object'], true],
      boxes: ['boxes', 'object', ['Cat', 'Dog'], true],
      points: ['keypoints', 'object', ['eye', 'nose'], true],
      comment: ['free-text', 'string', null, false],
      sentiment: ['categorical', 'string', ['Negative', 'Neutral', 'Positive'], false],
      image_attributes: ['multilabel', 'boolean-map', ['blurry', 'dim', 'exposed'], true],
      polygon: ['polygons', 'object', null, true],
    });
    assert.match(plan.notes.join('\n'), /"image_attributes" is an object of booleans .* consolidated as multi-label/);
  });

  it('uses the element when the schema or the caller names it: radio buttons are one choice', () => {
    const radio = { type: 'object', properties: { answer: object({ yes: { type: 'boolean' }, no: { type: 'boolean' } }) }, required: ['answer'] };
    assert.equal(planFromAnswerSchema(radio).attributes.answer!.kind, 'multilabel');
    assert.equal(planFromAnswerSchema({ ...radio, 'x-quorum-elements': { answer: 'crowd-radio-button' } }).attributes.answer!.kind, 'categorical');
    assert.equal(planFromAnswerSchema(radio, { answer: 'input:radio' }).attributes.answer!.kind, 'categorical');
    const notes = { type: 'object', properties: { n: { type: 'string', 'x-quorum-element': 'crowd-text-area' } } };
    assert.deepEqual(planFromAnswerSchema(notes).attributes.n, { kind: 'free-text', shape: 'string', element: 'crowd-text-area' });
  });

  it('plans keys built in template loops from patternProperties', () => {
    const plan = planFromAnswerSchema({ type: 'object', properties: {}, patternProperties: { '^rating-[0-9]+$': object({ label: { enum: ['good', 'bad'] } }) } });
    assert.deepEqual(plan.patterns, [{ pattern: '^rating-[0-9]+$', config: { kind: 'categorical', shape: 'object', labels: ['good', 'bad'] } }]);
  });

  it('rejects what is not an object schema', () => {
    assert.throws(() => planFromAnswerSchema({ type: 'array' }), /must be a JSON Schema object of an answer object/);
    assert.throws(() => planFromAnswerSchema('x'), TypeError);
  });
});

describe('consolidateAnswers', () => {
  it('consolidates every kind of answer of one template and keeps what workers wrote beside', () => {
    const answer = (worker: number) => ({
      relevance: { label: ['4', '4', '2'][worker] },
      species: { label: 'cat', ...(worker === 2 && { workerComment: 'blurry, maybe a fox' }) },
      topics: { labels: [['billing', 'bug'], ['billing'], ['billing', 'praise']][worker] },
      stars: { rating: [4, 5, 3][worker], ...(worker === 0 && { comment: 'good answer' }) },
      howMuch: [6, 7, 8][worker],
      preference: { choice: ['A', 'A', 'B'][worker], ...(worker === 1 && { rationale: 'A cites a source' }) },
      order: { responseRankings: [[1, 2, 3], [1, 3, 2], [2, 1, 3]][worker] },
      comment: ['fine as is', 'fine as it is', 'too long'][worker],
      sentiment: ['Negative', 'Neutral', 'Negative'][worker],
      image_attributes: { blurry: worker < 2, dim: false, exposed: worker === 2 },
    });
    const payload = payloadOf({ '0': { w1: answer(0), w2: answer(1), w3: answer(2) } });
    const result = consolidateAnswers(payload, { labelAttributeName: 'review', schema: { ...SCHEMA, required: [] }, bootstrapSamples: 200 });
    assert.deepEqual(result.errors, []);
    const { review, 'review-metadata': metadata } = contentOf(result, '0');
    assert.deepEqual(review, {
      relevance: { label: '4' },
      species: { label: 'cat' },
      topics: { labels: ['billing'] },
      stars: { rating: 4 },
      howMuch: 7,
      preference: { choice: 'A' },
      order: { responseRankings: [1, 2, 3] },
      comment: 'fine as is',
      sentiment: 'Negative',
      image_attributes: { blurry: true, dim: false, exposed: false },
    });
    assert.equal(metadata['worker-count'], 3);
    assert.deepEqual(Object.fromEntries(Object.entries(metadata.answers).map(([key, m]) => [key, [m.kind, m.method]])), {
      relevance: ['categorical', 'gt-ds'],
      species: ['categorical', 'gt-ds'],
      topics: ['multilabel', 'binary-relevance/mv'],
      stars: ['rating', 'mean'],
      howMuch: ['rating', 'mean'],
      preference: ['pairwise', 'vote'],
      order: ['ranking', 'borda'],
      comment: ['free-text', 'medoid'],
      sentiment: ['categorical', 'gt-ds'],
      image_attributes: ['multilabel', 'binary-relevance/mv'],
    });
    assert.deepEqual(metadata.answers.species!.extras, [{ workerId: 'w3', workerComment: 'blurry, maybe a fox' }]);
    assert.deepEqual(metadata.answers.stars!.extras, [{ workerId: 'w1', comment: 'good answer' }]);
    assert.deepEqual(metadata.answers.preference!.extras, [{ workerId: 'w2', rationale: 'A cites a source' }]);
    assert.deepEqual(metadata.answers.preference!.votes, { A: 2, B: 1, tie: 0, 'both-bad': 0 });
    assert.deepEqual(metadata.answers.stars!.ratings, { w1: 4, w2: 5, w3: 3 });
    assert.deepEqual(metadata.answers.topics!['confidence-map'], { billing: 1, bug: 0.33, praise: 0.33 });
    assert.deepEqual(metadata.answers.comment!.answers, [
      { workerId: 'w1', value: 'fine as is', similarity: 1 },
      { workerId: 'w2', value: 'fine as it is', similarity: 0.77 }, // 3 edits over 13 characters
      { workerId: 'w3', value: 'too long', similarity: 0.1 },
    ], 'every answer is kept beside the medoid');
  });

  it('categorical: Dawid-Skene over the whole batch learns that a worker is unreliable', () => {
    // w4 always disagrees with w1-w3; on object 9, w4 and w5 say "2" against w1's "1".
    const answers: Record<string, Record<string, unknown>> = {};
    for (let i = 0; i < 9; i++) answers[String(i)] = { w1: { label: '1' }, w2: { label: '1' }, w3: { label: '1' }, w4: { label: '2' } };
    answers['9'] = { w1: { label: '1' }, w4: { label: '2' }, w5: { label: '2' } };
    const attributes = { relevance: { kind: 'categorical' } };
    const byDs = run(payloadOf(Object.fromEntries(Object.entries(answers).map(([id, byWorker]) => [id, Object.fromEntries(Object.entries(byWorker).map(([w, a]) => [w, { relevance: a }]))]))), attributes);
    const byMv = run(payloadOf(Object.fromEntries(Object.entries(answers).map(([id, byWorker]) => [id, Object.fromEntries(Object.entries(byWorker).map(([w, a]) => [w, { relevance: a }]))]))), { relevance: { kind: 'categorical', method: 'mv' } });
    assert.deepEqual(contentOf(byMv, '9').review.relevance, { label: '2' });
    assert.deepEqual(contentOf(byDs, '9').review.relevance, { label: '1' }, 'Dawid-Skene discounts w4');
    const byDefault = run(payloadOf({ '9': { w1: { relevance: { label: '1' } }, w4: { relevance: { label: '2' } }, w5: { relevance: { label: '2' } } } }), attributes, { categoricalMethod: 'mv' });
    assert.equal(contentOf(byDefault, '9')['review-metadata'].answers.relevance!.method, 'mv');
    assert.equal(byDs.response.length, 10);
  });

  it('uses the job\'s labelCategories where the schema has no enum, and rejects other labels', () => {
    const payload = payloadOf({ a: { w1: { c: { label: 'x' } }, w2: { c: { label: 'nope' } } } });
    const result = run(payload, { c: { kind: 'categorical' } }, { labelCategories: ['x', 'y'] });
    assert.deepEqual(contentOf(result, 'a').review.c, { label: 'x' });
    assert.deepEqual(result.errors.map((e) => [e.workerId, e.answerName, e.message]), [['w2', 'c', 'answer "c" label "nope" is not one of ["x","y"]']]);
  });

  it('ratings: statistic per config, intervals, and numbers given as strings by native inputs', () => {
    const payload = payloadOf({ q1: { w1: { score: '2' }, w2: { score: 4 }, w3: { score: 9 } }, q2: { w1: { score: 5 }, w2: { score: 5 } } });
    const result = run(payload, { score: { kind: 'rating', shape: 'number', statistic: 'median' } });
    assert.equal(contentOf(result, 'q1').review.score, 4);
    const meta = contentOf(result, 'q1')['review-metadata'].answers.score!;
    assert.equal(meta.method, 'median');
    assert.ok((meta.lower as number) <= 4 && (meta.upper as number) >= 4);
    assert.equal(contentOf(result, 'q2').review.score, 5);
  });

  it('pairwise: Bradley-Terry scores the compared items across the batch', () => {
    const dataObjects: Record<string, JsonObject> = {};
    const answers: Record<string, Record<string, unknown>> = {};
    // model-x beats model-y in 4 of 5 prompts; the fifth is an even split.
    for (let i = 0; i < 5; i++) {
      dataObjects[String(i)] = { prompt: `p${i}`, modelA: i % 2 ? 'model-y' : 'model-x', modelB: i % 2 ? 'model-x' : 'model-y' };
      const xSide = i % 2 ? 'B' : 'A';
      answers[String(i)] = i === 4 ? { w1: { pref: { choice: 'A' } }, w2: { pref: { choice: 'B' } } } : { w1: { pref: { choice: xSide } }, w2: { pref: { choice: xSide } }, w3: { pref: { choice: 'tie' } } };
    }
    const result = run(payloadOf(answers, dataObjects), { pref: { kind: 'pairwise', items: { a: 'modelA', b: 'modelB' } } });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(contentOf(result, '1').review.pref, { choice: 'B' });
    assert.deepEqual(contentOf(result, '4').review.pref, { choice: 'tie' }, 'an even split is a tie');
    const bt = contentOf(result, '1')['review-metadata'].answers.pref!['bradley-terry'] as Record<string, number | string>;
    assert.equal(bt['item-a'], 'model-y');
    assert.ok((bt['probability-a'] as number) < 0.5, 'model-y is the weaker item');
    assert.equal(bt['rank-b'], 1);
  });

  it('ranking: Borda or Plackett-Luce per dimension of crowd-text-ranking', () => {
    const rank = (a: number[], b: number[]) => ({ textRanking: { ordinalRankingDimensions: [{ name: 'helpful', responseRankings: a }, { name: 'safe', responseRankings: b }] } });
    const payload = payloadOf({ p: { w1: rank([1, 2, 3], [3, 2, 1]), w2: rank([1, 3, 2], [3, 1, 2]), w3: rank([2, 1, 3], [3, 2, 1]) } });
    for (const rankingMethod of ['borda', 'plackett-luce']) {
      const result = run(payload, { textRanking: { kind: 'ranking', rankingMethod } });
      assert.deepEqual(contentOf(result, 'p').review.textRanking, {
        ordinalRankingDimensions: [
          { name: 'helpful', responseRankings: [1, 2, 3] },
          { name: 'safe', responseRankings: [3, 2, 1] },
        ],
      }, rankingMethod);
    }
  });

  it('spans: GT\'s NER payload, and three workers voting per character', () => {
    const reference = readSharedJson('gt-reference/post-annotation-payload.named-entity-recognition.json');
    const single = consolidateAnswers(reference, { labelAttributeName: 'ner', schema: { type: 'object', properties: { 'crowd-entity-annotation': SCHEMA.properties.ner } } });
    assert.deepEqual(single.errors, []);
    const value = (single.response[0]!.consolidatedAnnotation.content.ner as Record<string, { entities: unknown[] }>)['crowd-entity-annotation']!;
    assert.deepEqual(value.entities, [
      { startOffset: 0, endOffset: 4, label: 'verb' },
      { startOffset: 5, endOffset: 6, label: 'number' },
      { startOffset: 15, endOffset: 20, label: 'object' },
      { startOffset: 30, endOffset: 34, label: 'object' },
    ]);
    const entity = (startOffset: number, endOffset: number, label = 'object') => ({ startOffset, endOffset, label });
    const payload = payloadOf({ s: { w1: { ner: { entities: [entity(15, 20)] } }, w2: { ner: { entities: [entity(15, 19)] } }, w3: { ner: { entities: [entity(30, 34), entity(40, 50, 'animal')] } } } }, { s: { content: 'Sift 3 cups of flour into the bowl.' } });
    const result = run(payload, { ner: { kind: 'spans', labels: ['verb', 'number', 'object'] } });
    assert.deepEqual(contentOf(result, 's').review.ner, { entities: [entity(15, 19)] });
    assert.deepEqual(result.errors.map((e) => [e.workerId, e.answerName]), [['w3', 'ner']], 'the unknown label is reported');
  });

  it('boxes: GT\'s bounding-box payload, and boxes matched across workers', () => {
    const reference = readSharedJson('gt-reference/post-annotation-payload.bounding-box.json');
    // Labels given by the task input: the schema has no enum and the event's labelCategories apply.
    const dynamic = JSON.parse(JSON.stringify(SCHEMA.properties.boxes).replace('{"enum":["Cat","Dog"]}', '{"type":"string"}'));
    const single = consolidateAnswers(reference, { labelAttributeName: 'birds', schema: { type: 'object', properties: { boundingBox: dynamic } }, labelCategories: ['Bird'] });
    assert.deepEqual(single.errors, []);
    assert.deepEqual(single.response[0]!.consolidatedAnnotation.content.birds, { boundingBox: { boundingBoxes: [{ height: 2052, label: 'Bird', left: 583, top: 302, width: 1375 }], inputImageProperties: { height: 2497, width: 3745 } } });
    assert.deepEqual((single.response[0]!.consolidatedAnnotation.content['birds-metadata'] as { answers: { boundingBox: object } }).answers.boundingBox, { kind: 'boxes', method: 'iou-match', objects: [{ confidence: 1 }], dropped: 0, 'worker-count': 1 });
    const rejected = consolidateAnswers(reference, { labelAttributeName: 'birds', schema: { type: 'object', properties: { boundingBox: SCHEMA.properties.boxes } }, labelCategories: ['Bird'] });
    assert.match(rejected.errors[0]!.message, /answer "boundingBox" uses labels \["Bird"\] that are not among \["Cat","Dog"\]/, 'the template\'s own labels win over the job\'s');
    const box = (left: number, label = 'Cat') => ({ height: 100, label, left, top: 50, width: 100 });
    const props = { inputImageProperties: { height: 400, width: 600 } };
    const payload = payloadOf({ img: { w1: { boxes: { boundingBoxes: [box(10), box(300, 'Dog')], ...props } }, w2: { boxes: { boundingBoxes: [box(14)], ...props } }, w3: { boxes: { boundingBoxes: [box(12), box(500)], ...props } } } });
    const result = run(payload, { boxes: { kind: 'boxes' } });
    assert.deepEqual(contentOf(result, 'img').review.boxes, { boundingBoxes: [box(12)], inputImageProperties: { height: 400, width: 600 } });
    assert.equal(contentOf(result, 'img')['review-metadata'].answers.boxes!.dropped, 2);
  });

  it('an object every worker answered with nothing (an image tool with nothing drawn) is answered empty, not an error', () => {
    const payload = payloadOf({ empty: { w1: {}, w2: {} }, img: { w1: { boxes: { boundingBoxes: [], inputImageProperties: { height: 4, width: 6 } } } } });
    const result = run(payload, { boxes: { kind: 'boxes' } });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(contentOf(result, 'empty'), { review: {}, 'review-metadata': { 'worker-count': 2, 'human-annotated': 'yes', answers: {} } });
    // One worker's malformed answer still makes the object an error when nothing else was consolidated.
    const broken = run(payloadOf({ half: { w1: {}, w2: { boxes: 'not an answer' } } }), { boxes: { kind: 'boxes' } });
    assert.deepEqual(broken.response, []);
    assert.equal(broken.errors.length, 2);
  });

  it('answer keys named like Object.prototype members (toString, constructor, __proto__) are data: no crash, nothing lost', () => {
    const answer = JSON.parse('{"relevance":{"label":"5"},"toString":{"label":"a"},"constructor":"x","__proto__":{"label":"b"}}') as Record<string, unknown>;
    const payload = payloadOf({ one: { w1: answer, w2: answer } });
    const result = consolidateAnswers(payload, { labelAttributeName: 'review', schema: { type: 'object', properties: { relevance: { type: 'object', properties: { label: { enum: ['1', '5'] } }, required: ['label'] } } } });
    assert.deepEqual(result.errors, []);
    const review = contentOf(result, 'one').review;
    assert.deepEqual(Object.keys(review).sort(), ['__proto__', 'constructor', 'relevance', 'toString']);
    assert.ok(Object.hasOwn(review, '__proto__'));
    assert.deepEqual(review.relevance, { label: '5' });
    assert.equal(Object.getPrototypeOf(review), Object.prototype);
  });

  it('keypoints: points matched across workers', () => {
    const props = { inputImageProperties: { height: 1000, width: 1000 } };
    const payload = payloadOf({ face: { w1: { points: { keypoints: [{ label: 'nose', x: 500, y: 500 }], ...props } }, w2: { points: { keypoints: [{ label: 'nose', x: 504, y: 498 }], ...props } } } });
    const result = run(payload, { points: { kind: 'keypoints' } });
    assert.deepEqual(contentOf(result, 'face').review.points, { keypoints: [{ label: 'nose', x: 502, y: 499 }], inputImageProperties: { height: 1000, width: 1000 } });
  });

  it('polygons and polylines: the medoid shape of each group', () => {
    const props = { inputImageProperties: { height: 100, width: 100 } };
    const square = (d: number) => [{ x: 10 + d, y: 10 }, { x: 50 + d, y: 10 }, { x: 50 + d, y: 50 }, { x: 10 + d, y: 50 }];
    const path = (d: number) => [{ x: 0, y: 20 + d }, { x: 100, y: 20 + d }];
    const answer = (d: number) => ({ area: { polygons: [{ label: 'lake', vertices: square(d) }], ...props }, road: { polylines: [{ label: 'road', vertices: path(d) }], ...props } });
    const payload = payloadOf({ map: { w1: answer(0), w2: answer(1), w3: answer(2) } });
    const result = run(payload, { area: { kind: 'polygons' }, road: { kind: 'polylines' } });
    assert.deepEqual(result.errors, []);
    const { review, 'review-metadata': metadata } = contentOf(result, 'map');
    assert.deepEqual(review.area, { polygons: [{ label: 'lake', vertices: square(1) }], inputImageProperties: { height: 100, width: 100 } });
    assert.deepEqual(review.road, { polylines: [{ label: 'road', vertices: path(1) }], inputImageProperties: { height: 100, width: 100 } });
    assert.deepEqual([metadata.answers.area!.method, metadata.answers.road!.method], ['iou-medoid', 'distance-medoid']);
  });

  it('a malformed answer never drops the worker\'s other answers or the object', () => {
    const payload = payloadOf({
      '0': { w1: { relevance: { label: '4' }, stars: { rating: 'five' } }, w2: { relevance: { label: '4' }, stars: { rating: 5 } } },
      '1': { w1: 'not json', w2: { stars: { rating: 3 } } },
      '2': { w1: { relevance: 'x' } },
    });
    const result = consolidateAnswers(payload, { labelAttributeName: 'review', schema: { type: 'object', properties: { relevance: SCHEMA.properties.relevance, stars: SCHEMA.properties.stars }, required: ['relevance'] }, bootstrapSamples: 0 });
    assert.deepEqual(contentOf(result, '0').review, { relevance: { label: '4' }, stars: { rating: 5 } });
    assert.deepEqual(contentOf(result, '1').review, { stars: { rating: 3 } });
    assert.deepEqual(
      result.errors.map(({ datasetObjectId, workerId, answerName, path, message }) => ({ datasetObjectId, workerId, answerName, path, message })),
      [
        { datasetObjectId: '0', workerId: 'w1', answerName: 'stars', path: '/0/annotations/0/annotationData/content', message: 'answer "stars" must be {"rating": <number>}, found {"rating":"five"}' },
        { datasetObjectId: '1', workerId: 'w1', answerName: undefined, path: '/1/annotations/0/annotationData/content', message: 'is not valid JSON (Unexpected token \'o\', "not json" is not valid JSON)' },
        { datasetObjectId: '1', workerId: 'w2', answerName: 'relevance', path: '/1/annotations/1/annotationData/content', message: 'has no answer "relevance", which the template always submits' },
        { datasetObjectId: '2', workerId: 'w1', answerName: 'relevance', path: '/2/annotations/0/annotationData/content', message: 'answer "relevance" must be {"label": "<category>"}, found "x"' },
        { datasetObjectId: '2', workerId: undefined, answerName: undefined, path: '/2/annotations', message: 'no answer of this object could be consolidated (see the errors for its annotations)' },
      ],
    );
  });

  it('passes through keys the plan does not know; one that looks like a segmentation is read as one', () => {
    const result = consolidateAnswers(payloadOf({ '0': { w1: { note: { any: 'thing' } }, w2: { note: [1, 2] } } }), { labelAttributeName: 'seg', attributes: {} });
    assert.deepEqual((result.response[0]!.consolidatedAnnotation.content.seg as JsonObject).note, [{ workerId: 'w1', value: { any: 'thing' } }, { workerId: 'w2', value: [1, 2] }]);
    const reference = readSharedJson('gt-reference/post-annotation-payload.semantic-segmentation.json');
    const segmentation = consolidateAnswers(reference, { labelAttributeName: 'seg', attributes: {} });
    assert.deepEqual(segmentation.response, []);
    assert.equal(segmentation.errors[0]!.answerName, 'crowd-semantic-segmentation');
    assert.match(segmentation.errors[0]!.message, /use consolidateAnswersAsync \(or postAnnotation\) with writeObject/);
  });

  it('names bad options', () => {
    assert.throws(() => consolidateAnswers([], { labelAttributeName: 'x' }), /needs the answer schema \(schema\) or per-answer configs \(attributes\)/);
    assert.throws(() => consolidateAnswers([], { labelAttributeName: 'x', attributes: { a: { kind: 'vote' as never } } }), /attributes\.a\.kind must be one of categorical, /);
    assert.throws(() => consolidateAnswers([], { labelAttributeName: 'x', attributes: { a: { kind: 'categorical', method: 'dawid' as never } } }), /attributes\.a\.method must be one of mv, /);
    assert.throws(() => consolidateAnswers({}, { labelAttributeName: 'x', attributes: {} }), /payload must be an array/);
  });

  it('property: every data object is in the response or in the errors, whatever is corrupted', () => {
    const answerArb = fc.oneof(
      fc.record({ relevance: fc.record({ label: fc.constantFrom('1', '2', '3', '9') }), stars: fc.record({ rating: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.string()) }) }),
      fc.constant('{broken'),
      fc.constant('[]'),
      fc.record({ other: fc.string() }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(fc.tuple(fc.constantFrom('w1', 'w2', 'w3', ''), answerArb), { maxLength: 4 }), { minLength: 1, maxLength: 8 }), (items) => {
        const payload = items.map((annotations, i) => ({
          datasetObjectId: String(i),
          dataObject: { content: `o${i}` },
          annotations: annotations.map(([workerId, answer]) => ({ workerId, annotationData: { content: typeof answer === 'string' ? answer : JSON.stringify(answer) } })),
        }));
        const result = consolidateAnswers(payload, { labelAttributeName: 'r', schema: { type: 'object', properties: { relevance: SCHEMA.properties.relevance, stars: SCHEMA.properties.stars } }, bootstrapSamples: 0 });
        const answered = new Set(result.response.map((item) => item.datasetObjectId));
        const reported = new Set(result.errors.filter((error) => error.annotationIndex === undefined).map((error) => error.datasetObjectId));
        for (let i = 0; i < items.length; i++) {
          const id = String(i);
          assert.ok(answered.has(id) !== reported.has(id), `object ${id}: exactly one of response / item error`);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('consolidateAnswersAsync: semantic and instance segmentation', () => {
  const SEG_SCHEMA = {
    type: 'object',
    properties: {
      seg: object({ inputImageProperties: image, labelMappings: { type: 'object', additionalProperties: object({ color: { type: 'string' } }) }, labeledImage: object({ pngImageData: { type: 'string' } }) }, ['inputImageProperties', 'labelMappings', 'labeledImage']),
      instances: object({ inputImageProperties: image, instances: { type: 'array', items: object({ color: { type: 'string' }, label: { type: 'string' } }) }, labeledImage: object({ pngImageData: { type: 'string' } }) }),
      rating: object({ rating: { type: 'integer' } }),
    },
  };
  const creationDate = new Date('2026-01-02T03:04:05.006Z');
  /** A writer that keeps what it is given, like a folder. */
  const memoryWriter = () => {
    const stored = new Map<string, { bytes: Uint8Array; contentType: string; context: object }>();
    const writeObject: ObjectWriter = async (name, bytes, contentType, context) => {
      stored.set(name, { bytes, contentType, context });
      return `mem://${name}`;
    };
    return { stored, writeObject };
  };

  it('plans the segmentation elements from their answer shape or their tag', () => {
    const plan = planFromAnswerSchema(SEG_SCHEMA);
    assert.deepEqual([plan.attributes.seg!.kind, plan.attributes.instances!.kind], ['semantic-segmentation', 'instance-segmentation']);
    const tagged = planFromAnswerSchema({ type: 'object', properties: { a: { type: 'object' }, b: { type: 'object' } } }, { a: 'crowd-semantic-segmentation', b: 'crowd-instance-segmentation' });
    assert.deepEqual([tagged.attributes.a!.kind, tagged.attributes.b!.kind], ['semantic-segmentation', 'instance-segmentation']);
  });

  it('ids that are not file-name safe get a hash, so "img/1" and "img_1" never share a label image', async () => {
    const { stored, writeObject } = memoryWriter();
    const answers = (await birdAnswers()).map((seg) => ({ seg }));
    const payload = [payloadItem('img/1', answers), payloadItem('img_1', answers), payloadItem('图1', answers), payloadItem('像1', answers)];
    const result = await consolidateAnswersAsync(payload, { labelAttributeName: 'birds', schema: SEG_SCHEMA, labelCategories: ['Bird'], writeObject, creationDate });
    assert.deepEqual(result.errors, []);
    const refs = result.response.map((item) => item.consolidatedAnnotation.content['birds-ref']);
    assert.equal(new Set(refs).size, 4, `distinct files: ${refs.join(', ')}`);
    assert.equal(stored.size, 4);
    assert.ok(stored.has('img_1_2026-01-02T03:04:05.006000.png'), 'a safe id keeps its plain name');
  });

  it('a segmentation-only object gets the built-in -ref fields; the stored PNG holds the pixel-wise majority', async () => {
    const { stored, writeObject } = memoryWriter();
    const payload = [payloadItem('7', (await birdAnswers()).map((seg) => ({ seg })))];
    const result = await consolidateAnswersAsync(payload, { labelAttributeName: 'birds', schema: SEG_SCHEMA, labelCategories: ['Bird'], writeObject, jobName: 'labeling-job/birds', creationDate });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.response[0]!.consolidatedAnnotation.content, {
      'birds-ref': 'mem://7_2026-01-02T03:04:05.006000.png',
      'birds-ref-metadata': {
        'internal-color-map': { '0': { 'class-name': 'BACKGROUND', 'hex-color': '#ffffff', confidence: 0.78 }, '1': { 'class-name': 'Bird', 'hex-color': '#2ca02c', confidence: 0.78 } },
        type: 'groundtruth/semantic-segmentation',
        'human-annotated': 'yes',
        'creation-date': '2026-01-02T03:04:05.006000',
        'job-name': 'labeling-job/birds',
      },
    });
    const file = stored.get('7_2026-01-02T03:04:05.006000.png')!;
    assert.deepEqual([file.contentType, file.context], ['image/png', { datasetObjectId: '7', answerName: 'seg' }]);
    const decoded = await decodePng(file.bytes, { keepIndices: true });
    assert.ok('indices' in decoded);
    assert.deepEqual([...decoded.indices], [1, 1, 0, 0]);
  });

  it('without a writer, each object with a segmentation is an error naming writeObject; its other answers are kept', async () => {
    const masks = await birdAnswers();
    const payload = [payloadItem('0', masks.map((seg, i) => ({ seg, rating: { rating: i + 1 } }))), payloadItem('1', [{ seg: masks[0] }])];
    const result = await consolidateAnswersAsync(payload, { labelAttributeName: 'r', schema: SEG_SCHEMA, bootstrapSamples: 0 });
    assert.deepEqual(result.response.map((item) => [item.datasetObjectId, Object.keys(item.consolidatedAnnotation.content.r as object)]), [['0', ['rating']]]);
    assert.deepEqual(result.errors.map((error) => [error.datasetObjectId, error.answerName ?? null]), [['0', 'seg'], ['1', 'seg'], ['1', null]]);
    assert.match(result.errors[0]!.message, /answers "seg": the consolidated label image \(a PNG\) was not stored: no object writer is configured \(give writeObject to consolidateAnswersAsync or postAnnotation/);
    const sync = consolidateAnswers(payload, { labelAttributeName: 'r', schema: SEG_SCHEMA, bootstrapSamples: 0 });
    assert.deepEqual(sync.errors.map((error) => [error.datasetObjectId, error.answerName ?? null]), [['0', 'seg'], ['1', 'seg'], ['1', null]]);
  });

  it('a writer that fails or returns no reference is an error of that object only', async () => {
    const masks = await birdAnswers();
    const payload = [payloadItem('a/1', [{ seg: masks[0] }]), payloadItem('b', [{ seg: masks[1] }]), payloadItem('c', [{ seg: masks[2] }])];
    const writeObject: ObjectWriter = async (name) => {
      if (name.startsWith('b_')) throw new Error('disk full');
      if (name.startsWith('c_')) return '' as string;
      return `file:${name}`;
    };
    const result = await consolidateAnswersAsync(payload, { labelAttributeName: 'x', schema: SEG_SCHEMA, writeObject, creationDate });
    const refs = result.response.map((item) => item.consolidatedAnnotation.content['x-ref'] as string);
    assert.equal(refs.length, 1);
    assert.match(refs[0]!, /^file:a_1-[0-9a-f]{8}_2026-01-02T03:04:05\.006000\.png$/, 'unsafe characters of ids become _ in file names, with a hash of the id');
    assert.deepEqual(result.errors.filter((error) => error.answerName === 'seg').map((error) => error.message), [
      'answers "seg": the consolidated label image b_2026-01-02T03:04:05.006000.png could not be stored: disk full',
      'answers "seg": writeObject returned "" for c_2026-01-02T03:04:05.006000.png, not the reference (URI or path) of the stored image',
    ]);
  });

  it('two segmentations in one template get their answer name in the file name', async () => {
    const { stored, writeObject } = memoryWriter();
    const masks = await birdAnswers();
    const schema = { type: 'object', properties: { left: SEG_SCHEMA.properties.seg, right: SEG_SCHEMA.properties.seg } };
    const result = await consolidateAnswersAsync([payloadItem('0', masks.map((mask) => ({ left: mask, right: mask })))], { labelAttributeName: 'x', schema, writeObject, creationDate });
    assert.deepEqual([...stored.keys()].sort(), ['0_left_2026-01-02T03:04:05.006000.png', '0_right_2026-01-02T03:04:05.006000.png']);
    assert.deepEqual((result.response[0]!.consolidatedAnnotation.content.x as Record<string, { ref: string }>).right!.ref, 'mem://0_right_2026-01-02T03:04:05.006000.png');
  });

  /** A crowd-instance-segmentation answer from a picture: '.' unlabeled, 'a', 'b', … the instances of `labels`, in that order. */
  const instanceAnswer = async (picture: string[], labels: string[]) => {
    const colors = ['#1f77b4', '#ff7f0e', '#2ca02c'];
    const width = picture[0]!.length;
    const indices = Uint8Array.from(picture.join(''), (char) => (char === '.' ? 0 : char.charCodeAt(0) - 96));
    const palette = [[0, 0, 0, 0] as const, ...labels.map((_, i) => [parseInt(colors[i]!.slice(1, 3), 16), parseInt(colors[i]!.slice(3, 5), 16), parseInt(colors[i]!.slice(5, 7), 16), 255] as const)];
    const png = await encodeIndexedPng({ width, height: picture.length, indices, palette });
    return { inputImageProperties: { width, height: picture.length }, instances: labels.map((label, i) => ({ color: colors[i]!, label })), labeledImage: { pngImageData: encodeBase64(png) } };
  };
  /** Three workers' 4×2 masks: a car all three painted, a person w2 missed, an extra person only w1 painted. */
  const streetAnswers = () =>
    Promise.all([
      instanceAnswer(['aa.b', 'aacc'], ['Car', 'Person', 'Person']),
      instanceAnswer(['aa..', 'a...'], ['Car']),
      instanceAnswer(['aa.b', 'aa..'], ['Car', 'Person']),
    ]);

  it('instance segmentation: instances matched by mask IoU, the label image stored, confidence and dropped groups in the metadata', async () => {
    const { stored, writeObject } = memoryWriter();
    // w3 lists its person first, so its car has w1's person colour: labels, not colours, decide what matches.
    const masks = await Promise.all([instanceAnswer(['aa.b', 'aa.c'], ['Car', 'Person', 'Person']), instanceAnswer(['aa..', 'a...'], ['Car']), instanceAnswer(['bb.a', 'bb..'], ['Person', 'Car'])]);
    const payload = [payloadItem('0', masks.map((instances, i) => ({ instances, rating: { rating: i + 1 } })))];
    const result = await consolidateAnswersAsync(payload, { labelAttributeName: 'x', schema: SEG_SCHEMA, writeObject, creationDate, bootstrapSamples: 0 });
    assert.deepEqual(result.errors, []);
    const content = result.response[0]!.consolidatedAnnotation.content as { x: Record<string, JsonObject>; 'x-metadata': { answers: Record<string, JsonObject> } };
    // Car: 4, 3 and 4 pixels, the 2×2 square in the majority; IoUs 1, 3/4, 1. Person: w1's b and w3's a, one pixel each, 2 of 3 workers.
    assert.deepEqual(content.x.instances, {
      ref: 'mem://0_2026-01-02T03:04:05.006000.png',
      inputImageProperties: { width: 4, height: 2 },
      instances: [{ color: '#1f77b4', label: 'Car', confidence: 0.92 }, { color: '#ff7f0e', label: 'Person', confidence: 0.67 }],
    });
    assert.deepEqual(content['x-metadata'].answers.instances, {
      kind: 'instance-segmentation',
      method: 'mask-iou-vote',
      'iou-threshold': 0.5,
      objects: [{ 'worker-count': 3, 'pixel-count': 4 }, { 'worker-count': 2, 'pixel-count': 1 }],
      dropped: [{ label: 'Person', reason: 'agreement', confidence: 0.33, 'worker-count': 1 }],
      'worker-count': 3,
    });
    const file = stored.get('0_2026-01-02T03:04:05.006000.png')!;
    assert.deepEqual([file.contentType, file.context], ['image/png', { datasetObjectId: '0', answerName: 'instances' }]);
    const decoded = await decodePng(file.bytes, { keepIndices: true });
    assert.ok('indices' in decoded);
    assert.deepEqual([...decoded.indices], [1, 1, 0, 2, 1, 1, 0, 0]);
    assert.deepEqual((content.x.rating as JsonObject).rating, 2, 'the other answers of the template are consolidated beside');
  });

  it('instance segmentation: an object whose only answer it is keeps the custom shape (Ground Truth has no built-in output for it)', async () => {
    const { writeObject } = memoryWriter();
    const masks = await streetAnswers();
    const result = await consolidateAnswersAsync([payloadItem('9', masks.map((instances) => ({ instances })))], { labelAttributeName: 'street', schema: SEG_SCHEMA, writeObject, creationDate, attributes: { instances: { kind: 'instance-segmentation', minAgreement: 0.9, iouThreshold: 0.8 } } });
    const content = result.response[0]!.consolidatedAnnotation.content as { street: { instances: { instances: unknown[] } }; 'street-metadata': { answers: Record<string, JsonObject> } };
    assert.deepEqual(Object.keys(content), ['street', 'street-metadata']);
    assert.deepEqual(content.street.instances.instances, [], 'w2\'s car (IoU 0.75 with the others) no longer matches, and no group has 0.9 of the workers');
    assert.equal(content['street-metadata'].answers.instances!['iou-threshold'], 0.8);
    assert.equal((content['street-metadata'].answers.instances!.dropped as unknown[]).length, 4);
    assert.throws(() => consolidateAnswers([], { labelAttributeName: 'x', attributes: { m: { kind: 'instance-segmentation', iouThreshold: 2 } } }), /attributes\.m\.iouThreshold must be a number in \(0, 1\], found 2/);
  });

  it('instance segmentation: without a writer, or synchronously, each object is an error naming writeObject; unusable masks are errors of their workers', async () => {
    const masks = await streetAnswers();
    const payload = [payloadItem('0', masks.map((instances) => ({ instances })))];
    const withoutWriter = await consolidateAnswersAsync(payload, { labelAttributeName: 'x', schema: SEG_SCHEMA });
    assert.deepEqual(withoutWriter.errors.map((error) => [error.datasetObjectId, error.answerName ?? null]), [['0', 'instances'], ['0', null]]);
    assert.match(withoutWriter.errors[0]!.message, /answers "instances": the consolidated label image \(a PNG\) was not stored: no object writer is configured/);
    const sync = consolidateAnswers(payload, { labelAttributeName: 'x', schema: SEG_SCHEMA });
    assert.match(sync.errors[0]!.message, /answers "instances": an instance segmentation is consolidated into a PNG label image that must be stored; consolidateAnswers is synchronous and stores nothing: use consolidateAnswersAsync/);

    const { writeObject } = memoryWriter();
    const stray = { ...masks[0]!, instances: [{ color: '#1f77b4', label: 'Car' }] };
    const result = await consolidateAnswersAsync([payloadItem('0', [{ instances: stray }, { instances: masks[1] }, { instances: masks[2] }]), payloadItem('1', [{ instances: stray }])], { labelAttributeName: 'x', schema: SEG_SCHEMA, writeObject, creationDate });
    assert.deepEqual(result.response.map((item) => item.datasetObjectId), ['0']);
    assert.deepEqual(result.errors.map((error) => [error.datasetObjectId, error.workerId ?? null, error.answerName ?? null]), [['0', 'w0', 'instances'], ['1', 'w0', 'instances'], ['1', null, null]]);
    assert.equal(result.errors[0]!.message, 'answer "instances" data object 0, worker w0: pixel (3, 0) has colour #ff7f0e, which no instance has (0: Car #1f77b4)');
  });

  it('instance segmentation: a key the plan does not know is recognised by its shape; beside a semantic segmentation, file names carry the key', async () => {
    const { stored, writeObject } = memoryWriter();
    const [masks, birds] = await Promise.all([streetAnswers(), birdAnswers()]);
    const payload = [payloadItem('5', masks.map((street, i) => ({ street, birds: birds[i] })))];
    const result = await consolidateAnswersAsync(payload, { labelAttributeName: 'x', attributes: {}, writeObject, creationDate });
    assert.deepEqual(result.errors, []);
    assert.deepEqual([...stored.keys()].sort(), ['5_birds_2026-01-02T03:04:05.006000.png', '5_street_2026-01-02T03:04:05.006000.png']);
    const metadata = (result.response[0]!.consolidatedAnnotation.content['x-metadata'] as { answers: Record<string, JsonObject> }).answers;
    assert.deepEqual([metadata.street!.kind, metadata.birds!.kind], ['instance-segmentation', 'semantic-segmentation']);
  });

  it('gives the same result as consolidateAnswers when there is no segmentation', async () => {
    const payload = payloadOf({ '0': { w1: { rating: { rating: 2 } }, w2: { rating: { rating: 4 } } }, '1': { w1: { rating: 'x' } } });
    const options = { labelAttributeName: 'r', schema: SEG_SCHEMA, bootstrapSamples: 50 };
    assert.deepEqual(await consolidateAnswersAsync(payload, options), consolidateAnswers(payload, options));
  });

  it('worker masks that cannot be used are errors of those workers; the others still vote', async () => {
    const masks = await birdAnswers();
    const wrongSize = await segmentationAnswer(1, ['Bird', null]);
    const { writeObject } = memoryWriter();
    const result = await consolidateAnswersAsync([payloadItem('0', [{ seg: masks[0] }, { seg: wrongSize }, { seg: masks[2] }])], { labelAttributeName: 'x', schema: SEG_SCHEMA, writeObject, creationDate });
    assert.equal(result.response.length, 1);
    assert.deepEqual(result.errors.map((error) => [error.workerId, error.answerName]), [['w1', 'seg']]);
    assert.match(result.errors[0]!.message, /worker w1: the image is 1×2, other workers' 2×2/);
  });
});
