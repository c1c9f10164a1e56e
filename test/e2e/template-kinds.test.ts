// Quorum's example template of each Ground Truth task kind, end to end with the real CLI: it lints
// clean (quorum validate), its answer schema is extracted and compiled (quorum schema
// --validator), it renders into an offline page with that validator embedded (quorum render
// --validate), a worker answers it in Chromium with the keyboard alone, and what the page submits
// is exactly the expected answer, has the shape Ground Truth documents for the element
// (../shared/gt-reference/answer.*.json) and matches the extracted schema.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import type { Browser, Page } from 'playwright-core';
import { ELEMENT_REGISTRY, extractAnswerSchema } from '@quorum/templates';
import { checkAnswerSchema } from '../../packages/elements/src/crowd-form/answer-check.js';
import { validator as ajvValidator } from '../../packages/templates/test/ajv.js';
import { launchChromium } from '../support/chromium.js';
import { repoRoot, runQuorum } from '../support/cli.js';

const shared = process.env.QUORUM_SHARED ?? join(repoRoot, '../shared');
const gtReference = (file: string): unknown => {
  const path = join(shared, 'gt-reference', file);
  if (!existsSync(path)) throw new Error(`${path} is missing: the shared data folder must sit next to the repository (or set QUORUM_SHARED)`);
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
};

/** Size of the image every s3:// URL of the inputs is served as. */
const IMAGE = { width: 320, height: 240 };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Kind {
  /** Folder under templates/. */
  folder: string;
  /** The control the worker answers, and the key of its answer. */
  control: string;
  name: string;
  /** The part of the control's shadow root that Tab must reach first (the text of an entity annotation), if not any. */
  focusPart?: string;
  /** Keys pressed once the control has focus. */
  keys: string[];
  /** Whether Enter in the control submits; otherwise the worker tabs to Submit and presses Enter. */
  enterSubmits: boolean;
  /** The answer expected under `name`, or a check of it when it depends on layout (boxes). */
  expected: Json | ((value: Json) => void);
  /** The GT reference answer of the element, and how to take the element's value out of it. */
  reference: { file: string; unwrap: (reference: unknown) => unknown; optional?: string[]; quorumExtras?: string[] };
}

/** `[ { "<name>": value } ]` or `{ "<name>": value }` → value. */
const underName = (reference: unknown): unknown => {
  const object = (Array.isArray(reference) ? reference[0] : reference) as Record<string, unknown>;
  const values = Object.values(object);
  assert.equal(values.length, 1, 'a GT reference answer holds one element');
  return values[0];
};

