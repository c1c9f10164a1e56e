// Ground Truth's documented Liquid filter examples ("Step 2: Creating your custom worker task
// template", section "Variable filters"), kept in ../shared/gt-reference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createGtLiquid, renderLiquid } from '../src/index.js';
import { sharedPath } from './support.js';

interface FilterExamples {
  context: Record<string, unknown>;
  cases: Array<{ filter: string; template: string; rendered: string }>;
}

const examples = JSON.parse(readFileSync(sharedPath('gt-reference', 'liquid-filters.examples.json'), 'utf8')) as FilterExamples;

/** The published output as a pattern: `<access token and other params>` stands for any query. */
function documentedPattern(rendered: string): RegExp {
  const parts = rendered.split(/\?<[^>]*>/);
  return new RegExp(`^${parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(?:\\?.*)?')}$`);
}

function check(filter: string, actual: string, documented: string): void {
  if (filter === 'to_json') {
    // The published output is hand-formatted; it is compared as JSON.
    assert.deepEqual(JSON.parse(actual), JSON.parse(documented));
  } else if (filter === 'grant_read_access') {
    assert.match(actual, documentedPattern(documented));
  } else {
    assert.equal(actual, documented);
  }
}

test('the reference file holds every documented filter', () => {
  assert.deepEqual(
    examples.cases.map((example) => example.filter),
    ['autoescape (none)', 'escape', 'escape_once', 'skip_autoescape', 'to_json', 'grant_read_access'],
  );
});

for (const example of examples.cases) {
  test(`GT example ${example.filter}: ${example.template}`, async () => {
    const rendered = String(await createGtLiquid().parseAndRender(example.template, examples.context));
    check(example.filter, rendered, example.rendered);
  });

  test(`GT example ${example.filter}, with the data as task.input through renderLiquid`, async () => {
    const template = example.template.replace(/\bjsObject\b/g, 'task.input.jsObject');
    const rendered = await renderLiquid(template, examples.context, { filename: 'gt-example.liquid' });
    check(example.filter, rendered, example.rendered);
  });
}

test('GT grant_read_access example with a signer: the token query matches the documented pattern', async () => {
  const example = examples.cases.find((candidate) => candidate.filter === 'grant_read_access')!;
  const signer = async (uri: string) => {
    assert.equal(uri, 's3://mybucket/myphoto.png');
    return 'https://s3.amazonaws.com/mybucket/myphoto.png?X-Amz-Signature=abc&X-Amz-Expires=300';
  };
  const rendered = await renderLiquid(example.template, {}, { signer });
  check('grant_read_access', rendered, example.rendered);
  // Autoescape still applies to the URL: `&` is written as `&amp;`, which an attribute decodes.
  assert.equal(rendered, 'https://s3.amazonaws.com/mybucket/myphoto.png?X-Amz-Signature=abc&amp;X-Amz-Expires=300');
});
