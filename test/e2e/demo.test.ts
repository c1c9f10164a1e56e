// The demo site as a visitor uses it: `node demo/serve.mjs` (what `npm start` runs after the build)
// serves a gallery of every template under templates/, each rendered with its fixture input (s3://
// images served by the demo server itself); submitting shows the answer JSON, each submission is
// recorded as the next worker, and the recorded answers are consolidated in the page by the
// template's answer schema. No request may leave 127.0.0.1, and no page may log an error.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { extractAnswerSchema } from '@quorum/templates';
import { launchChromium } from '../support/chromium.js';
import { repoRoot } from '../support/cli.js';

let server: ChildProcess;
let url: string;
let browser: Browser;

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The template folders a visitor should find in the gallery, read here the way the server should read them. */
const templateFolders = readdirSync(join(repoRoot, 'templates'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .filter((name) => existsSync(join(repoRoot, 'templates', name, 'fixtures/input.json')) && readdirSync(join(repoRoot, 'templates', name)).some((file) => /^template\./.test(file)))
  .sort();

/** Starts `node demo/serve.mjs` as `npm start` does, on a free port, and resolves with the URL it prints. */
async function startServer(extraArgs: string[] = []): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['demo/serve.mjs', '--port', '0', ...extraArgs], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const printed = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /Quorum demo: (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`demo server exited with ${code}: ${output}`)));
  });
  return { process: child, url: printed };
}

before(async () => {
  ({ process: server, url } = await startServer());
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.kill();
});

interface Visit {
  page: Page;
  /** Page errors, console errors, and requests to anywhere but the demo server. */
  problems: string[];
  /** Paths requested from the demo server, in order. */
  requested: string[];
}

/** Opens the demo at `path` (a hash or query selects the template) and waits for the preview to show `control`. */
async function openDemo(path = '', control = 'crowd-classifier', base = url): Promise<Visit> {
  const page = await browser.newPage();
  const problems: string[] = [];
  const requested: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  // Requests of the srcdoc preview frame are the page's too.
  page.on('request', (request) => {
    const target = new URL(request.url());
    if (target.protocol === 'data:' || target.protocol === 'blob:' || target.protocol === 'about:') return;
    if (target.hostname === '127.0.0.1') requested.push(target.pathname);
    else problems.push(`request left 127.0.0.1: ${request.url().slice(0, 200)}`);
  });
  await page.goto(new URL(path, base).href);
  await page.frameLocator('#preview').locator(control).waitFor();
  return { page, problems, requested };
}

/** Waits until the preview shows the latest rendering (it is aria-busy from a new rendering until the frame has loaded it). */
async function previewReady(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.getElementById('preview')?.hasAttribute('aria-busy'));
}

/** Picks a category of the preview's `control` by its number key, and submits with the form's Submit button. */
async function choose(page: Page, key: string, control = 'crowd-classifier'): Promise<void> {
  await previewReady(page);
  const frame = page.frameLocator('#preview');
  await frame.locator(control).waitFor();
  await frame.locator(`${control} [role="radio"]`).first().focus();
  await page.keyboard.press(key);
  await frame.locator('crowd-button', { hasText: 'Submit' }).click();
}

/** Waits until the table of recorded annotations has `count` rows. */
async function annotationRows(page: Page, count: number): Promise<void> {
  await page.waitForFunction((expected) => document.querySelectorAll('#annotations tr').length === expected, count);
}

type Content = Record<string, Record<string, unknown>>;
type Response = Array<{ datasetObjectId: string; consolidatedAnnotation: { content: Content } }>;

async function shownResponse(page: Page): Promise<Response> {
  return JSON.parse((await page.textContent('#response-json')) ?? '') as Response;
}

async function manifestLines(page: Page): Promise<Array<Record<string, unknown>>> {
  return ((await page.textContent('#manifest-lines')) ?? '').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** axe-core's violations on the demo page itself (the preview's elements have their own axe tests). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axeSource });
  // A string, not a function: tsx's keepNames helpers do not exist in the page.
  return page.evaluate<string[]>(`axe.run(document, { iframes: false, resultTypes: ['violations'] })
    .then((result) => result.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`);
}