const KINDS: Kind[] = [
  {
    folder: 'text-classification',
    control: 'crowd-classifier',
    name: 'sentiment',
    keys: ['2'],
    enterSubmits: true,
    expected: { label: 'Negative' },
    reference: { file: 'answer.crowd-classifier.json', unwrap: underName },
  },
  {
    folder: 'text-classification-multi-label',
    control: 'crowd-classifier-multi-select',
    name: 'topics',
    keys: ['1', '2'],
    enterSubmits: true,
    expected: { labels: ['Billing', 'Shipping'] },
    reference: { file: 'answer.crowd-classifier-multi-select.json', unwrap: underName },
  },
  {
    folder: 'entity-annotation',
    control: 'crowd-entity-annotation',
    name: 'entities',
    focusPart: 'text',
    // Select "Ada Lovelace" word by word from the start, choose Person, label it.
    keys: ['Home', 'Control+Shift+ArrowRight', 'Control+Shift+ArrowRight', '1', 'Enter'],
    enterSubmits: false,
    expected: { entities: [{ startOffset: 0, endOffset: 12, label: 'person' }] },
    reference: { file: 'answer.crowd-entity-annotation.json', unwrap: underName },
  },
  {
    folder: 'text-ranking',
    control: 'crowd-text-ranking',
    name: 'ranking',
    // Tab goes from one response's rank picker to the next, dimension by dimension.
    keys: ['1', 'Tab', '3', 'Tab', '2', 'Tab', '1', 'Tab', '2', 'Tab', '1'],
    enterSubmits: true,
    expected: {
      ordinalRankingDimensions: [
        { name: 'Helpfulness', responseRankings: [1, 3, 2] },
        { name: 'Accuracy', responseRankings: [1, 2, 1] },
      ],
    },
    // GT documents no output for this element; Quorum adds each dimension's name.
    reference: { file: 'answer.crowd-text-ranking.inferred.json', unwrap: (reference) => reference, quorumExtras: ['name'] },
  },
  {
    folder: 'image-classification',
    control: 'crowd-image-classifier',
    name: 'category',
    keys: ['1'],
    enterSubmits: true,
    expected: { label: 'Footwear' },
    reference: { file: 'answer.crowd-image-classifier.json', unwrap: underName, optional: ['workerComment'] },
  },
  {
    folder: 'bounding-box',
    control: 'crowd-bounding-box',
    name: 'annotatedResult',
    // N adds a box, 1 labels it Person.
    keys: ['n', '1'],
    enterSubmits: false,
    expected: (value) => {
      const answer = value as { boundingBoxes: Array<Record<string, number | string>>; inputImageProperties: Record<string, number> };
      assert.deepEqual(answer.inputImageProperties, IMAGE);
      assert.equal(answer.boundingBoxes.length, 1, 'one box was drawn');
      const box = answer.boundingBoxes[0]!;
      assert.equal(box.label, 'Person');
      for (const key of ['left', 'top', 'width', 'height']) assert.ok(Number.isInteger(box[key]), `${key} is an integer number of pixels`);
      const { left, top, width, height } = box as Record<string, number>;
      assert.ok(left >= 0 && top >= 0 && width > 0 && height > 0 && left + width <= IMAGE.width && top + height <= IMAGE.height, `the box lies inside the image: ${JSON.stringify(box)}`);
    },
    reference: { file: 'answer.crowd-bounding-box.json', unwrap: underName },
  },
  {
    folder: 'keypoint',
    control: 'crowd-keypoint',
    name: 'landmarks',
    focusPart: 'stage',
    // 3 chooses "Right eye", N places it in the middle of the view, Shift+ArrowRight moves it 10 pixels right.
    keys: ['3', 'n', 'Shift+ArrowRight'],
    enterSubmits: false,
    expected: { inputImageProperties: IMAGE, keypoints: [{ label: 'Right eye', x: IMAGE.width / 2 + 10, y: IMAGE.height / 2 }] },
    reference: { file: 'answer.crowd-keypoint.json', unwrap: underName },
  },
  {
    folder: 'semantic-segmentation',
    control: 'crowd-semantic-segmentation',
    name: 'scene',
    focusPart: 'stage',
    // 3 chooses "Vehicle"; Space paints a brush dab at the cursor, which starts in the middle of the image.
    keys: ['3', 'Space'],
    enterSubmits: false,
    expected: (value) => {
      const answer = value as { inputImageProperties: Json; labelMappings: Json; labeledImage: { pngImageData: string } };
      assert.deepEqual(answer.inputImageProperties, IMAGE);
      // Only the painted label is listed, with the third colour of Ground Truth's palette.
      assert.deepEqual(answer.labelMappings, { Vehicle: { color: '#2ca02c' } });
      const mask = decodePng(Buffer.from(answer.labeledImage.pngImageData, 'base64'));
      assert.deepEqual({ width: mask.width, height: mask.height }, IMAGE, 'the label image has the natural size of the image');
      assert.deepEqual([...mask.colors.keys()].sort(), ['#2ca02c', 'transparent'], 'painted pixels have the label colour, the rest is transparent');
      const painted = mask.colors.get('#2ca02c')!;
      assert.ok(painted > 20 && painted < (IMAGE.width * IMAGE.height) / 4, `one brush dab: ${painted} pixels`);
      assert.equal(mask.at(IMAGE.width / 2, IMAGE.height / 2), '#2ca02c', 'the dab is where the cursor was');
    },
    reference: {
      file: 'answer.crowd-semantic-segmentation.json',
      // labelMappings is keyed by label name: the reference's one entry ("Bird") stands for the label painted here.
      unwrap: (reference) => {
        const value = underName(reference) as { labelMappings: Record<string, unknown> };
        return { ...value, labelMappings: { Vehicle: Object.values(value.labelMappings)[0] } };
      },
    },
  },
];

