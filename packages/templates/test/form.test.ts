import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { answerToValue, extractAnswerSchema, formFromSchema, lintTemplate, renderTemplate } from '../src/index.js';
import type { JsonSchema } from '../src/index.js';
import { validator } from './ajv.js';

/** The typed input a workflow might pause for: every kind of field the form supports. */
const REVIEW: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Escalation review',
  description: 'Review the conversation the assistant escalated.',
  type: 'object',
  properties: {
    verdict: { title: 'Verdict', enum: ['resolve', 'refund', 'escalate', 'ignore', 'ban'] },
    tone: { enum: ['calm', 'angry'], description: 'How the customer sounded' },
    relevance: { title: 'Relevance', type: 'integer', minimum: 1, maximum: 5 },
    confidence: { type: 'number', minimum: 0, maximum: 1, multipleOf: 0.25 },
    minutes: { type: 'integer', minimum: 0, maximum: 120 },
    refundAmount: { type: 'number' },
    urgent: { type: 'boolean', title: 'Urgent?' },
    summary: { type: 'string', minLength: 3, maxLength: 80 },
    contact: { type: 'string', format: 'email' },
    notes: { type: 'string', maxLength: 2000 },
    tags: { type: 'array', items: { enum: ['billing', 'bug', 'abuse'] }, uniqueItems: true },
    customer: {
      type: 'object',
      title: 'Customer',
      properties: { name: { type: 'string', maxLength: 50 }, tier: { enum: [1, 2, 3] } },
      required: ['tier'],
      additionalProperties: false,
    },
  },
  required: ['verdict', 'relevance', 'urgent', 'summary', 'customer'],
  additionalProperties: false,
};

/** What the generated form submits for a value (what a worker's answers add up to). */
function answerFor(value: Record<string, unknown>): Record<string, unknown> {
  const answer: Record<string, unknown> = {
    verdict: { label: value.verdict },
    tone: { calm: value.tone === 'calm', angry: value.tone === 'angry' },
    relevance: { label: String(value.relevance) },
    confidence: value.confidence,
    minutes: value.minutes,
    urgent: { on: value.urgent },
    summary: value.summary,
    tags: { labels: value.tags },
    'customer.tier': { label: String((value.customer as { tier: number }).tier) },
  };
  if (value.refundAmount !== undefined) answer.refundAmount = String(value.refundAmount);
  if (value.contact !== undefined) answer.contact = value.contact;
  if (value.notes !== undefined) answer.notes = value.notes;
  const name = (value.customer as { name?: string }).name;
  if (name !== undefined) answer['customer.name'] = name;
  return answer;
}

const VALUES: Array<Record<string, unknown>> = [
  {
    verdict: 'refund',
    tone: 'angry',
    relevance: 4,
    confidence: 0.75,
    minutes: 15,
    refundAmount: 12.5,
    urgent: true,
    summary: 'Double charge',
    contact: 'a@example.com',
    notes: 'Line one\nline two',
    tags: ['billing', 'bug'],
    customer: { name: 'Ada', tier: 2 },
  },
  { verdict: 'ignore', relevance: 1, confidence: 0, minutes: 0, urgent: false, summary: 'n/a', tags: [], customer: { tier: 3 } },
];

