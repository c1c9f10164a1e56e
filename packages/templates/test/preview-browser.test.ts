// Opens a preview page from file:// in headless Chromium with the network cut off, and checks
// that the inlined elements bundle and the template's own inline scripts both ran.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPreviewPage, renderTemplate } from '../src/index.js';
import { readFixture } from './support.js';

const CHROMIUM = process.env.QUORUM_CHROMIUM ?? '/usr/bin/chromium';

function dumpDom(file: string): string {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (install Debian's chromium or set QUORUM_CHROMIUM)`);
  return execFileSync(
    'timeout',
    [
      '60',
      CHROMIUM,
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--host-resolver-rules=MAP * ~NOTFOUND',
      '--dump-dom',
      pathToFileURL(file).href,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
}

test('a preview page works from file:// with no network: bundle as module, inline scripts intact', async (t) => {
  // A stand-in elements bundle: an ES module that defines crowd-form and says so, with a
  // `</script>` in a string that must not end the inlined script.
  const bundle = `const marker = "</script><!-- ok";
class CrowdForm extends HTMLElement {
  connectedCallback() { this.dataset.upgraded = marker.length === 16 ? 'yes' : 'broken'; }
}
customElements.define('crowd-form', CrowdForm);
export { CrowdForm };`;
  const template = `${readFixture('relevance.liquid.html')}
<script>
  customElements.whenDefined('crowd-form').then(() => { document.body.dataset.ready = 'yes'; });
  document.body.dataset.inline = 'ran';
</script>`;
  const fragment = await renderTemplate(template, { source: 'Q & "A"?', answer: '<b>Paris</b>' }, { filename: 'relevance.liquid.html' });
  const dir = mkdtempSync(join(tmpdir(), 'quorum-preview-page-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'preview.html');
  writeFileSync(file, buildPreviewPage(fragment, { elementsBundle: bundle, title: 'Relevance' }));
  const dom = dumpDom(file);
  assert.match(dom, /<crowd-form data-upgraded="yes">/);
  assert.match(dom, /<body[^>]*data-inline="ran"/);
  assert.match(dom, /<body[^>]*data-ready="yes"/);
  assert.match(dom, /<classification-target>&lt;b&gt;Paris&lt;\/b&gt;<\/classification-target>/);
  assert.doesNotMatch(dom, /assets\.crowd\.aws/);
});