/**
 * Decodes an 8-bit PNG (grey, RGB, palette, grey+alpha or RGBA; not interlaced) into how many
 * pixels have each colour (`#rrggbb`, or `transparent` for alpha 0) and a pixel lookup.
 */
function decodePng(file: Buffer): { width: number; height: number; colors: Map<string, number>; at: (x: number, y: number) => string } {
  assert.deepEqual([...file.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'a PNG signature');
  let width = 0;
  let height = 0;
  let colorType = -1;
  let palette: Buffer = Buffer.alloc(0);
  let alphas: Buffer = Buffer.alloc(0);
  const data: Buffer[] = [];
  for (let offset = 8; offset < file.length; ) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('latin1', offset + 4, offset + 8);
    const body = file.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      assert.equal(body[8], 8, 'bit depth 8');
      colorType = body[9]!;
      assert.equal(body[12], 0, 'not interlaced');
    } else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') alphas = body;
    else if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  assert.ok(channels, `PNG colour type ${colorType}`);
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let i = 0; i < stride; i++) {
      const current = raw[y * (stride + 1) + 1 + i]!;
      const left = i >= channels ? pixels[y * stride + i - channels]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + i]! : 0;
      const upLeft = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels]! : 0;
      const estimate = left + up - upLeft;
      const [toLeft, toUp, toUpLeft] = [left, up, upLeft].map((v) => Math.abs(estimate - v)) as [number, number, number];
      const paeth = toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
      const predictor = [0, left, up, (left + up) >> 1, paeth][filter];
      assert.ok(predictor !== undefined, `PNG filter ${filter}`);
      pixels[y * stride + i] = (current + predictor) & 0xff;
    }
  }
  const hex = (r: number, g: number, b: number): string => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  const at = (x: number, y: number): string => {
    const i = (Math.floor(y) * width + Math.floor(x)) * channels;
    const [a, b, c, d] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!, pixels[i + 3]!];
    switch (colorType) {
      case 3:
        return (alphas[a] ?? 255) === 0 ? 'transparent' : hex(palette[a * 3]!, palette[a * 3 + 1]!, palette[a * 3 + 2]!);
      case 6:
        return d === 0 ? 'transparent' : hex(a, b, c);
      case 4:
        return b === 0 ? 'transparent' : hex(a, a, a);
      case 2:
        return hex(a, b, c);
      default:
        return hex(a, a, a);
    }
  };
  const colors = new Map<string, number>();
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) colors.set(at(x, y), (colors.get(at(x, y)) ?? 0) + 1);
  return { width, height, colors, at };
}

/** Where `actual` departs from the reference's shape: keys, value types, and array items like the reference's first. */
function shapeProblems(actual: unknown, reference: unknown, options: { optional?: string[]; quorumExtras?: string[] }, path = ''): string[] {
  const kind = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
  if (kind(actual) !== kind(reference)) return [`${path || '/'}: ${kind(actual)} where GT has ${kind(reference)}`];
  if (Array.isArray(actual) && Array.isArray(reference)) {
    return reference.length === 0 ? [] : actual.flatMap((item, index) => shapeProblems(item, reference[0], options, `${path}/${index}`));
  }
  if (kind(actual) !== 'object') return [];
  const actualObject = actual as Record<string, unknown>;
  const referenceObject = reference as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(referenceObject)) {
    if (!(key in actualObject) && !options.optional?.includes(key)) problems.push(`${path}/${key}: missing`);
  }
  for (const key of Object.keys(actualObject)) {
    if (key in referenceObject) problems.push(...shapeProblems(actualObject[key], referenceObject[key], options, `${path}/${key}`));
    else if (!options.quorumExtras?.includes(key)) problems.push(`${path}/${key}: not in GT's answer`);
  }
  return problems;
}

