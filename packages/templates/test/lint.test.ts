import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ELEMENT_REGISTRY, GROUND_TRUTH_ELEMENTS, lintTemplate } from '../src/index.js';
import type { Diagnostic } from '../src/index.js';
import { readFixture } from './support.js';

/** Diagnostics as `line:column severity code` lines, easy to compare. */
const brief = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`);
const lint = (source: string, filename = 't.liquid.html') => lintTemplate(source, { filename });

describe('lintTemplate', () => {
  it('finds nothing wrong in the repository templates and the GT-style samples', () => {
    const templatesRoot = fileURLToPath(new URL('../../../templates/', import.meta.url));
    for (const name of readdirSync(templatesRoot)) {
      const file = `${templatesRoot}${name}/template.liquid.html`;
      assert.deepEqual(lint(readFileSync(file, 'utf8'), file), [], file);
    }
    for (const name of readdirSync(new URL('./fixtures/gt/', import.meta.url))) {
      assert.deepEqual(lint(readFixture(`gt/${name}`), name), [], name);
    }
    assert.deepEqual(lint(readFixture('relevance.hbs'), 'relevance.hbs'), []);
  });

  it('reports unknown crowd elements and attributes with a suggestion', () => {
    const diagnostics = lint('<crowd-form>\n  <crowd-clasifier name="x"></crowd-clasifier>\n  <crowd-classifier name="y" categores="[\'a\']" data-x="1" onclick="f()"></crowd-classifier>\n</crowd-form>');
    assert.deepEqual(brief(diagnostics), ['2:3 error unknown-element', '3:30 warning unknown-attribute']);
    assert.match(diagnostics[0]!.message, /unknown element <crowd-clasifier> \(did you mean <crowd-classifier>\?\)/);
    assert.match(diagnostics[1]!.message, /<crowd-classifier> has no attribute "categores" \(did you mean "categories"\?\)/);
  });

  it('reports controls without a name and duplicate names, but not checkboxes sharing one', () => {
    const source = [
      '<crowd-form>',
      '  <crowd-input label="no name"></crowd-input>',
      '  <crowd-input name="a"></crowd-input>',
      '  <crowd-text-area name="a"></crowd-text-area>',
      '  <crowd-checkbox name="flags" value="x"></crowd-checkbox><crowd-checkbox name="flags" value="y"></crowd-checkbox>',
      '  {% for item in task.input.items %}<crowd-input name="same"></crowd-input>{% endfor %}',
      '</crowd-form>',
    ].join('\n');
    const diagnostics = lint(source);
    assert.deepEqual(brief(diagnostics), ['2:3 error missing-name', '4:3 error duplicate-name', '6:37 error duplicate-name']);
    assert.match(diagnostics[1]!.message, /already named "a" \(<crowd-input> at line 3, column 3\)/);
    assert.match(diagnostics[2]!.message, /inside a loop/);
  });

  it('warns about task input printed without escaping, in both engines', () => {
    const liquid = lint('<p>{{ task.input.html | skip_autoescape }}</p>\n{% for c in task.input.comments %}{{ c.body | skip_autoescape }}{% endfor %}\n{{ "<b>static</b>" | skip_autoescape }}');
    assert.deepEqual(brief(liquid), ['1:4 warning unescaped-input', '2:35 warning unescaped-input']);
    assert.match(liquid[0]!.message, /task\.input\.html comes from task input and is printed as HTML by skip_autoescape/);
    const handlebars = lint('<p>{{{task.input.html}}}</p>\n{{#each task.input.items}}{{{body}}}{{& title}}{{/each}}\n{{{@root.task.input.x}}}{{{@root.static}}}', 't.hbs');
    assert.deepEqual(brief(handlebars), ['1:4 warning unescaped-input', '2:27 warning unescaped-input', '2:37 warning unescaped-input', '3:1 warning unescaped-input']);
  });

  it('reports grant_read_access URLs that HTML escaping breaks', () => {
    const source = [
      '<style>.hero { background: url("{{ task.input.image | grant_read_access }}"); }</style>',
      '<script>const src = "{{ task.input.image | grant_read_access }}";</script>',
      '<script>const ok = {{ task.input.image | grant_read_access | to_json }};</script>',
      '<div style="background: url({{ task.input.image | grant_read_access }})"></div>',
      '<img src="{{ task.input.image | grant_read_access }}">',
    ].join('\n');
    assert.deepEqual(brief(lint(source)), ['1:33 error url-escaping', '2:22 error url-escaping', '4:29 warning url-escaping']);
  });

  it('reports GenAI elements mixed with classic ones, and the classic loader', () => {
    const source = [
      '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>',
      '<crowd-form>',
      '  <crowd-text-ranking name="r" ordinal-ranking-dimensions=\'[{"name":"Clarity","allowTie":true}]\' responses=\'["a","b"]\' text="q">',
      '    <short-instructions>Rank</short-instructions>',
      '  </crowd-text-ranking>',
      '  <crowd-tabs><crowd-tab header="More"><crowd-input name="c"></crowd-input></crowd-tab></crowd-tabs>',
      '  <full-instructions>Long</full-instructions>',
      '</crowd-form>',
    ].join('\n');
    const diagnostics = lint(source);
    assert.deepEqual(brief(diagnostics), ['1:1 error mixed-element-versions', '6:40 error mixed-element-versions', '7:3 error mixed-element-versions']);
    assert.match(diagnostics[1]!.message, /<crowd-input> cannot be used with the GenAI element <crowd-text-ranking> \(line 3\)/);
  });

  it('accepts the V2 loader beside the classic one, and a question-answer element that submits through crowd-form-element-id', () => {
    const source = [
      '<script src="https://assets.crowd.aws/crowd-html-elements-v2.js"></script>',
      '<crowd-form id="qa-form" style="display: none"></crowd-form>',
      '<crowd-question-answer-generation crowd-form-element-id="qa-form" text="{{ task.input.passage }}" min-questions="1"',
      '  question-tags=\'["Who", "Why"]\' allow-custom-tags="true" instructions="Ask about the passage."></crowd-question-answer-generation>',
      '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>',
    ].join('\n');
    assert.deepEqual(brief(lint(source)), []);
    const unnamed = lint('<crowd-form><crowd-question-answer-generation text="t"></crowd-question-answer-generation></crowd-form>');
    assert.deepEqual(brief(unnamed), ['1:13 error missing-name']);
  });

  it('names every Ground Truth and A2I element: known, or "not implemented by Quorum", never "unknown"', () => {
    for (const [tag, family] of GROUND_TRUTH_ELEMENTS) {
      const diagnostics = lint(`<crowd-form>\n<${tag} name="x"></${tag}>\n</crowd-form>`).filter((d) => d.code === 'unknown-element' || d.code === 'unsupported-element');
      if (ELEMENT_REGISTRY.has(tag)) {
        assert.deepEqual(diagnostics, [], tag);
      } else {
        assert.deepEqual(brief(diagnostics), ['2:1 warning unsupported-element'], tag);
        assert.match(diagnostics[0]!.message, new RegExp(`<${tag}> is an? ${family} element that Quorum does not implement yet`));
      }
    }
    assert.equal(lint('<crowd-lidar name="x"></crowd-lidar>')[0]?.code, 'unknown-element');
  });

  it('reports to_json output in a double-quoted attribute, and accepts it single-quoted or escaped', () => {
    const source = [
      '<crowd-form>',
      '<crowd-text-ranking name="r" text="q" ordinal-ranking-dimensions=\'["Clarity"]\' responses="{{ task.input.responses | to_json }}"></crowd-text-ranking>',
      '<crowd-text-ranking name="s" text="q" ordinal-ranking-dimensions=\'["Clarity"]\' responses=\'{{ task.input.responses | to_json }}\'></crowd-text-ranking>',
      '<crowd-entity-annotation name="e" text="t" labels="{{ task.input.labels | to_json | escape }}"></crowd-entity-annotation>',
      '</crowd-form>',
    ].join('\n');
    const diagnostics = lint(source).filter((d) => d.code !== 'mixed-element-versions');
    assert.deepEqual(brief(diagnostics), ['2:91 error json-in-attribute']);
    assert.match(diagnostics[0]!.message, /responses="…" of <crowd-text-ranking> holds to_json output, whose double quotes end the attribute/);
  });

  it('reports syntax errors of both engines with their position', () => {
    const liquid = lint('<crowd-form>\n  {% if task.input.x %}\n</crowd-form>');
    assert.deepEqual(brief(liquid), ['2:3 error syntax-error']);
    const filter = lint('<p>{{ task.input.x | to_jsn }}</p>');
    assert.deepEqual(brief(filter), ['1:4 error syntax-error']);
    assert.match(filter[0]!.message, /undefined filter: to_jsn/);
    const handlebars = lint('<p>\n{{#each task.input.items}}\n{{/eahc}}</p>', 't.hbs');
    assert.equal(handlebars[0]?.code, 'syntax-error');
    assert.equal(handlebars[0]?.line, 2);
  });

  it('reports malformed literal attributes and self-closed crowd elements', () => {
    const diagnostics = lint('<crowd-form>\n  <crowd-classifier name="c" categories="[\'a\', \'b\'"></crowd-classifier>\n  <crowd-input name="x" />\n</crowd-form>');
    assert.deepEqual(brief(diagnostics), ['2:30 error invalid-attribute', '3:3 warning self-closing-element']);
    assert.match(diagnostics[0]!.message, /categories of <crowd-classifier> is not a valid list/);
  });

  it('does not read template syntax inside a tag as attributes', () => {
    const source = '<crowd-form><crowd-checkbox name="c" {% if task.input.on %}checked{% endif %} value="{{ task.input.v }}"></crowd-checkbox></crowd-form>';
    assert.deepEqual(lint(source), []);
  });
});

describe('Ground Truth sample idioms', () => {
  it('name="_" on several helper controls is not a duplicate name (GT samples throw those values away)', () => {
    const source = `<crowd-form><crowd-input name="_" label="a"></crowd-input><crowd-input name="_" label="b"></crowd-input></crowd-form>`;
    assert.deepEqual(lint(source).filter((d) => d.code === 'duplicate-name'), []);
    const named = source.replaceAll('name="_"', 'name="x"');
    assert.equal(lint(named).filter((d) => d.code === 'duplicate-name').length, 1);
  });

  it('accepts header on <short-instructions>, as A2I templates write it', () => {
    const source = `<crowd-form><crowd-classifier name="c" categories="['a']" header="h"><short-instructions header="Read this">x</short-instructions></crowd-classifier></crowd-form>`;
    assert.deepEqual(lint(source).filter((d) => d.code === 'unknown-attribute'), []);
  });
});
