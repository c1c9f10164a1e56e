// The demo site: edit a template and its input, preview it in an iframe with Quorum's
// elements, submit answers as successive workers, and consolidate them in the browser
// with the same functions a post-annotation Lambda runs.
import { buildPreviewPage, detectEngine, renderTemplate } from '@quorum/templates';
import { buildOutputManifest, consolidatePayload, type ConsolidationMethod } from '@quorum/consolidate';
import type { JsonObject, PayloadItem } from '@quorum/schema';

const LABEL_ATTRIBUTE = 'relevance';

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`demo page is missing #${id}`);
  return element as T;
};

const templateSelect = byId<HTMLSelectElement>('template-select');
const templateSource = byId<HTMLTextAreaElement>('template-source');
const inputSource = byId<HTMLTextAreaElement>('input-source');
const renderStatus = byId<HTMLParagraphElement>('render-status');
const engineName = byId<HTMLSpanElement>('engine-name');
const preview = byId<HTMLIFrameElement>('preview');
const answerJson = byId<HTMLPreElement>('answer-json');
const workerName = byId<HTMLSpanElement>('worker-name');
const annotationsBody = byId<HTMLTableSectionElement>('annotations');
const methodSelect = byId<HTMLSelectElement>('method');
const responseJson = byId<HTMLPreElement>('response-json');
const manifestLines = byId<HTMLPreElement>('manifest-lines');
const problems = byId<HTMLPreElement>('problems');

/** Data objects seen so far (one per distinct input), each with the workers' annotations. */
let items: Array<{ input: JsonObject; item: PayloadItem }> = [];
let elementsBundle = '';
let renderToken = 0;

async function fetchText(path: string): Promise<string> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.text();
}

function currentItem(input: JsonObject): { input: JsonObject; item: PayloadItem } {
  const key = JSON.stringify(input);
  let entry = items.find((candidate) => JSON.stringify(candidate.input) === key);
  if (!entry) {
    const source = typeof input.source === 'string' ? input.source : key;
    entry = { input, item: { datasetObjectId: String(items.length), dataObject: { content: source }, annotations: [] } };
    items.push(entry);
  }
  return entry;
}

/** Each submission for the same input comes from a new worker: worker-1, worker-2, … */
function nextWorker(input: JsonObject): string {
  return `worker-${currentItem(input).item.annotations.length + 1}`;
}

function parseInput(): JsonObject {
  const value: unknown = JSON.parse(inputSource.value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('the input must be a JSON object');
  return value as JsonObject;
}

async function renderPreview(): Promise<void> {
  const token = ++renderToken;
  try {
    const input = parseInput();
    const engine = detectEngine(templateSource.value);
    engineName.textContent = engine === 'handlebars' ? 'Handlebars' : 'Liquid';
    const fragment = await renderTemplate(templateSource.value, input, { engine });
    if (token !== renderToken) return;
    // The image elements load from the demo server on first use (the inlined core has no URL of its own).
    preview.srcdoc = buildPreviewPage(fragment, { elementsBundle, spatialSrc: '/elements/crowd-spatial-elements.js', title: 'Task preview', input });
    workerName.textContent = nextWorker(input);
    renderStatus.textContent = 'Rendered.';
    renderStatus.classList.remove('error');
  } catch (error) {
    renderStatus.textContent = (error as Error).message;
    renderStatus.classList.add('error');
  }
}

function recordAnswer(answer: JsonObject): void {
  const input = parseInput();
  const entry = currentItem(input);
  const workerId = nextWorker(input);
  entry.item.annotations.push({ workerId, annotationData: { content: JSON.stringify(answer) } });
  answerJson.textContent = JSON.stringify(answer, null, 2);
  consolidate();
  void renderPreview();
}

function consolidate(): void {
  annotationsBody.replaceChildren(
    ...items.flatMap(({ item }) =>
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
  const payload = items.map(({ item }) => item).filter((item) => item.annotations.length > 0);
  if (payload.length === 0) {
    responseJson.textContent = manifestLines.textContent = 'No annotations yet.';
    problems.textContent = 'None.';
    return;
  }
  const { response, errors } = consolidatePayload(payload, {
    labelAttributeName: LABEL_ATTRIBUTE,
    labelCategories: ['1', '2', '3', '4', '5'],
    method: methodSelect.value as ConsolidationMethod,
  });
  const manifest = buildOutputManifest(
    items.map(({ input }) => input),
    response,
    { labelAttributeName: LABEL_ATTRIBUTE, jobName: 'quorum-demo', taskType: 'custom' },
  );
  responseJson.textContent = JSON.stringify(response, null, 2);
  manifestLines.textContent = manifest.lines.map((line) => JSON.stringify(line)).join('\n');
  const found = [...errors, ...manifest.errors].map((error) => JSON.stringify(error));
  problems.textContent = found.length ? found.join('\n') : 'None.';
}

async function loadExample(): Promise<void> {
  const base = `/templates/${templateSelect.value}/fixtures`;
  const [manifestText, payloadText] = await Promise.all([fetchText(`${base}/input.manifest`), fetchText(`${base}/payload.json`)]);
  const inputs = manifestText.trim().split('\n').map((line) => JSON.parse(line) as JsonObject);
  const payload = JSON.parse(payloadText) as PayloadItem[];
  items = payload.map((item) => ({ input: inputs[Number(item.datasetObjectId)] ?? {}, item }));
  consolidate();
}

async function loadTemplate(): Promise<void> {
  const base = `/templates/${templateSelect.value}`;
  const [template, input] = await Promise.all([fetchText(`${base}/template.liquid.html`), fetchText(`${base}/fixtures/input.json`)]);
  templateSource.value = template;
  inputSource.value = input;
  await renderPreview();
}

preview.addEventListener('load', () => {
  const doc = preview.contentDocument;
  doc?.addEventListener('crowd-submit', (event) => {
    const answer = (event as CustomEvent<{ answer: JsonObject }>).detail.answer;
    // Let the preview page show the answer too, then record it and move on to the next worker.
    setTimeout(() => recordAnswer(answer), 0);
  });
});

let debounce: ReturnType<typeof setTimeout> | undefined;
for (const editor of [templateSource, inputSource]) {
  editor.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => void renderPreview(), 250);
  });
}
templateSelect.addEventListener('change', () => void loadTemplate());
methodSelect.addEventListener('change', consolidate);
byId<HTMLButtonElement>('load-example').addEventListener('click', () => void loadExample());
byId<HTMLButtonElement>('clear').addEventListener('click', () => {
  items = [];
  consolidate();
  void renderPreview();
});

elementsBundle = await fetchText('/elements/crowd-html-elements.js');
await loadTemplate();
