// `quorum preview` run as a user runs it: the built CLI in a child process, talked to over HTTP.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    const { dir, cleanup } = tempDir();
    const template = join(dir, 'task.liquid.html');
    const input = join(dir, 'input.json');
    writeFileSync(template, TEMPLATE);
    writeFileSync(input, INPUT);
    const preview = await startPreview([template, '--input', input, '--port', '0']);
    try {
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
    } finally {
      preview.child.kill('SIGKILL');
      cleanup();
    }
  });

  it('serves only the page and its event stream, only to 127.0.0.1 and localhost, and stops on SIGTERM', async () => {
    const { dir, cleanup } = tempDir();
    const template = join(dir, 'task.liquid.html');
    const input = join(dir, 'input.json');
    writeFileSync(template, TEMPLATE);
    writeFileSync(input, INPUT);
    const preview = await startPreview([template, '--input', input, '--port', '0']);
    try {
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
    } finally {
      preview.child.kill('SIGKILL');
      cleanup();
    }
  });

  it('shows an error present from the start in the page, and recovers when it is fixed', async () => {
    const { dir, cleanup } = tempDir();
    const template = join(dir, 'task.hbs');
    const input = join(dir, 'input.json');
    writeFileSync(template, '<p>{{task.input.sourse}}</p>\n');
    writeFileSync(input, INPUT);
    const preview = await startPreview([template, '--input', input, '--port', '0']);
    try {
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
    } finally {
      preview.child.kill('SIGKILL');
      cleanup();
    }
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
    const { dir, cleanup } = tempDir();
    const template = join(dir, 'task.liquid.html');
    const input = join(dir, 'input.json');
    writeFileSync(template, TEMPLATE);
    writeFileSync(input, INPUT);
    const preview = await startPreview([template, '--input', input, '--port', '0']);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('request', (request) => {
        if (!request.url().startsWith(preview.url)) problems.push(`request outside the preview: ${request.url()}`);
      });
      await page.goto(preview.url);
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
      assert.deepEqual(problems, []);
      assert.equal(await stop(preview, 'SIGINT'), 0);
    } finally {
      await browser.close();
      preview.child.kill('SIGKILL');
      cleanup();
    }
  });
});
