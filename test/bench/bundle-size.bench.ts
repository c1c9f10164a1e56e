// Size of the drop-in bundles as workers download them: raw and gzip bytes of
// crowd-html-elements.js (the core, every element but the spatial ones) and
// crowd-spatial-elements.js (loaded by the core on first use of an image element). Fails (exit 1)
// when the core is over its budget of 60 KB gzip (issues 4 and 7, docs/decisions/003-lazy-spatial-bundle.md).
// Gzip is Node's zlib at level 9, which comes out about 0.5% above GNU `gzip -9`, so the check errs
// on the safe side.
// Run: node scripts/bench.mjs bundle-size (after `npm run build`, or via `npm run bench`).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The budget of the core bundle, in gzip bytes: 60 KB. */
export const CORE_BUDGET_GZIP = 60 * 1024;

const dist = new URL('../../packages/elements/dist/', import.meta.url).pathname;
const bundles = [
  { name: 'core', file: 'crowd-html-elements.js' },
  { name: 'spatial', file: 'crowd-spatial-elements.js' },
];

const rows = bundles.map(({ name, file }) => {
  const path = join(dist, file);
  if (!existsSync(path)) throw new Error(`${path} is missing: build it first (npm run build, or QUORUM_PACKAGES=elements npx rollup -c)`);
  const code = readFileSync(path);
  return { bundle: name, file, raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
});
const total = { bundle: 'both', file: '', raw: rows.reduce((sum, row) => sum + row.raw, 0), gzip: rows.reduce((sum, row) => sum + row.gzip, 0) };

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`${'bundle'.padEnd(8)} ${'file'.padEnd(28)} ${'raw bytes'.padStart(10)} ${'gzip bytes'.padStart(11)} ${'gzip'.padStart(9)}`);
for (const row of [...rows, total]) {
  console.log(`${row.bundle.padEnd(8)} ${row.file.padEnd(28)} ${String(row.raw).padStart(10)} ${String(row.gzip).padStart(11)} ${kb(row.gzip).padStart(9)}`);
}

const core = rows[0]!;
const headroom = CORE_BUDGET_GZIP - core.gzip;
console.log(`\ncore budget ${CORE_BUDGET_GZIP} B gzip: ${headroom >= 0 ? `${headroom} B to spare` : `OVER by ${-headroom} B`}`);
if (headroom < 0) {
  console.error(`crowd-html-elements.js is ${core.gzip} B gzip, over the ${CORE_BUDGET_GZIP} B budget: move elements to the spatial bundle or shrink them.`);
  process.exitCode = 1;
}