/** A PNG of the given size (a gradient), for the s3:// images of the inputs. */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (data: Buffer): number => {
    let crc = 0xffffffff;
    for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set([x % 256, y % 256, 160], y * (width * 3 + 1) + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

let browser: Browser;
let work: string;
const image = png(IMAGE.width, IMAGE.height);

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'quorum-kinds-'));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/**
 * Opens a rendered page from file://. grant_read_access turned the inputs' s3:// URIs into
 * https://s3.amazonaws.com/… URLs; those are served the test image, as S3 would. Any other request,
 * a dialog, a page error or a console error is a problem.
 */
async function openPage(file: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext();
  // tsx compiles this file with esbuild's keepNames; functions run in the page call its `__name`.
  await context.addInitScript('globalThis.__name = (target) => target;');
  const page = await context.newPage();
  const problems: string[] = [];
  await page.route('https://s3.amazonaws.com/**', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: image }));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('file:') && !url.startsWith('data:') && !url.startsWith('https://s3.amazonaws.com/')) problems.push(`network request: ${url.slice(0, 200)}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text().slice(0, 300)}`);
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.waitForFunction(() => customElements.get('crowd-form') !== undefined);
  return { page, problems };
}

/** The focused element, through open shadow roots, as `tag > tag[part]`. */
function focusPath(): string {
  const parts: string[] = [];
  let active: Element | null = document.activeElement;
  while (active) {
    parts.push(active.localName + (active.getAttribute('part') ? `[${active.getAttribute('part')}]` : ''));
    active = active.shadowRoot?.activeElement ?? null;
  }
  return parts.join(' > ');
}

/**
 * Presses Tab from the top of the page until focus is inside `selector` (at most 30 presses), and
 * there on an element of its shadow root whose `part` includes `part`, when given.
 */
async function tabInto(page: Page, selector: string, part?: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let presses = 0; presses < 30; presses++) {
    await page.keyboard.press('Tab');
    const inside = await page.evaluate(
      ([target, wanted]) => {
        const element = document.querySelector(target!);
        const active = document.activeElement;
        if (element === null || active === null || !(element === active || element.contains(active))) return false;
        if (!wanted) return true;
        const inner = element.shadowRoot?.activeElement;
        return (inner?.getAttribute('part') ?? '').split(/\s+/).includes(wanted);
      },
      [selector, part] as const,
    );
    if (inside) return;
  }
  assert.fail(`Tab never reached ${selector}; focus is on ${await page.evaluate(focusPath)}`);
}

async function render(kind: Kind, extra: string[] = []): Promise<string> {
  const folder = join(repoRoot, 'templates', kind.folder);
  const out = join(work, `${kind.folder}${extra.length ? '-extra' : ''}.html`);
  const result = await runQuorum(['render', join(folder, 'template.liquid.html'), '--input', join(folder, 'fixtures/input.json'), '--out', out, '--validate', ...extra]);
  assert.equal(result.code, 0, `quorum render --validate ${kind.folder}: ${result.stderr}`);
  return out;
}

