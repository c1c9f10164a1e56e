// Template rendering throughput with a typical Ground Truth template and a 10 KB input, in one run:
// Quorum's precompiled Handlebars, Quorum's GT Liquid and plain liquidjs; plus lint, answer-schema
// extraction and preview-page building.
// Run: node scripts/bench.mjs templates (after `npm run build`, or via `npm run bench`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Liquid } from 'liquidjs';
import {
  buildPreviewPage,
  buildTemplateModule,
  compileHandlebars,
  extractAnswerSchema,
  lintTemplate,
  parseLiquid,
  renderTemplate,
} from '@quorum/templates';

const repoRoot = new URL('../../', import.meta.url).pathname;

// An LLM answer review as Ground Truth teams write it: the question, the answer, the retrieved
// passages in a loop with their source links, categories from the input, and instructions.
const LIQUID_TEMPLATE = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form>
  <crowd-classifier name="quality" categories='{{ task.input.labels | to_json }}'
      header="Does the answer to &quot;{{ task.input.question }}&quot; follow from the passages?">
    <classification-target>
      <h3>{{ task.input.question }}</h3>
      <p class="answer">{{ task.input.answer }}</p>
      {% for passage in task.input.passages %}
      <section class="passage">
        <h4>{{ passage.title }}</h4>
        <p>{{ passage.text }}</p>
        <a href="{{ passage.url | grant_read_access }}" target="_blank">{{ passage.source }}</a>
      </section>
      {% endfor %}
    </classification-target>
    <full-instructions header="Guidelines">{{ task.input.guidelines }}</full-instructions>
    <short-instructions>Rate whether the answer is supported by the passages.</short-instructions>
  </crowd-classifier>
</crowd-form>
`;

const HANDLEBARS_TEMPLATE = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form>
  <crowd-classifier name="quality" categories='{{json task.input.labels}}'
      header="Does the answer to &quot;{{task.input.question}}&quot; follow from the passages?">
    <classification-target>
      <h3>{{task.input.question}}</h3>
      <p class="answer">{{task.input.answer}}</p>
      {{#each task.input.passages}}
      <section class="passage">
        <h4>{{title}}</h4>
        <p>{{text}}</p>
        <a href="{{grant_read_access url}}" target="_blank">{{source}}</a>
      </section>
      {{/each}}
    </classification-target>
    <full-instructions header="Guidelines">{{task.input.guidelines}}</full-instructions>
    <short-instructions>Rate whether the answer is supported by the passages.</short-instructions>
  </crowd-classifier>
</crowd-form>
`;

// Plain liquidjs has no autoescape, no to_json and no grant_read_access: the same page with its
// own `escape` and `json` filters does comparable work (escaping every output, JSON once).
const PLAIN_LIQUID_TEMPLATE = LIQUID_TEMPLATE.replace('task.input.labels | to_json', 'task.input.labels | json | escape')
  .replace('passage.url | grant_read_access', 'passage.url | escape')
  .replace(/\{\{ ((?:task\.input|passage)\.(?:question|answer|title|text|source|guidelines)) \}\}/g, '{{ $1 | escape }}');

/** A deterministic 10 KB task input with markup, ampersands and quotes to escape (no `=` or backticks, which Handlebars also escapes). */
function typicalInput(): Record<string, unknown> {
  const sentence = (index: number): string =>
    `Sentence ${index} says that the <b>Louvre</b> & the "Musée d'Orsay" hold ${index * 37} works, per the ${index % 2 ? 'catalogue' : "museum's site"}. `;
  const paragraph = (from: number, count: number): string => Array.from({ length: count }, (_, offset) => sentence(from + offset)).join('');
  return {
    question: 'Which Paris museums hold the most works, and how many does each hold?',
    answer: paragraph(1, 18),
    passages: Array.from({ length: 6 }, (_, index) => ({
      title: `Passage ${index + 1}: "Museums of Paris" & <their> collections`,
      text: paragraph(100 + index * 10, 11),
      url: `s3://quorum-bench-data/passages/paris museums/${index + 1}.txt`,
      source: `Encyclopaedia entry ${index + 1}`,
    })),
    labels: ['supported', 'partly supported', 'not supported', "can't tell"],
    guidelines: paragraph(900, 4),
  };
}

interface Candidate {
  what: string;
  run: () => unknown;
  /** calls/s of each round */
  rates: number[];
}
const candidates: Candidate[] = [];
const ROUNDS = 7;
const ROUND_MS = 250;

function candidate(what: string, run: () => unknown): void {
  candidates.push({ what, run, rates: [] });
}

/**
 * Runs every candidate in turn for ROUND_MS, ROUNDS times, after a warm-up. Interleaving the
 * rounds spreads a busy neighbour's load (this machine is shared) over all candidates alike;
 * the median round is the figure.
 */
