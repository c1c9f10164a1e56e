// Browser tests for @quorum/elements, in Debian's Chromium (no test tool can download its own browser here).
import { writeFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';

const chromium = process.env.QUORUM_CHROMIUM ?? '/usr/bin/chromium';

/** Counts leaf tests across all sessions and writes them where scripts/test.mjs reads them. */
function countReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      const visit = (suite) => {
        for (const test of suite.tests ?? []) {
          if (test.skipped) totals.skipped++;
          else if (test.passed) totals.passed++;
          else totals.failed++;
        }
        for (const child of suite.suites ?? []) visit(child);
      };
      for (const session of sessions) {
        if (session.testResults) visit(session.testResults);
        // A file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) totals.failed++;
      }
      if (process.env.QUORUM_BROWSER_COUNT) writeFileSync(process.env.QUORUM_BROWSER_COUNT, JSON.stringify(totals));
    },
  };
}

export default {
  rootDir: '.',
  files: ['packages/elements/src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development', 'browser'] },
  concurrency: 2,
  testsFinishTimeout: 120000,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'packages/elements/tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromium,
        headless: true,
        args: [
          '--no-sandbox',
          '--headless',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
          // Test files run in background tabs; without these Chromium pauses requestAnimationFrame there.
          '--disable-background-timer-throttling',
          '--disable-renderer-backgrounding',
          '--disable-backgrounding-occluded-windows',
        ],
      },
    }),
  ],
  reporters: [defaultReporter(), countReporter()],
  testFramework: { config: { timeout: 10000 } },
};