for (const kind of KINDS) {
  describe(`templates/${kind.folder}`, () => {
    const template = join(repoRoot, 'templates', kind.folder, 'template.liquid.html');
    let validateAnswer: (answer: unknown) => { valid: boolean; issues?: unknown[] };

    it('lints clean with quorum validate', async () => {
      const result = await runQuorum(['validate', template]);
      assert.equal(result.stdout, '1 template checked: 0 errors, 0 warnings\n');
      assert.equal(result.code, 0);
    });

    it('has an answer schema (quorum schema) and a compiled validator for it', async () => {
      const schemaFile = join(work, `${kind.folder}.answer.schema.json`);
      const validatorFile = join(work, `${kind.folder}.validator.mjs`);
      const result = await runQuorum(['schema', template, '--out', schemaFile, '--validator', validatorFile]);
      assert.equal(result.code, 0, result.stderr);
      const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as { properties: Record<string, unknown>; required: string[] };
      assert.deepEqual(Object.keys(schema.properties), [kind.name]);
      ({ validateAnswer } = (await import(pathToFileURL(validatorFile).href)) as { validateAnswer: typeof validateAnswer });
      // Drawing tools submit nothing for an untouched image (nothing to mark is an answer); every other control must answer.
      const optional = ['crowd-bounding-box', 'crowd-keypoint', 'crowd-semantic-segmentation'].includes(kind.control);
      assert.deepEqual(schema.required, optional ? [] : [kind.name]);
      assert.equal(validateAnswer({}).valid, optional, optional ? 'an image with nothing marked may be submitted' : 'an empty answer does not match');
    });

    it('renders offline, is answered by keyboard, and submits the expected answer in GT\'s shape that matches its schema', async () => {
      assert.ok(validateAnswer, 'the schema test ran first');
      const { page, problems } = await openPage(await render(kind));
      try {
        await page.waitForFunction((tag) => customElements.get(tag) !== undefined, kind.control, { timeout: 10_000 });
        await tabInto(page, kind.control, kind.focusPart);
        for (const key of kind.keys) await page.keyboard.press(key);
        if (!kind.enterSubmits) await tabInto(page, 'crowd-button[form-action="submit"]');
        await page.keyboard.press('Enter');
        await page.waitForSelector('pre#quorum-answer', { timeout: 5_000 });
        const answer = (await page.evaluate(() => (window as unknown as { quorum?: { lastAnswer?: unknown } }).quorum?.lastAnswer)) as Record<string, Json>;
        assert.deepEqual(Object.keys(answer), [kind.name]);
        const value = answer[kind.name]!;
        if (typeof kind.expected === 'function') kind.expected(value);
        else assert.deepEqual(value, kind.expected);
        const reference = kind.reference.unwrap(gtReference(kind.reference.file));
        assert.deepEqual(shapeProblems(value, reference, kind.reference), [], `the answer has GT's shape (${kind.reference.file})`);
        const checked = validateAnswer(answer);
        assert.equal(checked.valid, true, `the answer matches the extracted schema: ${JSON.stringify(checked.issues)}`);
        assert.deepEqual(problems, []);
      } finally {
        await page.context().close();
      }
    });
  });
}

describe('quorum render --validate', () => {
  it('blocks an answer outside the extracted schema and tells the worker which field and why', async () => {
    const kind = KINDS[0]!;
    const { page, problems } = await openPage(await render(kind));
    try {
      // A template script that widens the categories at run time, as GT templates may (`.categories = …`):
      // the page now offers an answer the template's schema does not allow.
      await page.evaluate(() => {
        const classifier = document.querySelector('crowd-classifier') as HTMLElement & { categories: string[] };
        classifier.categories = [...classifier.categories, 'Sarcastic'];
      });
      await tabInto(page, kind.control);
      await page.keyboard.press('5');
      await page.keyboard.press('Enter');
      const issues = page.locator('crowd-form [part="answer-issues"]');
      await issues.waitFor({ timeout: 5_000 });
      const text = (await issues.textContent())?.replace(/\s+/g, ' ').trim();
      assert.equal(
        text,
        'This answer cannot be submitted yet: What overall sentiment does this product review express? (label): must be equal to one of the allowed values: "Positive", "Negative", "Neutral", "Mixed"',
      );
      assert.equal(await page.evaluate(() => (window as unknown as { quorum?: { lastAnswer?: unknown } }).quorum?.lastAnswer), undefined, 'nothing was submitted');
      assert.equal(await page.locator('pre#quorum-answer').count(), 0);
      // The worker picks an allowed category: the list goes away and Enter submits.
      await tabInto(page, kind.control);
      await page.keyboard.press('4');
      await issues.waitFor({ state: 'detached', timeout: 5_000 });
      await page.keyboard.press('Enter');
      await page.waitForSelector('pre#quorum-answer', { timeout: 5_000 });
      assert.deepEqual(await page.evaluate(() => (window as unknown as { quorum?: { lastAnswer?: unknown } }).quorum?.lastAnswer), { sentiment: { label: 'Mixed' } });
      assert.deepEqual(problems, []);
    } finally {
      await page.context().close();
    }
  });

  it('refuses --fragment, which has no page to embed the validator in', async () => {
    const folder = join(repoRoot, 'templates/text-classification');
    const result = await runQuorum(['render', join(folder, 'template.liquid.html'), '--input', join(folder, 'fixtures/input.json'), '--fragment', '--validate']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--validate adds the answer validator to the preview page; there is none with --fragment/);
  });
});

