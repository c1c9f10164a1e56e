/**
 * What the browser benchmarks share: a page that holds a scenario module bundled with esbuild,
 * running one scenario in a fresh Chromium page, and the table of timings against budgets.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/chromium.js';

export const repoRoot = new URL('../../../', import.meta.url).pathname;

export interface ScenarioPageOptions {
  /** The page's title. */
  title: string;
  /** The module whose exports are the scenarios (`(container, ...args) => Promise<timings>`), bundled into the page. */
  scenarioPath: string;
  /** Scripts the page loads first, as classic scripts from file:// URLs, as a task template loads the elements bundle. */
  scripts?: readonly string[];
  /** Compile the scenario's own decorators (Lit's legacy ones), when it bundles elements from source. */
  decorators?: boolean;
}

/** A page holding the scenarios; `run` them in fresh pages of one Chromium, `close` when done. */
export interface ScenarioPage {
  run<T>(name: string, ...args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

/** Writes the scenario page into a temporary folder and launches Chromium for it. */
export async function openScenarioPage(options: ScenarioPageOptions): Promise<ScenarioPage> {
  const bundle = await build({
    stdin: {
      contents: `import * as scenarios from ${JSON.stringify(options.scenarioPath)}; globalThis.quorumScenarios = scenarios;`,
      resolveDir: repoRoot,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
    ...(options.decorators && { tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } } }),
    logLevel: 'silent',
  });
  const dir = mkdtempSync(join(tmpdir(), 'quorum-bench-'));
  const pagePath = join(dir, 'bench.html');
  const scripts = (options.scripts ?? []).map((path) => `<script src="${pathToFileURL(path).href}"></script>`).join('');
  writeFileSync(
    pagePath,
    `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>${options.title}</title>${scripts}</head>
  <body><div id="stage"></div><script>${(bundle.outputFiles[0]?.text ?? '').replaceAll('</script', '<\\/script')}</script></body>
</html>
`,
  );
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    async run<T>(name: string, ...args: unknown[]): Promise<T> {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      try {
        await page.goto(pathToFileURL(pagePath).href);
        return (await page.evaluate(
          ([scenario, scenarioArgs]) => {
            const api = (globalThis as unknown as { quorumScenarios: Record<string, (container: HTMLElement, ...rest: unknown[]) => Promise<unknown>> }).quorumScenarios;
            return api[scenario]!(document.getElementById('stage') as HTMLElement, ...scenarioArgs);
          },
          [name, args] as const,
        )) as T;
      } catch (error) {
        throw new Error(`${name} failed in the page: ${(error as Error).message}${errors.length ? `\npage errors:\n  ${errors.join('\n  ')}` : ''}`);
      } finally {
        await page.close();
      }
    },
    async close(): Promise<void> {
      try {
        await browser.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The median, 95th percentile (nearest rank) and maximum of some timings. */
export function stats(values: readonly number[]): { p50: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  return { p50: at(50), p95: at(95), max: sorted[sorted.length - 1] ?? NaN };
}

/** One line of the table: a measure's timings, and its budget when it has one. */
export interface Row {
  measure: string;
  samples: number;
  p50: number;
  p95: number;
  max: number;
  budget?: string;
  ok?: boolean;
}

/** Prints `heading` and the rows; a missed budget is named on stderr and makes the process exit non-zero. */
export function printBudgetTable(heading: string, rows: readonly Row[]): void {
  console.log(heading);
  console.table(
    rows.map((row) => ({
      measure: row.measure,
      samples: row.samples,
      p50: row.p50.toFixed(2),
      p95: row.p95.toFixed(2),
      max: row.max.toFixed(2),
      budget: row.budget ?? '',
      result: row.ok === undefined ? '' : row.ok ? 'ok' : 'MISSED',
    })),
  );
  const missed = rows.filter((row) => row.ok === false);
  if (missed.length > 0) {
    console.error(`Budget missed: ${missed.map((row) => row.measure).join('; ')}`);
    process.exitCode = 1;
  }
}
