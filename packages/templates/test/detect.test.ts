import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TemplateError, detectEngine, renderTemplate } from '../src/index.js';

test('the file name decides when it names an engine', () => {
  assert.equal(detectEngine('{{#if x}}{{/if}}', 'task.liquid'), 'liquid');
  assert.equal(detectEngine('{{#if x}}{{/if}}', 'templates/relevance.liquid.html'), 'liquid');
  assert.equal(detectEngine('{% if x %}{% endif %}', 'task.hbs'), 'handlebars');
  assert.equal(detectEngine('{% if x %}{% endif %}', 'Task.HANDLEBARS'), 'handlebars');
  assert.equal(detectEngine('{% if x %}{% endif %}', 'task.hbs.html'), 'handlebars');
});

test('otherwise Handlebars-only constructs mean Handlebars', () => {
  const handlebars = [
    '{{#if task.input.x}}y{{/if}}',
    '{{#each task.input.items}}{{this}}{{/each}}',
    '{{#if a}}x{{else}}y{{/if}}',
    '{{> header}}',
    '{{!-- note --}}{{task.input.x}}',
    '{{! note }}',
    '{{{task.input.html}}}',
    '{{^if x}}none{{/if}}',
    '{{~#if x~}}y{{~/if~}}',
    '{{#each task.input.items as |item|}}{{item}}{{/each}}',
  ];
  for (const source of handlebars) assert.equal(detectEngine(source, 'task.html'), 'handlebars', source);
});

test('GT Liquid, ambiguous sources and mixed sources are Liquid', () => {
  const liquid = [
    '{{ task.input.source }}',
    '{{task.input.source}}',
    'no template syntax at all',
    '{{ task.input.labels | to_json }}',
    '{% if task.input.x %}y{% endif %}',
    '{%- comment -%}{{#if}} in a comment{%- endcomment -%}',
    '{% raw %}{{#each x}}{{/each}}{% endraw %}',
    '{{#if x}}{{/if}} {{ y | escape }}',
  ];
  for (const source of liquid) assert.equal(detectEngine(source), 'liquid', source);
});

test('renderTemplate picks the engine and uses each engine\'s strictness default', async () => {
  const input = { x: '<b>' };
  assert.equal(await renderTemplate('{{#if task.input.x}}{{task.input.x}}{{/if}}', input), '&lt;b&gt;');
  assert.equal(await renderTemplate('{% if task.input.x %}{{ task.input.x }}{% endif %}', input), '&lt;b&gt;');
  // Liquid (GT) renders a missing variable empty; Handlebars is strict.
  assert.equal(await renderTemplate('[{{ task.input.y }}]', input), '[]');
  await assert.rejects(renderTemplate('[{{ task.input.y }}]', input, { engine: 'handlebars' }), TemplateError);
  await assert.rejects(renderTemplate('[{{ task.input.y }}]', input, { strict: true }), /undefined variable task\.input\.y/);
  assert.equal(await renderTemplate('[{{ task.input.y }}]', input, { engine: 'handlebars', strict: false }), '[]');
  assert.equal(await renderTemplate('{{ task.input.x }}', input, { filename: 'x.hbs' }), '&lt;b&gt;');
});

test('renderTemplate rejects bad arguments clearly', async () => {
  await assert.rejects(renderTemplate(undefined as unknown as string, {}), /template source must be a string, got undefined/);
  await assert.rejects(renderTemplate('x', {}, { engine: 'mustache' as 'liquid' }), /unknown template engine "mustache"/);
  await assert.rejects(renderTemplate('x', 'input' as unknown as Record<string, unknown>), /task input must be a JSON object/);
});