/** Static attributes that make `extractAnswerSchema` narrow each element's answer (enums, bounds, named parts). */
const NARROWING: Record<string, string> = {
  'crowd-classifier': `categories="['a', 'b']"`,
  'crowd-classifier-multi-select': `categories="['a', 'b', 'c']" exclusion-category="{ text: 'none' }"`,
  'crowd-image-classifier': `categories="['a', 'b']" src="https://example.com/x.png"`,
  'crowd-image-classifier-multi-select': `categories="['a', 'b']" exclusion-category="{ text: 'none' }" src="https://example.com/x.png"`,
  'crowd-input': 'max-length="5" min-length="2" required',
  'crowd-text-area': 'max-length="6"',
  'crowd-slider': 'min="1" max="9" required',
  'crowd-checkbox': 'value="x"',
  'crowd-radio-button': 'value="x"',
  'crowd-toggle-button': 'value="x"',
  'crowd-bounding-box': `labels="['a', 'b']"`,
  'crowd-keypoint': `labels="['a', 'b']"`,
  'crowd-polygon': `labels="['a', 'b']"`,
  'crowd-line': `labels="['a', 'b']"`,
  'crowd-polyline': `labels="['a', 'b']"`,
  'crowd-semantic-segmentation': `labels="['a', 'b']"`,
  'crowd-instance-segmentation': `labels="['a', 'b']"`,
  'crowd-entity-annotation': `labels="[{ label: 'p' }, { label: 'q' }]"`,
  'crowd-text-ranking': `ordinal-ranking-dimensions='[{"name": "A", "allowTie": true}, "B"]' responses='["x", "y", "z"]'`,
  'crowd-rating': 'max="4" allow-comment required',
  'crowd-pairwise': `strength rationale-required dimensions="['help', 'harm']" required`,
  'crowd-rubric': `criteria="[{ name: 'c', levels: ['bad', 'ok', 'good'], comment: 'required' }, { name: 'd', levels: 4 }]" overall-max="3" required`,
  'crowd-chat-transcript': `turns="[{ role: 'user', text: 'hi' }, { role: 'bot', text: 'hello' }]" reasons="['wrong', 'rude']" required`,
  'crowd-ranking': `items="['a', 'b', 'c']" allow-ties required`,
};

type Schema = { [keyword: string]: unknown };

/**
 * Values near a schema: mostly what it allows (enums, bounds, required keys), and at every level
 * now and then one step outside a bound or any JSON at all, so both sides of every keyword are
 * exercised.
 */
function nearly(schema: Schema): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 14, arbitrary: fitting(schema) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
}

/** Mostly within `[low, high]`, sometimes one outside it. */
function bounded(low: number, high: number): fc.Arbitrary<number> {
  return fc.oneof({ weight: 10, arbitrary: fc.integer({ min: low, max: Math.max(low, high) }) }, { weight: 1, arbitrary: fc.constantFrom(low - 1, high + 1) });
}

