import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import { buildTemplateModule, renderTemplate, TemplateError } from '../src/index.js';
import { quorumTemplates } from '../src/rollup.js';
import { readFixture } from './support.js';

// Generated modules import the runtime by this URL, so the tests run against the source.
const RUNTIME = new URL('../src/runtime.ts', import.meta.url).href;
const input = JSON.parse(readFixture('relevance.input.json')) as Record<string, unknown>;

interface TemplateModule {
  render(input: Record<string, unknown>, options?: object): string | Promise<string>;
}

async function withTempDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-build-'));
  try {
    return await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function importModule(dir: string, name: string, code: string): Promise<TemplateModule> {
  const file = join(dir, name);
  writeFileSync(file, code);
  return (await import(pathToFileURL(file).href)) as TemplateModule;
}

function assertNoCompiler(code: string): void {
  assert.doesNotMatch(code, /new Function|\beval\s*\(/);
  assert.doesNotMatch(code, /from\s*["']handlebars["']|require\(["']handlebars["']\)/);
  assert.doesNotMatch(code, /Handlebars\.compile|\.precompile\(/);
}

/** The relative and package imports of a module's source. */
function importsOf(code: string): string[] {
  // `import type` is erased at build time and pulls nothing in.
  return [...code.matchAll(/^\s*(?:import|export)(?!\s+type\b)\b[^'"]*?from\s*['"]([^'"]+)['"]/gm)].map((match) => match[1]!);
}

describe('buildTemplateModule', () => {
  it('precompiles Handlebars into a module that renders exactly what renderTemplate renders', async () => {
    const source = readFixture('relevance.hbs');
    const { code, engine } = buildTemplateModule(source, { filename: 'relevance.hbs', runtime: RUNTIME });
    assert.equal(engine, 'handlebars');
    assertNoCompiler(code);
    assert.deepEqual(importsOf(code), [RUNTIME]);
    const expected = await renderTemplate(source, input, { filename: 'relevance.hbs' });
    await withTempDir(async (dir) => {
      const module = await importModule(dir, 'relevance.mjs', code);
      assert.equal(module.render(input), expected);
      assert.equal(module.render(input), readFixture('relevance.expected.html'));
      // Same strictness and errors as at run time: a missing field names its path and position.
      assert.throws(
        () => module.render({ source: 'q' }),
        (error: unknown) => error instanceof TemplateError && /^relevance\.hbs:\d+:\d+: undefined variable task\.input\.answer/.test(error.message),
      );
      assert.throws(() => module.render([] as unknown as Record<string, unknown>), TypeError);
    });
  });

  it('escapes and signs URLs in the precompiled module as renderTemplate does', async () => {
    const source = '<img src="{{grant_read_access task.input.image}}" alt="{{task.input.alt}}"><script>var x = {{json task.input}};</script>';
    const hostile = { image: 's3://bucket/a b.png', alt: '"><script>alert(1)</script>' };
    const { code } = buildTemplateModule(source, { filename: 'x.hbs', runtime: RUNTIME });
    await withTempDir(async (dir) => {
      const module = await importModule(dir, 'x.mjs', code);
      assert.equal(module.render(hostile), await renderTemplate(source, hostile, { filename: 'x.hbs' }));
      assert.equal(module.render(hostile, { signer: (url: string) => `https://signed.example/${encodeURIComponent(url)}` }), await renderTemplate(source, hostile, { filename: 'x.hbs', signer: (url) => `https://signed.example/${encodeURIComponent(url)}` }));
    });
  });

  it('passes precompiled partials to a precompiled template', async () => {
    const header = buildTemplateModule('<h1>{{task.input.title}}</h1>', { filename: 'header.hbs', runtime: RUNTIME });
    const page = buildTemplateModule('{{> header}}<p>{{task.input.body}}</p>', { filename: 'page.hbs', runtime: RUNTIME });
    await withTempDir(async (dir) => {
      const headerModule = (await importModule(dir, 'header.mjs', header.code)) as TemplateModule & { template: object };
      const pageModule = await importModule(dir, 'page.mjs', page.code);
      const value = { title: 'A & B', body: '<i>x</i>' };
      assert.equal(pageModule.render(value, { partials: { header: headerModule.template } }), '<h1>A &amp; B</h1><p>&lt;i&gt;x&lt;/i&gt;</p>');
      assert.throws(() => pageModule.render(value), /partial|header/i);
    });
  });

  it('ships GT Liquid as checked source rendered by liquidjs, without eval', async () => {
    const source = readFixture('relevance.liquid.html');
    const { code, engine } = buildTemplateModule(source, { filename: 'relevance.liquid.html', runtime: RUNTIME });
    assert.equal(engine, 'liquid');
    assertNoCompiler(code);
    await withTempDir(async (dir) => {
      const module = await importModule(dir, 'relevance-liquid.mjs', code);
      assert.equal(await module.render(input), await renderTemplate(source, input, { filename: 'relevance.liquid.html' }));
    });
  });

  it('fails the build with the position of a template error', () => {
    assert.throws(() => buildTemplateModule('<p>\n{{#each task.input.x}}\n</p>', { filename: 'bad.hbs' }), /^TemplateError: bad\.hbs:\d+:\d+: syntax error/);
    assert.throws(() => buildTemplateModule('<p>\n  {{ task.input.x | to_jsn }}</p>', { filename: 'bad.liquid.html' }), /bad\.liquid\.html:2:3: undefined filter: to_jsn/);
  });

  it('keeps the runtime entry free of the Handlebars compiler', () => {
    const seen = new Set<string>();
    const visit = (file: URL): void => {
      if (seen.has(file.href)) return;
      seen.add(file.href);
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        assert.notEqual(specifier, 'handlebars', `${file.pathname} imports the Handlebars compiler`);
        if (specifier.startsWith('.')) visit(new URL(specifier.replace(/\.js$/, '.ts'), file));
      }
    };
    visit(new URL('../src/runtime.ts', import.meta.url));
    assert.ok(seen.size > 3);
  });
});

describe('quorumTemplates rollup plugin', () => {
  it('bundles an imported .hbs into code that renders like renderTemplate, with no compiler or eval', async () => {
    await withTempDir(async (dir) => {
      writeFileSync(join(dir, 'relevance.hbs'), readFixture('relevance.hbs'));
      writeFileSync(join(dir, 'entry.js'), "import { render } from './relevance.hbs';\nexport { render };\n");
      const bundle = await rollup({ input: join(dir, 'entry.js'), plugins: [quorumTemplates({ runtime: RUNTIME })], external: [RUNTIME] });
      const { output } = await bundle.generate({ format: 'es' });
      await bundle.close();
      const code = output[0].code;
      assertNoCompiler(code);
      const module = await importModule(dir, 'bundle.mjs', code);
      assert.equal(module.render(input), await renderTemplate(readFixture('relevance.hbs'), input, { filename: 'relevance.hbs' }));
    });
  });

  it('reports a template error as a build error naming the file and position', async () => {
    await withTempDir(async (dir) => {
      writeFileSync(join(dir, 'bad.hbs'), '<p>\n{{#if task.input.x}}\n</p>');
      writeFileSync(join(dir, 'entry.js'), "export { render } from './bad.hbs';\n");
      await assert.rejects(
        rollup({ input: join(dir, 'entry.js'), plugins: [quorumTemplates({ runtime: RUNTIME })], external: [RUNTIME] }),
        (error: Error) => /bad\.hbs:\d+:\d+: syntax error/.test(error.message),
      );
    });
  });
});
