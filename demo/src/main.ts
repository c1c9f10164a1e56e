// The demo site: a gallery of the ready templates under templates/ (the server lists them in
// /catalog.json). Pick one (or open `#<name>`), edit it and its input, preview it in an iframe with
// Quorum's elements, submit answers as successive workers, and consolidate them in the browser
// with the same schema-driven functions a post-annotation Lambda runs.
import { buildPreviewPage, detectEngine, extractAnswerSchema, renderTemplate, type ExtractedAnswerSchema } from '@quorum/templates';
import {
  buildOutputManifest,
  consolidateAnswersAsync,
  planFromAnswerSchema,
  type AnswerPlan,
  type CategoricalMethod,
  type ObjectWriter,
} from '@quorum/consolidate';
import type { JsonObject, PayloadItem } from '@quorum/schema';

/** One entry of /catalog.json, written by demo/serve.mjs from the template's folder. */
interface CatalogTemplate {
  /** Folder under templates/, and the page's hash that opens it. */
  name: string;
  /** The README's first heading. */
  title: string;
  /** `template.liquid.html`, `template.hbs`, … */
  templateFile: string;
  /** Of the template's example job (fixtures/post-annotation-event.json), else the folder name. */
  labelAttributeName: string;
  /** Present when the fixtures hold an example batch (input.manifest + payload.json). */
  example?: { objects: number; workers: number };
  /** Why the server could not read the template's example fixtures, if it could not. */
  problem?: string;
}

/** A data object seen so far (one per distinct input), with the workers' annotations. */
interface Recorded {
  input: JsonObject;
  item: PayloadItem;
}

/** Opened when the link names no template (it has a preview with consolidation examples); else the first one. */
const DEFAULT_TEMPLATE = 'llm-relevance-rating';

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`demo page is missing #${id}`);
  return element as T;
};

const templateSelect = byId<HTMLSelectElement>('template-select');
const templateLink = byId<HTMLAnchorElement>('template-link');
const templateSource = byId<HTMLTextAreaElement>('template-source');
const inputSource = byId<HTMLTextAreaElement>('input-source');
const renderStatus = byId<HTMLParagraphElement>('render-status');
const engineName = byId<HTMLSpanElement>('engine-name');
const answerSchemaView = byId<HTMLPreElement>('answer-schema');
const preview = byId<HTMLIFrameElement>('preview');
const answerJson = byId<HTMLPreElement>('answer-json');
const workerName = byId<HTMLSpanElement>('worker-name');
const annotationsBody = byId<HTMLTableSectionElement>('annotations');
const labelAttributeInput = byId<HTMLInputElement>('label-attribute');
const methodSelect = byId<HTMLSelectElement>('method');
const methodNote = byId<HTMLSpanElement>('method-note');
const loadExampleButton = byId<HTMLButtonElement>('load-example');
const responseJson = byId<HTMLPreElement>('response-json');
const manifestLines = byId<HTMLPreElement>('manifest-lines');
const problems = byId<HTMLPreElement>('problems');

let catalog: CatalogTemplate[] = [];
let current: CatalogTemplate | undefined;
/** Each template's recorded data objects, kept while the visitor looks at other templates. */
const recordedByTemplate = new Map<string, Recorded[]>();
/** The answer schema of the template as it is in the editor now (undefined while it does not parse). */
let answerSchema: ExtractedAnswerSchema | undefined;
/** Said once above the render status, e.g. that a link named an unknown template. */
let notice = '';
let elementsBundle = '';
let renderToken = 0;
let consolidateToken = 0;
let labelImages: string[] = [];

