import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderTemplate } from '@quorum/templates';
import { cli, fixture, repoRoot, tempDir } from './helpers.js';

const input = JSON.parse(readFileSync(fixture('fixtures/input.json'), 'utf8')) as Record<string, unknown>;
const handlebarsTemplate = join(repoRoot, 'packages/templates/test/fixtures/relevance.hbs');

describe('quorum build', () => {
  it('writes a Handlebars module that renders like renderTemplate without the compiler', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const { stdout } = await cli('build', handlebarsTemplate);
      assert.match(stdout, /^import \{ handlebarsTemplate \} from "@quorum\/templates\/runtime";$/m);
      // The module is written outside the workspace, so it imports the built runtime by URL.
      const runtime = import.meta.resolve('@quorum/templates/runtime');
      const out = join(dir, 'relevance.mjs');
      const { code, stderr } = await cli('build', handlebarsTemplate, '--out', out, '--runtime', runtime);
      assert.equal(stderr, '');
      assert.equal(code, 0);
      const module = readFileSync(out, 'utf8');
      assert.equal(module.replace(JSON.stringify(runtime), '"@quorum/templates/runtime"'), stdout);
      assert.doesNotMatch(module, /new Function|\beval\(|from "handlebars"/);
      assert.doesNotMatch(stdout, new RegExp(repoRoot.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'no absolute path of the build machine');
      const { render } = (await import(pathToFileURL(out).href)) as { render(input: object): string };
      assert.equal(render(input), await renderTemplate(readFileSync(handlebarsTemplate, 'utf8'), input, { filename: 'relevance.hbs' }));
    } finally {
      cleanup();
    }
  });

  it('writes a Liquid module to standard output', async () => {
    const { code, stdout } = await cli('build', fixture('template.liquid.html'));
    assert.equal(code, 0);
    assert.match(stdout, /import \{ liquidTemplate \} from "@quorum\/templates\/runtime";/);
    assert.match(stdout, /liquidTemplate\(".*crowd-classifier.*", "template\.liquid\.html"\)/s);
  });

  it('reports template errors with their position and bad options', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const broken = join(dir, 'broken.hbs');
      writeFileSync(broken, '<p>\n{{#if task.input.x}}\n</p>\n');
      const { code, stderr } = await cli('build', broken);
      assert.equal(code, 2);
      assert.match(stderr, /^quorum build: broken\.hbs:\d+:\d+: syntax error/);
    } finally {
      cleanup();
    }
    assert.match((await cli('build')).stderr, /missing the template file/);
    assert.match((await cli('build', handlebarsTemplate, '--runtime', ' ')).stderr, /--runtime must name a module/);
  });
});

// `--fragment` belongs to `quorum render`; it needs no elements bundle, so it is tested here.
describe('quorum render --fragment', () => {
  it('prints only the rendered template, escaped, without page or bundle', async () => {
    const { code, stdout, stderr } = await cli('render', fixture('template.liquid.html'), '--input', fixture('fixtures/input.json'), '--fragment');
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.equal(stdout, await renderTemplate(readFileSync(fixture('template.liquid.html'), 'utf8'), input, { filename: 'template.liquid.html' }));
    assert.match(stdout, /^<script src="https:\/\/assets\.crowd\.aws\/crowd-html-elements\.js"><\/script>/);
    assert.doesNotMatch(stdout, /<!doctype|<html|customElements/i);
    assert.match(stdout, /&lt;b&gt;Louvre&lt;\/b&gt;/);
  });

  it('refuses --title, which names a page there is none of', async () => {
    const { code, stderr } = await cli('render', fixture('template.liquid.html'), '--input', fixture('fixtures/input.json'), '--fragment', '--title', 'x');
    assert.equal(code, 2);
    assert.match(stderr, /--title names the preview page/);
  });
});
