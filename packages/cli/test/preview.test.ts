// `quorum preview` run as a user runs it: the built CLI in a child process, talked to over HTTP.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../../test/support/chromium.js';
import { quorumBin, repoRoot } from '../../../test/support/cli.js';

// Only the built `quorum` runs here (in a child process), so nothing imports the CLI's sources.
const fixture = (name: string): string => join(repoRoot, 'templates/llm-relevance-rating', name);
function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-preview-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
const TEMPLATE = readFileSync(fixture('template.liquid.html'), 'utf8');
const INPUT = readFileSync(fixture('fixtures/input.json'), 'utf8');
const WAIT_MS = 10_000;
/** A 1×1 PNG, so image elements have a picture that loads without a request. */
const PIXEL_PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

interface Preview {
  child: ChildProcessWithoutNullStreams;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts `quorum preview` and resolves once it has printed its URL. */
function startPreview(args: string[]): Promise<Preview> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [quorumBin, 'preview', ...args], { cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`quorum preview printed no URL within ${WAIT_MS} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, WAIT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, stdout: () => stdout, stderr: () => stderr, exited });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`quorum preview exited with ${code} before serving\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });
}

/** Runs `quorum preview` expecting it to fail at once. */
function failingPreview(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [quorumBin, 'preview', ...args], { cwd: repoRoot });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), WAIT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

async function stop(preview: Preview, signal: NodeJS.Signals): Promise<number | null> {
  preview.child.kill(signal);
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), WAIT_MS).unref());
  const code = await Promise.race([preview.exited, timeout]);
  if (code === 'timeout') {
    preview.child.kill('SIGKILL');
    assert.fail(`quorum preview did not stop within ${WAIT_MS} ms of ${signal}`);
  }
  return code;
}

interface PreviewFiles {
  /** The template file the preview watches, and its input file. */
  template: string;
  input: string;
  dir: string;
}

/**
 * Writes a template and an input into a fresh folder, runs `quorum preview` on them (with `args`
 * after them) and hands both to `body`; the child process and the folder are gone afterwards,
 * whatever happened.
 */
async function withPreview(
  files: { template?: string; templateName?: string; input?: string; args?: string[] },
  body: (preview: Preview, paths: PreviewFiles) => Promise<void>,
): Promise<void> {
  const { dir, cleanup } = tempDir();
  const paths = { dir, template: join(dir, files.templateName ?? 'task.liquid.html'), input: join(dir, 'input.json') };
  writeFileSync(paths.template, files.template ?? TEMPLATE);
  writeFileSync(paths.input, files.input ?? INPUT);
  try {
    const preview = await startPreview([paths.template, '--input', paths.input, '--port', '0', ...(files.args ?? [])]);
    try {
      await body(preview, paths);
    } finally {
      preview.child.kill('SIGKILL');
    }
  } finally {
    cleanup();
  }
}

/**
 * Opens the preview in headless Chromium and runs `body` on the page; fails if the page throws or
 * requests anything outside the preview. The browser is closed afterwards.
 */
async function inChromium(preview: Preview, body: (page: Page) => Promise<void>): Promise<void> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith(preview.url)) problems.push(`request outside the preview: ${request.url()}`);
    });
    await page.goto(preview.url);
    await body(page);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
}

interface ServerEvent {
  event: string;
  data: string;
}

/** Reads a Server-Sent Events stream; `next(name)` resolves with the next event of that name. */
async function openEvents(url: string): Promise<{ next: (name: string) => Promise<ServerEvent>; ended: Promise<void>; close: () => void }> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  const queue: ServerEvent[] = [];
  const waiters: Array<() => void> = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: ServerEvent = { event: 'message', data: '' };
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event.event = line.slice(7);
            if (line.startsWith('data: ')) event.data = line.slice(6);
          }
          if (block.includes('data: ')) queue.push(event);
          waiters.splice(0).forEach((wake) => wake());
        }
      }
    } catch {
      // Aborted by the test or cut by the server's exit: either way the stream has ended.
    } finally {
      waiters.splice(0).forEach((wake) => wake());
    }
  })();
  let finished = false;
  void ended.then(() => (finished = true));
  const next = async (name: string): Promise<ServerEvent> => {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const index = queue.findIndex((event) => event.event === name);
      if (index >= 0) return queue.splice(index, 1)[0]!;
      if (finished) assert.fail(`the event stream ended without a "${name}" event`);
      if (Date.now() > deadline) assert.fail(`no "${name}" event within ${WAIT_MS} ms`);
      await new Promise<void>((wake) => {
        waiters.push(wake);
        setTimeout(wake, 100);
      });
    }
  };
  return { next, ended, close: () => controller.abort() };
}

