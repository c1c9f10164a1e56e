// Runs every test suite (Node tests with node:test, browser tests in Chromium through
// @web/test-runner) and ends with one line `N passed, N failed` summing all of them.
// Usage: node scripts/test.mjs [--only node|browser] [files…]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';

const root = new URL('..', import.meta.url).pathname;
const { values, positionals } = parseArgs({ options: { only: { type: 'string' } }, allowPositionals: true });
const cacheDir = join(root, '.cache');
mkdirSync(cacheDir, { recursive: true });

/** Test files under the given folders (Node 20 has no fs.glob), sorted for a stable order. */
function listTestFiles(dirs, suffix, ignore) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (ignore.some((part) => path.includes(part))) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(suffix)) found.push(path);
    }
  };
  for (const dir of dirs) if (existsSync(join(root, dir))) walk(dir);
  return found.sort();
}

function readTotals(file) {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8'));
}

const suites = [];

function runNode() {
  const files = positionals.length
    ? positionals.filter((file) => !file.includes('/elements/src/'))
    : listTestFiles(
        [...readdirSync(join(root, 'packages')).map((name) => `packages/${name}/test`), 'test'],
        '.test.ts',
        ['node_modules', 'test/bench', 'test/fixtures'],
      );
  if (files.length === 0) return;
  const countFile = join(cacheDir, 'node-tests.json');
  rmSync(countFile, { force: true });
  const result = spawnSync(
    process.execPath,
    [
      '--import', 'tsx',
      '--test',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      `--test-reporter=${join(root, 'scripts/count-reporter.mjs')}`, `--test-reporter-destination=${countFile}`,
      ...files,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  const totals = readTotals(countFile) ?? { passed: 0, failed: 1, skipped: 0 };
  if (result.status !== 0 && totals.failed === 0) totals.failed = 1;
  suites.push({ name: 'node', ...totals });
}

function runBrowser() {
  const files = positionals.length ? positionals.filter((file) => file.includes('/elements/src/')) : [];
  if (positionals.length && files.length === 0) return;
  const countFile = join(cacheDir, 'browser-tests.json');
  rmSync(countFile, { force: true });
  const result = spawnSync(
    join(root, 'node_modules/.bin/web-test-runner'),
    ['--config', join(root, 'web-test-runner.config.mjs'), ...(files.length ? ['--files', ...files.map((f) => relative(root, join(root, f)))] : [])],
    { cwd: root, stdio: 'inherit', env: { ...process.env, QUORUM_BROWSER_COUNT: countFile } },
  );
  const totals = readTotals(countFile) ?? { passed: 0, failed: 1, skipped: 0 };
  if (result.status !== 0 && totals.failed === 0) totals.failed = 1;
  suites.push({ name: 'browser', ...totals });
}

if (values.only !== 'browser') runNode();
if (values.only !== 'node') runBrowser();

const passed = suites.reduce((sum, suite) => sum + suite.passed, 0);
const failed = suites.reduce((sum, suite) => sum + suite.failed, 0);
const skipped = suites.reduce((sum, suite) => sum + suite.skipped, 0);
for (const suite of suites) console.log(`${suite.name}: ${suite.passed} passed, ${suite.failed} failed, ${suite.skipped} skipped`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
