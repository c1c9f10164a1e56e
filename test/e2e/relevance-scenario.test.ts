// The foundation scenario, end to end, as a team would run it: render the Ground Truth template
// with the CLI for every logged exchange, answer each page in real Chromium with the keyboard as
// three workers, build the post-annotation payload from what the pages submitted, consolidate it
// with the CLI, write the output manifest with the CLI, and check every line.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { validateOutputManifestLine, validatePostAnnotationResponse, type PostAnnotationPayload } from '@quorum/schema';
import { launchChromium } from '../support/chromium.js';
import { repoRoot, runQuorum } from '../support/cli.js';

const templateDir = join(repoRoot, 'templates/llm-relevance-rating');
const fixtures = join(templateDir, 'fixtures');
const inputs = readFileSync(join(fixtures, 'input.manifest'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { source: string; answer: string });
const ratings = JSON.parse(readFileSync(join(fixtures, 'worker-ratings.json'), 'utf8')) as {
  workers: string[];
  ratings: Array<{ datasetObjectId: string; labels: string[] }>;
};

let browser: Browser;
let work: string;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'quorum-e2e-'));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Opens a rendered page offline; fails on any network request, dialog or page error. */
async function openOffline(file: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) problems.push(`network request: ${request.url()}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => customElements.get('crowd-classifier') !== undefined);
  return { page, problems };
}

/** Presses Tab until `focused` holds (at most 12 times), as a keyboard user moves through the page. */
async function tabTo(page: Page, what: string, focused: () => boolean): Promise<void> {
  for (let presses = 0; presses < 12; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(focused)) return;
  }
  assert.fail(`Tab never reached ${what}`);
}

/** Rates with the keyboard only: Tab to the rating options, the digit key, Tab to Submit, Enter. */
async function rateWithKeyboard(page: Page, label: string): Promise<unknown> {
  await tabTo(page, 'the rating options', () => {
    const active = document.activeElement;
    return active?.tagName === 'CROWD-CLASSIFIER' && active.shadowRoot?.activeElement?.getAttribute('role') === 'radio';
  });
  await page.keyboard.press(label);
  await tabTo(page, 'the Submit button', () => {
    const active = document.activeElement;
    return active?.tagName === 'CROWD-BUTTON' && active.textContent?.trim() === 'Submit';
  });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => (window as unknown as { quorum?: { lastAnswer?: unknown } }).quorum?.lastAnswer !== undefined);
  const shown = await page.textContent('pre#quorum-answer');
  const last = await page.evaluate(() => (window as unknown as { quorum: { lastAnswer: unknown } }).quorum.lastAnswer);
  assert.deepEqual(JSON.parse(shown ?? 'null'), last, 'the page shows the answer it submitted');
  return last;
}

describe('relevance rating, from template to output manifest', () => {
  const pages: string[] = [];
  const payload: PostAnnotationPayload = [];

  it('renders one self-contained page per input with the CLI', async () => {
    for (const [index, input] of inputs.entries()) {
      const inputFile = join(work, `input-${index}.json`);
      const pageFile = join(work, `task-${index}.html`);
      writeFileSync(inputFile, JSON.stringify(input));
      const result = await runQuorum(['render', join(templateDir, 'template.liquid.html'), '--input', inputFile, '--out', pageFile]);
      assert.equal(result.code, 0, result.stderr);
      pages.push(pageFile);
    }
    assert.equal(pages.length, 8);
  });

  it('answers {"relevance":{"label":"4"}} when a worker picks 4 with the keyboard', async () => {
    const { page, problems } = await openOffline(pages[0]!);
    const header = await page.evaluate(() => document.querySelector('crowd-classifier')?.getAttribute('header'));
    assert.equal(header, `How relevant is the below answer to the question: ${inputs[0]!.source}`);
    const answer = await rateWithKeyboard(page, '4');
    assert.deepEqual(answer, { relevance: { label: '4' } });
    assert.equal(JSON.stringify(answer), '{"relevance":{"label":"4"}}');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('collects three workers\' ratings of every item in Chromium, offline and without script injection', async () => {
    for (const [index, pageFile] of pages.entries()) {
      const item = ratings.ratings[index]!;
      const annotations = [];
      for (const [workerIndex, label] of item.labels.entries()) {
        const { page, problems } = await openOffline(pageFile);
        // The hostile answer (<script>, <b>) is shown as text.
        const shownAnswer = await page.textContent('classification-target');
        assert.equal(shownAnswer?.trim(), inputs[index]!.answer);
        const answer = await rateWithKeyboard(page, label);
        assert.deepEqual(answer, { relevance: { label } });
        assert.deepEqual(problems, []);
        annotations.push({ workerId: ratings.workers[workerIndex]!, annotationData: { content: JSON.stringify(answer) } });
        await page.close();
      }
      payload.push({ datasetObjectId: String(index), dataObject: { content: inputs[index]!.source }, annotations });
    }
    // What the pages submitted is exactly the payload fixture the CLI examples use.
    assert.deepEqual(payload, JSON.parse(readFileSync(join(fixtures, 'payload.json'), 'utf8')));
  });

  it('consolidates the payload and writes a valid output manifest with the CLI', async () => {
    const payloadFile = join(work, 'payload.json');
    const responseFile = join(work, 'response.json');
    const manifestFile = join(work, 'output.manifest');
    writeFileSync(payloadFile, JSON.stringify(payload));

    const consolidated = await runQuorum([
      'consolidate', '--payload', payloadFile, '--event', join(fixtures, 'post-annotation-event.json'),
      '--method', 'majority', '--out', responseFile,
    ]);
    assert.equal(consolidated.code, 0, consolidated.stderr);
    const response = JSON.parse(readFileSync(responseFile, 'utf8')) as unknown;
    assert.equal(validatePostAnnotationResponse(response).valid, true);
    assert.deepEqual(response, JSON.parse(readFileSync(join(fixtures, 'expected-response.majority.json'), 'utf8')));

    const written = await runQuorum([
      'manifest', '--input', join(fixtures, 'input.manifest'), '--consolidated', responseFile,
      '--label-attribute', 'relevance', '--job-name', 'chatbot-relevance',
      '--creation-date', '2026-11-23T10:00:00.000Z', '--out', manifestFile,
    ]);
    assert.equal(written.code, 0, written.stderr);
    const lines = readFileSync(manifestFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(lines.length, inputs.length);
    for (const [index, line] of lines.entries()) {
      assert.equal(validateOutputManifestLine(line, 'relevance').valid, true, `line ${index + 1}`);
      assert.equal(line.source, inputs[index]!.source, `line ${index + 1} keeps its input`);
      assert.equal(line.answer, inputs[index]!.answer, `line ${index + 1} keeps its input`);
      const votes = ratings.ratings[index]!.labels;
      const label = (line.relevance as { label: string }).label;
      const top = Math.max(...['1', '2', '3', '4', '5'].map((candidate) => votes.filter((vote) => vote === candidate).length));
      assert.equal(votes.filter((vote) => vote === label).length, top, `line ${index + 1}: ${label} is a most-voted rating of ${votes}`);
      const metadata = line['relevance-metadata'] as Record<string, unknown>;
      assert.equal(metadata['class-name'], label);
      assert.equal(metadata.type, 'groundTruth/custom');
      assert.equal(metadata.job_name, 'chatbot-relevance');
      assert.equal(metadata['human-annotated'], 'yes');
      assert.equal(metadata.confidence, top / votes.length);
    }
    assert.deepEqual(
      readFileSync(manifestFile, 'utf8'),
      readFileSync(join(fixtures, 'expected-output.manifest'), 'utf8'),
    );
  });
});
