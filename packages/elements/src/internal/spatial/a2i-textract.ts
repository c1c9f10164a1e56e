import type { JsonObject, JsonValue, TextractBlock, TextractBoundingBox } from '@quorum/schema';
import { parseLiteral, type LiteralValue, type ParseLiteralOptions } from '../literal.js';
import { camelCaseKeys } from './a2i-moderation.js';

/** The key A2I writes a Textract review under (`answerContent` of the human loop output). */
export const TEXTRACT_ANSWER_KEY = 'AWS/Textract/AnalyzeDocument/Forms/V1';

/** The only block type A2I's Textract review supports. */
export const KEY_VALUE_SET = 'KEY_VALUE_SET';

/** A key the template asks for (`keys` attribute): A2I's `importantFormKey` and its aliases. */
export interface ImportantFormKey {
  importantFormKey: string;
  importantFormKeyAliases: string[];
}

/** One side of a key-value pair as the reviewer sees and edits it. */
export interface PairSide {
  /** The Textract block id (kept from the input, new for added pairs). */
  id: string;
  text: string;
  /** Its box in ratios of the page (Textract's unit), or null when it has none. */
  box: TextractBoundingBox | null;
  /** Text and box as they came in, to tell whether the reviewer changed them (null: added by the reviewer). */
  original: { text: string; box: TextractBoundingBox | null } | null;
  /** The input block (camelCase), whose other fields pass through to the answer; null for added pairs. */
  source: JsonObject | null;
}

/**
 * One key-value pair under review. Plain JSON, so the whole list is the element's state for undo
 * and drafts.
 */
export interface TextractPair {
  key: PairSide;
  value: PairSide;
  /** The reviewer said this is not a key-value pair: it is left out of the answer. */
  removed: boolean;
  /** Whether the pair came from `initial-value` (`no-key-edit` and `no-geometry-edit` protect only those). */
  fromInitial: boolean;
}

/** Reads `keys`: an array of `{ importantFormKey, importantFormKeyAliases }` objects or of strings. */
export function parseImportantKeys(text: string, options: ParseLiteralOptions): ImportantFormKey[] {
  const what = options.what ?? 'keys';
  const value = parseLiteral(text, options);
  if (!Array.isArray(value)) throw new SyntaxError(`${what} must be an array of { importantFormKey: '…', importantFormKeyAliases: ['…'] } objects, found ${short(value)}.`);
  return value.map((item, index) => {
    if (typeof item === 'string') return { importantFormKey: item, importantFormKeyAliases: [] };
    const object = item && typeof item === 'object' && !Array.isArray(item) ? (camelCaseKeys(item) as JsonObject) : null;
    const key = object?.['importantFormKey'];
    if (typeof key !== 'string' || key === '') throw new SyntaxError(`${what}, item ${index}: needs a string importantFormKey, found ${short(item)}.`);
    const aliases = object?.['importantFormKeyAliases'] ?? [];
    if (!Array.isArray(aliases) || aliases.some((alias) => typeof alias !== 'string')) throw new SyntaxError(`${what}, item ${index}: importantFormKeyAliases must be an array of strings.`);
    return { importantFormKey: key, importantFormKeyAliases: aliases as string[] };
  });
}

/** Reads `block-types`; anything but KEY_VALUE_SET is reported, as A2I supports nothing else. */
export function parseBlockTypes(text: string, options: ParseLiteralOptions): string[] {
  const value = parseLiteral(text, options);
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) throw new SyntaxError(`${options.what ?? 'block-types'} must be an array of block type names, e.g. ['KEY_VALUE_SET'].`);
  return list as string[];
}

/** Reads `initial-value` as a literal (A2I passes Textract's blocks, PascalCase or camelCase). */
export function parseBlocks(text: string, options: ParseLiteralOptions): LiteralValue {
  return parseLiteral(text, options);
}

/**
 * Turns Textract blocks into key-value pairs: each KEY_VALUE_SET block whose entity types hold
 * KEY, with the block its VALUE relationship names. A block without `text` gets the text of its
 * CHILD words (and `SELECTED` / `NOT_SELECTED` of a selection element), which is how Textract
 * itself answers; WORD, LINE and other blocks serve only for that. Returns the problems too,
 * each naming the block.
 */