async function fetchText(path: string): Promise<string> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${(await response.text()).slice(0, 500)}`.trim());
  return response.text();
}

const recorded = (template: CatalogTemplate): Recorded[] => {
  let list = recordedByTemplate.get(template.name);
  if (!list) recordedByTemplate.set(template.name, (list = []));
  return list;
};

/** What the payload says a data object is, as Ground Truth writes it from the manifest line's `source` or `source-ref`. */
function dataObjectOf(input: JsonObject): PayloadItem['dataObject'] {
  if (typeof input['source-ref'] === 'string') return { s3Uri: input['source-ref'] };
  const source = input.source ?? input.taskObject;
  if (typeof source === 'string') return /^s3:\/\//i.test(source) ? { s3Uri: source } : { content: source };
  return { content: JSON.stringify(input) };
}

function recordFor(template: CatalogTemplate, input: JsonObject): Recorded {
  const list = recorded(template);
  const key = JSON.stringify(input);
  let entry = list.find((candidate) => JSON.stringify(candidate.input) === key);
  if (!entry) {
    entry = { input, item: { datasetObjectId: String(list.length), dataObject: dataObjectOf(input), annotations: [] } };
    list.push(entry);
  }
  return entry;
}

/** Each submission for the same input comes from a new worker: worker-1, worker-2, … */
function nextWorker(template: CatalogTemplate, input: JsonObject): string {
  const existing = recorded(template).find((candidate) => JSON.stringify(candidate.input) === JSON.stringify(input));
  return `worker-${(existing?.item.annotations.length ?? 0) + 1}`;
}

function parseInput(): JsonObject {
  const value: unknown = JSON.parse(inputSource.value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('the input must be a JSON object');
  return value as JsonObject;
}

/**
 * grant_read_access for the demo: `s3://bucket/key` → this server's `/s3/bucket/key`, which serves
 * the fixture file of that name or a stand-in picture, so image templates need no network.
 */
function demoSigner(uri: string): string {
  const path = uri.replace(/^s3:\/\//i, '').split('/').map(encodeURIComponent).join('/');
  return new URL(`/s3/${path}`, location.href).href;
}

function showStatus(message: string, isError: boolean): void {
  renderStatus.textContent = notice ? `${notice} ${message}` : message;
  renderStatus.classList.toggle('error', isError);
}

/** The consolidation plan of the current answer schema, or the reason there is none. */
function currentPlan(): AnswerPlan | string {
  if (!answerSchema) return 'the template does not parse';
  try {
    return planFromAnswerSchema(answerSchema.schema);
  } catch (error) {
    return (error as Error).message;
  }
}

/** Says how each answer will be consolidated, and offers the method only where there are categories to vote on. */
function describePlan(): void {
  const plan = currentPlan();
  if (typeof plan === 'string') {
    methodNote.textContent = `No consolidation plan: ${plan}.`;
    methodSelect.disabled = false;
    return;
  }
  const keys = Object.entries(plan.attributes).map(([key, config]) => `${key} (${config.kind}${config.element ? `, <${config.element}>` : ''})`);
  const hasCategories = Object.values(plan.attributes).some((config) => config.kind === 'categorical');
  methodSelect.disabled = !hasCategories;
  methodNote.textContent = `Answers: ${keys.join(', ') || 'none'}.${hasCategories ? '' : ' The method applies to categorical answers; this template has none.'}`;
}

async function renderPreview(): Promise<void> {
  const template = current;
  if (!template) return;
  const token = ++renderToken;
  // Busy until the new preview document has loaded, so nobody answers the previous one.
  preview.setAttribute('aria-busy', 'true');
  try {
    const input = parseInput();
    const engine = detectEngine(templateSource.value, template.templateFile);
    engineName.textContent = engine === 'handlebars' ? 'Handlebars' : 'Liquid';
    try {
      answerSchema = extractAnswerSchema(templateSource.value, { engine, filename: template.templateFile });
      answerSchemaView.textContent = JSON.stringify(answerSchema.schema, null, 2);
    } catch (error) {
      answerSchema = undefined;
      answerSchemaView.textContent = (error as Error).message;
    }
    describePlan();
    const fragment = await renderTemplate(templateSource.value, input, { engine, filename: template.templateFile, signer: demoSigner });
    if (token !== renderToken) return;
    // The image elements load from the demo server on first use (the inlined core has no URL of its own).
    preview.srcdoc = buildPreviewPage(fragment, { elementsBundle, spatialSrc: '/elements/crowd-spatial-elements.js', title: `Task preview: ${template.title}`, input });
    workerName.textContent = nextWorker(template, input);
    showStatus('Rendered.', false);
  } catch (error) {
    if (token !== renderToken) return;
    showStatus((error as Error).message, true);
    preview.removeAttribute('aria-busy');
  }
}

function recordAnswer(template: CatalogTemplate, answer: JsonObject): void {
  const input = parseInput();
  const entry = recordFor(template, input);
  entry.item.annotations.push({ workerId: nextWorker(template, input), annotationData: { content: JSON.stringify(answer) } });
  answerJson.textContent = JSON.stringify(answer, null, 2);
  void consolidate();
  void renderPreview();
}

function showAnnotations(list: Recorded[]): void {
  annotationsBody.replaceChildren(
    ...list.flatMap(({ item }) =>
      item.annotations.map((annotation) => {
        const row = document.createElement('tr');
        for (const text of [item.datasetObjectId, annotation.workerId, annotation.annotationData.content ?? '']) {
          const cell = document.createElement('td');
          cell.textContent = text;
          row.append(cell);
        }
        return row;
      }),
    ),
  );
}

/** Stores a consolidated label image (semantic segmentation) in this page, as a Lambda would in S3. */
const writeObject: ObjectWriter = async (_name, bytes, contentType) => {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: contentType }));
  labelImages.push(url);
  return url;
};

