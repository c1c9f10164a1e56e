import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerToValue, extractAnswerSchema, lintTemplate } from '@quorum/templates';
import { cli, tempDir } from './helpers.js';

const SCHEMA = {
  title: 'Pause for approval',
  type: 'object',
  properties: {
    approve: { type: 'boolean', title: 'Approve the refund?' },
    amount: { type: 'integer', minimum: 0, maximum: 500, multipleOf: 5 },
    reason: { enum: ['duplicate', 'fraud', 'goodwill', 'other', 'unknown'] },
    note: { type: 'string', maxLength: 500, description: 'Shown to the customer' },
  },
  required: ['approve', 'reason'],
};

describe('quorum form', () => {
  it('writes a template whose answer schema and typed value fit the JSON Schema', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const schemaPath = join(dir, 'approval.schema.json');
      const out = join(dir, 'approval.liquid.html');
      writeFileSync(schemaPath, JSON.stringify(SCHEMA));
      const { code, stderr } = await cli('form', schemaPath, '--out', out, '--title', 'Refund approval');
      assert.equal(stderr, '');
      assert.equal(code, 0);
      const template = readFileSync(out, 'utf8');
      assert.match(template, /<h1>Refund approval<\/h1>/);
      assert.deepEqual(lintTemplate(template, { filename: out }), []);
      const { schema } = extractAnswerSchema(template, { filename: out });
      assert.deepEqual(Object.keys(schema.properties as object), ['approve', 'amount', 'reason', 'note']);
      const value = answerToValue(SCHEMA, { approve: { on: true }, amount: 35, reason: { label: 'goodwill' }, note: 'Sorry!' });
      assert.deepEqual(value, { approve: true, amount: 35, reason: 'goodwill', note: 'Sorry!' });
    } finally {
      cleanup();
    }
  });

  it('names the schema file and the place of what it cannot generate', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const schemaPath = join(dir, 'bad.schema.json');
      writeFileSync(schemaPath, JSON.stringify({ type: 'object', properties: { code: { type: 'string', pattern: '^[A-Z]+$' } } }));
      const { code, stderr } = await cli('form', schemaPath);
      assert.equal(code, 2);
      assert.match(stderr, /bad\.schema\.json: schema at \/properties\/code: the form cannot enforce "pattern"/);
      writeFileSync(schemaPath, '[1]');
      assert.match((await cli('form', schemaPath)).stderr, /the schema must be a JSON object/);
    } finally {
      cleanup();
    }
    assert.match((await cli('form', 'nope.json')).stderr, /schema file not found: nope\.json/);
  });
});
