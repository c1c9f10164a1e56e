// One config factory for every package. A package's entry points come from its own
// package.json "exports" map (./dist/x.js is built from ./src/x.ts), so adding an
// export is the only step needed to build a new entry. Self-contained browser
// bundles (everything inlined, minified) are listed under "quorum.bundles".
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const root = new URL('.', import.meta.url).pathname;
const isBare = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

function exportedEntries(pkg) {
  const inputs = new Set();
  const bundled = new Set(Object.keys(pkg.quorum?.bundles ?? {}).map((file) => `./${file}`));
  const visit = (value) => {
    if (typeof value === 'string') {
      // Exported bundles are built by bundleConfig, not as library entries.
      if (value.startsWith('./dist/') && value.endsWith('.js') && !bundled.has(value)) {
        inputs.add(value.replace('./dist/', 'src/').replace(/\.js$/, '.ts'));
      }
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(visit);
    }
  };
  visit(pkg.exports ?? {});
  if (pkg.bin) Object.values(pkg.bin).forEach(() => inputs.add('src/main.ts'));
  return [...inputs];
}

/** Library build: ESM, one output module per source module, dependencies left external. */
export function libraryConfig(dir, pkg) {
  const input = exportedEntries(pkg).map((entry) => join(dir, entry)).filter((file) => existsSync(file));
  return {
    input,
    external: isBare,
    plugins: [esbuild({ target: 'es2022', tsconfig: join(dir, 'tsconfig.json') })],
    output: {
      dir: join(dir, 'dist'),
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: join(dir, 'src'),
      entryFileNames: '[name].js',
    },
    onwarn(warning, warn) {
      if (warning.code === 'CIRCULAR_DEPENDENCY') throw new Error(warning.message);
      warn(warning);
    },
  };
}

/**
 * Self-contained browser bundle: every import inlined, minified, one file. IIFE, so it runs as a
 * classic `<script src>` (a drop-in for Ground Truth's loader, and the only kind that loads from
 * file://) and as an inline module, without leaking top-level names into the page.
 */
export function bundleConfig(dir, input, file) {
  return {
    input: join(dir, input),
    plugins: [
      nodeResolve({ browser: true, exportConditions: ['browser', 'import', 'default'] }),
      esbuild({ target: 'es2022', tsconfig: join(dir, 'tsconfig.json') }),
      terser({ format: { comments: false }, ecma: 2022, module: true }),
    ],
    output: { file: join(dir, file), format: 'iife', inlineDynamicImports: true },
  };
}

export function packageConfigs(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const configs = [libraryConfig(dir, pkg)];
  for (const [file, input] of Object.entries(pkg.quorum?.bundles ?? {})) {
    configs.push(bundleConfig(dir, input, file));
  }
  return configs.filter((config) => (Array.isArray(config.input) ? config.input.length > 0 : true));
}

const only = process.env.QUORUM_PACKAGES?.split(',');
const packagesDir = join(root, 'packages');
export default readdirSync(packagesDir)
  .filter((name) => !only || only.includes(name))
  .filter((name) => existsSync(join(packagesDir, name, 'package.json')))
  .flatMap((name) => packageConfigs(join(packagesDir, name)));