async function consolidate(): Promise<void> {
  const template = current;
  if (!template) return;
  const token = ++consolidateToken;
  const list = recorded(template);
  showAnnotations(list);
  for (const url of labelImages) URL.revokeObjectURL(url);
  labelImages = [];
  const payload = list.map(({ item }) => item).filter((item) => item.annotations.length > 0);
  if (payload.length === 0) {
    responseJson.textContent = manifestLines.textContent = 'No annotations yet.';
    problems.textContent = 'None.';
    return;
  }
  const labelAttributeName = labelAttributeInput.value.trim() || template.labelAttributeName;
  try {
    const { response, errors } = await consolidateAnswersAsync(payload, {
      labelAttributeName,
      ...(answerSchema && { schema: answerSchema.schema }),
      categoricalMethod: methodSelect.value as CategoricalMethod,
      jobName: 'quorum-demo',
      writeObject,
    });
    if (token !== consolidateToken) return;
    const manifest = buildOutputManifest(
      list.map(({ input }) => input),
      response,
      { labelAttributeName, jobName: 'quorum-demo', taskType: 'custom' },
    );
    responseJson.textContent = JSON.stringify(response, null, 2);
    manifestLines.textContent = manifest.lines.map((line) => JSON.stringify(line)).join('\n') || 'No lines.';
    // Data objects that no worker has answered yet are expected, not problems.
    const unanswered = new Set(list.filter(({ item }) => item.annotations.length === 0).map(({ item }) => item.datasetObjectId));
    const found = [
      ...(answerSchema ? [] : ['The template does not parse, so no answer schema: every answer is passed through.']),
      ...errors.map((error) => JSON.stringify(error)),
      ...manifest.errors.filter((error) => !unanswered.has(error.datasetObjectId ?? String(error.line))).map((error) => JSON.stringify(error)),
    ];
    problems.textContent = found.length ? found.join('\n') : 'None.';
  } catch (error) {
    if (token !== consolidateToken) return;
    responseJson.textContent = manifestLines.textContent = 'Not consolidated: see the problems.';
    problems.textContent = (error as Error).message;
  }
}

async function loadExample(): Promise<void> {
  const template = current;
  if (!template?.example) return;
  const base = `/templates/${template.name}/fixtures`;
  try {
    const [manifestText, payloadText] = await Promise.all([fetchText(`${base}/input.manifest`), fetchText(`${base}/payload.json`)]);
    const inputs = manifestText.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as JsonObject);
    const payload = JSON.parse(payloadText) as PayloadItem[];
    recordedByTemplate.set(template.name, payload.map((item) => ({ input: inputs[Number(item.datasetObjectId)] ?? {}, item })));
    await consolidate();
    void renderPreview();
  } catch (error) {
    problems.textContent = `Could not load the example batch: ${(error as Error).message}`;
  }
}