describe('demo site', () => {
  it('prints its URL and serves only the demo, the elements bundles, the templates, their catalogue and S3 stand-ins', async () => {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    for (const path of ['/package.json', '/%2e%2e/package.json', '/elements/%2e%2e%2f%2e%2e%2fpackage.json', '/s3/no-key']) {
      const outside = await fetch(new URL(path, url));
      assert.equal(outside.status, 404, path);
    }
    const bundle = await fetch(new URL('/elements/crowd-html-elements.js', url));
    assert.equal(bundle.status, 200);
    const spatial = await fetch(new URL('/elements/crowd-spatial-elements.js', url));
    assert.equal(spatial.status, 200, 'the spatial bundle, beside the core');
    const catalog = (await (await fetch(new URL('/catalog.json', url))).json()) as { templates: Array<{ name: string; title: string }> };
    assert.deepEqual(catalog.templates.map((template) => template.name), templateFolders, 'every template folder, read from templates/');
    assert.ok(templateFolders.length >= 7);
    const image = await fetch(new URL('/s3/quorum-examples/street/frames/cam3-000412.png', url));
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/png');
    assert.deepEqual([...new Uint8Array(await image.arrayBuffer()).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  });

  it('previews an image template: the preview loads the spatial bundle from the demo server on first use', async () => {
    const { page, problems, requested } = await openDemo();
    await page.fill(
      '#template-source',
      `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form><crowd-keypoint name="nose" src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" header="Mark the nose" labels="['nose']"></crowd-keypoint></crowd-form>`,
    );
    const frame = page.frameLocator('#preview');
    await frame.locator('crowd-keypoint').waitFor();
    const previewFrame = page.frames().find((candidate) => candidate !== page.mainFrame());
    assert.ok(previewFrame, 'the preview frame');
    await previewFrame.waitForFunction(() => customElements.get('crowd-keypoint') !== undefined && document.querySelector('crowd-keypoint')?.shadowRoot !== null);
    assert.deepEqual(requested.filter((path) => path.includes('crowd-spatial-elements')), ['/elements/crowd-spatial-elements.js']);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('shows the relevance template with the sample input, and the answer JSON after submit', async () => {
    const { page, problems } = await openDemo();
    assert.equal(await page.inputValue('#template-select'), 'llm-relevance-rating', 'the relevance template opens by default');
    const frame = page.frameLocator('#preview');
    assert.equal(
      await frame.locator('crowd-classifier').getAttribute('header'),
      'How relevant is the below answer to the question: What is the capital of France?',
    );
    assert.match((await frame.locator('classification-target').textContent()) ?? '', /<b>Louvre<\/b>/);
    await choose(page, '4');
    await page.waitForFunction(() => document.getElementById('answer-json')?.textContent?.includes('"label"'));
    assert.deepEqual(JSON.parse((await page.textContent('#answer-json')) ?? ''), { relevance: { label: '4' } });
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('consolidates three workers\' submissions with the chosen method, and the example batch', async () => {
    const { page, problems } = await openDemo();
    for (const [index, label] of ['4', '5', '4'].entries()) {
      await choose(page, label);
      await annotationRows(page, index + 1);
    }
    const workers = await page.locator('#annotations tr td:nth-child(2)').allTextContents();
    assert.deepEqual(workers, ['worker-1', 'worker-2', 'worker-3']);
    const response = await shownResponse(page);
    assert.equal(response.length, 1);
    const { content } = response[0]!.consolidatedAnnotation;
    assert.deepEqual(content.relevance, { relevance: { label: '4' } });
    const answers = content['relevance-metadata']!.answers as Record<string, { method: string; confidence: number; 'worker-count': number }>;
    assert.equal(answers.relevance!.method, 'mv');
    assert.equal(answers.relevance!['worker-count'], 3);
    assert.ok(Math.abs(answers.relevance!.confidence - 2 / 3) < 1e-3, `confidence ${answers.relevance!.confidence}`);
    const [line] = await manifestLines(page);
    assert.equal(line!.source, 'What is the capital of France?');
    assert.deepEqual(line!.relevance, { relevance: { label: '4' } });

    await page.selectOption('#method', 'gt-ds');
    await page.waitForFunction(() => document.getElementById('response-json')?.textContent?.includes('"gt-ds"'));

    await page.click('#load-example');
    await annotationRows(page, 24);
    const batch = await shownResponse(page);
    assert.equal(batch.length, 8);
    assert.ok(batch.every((item) => (item.consolidatedAnnotation.content['relevance-metadata']!.answers as Record<string, { method: string }>).relevance!.method === 'gt-ds'));
    assert.equal((await manifestLines(page)).length, 8);
    assert.equal(await page.textContent('#problems'), 'None.');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('demo gallery', () => {
  it('opens the template a link names (#name, #template=name, ?template=name), and says when there is none', async () => {
    for (const name of templateFolders) {
      const folder = join(repoRoot, 'templates', name);
      const templateFile = readdirSync(folder).filter((file) => /^template\./.test(file)).sort()[0]!;
      const extracted = extractAnswerSchema(readFileSync(join(folder, templateFile), 'utf8'), { filename: templateFile });
      const tags = [...new Set(extracted.controls.map((control) => control.tag))];
      assert.ok(tags.length > 0, `${name} has a control`);
      const { page, problems } = await openDemo(`/#${name}`, tags[0]);
      assert.equal(await page.inputValue('#template-select'), name);
      assert.equal(await page.getAttribute('#template-link', 'href'), `#${name}`);
      assert.equal(await page.inputValue('#input-source'), readFileSync(join(folder, 'fixtures/input.json'), 'utf8'));
      for (const tag of tags) assert.equal(await page.frameLocator('#preview').locator(tag).count(), 1, `${name}: <${tag}> in the preview`);
      assert.deepEqual(JSON.parse((await page.textContent('#answer-schema')) ?? ''), extracted.schema, `${name}: the answer schema shown is the template's`);
      assert.equal(await page.textContent('#render-status'), 'Rendered.');
      assert.deepEqual(problems, [], name);
      await page.close();
    }
    for (const path of ['/#template=text-ranking', '/?template=text-ranking']) {
      const { page, problems } = await openDemo(path, 'crowd-text-ranking');
      assert.equal(await page.inputValue('#template-select'), 'text-ranking', path);
      assert.deepEqual(problems, []);
      await page.close();
    }
    const { page, problems } = await openDemo('/#no-such-template');
    assert.equal(await page.inputValue('#template-select'), 'llm-relevance-rating');
    assert.equal(await page.textContent('#render-status'), 'There is no template named "no-such-template"; showing "llm-relevance-rating". Rendered.');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('a text template picked from the gallery: two workers answer, and their answers are consolidated by its schema', async () => {
    const { page, problems } = await openDemo();
    await page.selectOption('#template-select', 'text-classification');
    await page.waitForURL(/#text-classification$/);
    const frame = page.frameLocator('#preview');
    await frame.locator('crowd-classifier[name="sentiment"]').waitFor();
    assert.equal(await page.isHidden('#load-example'), true, 'no example batch in its fixtures');
    assert.equal(await page.inputValue('#label-attribute'), 'text-classification');

    for (const [index, key] of ['2', '2'].entries()) {
      await page.waitForFunction((worker) => document.getElementById('worker-name')?.textContent === worker, `worker-${index + 1}`);
      await choose(page, key);
      await annotationRows(page, index + 1);
      assert.deepEqual(JSON.parse((await page.textContent('#answer-json')) ?? ''), { sentiment: { label: 'Negative' } });
    }
    assert.deepEqual(await page.locator('#annotations tr td:nth-child(2)').allTextContents(), ['worker-1', 'worker-2']);
    const [item] = await shownResponse(page);
    const content = item!.consolidatedAnnotation.content;
    assert.deepEqual(content['text-classification'], { sentiment: { label: 'Negative' } });
    assert.deepEqual(
      (content['text-classification-metadata']!.answers as Record<string, unknown>).sentiment,
      { kind: 'categorical', element: 'crowd-classifier', method: 'mv', 'class-name': 'Negative', confidence: 1, 'worker-count': 2 },
    );
    const lines = await manifestLines(page);
    assert.equal(lines.length, 1);
    const input = JSON.parse(readFileSync(join(repoRoot, 'templates/text-classification/fixtures/input.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(lines[0]!.taskObject, input.taskObject, 'the manifest line is the input line plus the label');
    assert.deepEqual(lines[0]!['text-classification'], { sentiment: { label: 'Negative' } });
    const metadata = lines[0]!['text-classification-metadata'] as Record<string, unknown>;
    assert.equal(metadata.type, 'groundTruth/custom');
    assert.equal(metadata.job_name, 'quorum-demo');

    // The job's label attribute name is the visitor's to choose.
    await page.fill('#label-attribute', 'review-sentiment');
    await page.waitForFunction(() => document.getElementById('response-json')?.textContent?.includes('"review-sentiment"'));
    assert.deepEqual((await manifestLines(page))[0]!['review-sentiment'], { sentiment: { label: 'Negative' } });
    assert.equal(await page.textContent('#problems'), 'None.');

    // Another template has its own workers; coming back finds this one's still recorded.
    await page.selectOption('#template-select', 'text-classification-multi-label');
    await frame.locator('crowd-classifier-multi-select').waitFor();
    await annotationRows(page, 0);
    assert.equal(await page.textContent('#worker-name'), 'worker-1');
    await page.goBack();
    await frame.locator('crowd-classifier[name="sentiment"]').waitFor();
    await annotationRows(page, 2);
    assert.equal(await page.textContent('#worker-name'), 'worker-3');

    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('an image template from a deep link: the S3 image is served locally, two workers answer, and the answers are consolidated', async () => {
    const { page, problems, requested } = await openDemo('/#image-classification', 'crowd-image-classifier');
    const previewFrame = page.frames().find((candidate) => candidate !== page.mainFrame());
    assert.ok(previewFrame);
    const image = await previewFrame.waitForFunction(() => {
      const img = document.querySelector('crowd-image-classifier')?.shadowRoot?.querySelector('img');
      return img && img.complete && img.naturalWidth > 0 ? { src: img.src, width: img.naturalWidth, height: img.naturalHeight } : undefined;
    });
    const { src, width, height } = (await image.jsonValue())!;
    assert.equal(src, new URL('/s3/quorum-examples/catalogue/photos/item-00417.png', url).href);
    assert.ok(width > 0 && height > 0);
    assert.deepEqual(requested.filter((path) => path.includes('crowd-spatial-elements')), ['/elements/crowd-spatial-elements.js'], 'the spatial bundle, loaded lazily from the demo server');

    for (const [index, key] of ['1', '1'].entries()) {
      await choose(page, key, 'crowd-image-classifier');
      await annotationRows(page, index + 1);
    }
    assert.deepEqual(JSON.parse((await page.textContent('#answer-json')) ?? ''), { category: { label: 'Footwear' } });
    const [item] = await shownResponse(page);
    assert.deepEqual(item!.consolidatedAnnotation.content['image-classification'], { category: { label: 'Footwear' } });
    const [line] = await manifestLines(page);
    assert.equal(line!.taskObject, 's3://quorum-examples/catalogue/photos/item-00417.png');
    assert.deepEqual(line!['image-classification'], { category: { label: 'Footwear' } });
    assert.equal((line!['image-classification-metadata'] as Record<string, unknown>).type, 'groundTruth/custom');
    assert.equal(await page.textContent('#problems'), 'None.');

    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('a drawing template: two workers\' boxes on the stand-in image are matched into one consolidated box', async () => {
    const { page, problems } = await openDemo('/#bounding-box', 'crowd-bounding-box');
    const frame = page.frameLocator('#preview');
    for (let worker = 1; worker <= 2; worker++) {
      // The preview is rendered anew for each worker; a box needs the image's size (the stage says it has loaded).
      await previewReady(page);
      await frame.locator('crowd-bounding-box [part~="stage"].loaded').waitFor();
      // N adds a box, 1 labels it Person; the stage takes the keys.
      await frame.locator('crowd-bounding-box [part~="stage"]').focus();
      await page.keyboard.press('n');
      await page.keyboard.press('1');
      await frame.locator('crowd-button', { hasText: 'Submit' }).click();
      await annotationRows(page, worker);
    }
    const answer = JSON.parse((await page.textContent('#answer-json')) ?? '') as { annotatedResult: { boundingBoxes: Array<Record<string, unknown>>; inputImageProperties: unknown } };
    assert.equal(answer.annotatedResult.boundingBoxes.length, 1);
    const [item] = await shownResponse(page);
    const consolidated = item!.consolidatedAnnotation.content['bounding-box']!.annotatedResult as typeof answer.annotatedResult;
    assert.deepEqual(consolidated.inputImageProperties, answer.annotatedResult.inputImageProperties);
    assert.deepEqual(consolidated.boundingBoxes, answer.annotatedResult.boundingBoxes, 'two identical boxes consolidate into that box');
    const metadata = item!.consolidatedAnnotation.content['bounding-box-metadata']!.answers as Record<string, { kind: string; 'worker-count': number }>;
    assert.equal(metadata.annotatedResult!.kind, 'boxes');
    assert.equal(metadata.annotatedResult!['worker-count'], 2);
    const [line] = await manifestLines(page);
    assert.equal(line!.taskObject, 's3://quorum-examples/street/frames/cam3-000412.png');
    assert.deepEqual(line!['bounding-box'], item!.consolidatedAnnotation.content['bounding-box']);
    assert.equal(await page.textContent('#problems'), 'None.');
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('demo gallery of another folder (--templates)', () => {
  let folder: string;
  let other: { process: ChildProcess; url: string } | undefined;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'quorum-demo-'));
    const add = (name: string, files: Record<string, string>): void => {
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(join(folder, name, file, '..'), { recursive: true });
        writeFileSync(join(folder, name, file), text);
      }
    };
    add('colour-pick', {
      'README.md': '# Colour pick (Handlebars)\n',
      'template.hbs': `{{!-- A Quorum Handlebars template. --}}
<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form>
  <crowd-classifier name="colour" categories="['Red', 'Green']" header="Which colour is {{task.input.source}}?">
    <classification-target>{{task.input.source}}</classification-target>
  </crowd-classifier>
</crowd-form>`,
      'fixtures/input.json': '{ "source": "a ripe <tomato>" }\n',
    });
    cpSync(join(repoRoot, 'templates/text-classification'), join(folder, 'broken-fixtures'), { recursive: true });
    add('broken-fixtures', { 'fixtures/post-annotation-event.json': '{ "labelAttributeName": ' });
    add('not-a-template', { 'README.md': '# Notes, no template\n' });
    other = await startServer(['--templates', folder]);
  });

  after(() => {
    other?.process.kill();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('lists the folder\'s templates, renders a Handlebars one, and says which fixture is broken', async () => {
    const base = other!.url;
    const { page, problems } = await openDemo('/#colour-pick', 'crowd-classifier', base);
    assert.deepEqual(await page.locator('#template-select option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value)), ['broken-fixtures', 'colour-pick']);
    assert.equal(await page.textContent('#engine-name'), 'Handlebars');
    assert.equal(await page.frameLocator('#preview').locator('crowd-classifier').getAttribute('header'), 'Which colour is a ripe <tomato>?');
    await choose(page, '1');
    await annotationRows(page, 1);
    const [item] = await shownResponse(page);
    assert.deepEqual(item!.consolidatedAnnotation.content['colour-pick'], { colour: { label: 'Red' } });

    await page.selectOption('#template-select', 'broken-fixtures');
    await page.frameLocator('#preview').locator('crowd-classifier[name="sentiment"]').waitFor();
    assert.match((await page.textContent('#render-status')) ?? '', /^Its example fixtures could not be read: broken-fixtures\/fixtures\/post-annotation-event\.json is not valid JSON: .+ Rendered\.$/);

    // A template added while the server runs opens from a link, without reloading the page.
    cpSync(join(folder, 'colour-pick'), join(folder, 'added-later'), { recursive: true });
    await page.goto(new URL('/#added-later', base).href);
    await page.frameLocator('#preview').locator('crowd-classifier[name="colour"]').waitFor();
    assert.equal(await page.inputValue('#template-select'), 'added-later');
    assert.equal(await page.locator('#template-select option').count(), 3);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