export function pairsFromBlocks(input: LiteralValue | JsonValue, fromInitial: boolean): { pairs: TextractPair[]; problems: string[] } {
  const problems: string[] = [];
  const list = Array.isArray(input) ? input : input && typeof input === 'object' && Array.isArray((input as Record<string, unknown>)['blocks'] ?? (input as Record<string, unknown>)['Blocks']) ? ((camelCaseKeys(input) as JsonObject)['blocks'] as JsonValue[]) : null;
  if (!list) return { pairs: [], problems: [`expected an array of Textract blocks (or { blocks: [...] }), found ${short(input)}`] };
  const blocks = list.map((block) => camelCaseKeys(block as LiteralValue));
  const byId = new Map<string, JsonObject>();
  blocks.forEach((block, index) => {
    if (!block || typeof block !== 'object' || Array.isArray(block)) {
      problems.push(`item ${index} is not a block object`);
      return;
    }
    if (typeof block['id'] === 'string') byId.set(block['id'], block);
  });
  const usedValues = new Set<string>();
  const pairs: TextractPair[] = [];
  blocks.forEach((block, index) => {
    if (!block || typeof block !== 'object' || Array.isArray(block)) return;
    if (block['blockType'] !== KEY_VALUE_SET || !entityTypes(block).includes('KEY')) return;
    const keyId = block['id'];
    if (typeof keyId !== 'string' || keyId === '') {
      problems.push(`block ${index} (a KEY) has no id`);
      return;
    }
    const valueId = relationIds(block, 'VALUE')[0];
    const valueBlock = valueId === undefined ? undefined : byId.get(valueId);
    if (valueId !== undefined) usedValues.add(valueId);
    if (valueId !== undefined && !valueBlock) problems.push(`KEY block ${keyId} names VALUE block ${valueId}, which is not among the blocks; its value starts empty`);
    const key = side(keyId, block, byId);
    const value = valueBlock ? side(valueId as string, valueBlock, byId) : { id: valueId ?? newBlockId(), text: '', box: null, original: { text: '', box: null }, source: null };
    pairs.push({ key, value, removed: false, fromInitial });
  });
  blocks.forEach((block) => {
    if (!block || typeof block !== 'object' || Array.isArray(block)) return;
    if (block['blockType'] === KEY_VALUE_SET && entityTypes(block).includes('VALUE') && typeof block['id'] === 'string' && !usedValues.has(block['id'])) {
      problems.push(`VALUE block ${block['id']} belongs to no KEY block; it is left out`);
    }
  });
  return { pairs, problems };
}

/** A new, empty pair added by the reviewer (e.g. for an important key Textract missed). */
export function newPair(keyText: string): TextractPair {
  return {
    key: { id: newBlockId(), text: keyText, box: null, original: null, source: null },
    value: { id: newBlockId(), text: '', box: null, original: null, source: null },
    removed: false,
    fromInitial: false,
  };
}

/**
 * The answer blocks: a KEY and a VALUE block per kept pair, in pair order. Fields of the input
 * blocks pass through; `text` and `geometry` are the reviewer's; the KEY's VALUE relationship
 * names its value block; `confidence` stays only on a block the reviewer did not change (it is
 * Textract's confidence in what Textract found, not in the reviewer's edit). An edited box gets a
 * new four-corner `polygon`; an unedited one keeps Textract's.
 */
export function blocksFromPairs(pairs: readonly TextractPair[]): TextractBlock[] {
  const blocks: TextractBlock[] = [];
  for (const pair of pairs) {
    if (pair.removed) continue;
    const key = blockFromSide(pair.key, 'KEY');
    const otherRelationships = (key.relationships ?? []).filter((relationship) => relationship.type !== 'VALUE');
    key.relationships = [...otherRelationships, { type: 'VALUE', ids: [pair.value.id] }];
    blocks.push(key, blockFromSide(pair.value, 'VALUE'));
  }
  return blocks;
}