/** The template a link asks for: `#<name>`, `#template=<name>` or `?template=<name>`. */
function requestedName(): string | undefined {
  const fromHash = decodeURIComponent(location.hash.replace(/^#(?:template=)?/, ''));
  return fromHash || new URLSearchParams(location.search).get('template') || undefined;
}

async function loadCatalog(): Promise<void> {
  catalog = (JSON.parse(await fetchText('/catalog.json')) as { templates: CatalogTemplate[] }).templates;
  const selected = templateSelect.value;
  templateSelect.replaceChildren(...catalog.map((template) => new Option(template.title, template.name)));
  if (selected) templateSelect.value = selected;
}

async function openTemplate(name: string | undefined): Promise<void> {
  // A link to a template added since the page loaded: the server reads templates/ on every request.
  if (name !== undefined && !catalog.some((template) => template.name === name)) {
    try {
      await loadCatalog();
    } catch (error) {
      showStatus((error as Error).message, true);
    }
  }
  const fallback = catalog.find((template) => template.name === DEFAULT_TEMPLATE) ?? catalog[0];
  const template = catalog.find((candidate) => candidate.name === name) ?? fallback;
  if (!template) {
    showStatus('There are no templates under templates/.', true);
    return;
  }
  notice = [
    name !== undefined && template.name !== name ? `There is no template named "${name}"; showing "${template.name}".` : '',
    template.problem ? `Its example fixtures could not be read: ${template.problem}.` : '',
  ].filter(Boolean).join(' ');
  current = template;
  templateSelect.value = template.name;
  templateLink.href = `#${encodeURIComponent(template.name)}`;
  templateLink.textContent = `Link to “${template.title}”`;
  labelAttributeInput.value = template.labelAttributeName;
  loadExampleButton.hidden = !template.example;
  if (template.example) {
    loadExampleButton.textContent = `Load the example batch (${template.example.objects} objects × ${template.example.workers} workers)`;
  }
  answerJson.textContent = 'Submit the form to see the answer.';
  const base = `/templates/${template.name}`;
  try {
    const [source, input] = await Promise.all([fetchText(`${base}/${template.templateFile}`), fetchText(`${base}/fixtures/input.json`)]);
    if (current !== template) return;
    templateSource.value = source;
    inputSource.value = input;
  } catch (error) {
    showStatus((error as Error).message, true);
    return;
  }
  await renderPreview();
  await consolidate();
}

preview.addEventListener('load', () => {
  preview.removeAttribute('aria-busy');
  const doc = preview.contentDocument;
  const template = current;
  if (!doc || !template) return;
  doc.addEventListener('crowd-submit', (event) => {
    const answer = (event as CustomEvent<{ answer: JsonObject }>).detail.answer;
    // Let the preview page show the answer too, then record it and move on to the next worker.
    setTimeout(() => recordAnswer(template, answer), 0);
  });
});

let renderDebounce: ReturnType<typeof setTimeout> | undefined;
for (const editor of [templateSource, inputSource]) {
  editor.addEventListener('input', () => {
    clearTimeout(renderDebounce);
    renderDebounce = setTimeout(() => void renderPreview(), 250);
  });
}
let consolidateDebounce: ReturnType<typeof setTimeout> | undefined;
labelAttributeInput.addEventListener('input', () => {
  clearTimeout(consolidateDebounce);
  consolidateDebounce = setTimeout(() => void consolidate(), 250);
});
templateSelect.addEventListener('change', () => {
  // The hash is the link to the template; hashchange opens it.
  location.hash = encodeURIComponent(templateSelect.value);
});
window.addEventListener('hashchange', () => void openTemplate(requestedName()));
methodSelect.addEventListener('change', () => void consolidate());
loadExampleButton.addEventListener('click', () => void loadExample());
byId<HTMLButtonElement>('clear').addEventListener('click', () => {
  if (current) recordedByTemplate.set(current.name, []);
  answerJson.textContent = 'Submit the form to see the answer.';
  void consolidate();
  void renderPreview();
});

try {
  [elementsBundle] = await Promise.all([fetchText('/elements/crowd-html-elements.js'), loadCatalog()]);
  await openTemplate(requestedName());
} catch (error) {
  showStatus(`The demo could not start: ${(error as Error).message}`, true);
}
