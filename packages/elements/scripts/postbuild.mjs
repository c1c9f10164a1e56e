// After rollup: checks the browser bundle is safe as a classic script and inline, and writes
// custom-elements.json.
//
// 1. dist/crowd-html-elements.js and dist/crowd-spatial-elements.js must be wrapped in a function (rollup builds it as IIFE): as a
//    classic script its top-level names would otherwise land in the page's global scope and clash
//    with the page's, or with a second copy of the bundle. It must not contain "</script" or "<!--",
//    which would end or confuse an inline <script>.
// 2. custom-elements.json is generated from the JSDoc of the element classes.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const packageDir = new URL('..', import.meta.url).pathname;
// The core bundle and the spatial bundle it loads on first use; both are also inlined by quorum render.
for (const file of ['dist/crowd-html-elements.js', 'dist/crowd-spatial-elements.js']) {
  const bundle = join(packageDir, file);
  if (!existsSync(bundle)) {
    throw new Error(`${bundle} is missing: run QUORUM_PACKAGES=elements npx rollup -c first.`);
  }
  const code = readFileSync(bundle, 'utf8');
  if (!/^\s*(?:!function\(\)\{|\(function\(\)\{|\(\(\)=>\{)/.test(code)) {
    throw new Error(`${bundle} is not wrapped in a function; rollup must build bundles as IIFE (rollup.config.mjs).`);
  }
  if (/<\/script|<!--/i.test(code)) {
    throw new Error(`${bundle} contains "</script" or "<!--", so it would break when inlined in a <script> element.`);
  }
}

const cem = join(packageDir, '../../node_modules/.bin/cem');
execFileSync(cem, ['analyze', '--globs', 'src/**/*.ts', '--exclude', 'src/**/*.test.ts', '--litelement', '--outdir', '.'], {
  cwd: packageDir,
  stdio: 'inherit',
});
