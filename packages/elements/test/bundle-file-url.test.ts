/**
 * The drop-in bundle must work in a task page opened straight from disk (file://), where module
 * scripts are blocked: a classic <script src> of dist/crowd-html-elements.js must define the
 * elements and submit the answer. Runs Debian's Chromium headless (QUORUM_CHROMIUM overrides).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerFromFileUrlPage, bundle } from './file-url-page.js';


test('dist/crowd-html-elements.js works from file:// as a classic script', async () => {
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
    assert.deepEqual(await answerFromFileUrlPage(page, dir), { relevance: { label: '4' } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