async function measureAll(): Promise<void> {
  for (const { run } of candidates) for (let i = 0; i < 300; i++) await run();
  for (let round = 0; round < ROUNDS; round++) {
    for (const entry of candidates) {
      globalThis.gc?.();
      let calls = 0;
      const start = performance.now();
      let elapsed = 0;
      while (elapsed < ROUND_MS) {
        for (let i = 0; i < 20; i++) await entry.run();
        calls += 20;
        elapsed = performance.now() - start;
      }
      entry.rates.push((calls / elapsed) * 1000);
    }
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

const input = typicalInput();
const inputBytes = Buffer.byteLength(JSON.stringify(input));
if (inputBytes < 9_500 || inputBytes > 11_000) throw new Error(`the task input is ${inputBytes} bytes; the benchmark is defined for about 10 KB`);
const context = { task: { input } };

// Quorum's precompiled Handlebars: the module `quorum build` and the rollup plugin write, imported
// as a page would import it (runtime only, no compiler).
const built = buildTemplateModule(HANDLEBARS_TEMPLATE, { filename: 'review.hbs' });
const moduleDir = join(repoRoot, '.cache/bench');
mkdirSync(moduleDir, { recursive: true });
const modulePath = join(moduleDir, 'review.hbs.js');
writeFileSync(modulePath, built.code);
const precompiled = (await import(pathToFileURL(modulePath).href)) as { render: (input: Record<string, unknown>) => string };

const plain = new Liquid();
const plainParsed = plain.parse(PLAIN_LIQUID_TEMPLATE);

// First parse/compile, before any cache is warm.
let start = performance.now();
parseLiquid(LIQUID_TEMPLATE, { filename: 'review.liquid.html' });
const liquidParseMs = performance.now() - start;
start = performance.now();
compileHandlebars(HANDLEBARS_TEMPLATE, { filename: 'review.hbs' }).render(context);
const handlebarsCompileMs = performance.now() - start;

const liquidOutput = await renderTemplate(LIQUID_TEMPLATE, input, { filename: 'review.liquid.html' });
const handlebarsOutput = precompiled.render(input);
// The engines differ only in how they write an apostrophe (&#39; / &#x27;) and in whitespace
// around block tags (Handlebars drops standalone block lines).
const sameWork = (html: string): string => html.replaceAll('&#x27;', '&#39;').replace(/\n[ \t]*(?=\n)/g, '');
if (sameWork(handlebarsOutput) !== sameWork(liquidOutput)) {
  throw new Error('Quorum Liquid and precompiled Handlebars render the review template differently; the benchmark would compare different work');
}
const plainOutput = (await plain.render(plainParsed, context)) as string;
if (plainOutput.includes('<b>') || !plainOutput.includes('&lt;b&gt;Louvre&lt;/b&gt; &amp; the')) {
  throw new Error('plain liquidjs did not escape the input; the comparison would be unfair');
}

candidate('Quorum Handlebars, precompiled module: render(input)', () => precompiled.render(input));
candidate('Quorum Handlebars: renderTemplate (compiled once, cached)', () => renderTemplate(HANDLEBARS_TEMPLATE, input, { filename: 'review.hbs' }));
candidate('Quorum GT Liquid: renderTemplate (parsed once, cached)', () => renderTemplate(LIQUID_TEMPLATE, input, { filename: 'review.liquid.html' }));
candidate('plain liquidjs: new Liquid(), parsed once, render', () => plain.render(plainParsed, context));
candidate('plain liquidjs: renderSync', () => plain.renderSync(plainParsed, context));
candidate('lintTemplate(review.liquid.html)', () => lintTemplate(LIQUID_TEMPLATE, { filename: 'review.liquid.html' }));
candidate('extractAnswerSchema(review.liquid.html)', () => extractAnswerSchema(LIQUID_TEMPLATE, { filename: 'review.liquid.html' }));
candidate('lintTemplate(review.hbs)', () => lintTemplate(HANDLEBARS_TEMPLATE, { filename: 'review.hbs' }));
candidate('extractAnswerSchema(review.hbs)', () => extractAnswerSchema(HANDLEBARS_TEMPLATE, { filename: 'review.hbs' }));

// A ~100 KB elements bundle with the sequences the inliner has to escape.
const chunk = 'export const label_N = "crowd </script> <!-- element N";\nfunction render_N(host) { return host.shadowRoot && host.shadowRoot.innerHTML.length > N; }\n';
let bundle = '';
for (let i = 0; bundle.length < 100_000; i++) bundle += chunk.replaceAll('N', String(i));
candidate(`buildPreviewPage(${(bundle.length / 1024).toFixed(0)} KB bundle)`, () => buildPreviewPage(liquidOutput, { elementsBundle: bundle, title: 'Review', input }));

await measureAll();

console.log(`task input: ${(inputBytes / 1024).toFixed(1)} KB JSON; rendered fragment: ${(liquidOutput.length / 1024).toFixed(1)} KB`);
console.log(`first parse: GT Liquid ${liquidParseMs.toFixed(2)} ms; first compile + render: Handlebars ${handlebarsCompileMs.toFixed(2)} ms`);
console.log(`${ROUNDS} interleaved rounds of ${ROUND_MS} ms each; median round, with the slowest and fastest round`);
console.log('| benchmark | calls/s (median) | µs/call | slowest–fastest calls/s |');
console.log('| --- | ---: | ---: | ---: |');
const format = (rate: number): string => Math.round(rate).toLocaleString('en-US');
for (const { what, rates } of candidates) {
  const rate = median(rates);
  console.log(`| ${what} | ${format(rate)} | ${(1e6 / rate).toFixed(1)} | ${format(Math.min(...rates))}–${format(Math.max(...rates))} |`);
}
