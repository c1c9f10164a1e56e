/**
 * Opens a task page straight from disk (file://) in Debian's Chromium headless (QUORUM_CHROMIUM
 * overrides) and returns the answer the page showed in `<pre id="quorum-answer">`. The page's own
 * script must set `document.body.dataset.protocol = location.protocol` once it has submitted.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const chromium = process.env['QUORUM_CHROMIUM'] ?? '/usr/bin/chromium';

/** The drop-in bundle, as a URL a page's `<script src>` can load. */
export const bundle = new URL('../dist/crowd-html-elements.js', import.meta.url);

export async function answerFromFileUrlPage(page: string, profileDir: string): Promise<unknown> {
  assert.ok(existsSync(bundle), `${bundle.pathname} is missing: run npm run build first.`);
  assert.ok(existsSync(chromium), `Chromium not found at ${chromium}; set QUORUM_CHROMIUM.`);
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
      `--user-data-dir=${join(profileDir, 'profile')}`,
      '--virtual-time-budget=10000',
      '--dump-dom',
      pathToFileURL(page).href,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  assert.match(stdout, /data-protocol="file:"/, 'the page script did not run after all-crowd-elements-ready');
  const preview = /<pre id="quorum-answer"[^>]*>([\s\S]*?)<\/pre>/.exec(stdout);
  assert.ok(preview, `no answer preview in the page:\n${stdout.slice(0, 2000)}`);
  return JSON.parse(preview[1] ?? '') as unknown;
}