describe('formFromSchema', () => {
  const template = formFromSchema(REVIEW);

  it('uses the control the issue asks for, by type, enum size, bounds, length and format', () => {
    const tags = [...template.matchAll(/<(crowd-[\w-]+)[^>]*\bname="([^"]+)"/g)].map((match) => `${match[2]}:${match[1]}`);
    assert.deepEqual([...new Set(tags)], [
      'verdict:crowd-classifier',
      'tone:crowd-radio-button',
      'relevance:crowd-classifier',
      'confidence:crowd-slider',
      'minutes:crowd-slider',
      'refundAmount:crowd-input',
      'urgent:crowd-toggle-button',
      'summary:crowd-input',
      'contact:crowd-input',
      'notes:crowd-text-area',
      'tags:crowd-classifier-multi-select',
      'customer.name:crowd-input',
      'customer.tier:crowd-classifier',
    ]);
    assert.match(template, /<crowd-card heading="Customer">/);
    assert.match(template, /<crowd-classifier name="relevance" categories="\[&#34;1&#34;,&#34;2&#34;,&#34;3&#34;,&#34;4&#34;,&#34;5&#34;\]" header="Relevance">/);
    assert.match(template, /<crowd-slider name="confidence" min="0" max="1" step="0.25" pin editable><\/crowd-slider>/);
    assert.match(template, /<crowd-input name="summary" label="Summary" min-length="3" max-length="80" required>/);
    assert.match(template, /<crowd-input name="contact" type="email" label="Contact">/);
    assert.match(template, /<p class="quorum-help">How the customer sounded<\/p>/);
    assert.match(template, /<h1>Escalation review<\/h1>/);
  });

  it('round-trips: the extracted schema fits the form, and answerToValue gives values valid for the original schema', async () => {
    assert.deepEqual(lintTemplate(template, { filename: 'review.liquid.html' }), []);
    const extracted = extractAnswerSchema(template, { filename: 'review.liquid.html' });
    assert.deepEqual(extracted.notes, []);
    assert.deepEqual(Object.keys(extracted.schema.properties as object).sort(), [
      'confidence', 'contact', 'customer.name', 'customer.tier', 'minutes', 'notes', 'refundAmount', 'relevance', 'summary', 'tags', 'tone', 'urgent', 'verdict',
    ]);
    assert.deepEqual(extracted.schema.required, ['verdict', 'tone', 'relevance', 'urgent', 'summary', 'tags', 'customer.tier']);
    const answerIsValid = validator(extracted.schema);
    const valueIsValid = validator(REVIEW);
    for (const value of VALUES) {
      assert.deepEqual(valueIsValid(value), [], 'test value');
      const answer = answerFor(value);
      assert.deepEqual(answerIsValid(answer), [], JSON.stringify(answer));
      const back = answerToValue(REVIEW, answer);
      assert.deepEqual(valueIsValid(back), []);
      assert.deepEqual(back, value);
    }
    // The form renders offline like any task template.
    const fragment = await renderTemplate(template, { context: '<b>chat</b>' }, { filename: 'review.liquid.html' });
    assert.match(fragment, /<div class="quorum-card">&lt;b&gt;chat&lt;\/b&gt;<\/div>/);
  });

  it('shows schema text as written, never as markup or Liquid', async () => {
    const hostile = '{{ 7 | plus: 1 }} {% raw %}<img src=x onerror=alert(1)>"\'';
    const source = formFromSchema({ type: 'object', title: hostile, properties: { [hostile]: { type: 'boolean', description: hostile } } });
    const fragment = await renderTemplate(source, {}, { filename: 'f.liquid.html' });
    assert.doesNotMatch(fragment, /<img|\b8\b/);
    // Title, label, control name and help line.
    assert.equal((fragment.match(/&#123;&#123; 7 \| plus: 1 &#125;&#125; &#123;&#37; raw &#37;&#125;&#60;img src=x onerror=alert\(1\)&#62;&#34;&#39;/g) ?? []).length, 4);
  });

  it('refuses what its controls cannot enforce, naming where', () => {
    const cases: Array<[JsonSchema, RegExp]> = [
      [{ type: 'object', properties: { a: { type: 'string', pattern: '^x' } } }, /schema at \/properties\/a: the form cannot enforce "pattern"/],
      [{ type: 'object', properties: { a: { type: 'object', properties: { b: { oneOf: [] } } } } }, /\/properties\/a\/properties\/b: the form cannot enforce "oneOf"/],
      [{ type: 'object', properties: { a: { type: 'integer', minimum: 1 } } }, /give both minimum and maximum/],
      [{ type: 'object', properties: { a: { type: 'array', items: { type: 'string' } } } }, /arrays are supported only with items: \{enum/],
      [{ type: 'object', properties: { 'a.b': { type: 'boolean' }, a: { type: 'object', properties: { b: { type: 'boolean' } } } } }, /control name "a\.b" is also that of/],
      [{ type: 'object', properties: { a: { enum: [1, '1'] } } }, /enum values must differ as text/],
      [{ type: 'array' }, /\(root\): the form cannot enforce|must be an object schema/],
    ];
    for (const [schema, message] of cases) assert.throws(() => formFromSchema(schema), message);
  });
});

describe('answerToValue', () => {
  it('leaves out what was not answered and names the field of a wrong answer', () => {
    const schema: JsonSchema = { type: 'object', properties: { tone: { enum: ['calm', 'angry'] }, n: { type: 'integer' }, t: { type: 'boolean' } } };
    assert.deepEqual(answerToValue(schema, { tone: { calm: false, angry: false }, t: { on: false } }), { t: false });
    assert.throws(() => answerToValue(schema, { tone: { calm: true, angry: true } }), /the answer for "tone" is \{"calm":true,"angry":true\}, expected at most one choice/);
    assert.throws(() => answerToValue(schema, { n: '2.5' }), /the answer for "n" is "2\.5", expected an integer/);
    assert.throws(() => answerToValue(schema, { t: 'yes' }), /the answer for "t" is "yes", expected \{"on": true\|false\}/);
  });
});