/** Whether a key's text matches an important key or one of its aliases (case, spaces and a trailing colon aside). */
export function matchesImportantKey(text: string, key: ImportantFormKey): boolean {
  const normal = normalizeKey(text);
  return [key.importantFormKey, ...key.importantFormKeyAliases].some((candidate) => normalizeKey(candidate) === normal);
}

export function boxesEqual(a: TextractBoundingBox | null, b: TextractBoundingBox | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a.left - b.left) < 1e-9 && Math.abs(a.top - b.top) < 1e-9 && Math.abs(a.width - b.width) < 1e-9 && Math.abs(a.height - b.height) < 1e-9;
}

/** A Textract-style block id (a UUID). */
export function newBlockId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const hex = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function normalizeKey(text: string): string {
  return text.trim().replace(/[\s:]+$/, '').replace(/\s+/g, ' ').toLowerCase();
}

function side(id: string, block: JsonObject, byId: ReadonlyMap<string, JsonObject>): PairSide {
  const text = typeof block['text'] === 'string' ? block['text'] : childText(block, byId);
  const box = readBox(block);
  return { id, text, box, original: { text, box }, source: block };
}

function blockFromSide(pairSide: PairSide, entity: 'KEY' | 'VALUE'): TextractBlock {
  const source = pairSide.source ?? {};
  const changed = !pairSide.original || pairSide.original.text !== pairSide.text || !boxesEqual(pairSide.original.box, pairSide.box);
  const block = structuredClone(source) as unknown as TextractBlock & JsonObject;
  block.blockType = KEY_VALUE_SET;
  block.id = pairSide.id;
  block.entityTypes = [entity];
  block.text = pairSide.text;
  if (changed) delete (block as Partial<TextractBlock>).confidence;
  const boxChanged = !pairSide.original || !boxesEqual(pairSide.original.box, pairSide.box);
  if (!pairSide.box) {
    delete (block as Partial<TextractBlock>).geometry;
  } else if (boxChanged || !block.geometry) {
    const { left, top, width, height } = pairSide.box;
    // Sums of ratios pick up float noise (0.5025 + 0.2525 = 0.7549999…); 15 digits drop it.
    const right = Number((left + width).toPrecision(15));
    const bottom = Number((top + height).toPrecision(15));
    block.geometry = {
      boundingBox: { width, height, left, top },
      polygon: [
        { x: left, y: top },
        { x: right, y: top },
        { x: right, y: bottom },
        { x: left, y: bottom },
      ],
    };
  }
  return block;
}

function entityTypes(block: JsonObject): string[] {
  const types = block['entityTypes'];
  return Array.isArray(types) ? types.filter((type): type is string => typeof type === 'string') : [];
}

function relationIds(block: JsonObject, type: string): string[] {
  const relationships = block['relationships'];
  if (!Array.isArray(relationships)) return [];
  return relationships.flatMap((relationship) => {
    if (!relationship || typeof relationship !== 'object' || Array.isArray(relationship) || relationship['type'] !== type) return [];
    const ids = relationship['ids'];
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  });
}

function childText(block: JsonObject, byId: ReadonlyMap<string, JsonObject>): string {
  return relationIds(block, 'CHILD')
    .map((id) => {
      const child = byId.get(id);
      if (!child) return '';
      if (typeof child['text'] === 'string') return child['text'];
      return typeof child['selectionStatus'] === 'string' ? child['selectionStatus'] : '';
    })
    .filter(Boolean)
    .join(' ');
}

function readBox(block: JsonObject): TextractBoundingBox | null {
  const geometry = block['geometry'];
  const box = geometry && typeof geometry === 'object' && !Array.isArray(geometry) ? geometry['boundingBox'] : undefined;
  if (!box || typeof box !== 'object' || Array.isArray(box)) return null;
  const { left, top, width, height } = box;
  if (![left, top, width, height].every((number) => typeof number === 'number' && Number.isFinite(number))) return null;
  return { left: left as number, top: top as number, width: width as number, height: height as number };
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
