/**
 * The drop-in bundle must work in a task page opened straight from disk (file://), where module
 * scripts are blocked: a classic <script src> of dist/crowd-html-elements.js must define the
 * elements and submit the answer. Runs Debian's Chromium headless (QUORUM_CHROMIUM overrides).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const chromium = process.env['QUORUM_CHROMIUM'] ?? '/usr/bin/chromium';
const bundle = new URL('../dist/crowd-html-elements.js', import.meta.url);

test('dist/crowd-html-elements.js works from file:// as a classic script', async () => {
  assert.ok(existsSync(bundle), `${bundle.pathname} is missing: run npm run build first.`);
  assert.ok(existsSync(chromium), `Chromium not found at ${chromium}; set QUORUM_CHROMIUM.`);
  const dir = mkdtempSync(join(tmpdir(), 'quorum-file-url-'));
  try {
    const page = join(dir, 'task.html');
    writeFileSync(
      page,
      `<!doctype html><html lang="en"><head><title>Task</title><script src="${bundle.href}"></script></head><body>
<crowd-form>
  <crowd-classifier name="relevance" categories="['1', '2', '3', '4', '5']" header="How relevant is the answer?">
    <classification-target>Paris is the capital of France.</classification-target>
    <short-instructions>Rate the relevance of the answer.</short-instructions>
  </crowd-classifier>
</crowd-form>
<script>
  document.addEventListener('all-crowd-elements-ready', () => {
    const classifier = document.querySelector('crowd-classifier');
    classifier.dispatchEvent(new KeyboardEvent('keydown', { key: '4', bubbles: true, composed: true }));
    document.querySelector('crowd-form').submit();
    document.body.dataset.protocol = location.protocol;
  });
</script>
</body></html>`,
    );
    const { stdout } = await run(
      'timeout',
      [
        '60',
        chromium,
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--user-data-dir=${join(dir, 'profile')}`,
        '--virtual-time-budget=10000',
        '--dump-dom',
        pathToFileURL(page).href,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    assert.match(stdout, /data-protocol="file:"/, 'the page script did not run after all-crowd-elements-ready');
    const preview = /<pre id="quorum-answer"[^>]*>([\s\S]*?)<\/pre>/.exec(stdout);
    assert.ok(preview, `no answer preview in the page:\n${stdout.slice(0, 2000)}`);
    assert.deepEqual(JSON.parse(preview[1] ?? ''), { relevance: { label: '4' } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
