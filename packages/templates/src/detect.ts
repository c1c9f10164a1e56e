import type { TemplateEngine } from './errors.js';

// Constructs only Handlebars has: blocks and their ends (`{{#if}}`, `{{/each}}`), inverse sections
// (`{{^x}}`), partials (`{{> x}}`), comments (`{{! }}`, `{{!-- --}}`), `{{else}}` and the triple-stash.
const HANDLEBARS_SIGNS = /\{\{~?\s*(?:[#/^>!]|else\b[^}]*\}\})|\{\{\{/;
// Constructs only Liquid has: tags (`{% if %}`) and filters in an output (`{{ x | to_json }}`).
// An output starting with `#` is excluded: Handlebars block params (`as |item|`) use pipes too.
const LIQUID_SIGNS = /\{%|\{\{-?\s*[^\s#/^>!{}][^}]*\|/;

/**
 * Which engine a template is written for. The file name decides when it says so: `.liquid` and
 * `.liquid.html` are Liquid, `.hbs`, `.handlebars` (and `.hbs.html`) are Handlebars. Otherwise the
 * source decides: Handlebars-only constructs with no Liquid tag or filter mean Handlebars; anything
 * else is Liquid, because Ground Truth templates are Liquid and a template with only `{{ x.y }}`
 * outputs renders the same in both (except for strictness).
 */
export function detectEngine(source: string, filename?: string): TemplateEngine {
  if (filename !== undefined) {
    const name = filename.toLowerCase();
    if (/\.liquid(?:\.html?)?$/.test(name)) return 'liquid';
    if (/\.(?:hbs|handlebars)(?:\.html?)?$/.test(name)) return 'handlebars';
  }
  if (HANDLEBARS_SIGNS.test(source) && !LIQUID_SIGNS.test(source)) return 'handlebars';
  return 'liquid';
}
