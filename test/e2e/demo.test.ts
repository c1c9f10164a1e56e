// The demo site as a visitor uses it: `node demo/serve.mjs` (what `npm start` runs after the build)
// serves the relevance template rendered with a sample input; submitting shows the answer JSON,
// and three submissions are consolidated in the page.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { repoRoot } from '../support/cli.js';

let server: ChildProcess;
let url: string;
let browser: Browser;

before(async () => {
  server = spawn(process.execPath, ['demo/serve.mjs', '--port', '0'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise<string>((resolve, reject) => {
    let output = '';
    server.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /Quorum demo: (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    server.on('exit', (code) => reject(new Error(`demo server exited with ${code}: ${output}`)));
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.kill();
});

async function openDemo(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(url);
  await page.frameLocator('#preview').locator('crowd-classifier').waitFor();
  return { page, errors };
}

async function rate(page: Page, label: string): Promise<void> {
  const frame = page.frameLocator('#preview');
  await frame.locator('crowd-classifier').waitFor();
  await frame.locator('crowd-classifier [role="radio"]').first().focus();
  await page.keyboard.press(label);
  await frame.locator('crowd-button', { hasText: 'Submit' }).click();
}

describe('demo site', () => {
  it('prints its URL and serves only the demo, the elements bundle and the templates', async () => {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    for (const path of ['/package.json', '/%2e%2e/package.json', '/elements/%2e%2e%2f%2e%2e%2fpackage.json']) {
      const outside = await fetch(new URL(path, url));
      assert.equal(outside.status, 404, path);
    }
    const bundle = await fetch(new URL('/elements/crowd-html-elements.js', url));
    assert.equal(bundle.status, 200);
    const spatial = await fetch(new URL('/elements/crowd-spatial-elements.js', url));
    assert.equal(spatial.status, 200, 'the spatial bundle, beside the core');
  });

  it('previews an image template: the preview loads the spatial bundle from the demo server on first use', async () => {
    const { page, errors } = await openDemo();
    const spatialRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('crowd-spatial-elements')) spatialRequests.push(new URL(request.url()).pathname);
    });
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
    assert.deepEqual(spatialRequests, ['/elements/crowd-spatial-elements.js']);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('shows the relevance template with the sample input, and the answer JSON after submit', async () => {
    const { page, errors } = await openDemo();
    const frame = page.frameLocator('#preview');
    assert.equal(
      await frame.locator('crowd-classifier').getAttribute('header'),
      'How relevant is the below answer to the question: What is the capital of France?',
    );
    assert.match((await frame.locator('classification-target').textContent()) ?? '', /<b>Louvre<\/b>/);
    await rate(page, '4');
    await page.waitForFunction(() => document.getElementById('answer-json')?.textContent?.includes('"label"'));
    assert.deepEqual(JSON.parse((await page.textContent('#answer-json')) ?? ''), { relevance: { label: '4' } });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('consolidates three workers\' submissions, and the example batch', async () => {
    const { page, errors } = await openDemo();
    for (const [index, label] of ['4', '5', '4'].entries()) {
      await rate(page, label);
      await page.waitForFunction((count) => document.querySelectorAll('#annotations tr').length === count, index + 1);
    }
    const workers = await page.locator('#annotations tr td:nth-child(2)').allTextContents();
    assert.deepEqual(workers, ['worker-1', 'worker-2', 'worker-3']);
    const response = JSON.parse((await page.textContent('#response-json')) ?? '') as Array<{ consolidatedAnnotation: { content: Record<string, { label?: string; confidence?: number }> } }>;
    assert.equal(response.length, 1);
    assert.equal(response[0]!.consolidatedAnnotation.content.relevance!.label, '4');
    assert.equal(response[0]!.consolidatedAnnotation.content['relevance-metadata']!.confidence, 2 / 3);
    const manifest = JSON.parse((await page.textContent('#manifest-lines')) ?? '') as Record<string, unknown>;
    assert.equal(manifest.source, 'What is the capital of France?');

    await page.click('#load-example');
    await page.waitForFunction(() => document.querySelectorAll('#annotations tr').length === 24);
    const batch = JSON.parse((await page.textContent('#response-json')) ?? '') as unknown[];
    assert.equal(batch.length, 8);
    assert.equal((await page.textContent('#manifest-lines'))?.trim().split('\n').length, 8);
    assert.equal(await page.textContent('#problems'), 'None.');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
