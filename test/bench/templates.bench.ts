// Template rendering and preview-page building speed.
// Run: node scripts/bench.mjs templates (after `npm run build`, or via `npm run bench`).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { buildPreviewPage, compileHandlebars, parseLiquid, renderTemplate } from '@quorum/templates';

const fixture = (name: string) => readFileSync(new URL(`../../packages/templates/test/fixtures/${name}`, import.meta.url), 'utf8');
const liquidSource = fixture('relevance.liquid.html');
const handlebarsSource = fixture('relevance.hbs');
const input = JSON.parse(fixture('relevance.input.json')) as Record<string, unknown>;
const RENDERS = 10_000;

interface Row {
  what: string;
  count: number;
  totalMs: number;
  perSecond: number;
  perCallUs: number;
}
const rows: Row[] = [];

async function measure(what: string, count: number, run: () => unknown): Promise<void> {
  for (let i = 0; i < Math.min(500, count); i++) await run();
  globalThis.gc?.();
  const start = performance.now();
  for (let i = 0; i < count; i++) await run();
  const totalMs = performance.now() - start;
  rows.push({ what, count, totalMs, perSecond: (count / totalMs) * 1000, perCallUs: (totalMs / count) * 1000 });
}

// Compile once: the first call parses/compiles, later calls hit the cache.
let start = performance.now();
parseLiquid(liquidSource, { filename: 'relevance.liquid.html' });
const liquidCompileMs = performance.now() - start;
start = performance.now();
const compiled = compileHandlebars(handlebarsSource, { filename: 'relevance.hbs' });
compiled.render({ task: { input } });
const handlebarsCompileMs = performance.now() - start;

const expected = await renderTemplate(liquidSource, input, { filename: 'relevance.liquid.html' });
if ((await renderTemplate(handlebarsSource, input, { filename: 'relevance.hbs' })) !== expected) {
  throw new Error('the two engines disagree on the relevance template; the benchmark would compare different work');
}

await measure('liquid: renderTemplate(relevance)', RENDERS, () => renderTemplate(liquidSource, input, { filename: 'relevance.liquid.html' }));
await measure('handlebars: renderTemplate(relevance)', RENDERS, () => renderTemplate(handlebarsSource, input, { filename: 'relevance.hbs' }));

// A ~100 KB elements bundle with the sequences the inliner has to escape.
const chunk = 'export const label_N = "crowd </script> <!-- element N";\nfunction render_N(host) { return host.shadowRoot && host.shadowRoot.innerHTML.length > N; }\n';
let bundle = '';
for (let i = 0; bundle.length < 100_000; i++) bundle += chunk.replaceAll('N', String(i));
await measure(`preview: buildPreviewPage(${(bundle.length / 1024).toFixed(0)} KB bundle)`, 1_000, () => buildPreviewPage(expected, { elementsBundle: bundle, title: 'Relevance', input }));

console.log(`first parse+compile: liquid ${liquidCompileMs.toFixed(2)} ms, handlebars ${handlebarsCompileMs.toFixed(2)} ms`);
console.log('| benchmark | calls | total ms | calls/s | µs/call |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  console.log(`| ${row.what} | ${row.count} | ${row.totalMs.toFixed(1)} | ${Math.round(row.perSecond).toLocaleString('en-US')} | ${row.perCallUs.toFixed(1)} |`);
}
