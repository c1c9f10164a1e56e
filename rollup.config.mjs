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

/**
 * Shrinks the CSS in Lit `css` templates of our own sources: comments go, runs of white
 * space become one space, and the space next to `{`, `}` and `;` goes. Quoted strings and `${…}`
 * interpolations are kept as written, and one space stays wherever there was some (after a comma,
 * around `+` in `calc()`, between selector parts), so the browser parses the same rules; a browser
 * test compares every element's parsed stylesheets with those of the unminified sources.
 */
export function minifyCssTemplates(code) {
  let out = '';
  let index = 0;
  const opener = /(?<![\w$.])css`/g;
  for (let match = opener.exec(code); match; match = opener.exec(code)) {
    const start = match.index + match[0].length;
    const { text, end } = readTemplate(code, start);
    out += code.slice(index, start) + text;
    index = end;
    opener.lastIndex = end;
  }
  return out + code.slice(index);
}

/** Reads a template literal's body from `start` (just past the backtick) to its closing backtick, minifying the CSS parts. */
function readTemplate(code, start) {
  let text = '';
  let css = '';
  let index = start;
  while (index < code.length) {
    const char = code[index];
    if (char === '`') return { text: text + collapseCss(css), end: index };
    if (char === '\\') {
      css += code.slice(index, index + 2);
      index += 2;
    } else if (char === '$' && code[index + 1] === '{') {
      const close = skipExpression(code, index + 2);
      text += collapseCss(css) + code.slice(index, close);
      css = '';
      index = close;
    } else if (char === '/' && code[index + 1] === '*') {
      const close = code.indexOf('*/', index + 2);
      if (close < 0) throw new Error('minifyCssTemplates: unterminated comment in a css`…` template');
      css += ' ';
      index = close + 2;
    } else if (char === '"' || char === "'") {
      let close = index + 1;
      while (close < code.length && code[close] !== char) close += code[close] === '\\' ? 2 : 1;
      css += '\0' + code.slice(index, close + 1) + '\0';
      index = close + 1;
    } else {
      css += char;
      index++;
    }
  }
  throw new Error('minifyCssTemplates: unterminated css`…` template');
}

/** Index just past the `}` that closes an interpolation whose expression starts at `start`. */
function skipExpression(code, start) {
  let depth = 1;
  let index = start;
  while (index < code.length) {
    const char = code[index];
    if (char === '"' || char === "'") {
      index++;
      while (index < code.length && code[index] !== char) index += code[index] === '\\' ? 2 : 1;
    } else if (char === '`') {
      index = readTemplate(code, index + 1).end;
    } else if (char === '{') {
      depth++;
    } else if (char === '}' && --depth === 0) {
      return index + 1;
    }
    index++;
  }
  throw new Error('minifyCssTemplates: unterminated ${…} in a css`…` template');
}

/** Minifies CSS text whose quoted strings are fenced by NUL characters (and left untouched). */
function collapseCss(css) {
  return css
    .split('\0')
    .map((part, position) =>
      position % 2
        ? part
        : part
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};]) ?/g, '$1'),
    )
    .join('');
}

/** Rollup plugin applying {@link minifyCssTemplates} to our TypeScript sources (not to dependencies). */
function minifyCssPlugin() {
  return {
    name: 'quorum-minify-css-templates',
    transform(code, id) {
      if (!id.endsWith('.ts') || id.includes('/node_modules/') || !code.includes('css`')) return null;
      return { code: minifyCssTemplates(code), map: null };
    },
  };
}
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
      minifyCssPlugin(),
      esbuild({ target: 'es2022', tsconfig: join(dir, 'tsconfig.json') }),
      terser({ format: { comments: false }, compress: { passes: 2 }, ecma: 2022, module: true }),
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
// Rollup builds the configs one after another, and a self-contained bundle inlines the built
// dist of the packages it imports (@quorum/schema's literal parser in the elements bundle), so
// packages are built in dependency order: schema first, the CLI last.
const BUILD_ORDER = ['schema', 'elements', 'templates', 'consolidate', 'cli'];
const rank = (name) => (BUILD_ORDER.includes(name) ? BUILD_ORDER.indexOf(name) : BUILD_ORDER.length);
export default readdirSync(packagesDir)
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  .filter((name) => !only || only.includes(name))
  .filter((name) => existsSync(join(packagesDir, name, 'package.json')))
  .flatMap((name) => packageConfigs(join(packagesDir, name)));
