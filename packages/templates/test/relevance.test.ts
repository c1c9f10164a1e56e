// The scenario's template: Ground Truth's relevance rating task, in GT Liquid and as Handlebars.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TemplateError, buildPreviewPage, detectEngine, renderTemplate } from '../src/index.js';
import { attribute, byId, elements, parseHtml, readFixture, textOf } from './support.js';

const liquidSource = readFixture('relevance.liquid.html');
const handlebarsSource = readFixture('relevance.hbs');
const expected = readFixture('relevance.expected.html');
const input = JSON.parse(readFixture('relevance.input.json')) as Record<string, unknown>;

test('the sample input is the scenario\'s', () => {
  assert.deepEqual(input, { source: 'What is the capital of France?', answer: 'Paris is the capital of France.' });
});

test('GT Liquid relevance template renders the question and the answer', async () => {
  assert.equal(detectEngine(liquidSource, 'relevance.liquid.html'), 'liquid');
  assert.equal(detectEngine(liquidSource), 'liquid');
  assert.equal(await renderTemplate(liquidSource, input, { filename: 'relevance.liquid.html' }), expected);
});

test('the Handlebars version renders byte for byte the same page fragment', async () => {
  assert.equal(detectEngine(handlebarsSource, 'relevance.hbs'), 'handlebars');
  assert.equal(detectEngine(handlebarsSource), 'handlebars');
  assert.equal(await renderTemplate(handlebarsSource, input, { filename: 'relevance.hbs' }), expected);
});

test('in both engines the classifier gets the question in its header and the answer as its target', async () => {
  for (const [source, filename] of [[liquidSource, 'relevance.liquid.html'], [handlebarsSource, 'relevance.hbs']] as const) {
    const document = parseHtml(await renderTemplate(source, input, { filename }));
    const classifier = elements(document).find((node) => node.tagName === 'crowd-classifier')!;
    assert.equal(attribute(classifier, 'name'), 'relevance');
    assert.equal(attribute(classifier, 'header'), 'How relevant is the below answer to the question: What is the capital of France?');
    const target = elements(classifier).find((node) => node.tagName === 'classification-target')!;
    assert.equal(textOf(target), 'Paris is the capital of France.');
  }
});

test('hostile values in the relevance template stay text in both engines', async () => {
  const hostile = { source: '"><script>alert(1)</script>', answer: '</classification-target><img src=x onerror=alert(1)>' };
  for (const [source, filename] of [[liquidSource, 'relevance.liquid.html'], [handlebarsSource, 'relevance.hbs']] as const) {
    const document = parseHtml(await renderTemplate(source, hostile, { filename }));
    assert.deepEqual(elements(document).filter((node) => node.tagName === 'script').length, 1, filename);
    assert.equal(elements(document).filter((node) => node.tagName === 'img').length, 0, filename);
    const classifier = elements(document).find((node) => node.tagName === 'crowd-classifier')!;
    assert.equal(attribute(classifier, 'header'), `How relevant is the below answer to the question: ${hostile.source}`);
  }
});

test('a misspelt field is reported with file, line, column and a suggestion in both engines', async () => {
  const liquidTypo = liquidSource.replace('task.input.answer', 'task.input.answr');
  await assert.rejects(renderTemplate(liquidTypo, input, { filename: 'relevance.liquid.html', strict: true }), (error: TemplateError) => {
    assert.equal(error.message, 'relevance.liquid.html:5:31: undefined variable task.input.answr (did you mean task.input.answer?)');
    return true;
  });
  const handlebarsTypo = handlebarsSource.replace('task.input.answer', 'task.input.answr');
  await assert.rejects(renderTemplate(handlebarsTypo, input, { filename: 'relevance.hbs' }), (error: TemplateError) => {
    assert.equal(error.message, 'relevance.hbs:6:30: undefined variable task.input.answr (did you mean task.input.answer?)');
    return true;
  });
});

test('the rendered relevance task becomes an offline preview page', async () => {
  const fragment = await renderTemplate(liquidSource, input, { filename: 'relevance.liquid.html' });
  const bundle = 'customElements.define("crowd-form", class extends HTMLElement {});\nexport {};';
  const page = buildPreviewPage(fragment, { elementsBundle: bundle, title: 'Relevance', input });
  assert.doesNotMatch(page, /assets\.crowd\.aws/);
  assert.doesNotMatch(page, /<script[^>]*\ssrc\s*=\s*["']?https?:/i);
  const document = parseHtml(page);
  const scripts = elements(document).filter((node) => node.tagName === 'script');
  assert.equal(scripts.length, 2);
  assert.equal(attribute(scripts[0]!, 'type'), 'application/json');
  assert.deepEqual(JSON.parse(textOf(scripts[0]!)), input);
  assert.equal(attribute(scripts[1]!, 'type'), 'module');
  assert.equal(textOf(scripts[1]!), `\n${bundle}\n`);
  assert.equal(textOf(byId(document, 'quorum-task-input')), textOf(scripts[0]!));
  assert.ok(page.includes(fragment.replace('<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>', `<script type="module">\n${bundle}\n</script>`)));
});