function fitting(schema: Schema): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.anyOf)) return fc.oneof(...(schema.anyOf as Schema[]).map(nearly));
  const min = schema.minimum as number | undefined;
  const max = schema.maximum as number | undefined;
  switch (schema.type) {
    case 'integer':
      return bounded(min ?? -3, max ?? 12);
    case 'number':
      return fc.oneof(bounded(min ?? -3, max ?? 12), fc.double({ min: min ?? -3, max: max ?? 12, noNaN: true }));
    case 'string':
      return bounded(Math.max(0, (schema.minLength as number | undefined) ?? 0), (schema.maxLength as number | undefined) ?? 6)
        .filter((length) => length >= 0)
        .chain((length) => fc.string({ minLength: length, maxLength: length, unit: 'grapheme' }));
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = schema.items ? nearly(schema.items as Schema) : fc.jsonValue({ maxDepth: 1 });
      return bounded((schema.minItems as number | undefined) ?? 0, (schema.maxItems as number | undefined) ?? 3)
        .filter((length) => length >= 0)
        .chain((length) => fc.array(items, { minLength: length, maxLength: length }));
    }
    default: {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = (schema.required ?? []) as string[];
      const record = fc.record(Object.fromEntries(Object.entries(properties).map(([key, sub]) => [key, nearly(sub)])), {
        requiredKeys: required.filter((key) => key in properties),
      });
      const extra = schema.additionalProperties && typeof schema.additionalProperties === 'object' ? nearly(schema.additionalProperties as Schema) : fc.jsonValue({ maxDepth: 1 });
      return fc
        .tuple(record, fc.dictionary(fc.constantFrom('x', 'y', 'q-1', 'q-22', '__proto__'), extra, { maxKeys: 1 }), fc.nat(9))
        .map(([object, more, dice]) => {
          const result: Record<string, unknown> = { ...(object as Record<string, unknown>) };
          // Now and then a key the schema may not know; defineProperty keeps "__proto__" an own key.
          if (dice === 0) for (const [key, value] of Object.entries(more)) Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
          return result;
        });
    }
  }
}

describe("<crowd-form>'s own schema checker (the answer-schema attribute)", () => {
  const schemas: Array<[string, Schema]> = [];
  for (const [tag, descriptor] of ELEMENT_REGISTRY) {
    if (!descriptor.answer) continue;
    const source = `<crowd-form><${tag} name="a" ${NARROWING[tag] ?? ''}></${tag}><input type="hidden" name="q-{{ forloop.index }}" value="1"></crowd-form>`;
    schemas.push([`<${tag}>`, extractAnswerSchema(source).schema]);
  }
  for (const kind of KINDS) {
    schemas.push([`templates/${kind.folder}`, extractAnswerSchema(readFileSync(join(repoRoot, 'templates', kind.folder, 'template.liquid.html'), 'utf8')).schema]);
  }

  it('understands every schema quorum schema emits, for every element it knows', () => {
    assert.ok(schemas.length > KINDS.length + 20, 'the registry lists the elements');
    for (const [where, schema] of schemas) {
      assert.doesNotThrow(() => checkAnswerSchema(schema, {}), `${where}: ${JSON.stringify(schema)}`);
    }
  });

  it('accepts and refuses exactly the answers Ajv does', () => {
    for (const [where, schema] of schemas) {
      const ajv = ajvValidator(schema);
      const seen = { valid: 0, invalid: 0 };
      fc.assert(
        fc.property(nearly(schema), (answer) => {
          const ours = checkAnswerSchema(schema, answer);
          const theirs = ajv(answer);
          assert.equal(ours.valid, theirs.length === 0, `${where}: ${JSON.stringify(answer)} — Ajv: ${theirs.join('; ') || 'valid'}; ours: ${ours.valid ? 'valid' : JSON.stringify(ours.issues)}`);
          seen[ours.valid ? 'valid' : 'invalid']++;
        }),
        { numRuns: 400, seed: 20261123 },
      );
      // Both sides were exercised, or agreement would say little.
      assert.ok(seen.valid >= 5 && seen.invalid >= 5, `${where}: ${seen.valid} valid and ${seen.invalid} invalid answers generated`);
    }
  });
});