async function getPage(url: string): Promise<{ status: number; html: string }> {
  const response = await fetch(url);
  return { status: response.status, html: await response.text() };
}

/** A raw request, for what fetch does not let a test set (the Host header). */
function rawRequest(url: string, options: { method?: string; host?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = options.host === undefined ? {} : { host: options.host };
    const outgoing = request(url, { method: options.method ?? 'GET', headers }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('quorum preview', () => {
  it('serves the page, reloads it when the template or input changes, shows template errors, stops on Ctrl-C', async () => {
    await withPreview({}, async (preview, { dir, template, input }) => {
      const first = await getPage(preview.url);
      assert.equal(first.status, 200);
      assert.match(first.html, /^<!doctype html>/i);
      assert.match(first.html, /<crowd-classifier name="relevance"/);
      assert.match(first.html, /&lt;b&gt;Louvre&lt;\/b&gt;/, 'the input is escaped as in `quorum render`');
      assert.doesNotMatch(first.html, /assets\.crowd\.aws/, 'the elements bundle is inlined');
      assert.match(first.html, /new EventSource\(/);

      const events = await openEvents(`${preview.url}__quorum/events`);
      const initial = await events.next('version');

      writeFileSync(template, TEMPLATE.replace('Rate the relevance of the answer.', 'Rate how well the answer fits.'));
      const afterTemplate = await events.next('reload');
      assert.notEqual(afterTemplate.data, initial.data);
      const second = await getPage(preview.url);
      assert.match(second.html, /Rate how well the answer fits\./);
      assert.ok(second.html.includes(`const version = ${JSON.stringify(afterTemplate.data)};`), 'the page carries the version it shows');

      // Saved the way many editors save: a new file renamed over the old one.
      const replacement = join(dir, 'input.json.tmp');
      writeFileSync(replacement, JSON.stringify({ source: 'Who wrote Hamlet?', answer: 'Shakespeare <i>did</i>.' }));
      renameSync(replacement, input);
      await events.next('reload');
      const third = await getPage(preview.url);
      assert.match(third.html, /Who wrote Hamlet\?/);
      assert.match(third.html, /Shakespeare &lt;i&gt;did&lt;\/i&gt;\./);

      writeFileSync(template, `${TEMPLATE}\n  {% if "<img src=x onerror=alert(1)>" %}\n`);
      await events.next('reload');
      const broken = await getPage(preview.url);
      assert.equal(broken.status, 500);
      assert.match(broken.html, /<pre id="quorum-preview-error">[^<]*task\.liquid\.html:11:3: tag \{% if &quot;&lt;img src=x onerror=alert\(1\)&gt;&quot; %\} not closed<\/pre>/);
      assert.doesNotMatch(broken.html, /<img/, 'the error is text, not markup');
      assert.match(broken.html, /new EventSource\(/, 'the error page reloads too, once the template is fixed');
      assert.match(preview.stderr(), /task\.liquid\.html:11:3: tag \{% if/);

      writeFileSync(input, '{ "source": "x", }');
      await events.next('reload');
      assert.match((await getPage(preview.url)).html, /input\.json:1:18: input is not valid JSON/);

      writeFileSync(input, INPUT);
      await events.next('reload');
      assert.match((await getPage(preview.url)).html, /task\.liquid\.html:11:3: tag/, 'the template error again');
      writeFileSync(template, TEMPLATE);
      await events.next('reload');
      const fixed = await getPage(preview.url);
      assert.equal(fixed.status, 200);
      assert.match(fixed.html, /Rate the relevance of the answer\./);

      assert.equal(await stop(preview, 'SIGINT'), 0);
      await events.ended;
      assert.match(preview.stdout(), /Stopped \(SIGINT\)/);
      await assert.rejects(fetch(preview.url), 'nothing listens any more');
    });
  });

  it('serves only the page and its event stream, only to 127.0.0.1 and localhost, and stops on SIGTERM', async () => {
    await withPreview({}, async (preview) => {
      for (const path of ['input.json', 'task.liquid.html', '..%2Finput.json', 'etc/passwd', 'favicon.ico', 'index.html']) {
        assert.equal((await fetch(`${preview.url}${path}`)).status, 404, path);
      }
      assert.equal((await getPage(`${preview.url}?assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE`)).status, 200, 'a query string still gets the page');
      const post = await rawRequest(preview.url, { method: 'POST' });
      assert.equal(post.status, 405);
      const rebound = await rawRequest(preview.url, { host: 'attacker.example:80' });
      assert.equal(rebound.status, 403);
      assert.doesNotMatch(rebound.body, /crowd-classifier/);
      const port = new URL(preview.url).port;
      assert.equal((await rawRequest(preview.url, { host: `localhost:${port}` })).status, 200);

      assert.equal(await stop(preview, 'SIGTERM'), 0);
      assert.match(preview.stdout(), /Stopped \(SIGTERM\)/);
    });
  });

  it('shows an error present from the start in the page, and recovers when it is fixed', async () => {
    await withPreview({ template: '<p>{{task.input.sourse}}</p>\n', templateName: 'task.hbs' }, async (preview, { template }) => {
      const page = await getPage(preview.url);
      assert.equal(page.status, 500);
      assert.match(page.html, /task\.hbs:1:6: undefined variable task\.input\.sourse \(did you mean task\.input\.source\?\)/);
      const events = await openEvents(`${preview.url}__quorum/events`);
      await events.next('version');
      writeFileSync(template, '<p>{{task.input.source}}</p>\n');
      await events.next('reload');
      const fixed = await getPage(preview.url);
      assert.equal(fixed.status, 200);
      assert.match(fixed.html, /<p>What is the capital of France\?<\/p>/);
      assert.equal(await stop(preview, 'SIGINT'), 0);
    });
  });

  it('refuses a missing file, a bad port and a port in use, naming each', async () => {
    const input = fixture('fixtures/input.json');
    const template = fixture('template.liquid.html');
    const missing = await failingPreview(['nope.liquid.html', '--input', input, '--port', '0']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /template file not found: nope\.liquid\.html/);

    const missingInput = await failingPreview([template, '--input', 'nope.json', '--port', '0']);
    assert.equal(missingInput.code, 2);
    assert.match(missingInput.stderr, /input file not found: nope\.json/);

    const badPort = await failingPreview([template, '--input', input, '--port', 'http']);
    assert.equal(badPort.code, 2);
    assert.match(badPort.stderr, /--port must be a port number from 0 to 65535/);

    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as { port: number }).port;
      const busy = await failingPreview([template, '--input', input, '--port', String(port)]);
      assert.equal(busy.code, 2);
      assert.match(busy.stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use`));
    } finally {
      taken.close();
    }
  });

  it('in Chromium: the page submits and shows the answer JSON, and reloads itself when the template changes', async () => {
    await withPreview({}, async (preview, { template }) => {
      await inChromium(preview, async (page) => {
        await page.waitForFunction(() => customElements.get('crowd-classifier') !== undefined);
        await page.evaluate(() => {
          (document.querySelector('crowd-classifier') as HTMLElement & { value: string }).value = '4';
        });
        await page.locator('crowd-button[form-action="submit"]').click();
        await page.waitForSelector('pre#quorum-answer');
        assert.deepEqual(JSON.parse((await page.textContent('pre#quorum-answer')) ?? 'null'), { relevance: { label: '4' } });

        const reloaded = page.waitForEvent('load', { timeout: WAIT_MS });
        writeFileSync(template, TEMPLATE.replace('Rate the relevance of the answer.', 'Rate it again.'));
        await reloaded;
        await page.waitForFunction(() => document.querySelector('short-instructions')?.textContent === 'Rate it again.');
        assert.equal(await page.$('pre#quorum-answer'), null, 'the reloaded page starts afresh');
      });
      assert.equal(await stop(preview, 'SIGINT'), 0);
    });
  });
});

describe('quorum preview --validate', () => {
  /** The answer schema embedded in a served page, as its validator module script holds it. */
  const embeddedSchema = (html: string): string => {
    const start = html.indexOf('<script type="module" data-quorum-answer-validator>');
    assert.ok(start > html.indexOf('<crowd-form>'), 'the validator script comes after the task');
    return html.slice(start);
  };

  it('embeds the validator of the answer schema, extracted again whenever the template changes', async () => {
    await withPreview({ args: ['--validate'] }, async (preview, { template }) => {
      const first = await getPage(preview.url);
      assert.equal(first.status, 200);
      assert.match(embeddedSchema(first.html), /"enum":\s*\[\s*"1",\s*"2",\s*"3",\s*"4",\s*"5"\s*\]/);
      assert.match(first.html, /new EventSource\(/, 'live reload stays');
      assert.doesNotMatch(embeddedSchema(first.html), /\beval\(|new Function\b/);

      const events = await openEvents(`${preview.url}__quorum/events`);
      await events.next('version');
      const lowHigh = TEMPLATE.replace("categories=\"['1', '2', '3', '4', '5']\"", "categories=\"['low', 'high']\"");
      writeFileSync(template, lowHigh);
      await events.next('reload');
      const narrowed = embeddedSchema((await getPage(preview.url)).html);
      assert.match(narrowed, /"enum":\s*\[\s*"low",\s*"high"\s*\]/);
      assert.doesNotMatch(narrowed, /"5"/);

      // Renders the same fragment, but the answer gains a key: the page must still change.
      writeFileSync(template, `${lowHigh}{% if false %}<crowd-input name="second_opinion"></crowd-input>{% endif %}`);
      await events.next('reload');
      assert.match(embeddedSchema((await getPage(preview.url)).html), /"second_opinion":\s*\{\s*"type":\s*"string"/);

      const looped = '<crowd-form>{% for q in task.input.questions %}<crowd-input name="q-{{ forloop.index }}" label="{{ q }}"></crowd-input>{% endfor %}</crowd-form>\n';
      writeFileSync(template, looped);
      await events.next('reload');
      assert.match(embeddedSchema((await getPage(preview.url)).html), /"\^q-\[0-9\]\+\$"/);
      const note = /task\.liquid\.html:1:\d+: note: <crowd-input> at line 1, column \d+ has a name built by the template/g;
      assert.equal(preview.stderr().match(note)?.length, 1, preview.stderr());
      events.close();
      assert.equal(await stop(preview, 'SIGINT'), 0);
    });
  });

  it("in Chromium: an unnamed A2I element's answer, under A2I's key, passes the validator", async () => {
    const key = 'AWS/Rekognition/DetectModerationLabels/Image/V3';
    const template = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form>
  <crowd-rekognition-detect-moderation-labels header="Choose every category that applies." src="{{ task.input.image }}"
    categories='[{% for label in task.input.labels %}{ name: {{ label.name | to_json }}, parentName: {{ label.parentName | to_json }} }{% unless forloop.last %}, {% endunless %}{% endfor %}]'>
  </crowd-rekognition-detect-moderation-labels>
</crowd-form>
`;
    const input = JSON.stringify({ image: PIXEL_PNG, labels: [{ name: 'Gore', parentName: 'Violence' }, { name: 'Weapons', parentName: 'Violence' }] });
    await withPreview({ template, input, args: ['--validate'] }, async (preview) => {
      assert.match(embeddedSchema((await getPage(preview.url)).html), new RegExp(`"${key.replace(/\//g, '\\/')}":`));
      await inChromium(preview, async (page) => {
        await page.waitForFunction(() => customElements.get('crowd-rekognition-detect-moderation-labels') !== undefined && (document.querySelector('crowd-form') as { answerValidator?: unknown } | null)?.answerValidator);
        await page.evaluate(async () => {
          const element = document.querySelector('crowd-rekognition-detect-moderation-labels') as HTMLElement & { value: string[]; updateComplete: Promise<boolean> };
          await element.updateComplete;
          element.value = ['Weapons'];
        });
        await page.locator('crowd-button[form-action="submit"]').click();
        await page.waitForSelector('pre#quorum-answer');
        assert.deepEqual(JSON.parse((await page.textContent('pre#quorum-answer')) ?? 'null'), { [key]: { moderationLabels: [{ name: 'Weapons', parentName: 'Violence' }] } });
      });
      assert.equal(await stop(preview, 'SIGINT'), 0);
    });
  });

  it('in Chromium: Submit refuses an answer that does not match and lists why; a changed template changes what passes', async () => {
    const template = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form>
  <crowd-classifier name="relevance" categories="['1', '2', '3', '4', '5']" header="{{ task.input.source }}">
    <classification-target>{{ task.input.answer }}</classification-target>
  </crowd-classifier>
  <select name="confidence" aria-label="Confidence"><option>low</option><option>high</option></select>
</crowd-form>
`;
    await withPreview({ template, args: ['--validate'] }, async (preview, paths) => {
      await inChromium(preview, async (page) => {
        const answerWith = async (confidence: string): Promise<void> => {
          await page.waitForFunction(() => customElements.get('crowd-classifier') !== undefined && (document.querySelector('crowd-form') as { answerValidator?: unknown } | null)?.answerValidator);
          await page.evaluate((choice) => {
            (document.querySelector('crowd-classifier') as HTMLElement & { value: string }).value = '4';
            const select = document.querySelector('select')!;
            // A value the template does not offer, as a script in the task could set.
            if (![...select.options].some((option) => option.value === choice)) select.add(new Option(choice));
            select.value = choice;
            (window as unknown as { invalid: unknown[] }).invalid ??= [];
            document.addEventListener('crowd-answer-invalid', (event) => (window as unknown as { invalid: unknown[] }).invalid.push((event as CustomEvent).detail.issues));
          }, confidence);
          await page.locator('crowd-button[form-action="submit"]').click();
        };

        await answerWith('unsure');
        const issues = page.locator('crowd-form [part="answer-issues"]');
        await issues.waitFor();
        assert.match((await issues.textContent()) ?? '', /Confidence: must be equal to one of the allowed values: "low", "high"/);
        assert.equal(await page.$('pre#quorum-answer'), null, 'nothing was submitted');
        assert.deepEqual(await page.evaluate(() => (window as unknown as { invalid: unknown[] }).invalid), [[{ path: '/confidence', message: 'must be equal to one of the allowed values: "low", "high"', value: 'unsure' }]]);

        await page.selectOption('select', 'high');
        await page.locator('crowd-button[form-action="submit"]').click();
        await page.waitForSelector('pre#quorum-answer');
        assert.deepEqual(JSON.parse((await page.textContent('pre#quorum-answer')) ?? 'null'), { relevance: { label: '4' }, confidence: 'high' });

        const reloaded = page.waitForEvent('load', { timeout: WAIT_MS });
        writeFileSync(paths.template, template.replace('<option>high</option>', '<option>high</option><option>unsure</option>'));
        await reloaded;
        await answerWith('unsure');
        await page.waitForSelector('pre#quorum-answer');
        assert.deepEqual(JSON.parse((await page.textContent('pre#quorum-answer')) ?? 'null'), { relevance: { label: '4' }, confidence: 'unsure' });
      });
      assert.equal(await stop(preview, 'SIGINT'), 0);
    });
  });
});
