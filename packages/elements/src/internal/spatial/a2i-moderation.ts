import type { JsonObject, JsonValue } from '@quorum/schema';
import { parseLiteral, type LiteralValue, type ParseLiteralOptions } from '../literal.js';

/** The key A2I writes a moderation review under (`answerContent` of the human loop output). */
export const REKOGNITION_ANSWER_KEY = 'AWS/Rekognition/DetectModerationLabels/Image/V3';

/**
 * One moderation category: what the worker sees (`name`) and what the answer records for it — the
 * string itself, or the whole object (with `parentName`, `confidence` …) as the template gave it.
 */
export interface ModerationCategory {
  name: string;
  answer: JsonValue;
}

/**
 * Reads `categories`: an array of strings, or of objects with a string `name` (A2I templates
 * fill it from `selectedAiServiceResponse.moderationLabels`). Objects keep every field, and
 * Rekognition's PascalCase (`Name`, `ParentName`) is read as camelCase, the form A2I uses.
 * Duplicate names are rejected: the worker could not tell them apart.
 */
export function parseModerationCategories(text: string, options: ParseLiteralOptions): ModerationCategory[] {
  const what = options.what ?? 'categories';
  const value = parseLiteral(text, options);
  if (!Array.isArray(value)) throw new SyntaxError(`${what} must be an array of strings or of { name: '…' } objects, found ${describe(value)}.`);
  const seen = new Set<string>();
  return value.map((item, index) => {
    let category: ModerationCategory;
    if (typeof item === 'string') {
      category = { name: item, answer: item };
    } else if (item && typeof item === 'object' && !Array.isArray(item)) {
      const object = camelCaseKeys(item) as JsonObject;
      const name = object['name'];
      if (typeof name !== 'string' || name === '') throw new SyntaxError(`${what}, item ${index}: an object category needs a string name, found ${describe(item)}.`);
      category = { name, answer: object };
    } else {
      throw new SyntaxError(`${what}, item ${index}: expected a string or a { name: '…' } object, found ${describe(item)}.`);
    }
    if (seen.has(category.name)) throw new SyntaxError(`${what}, item ${index}: the category "${category.name}" is listed twice.`);
    seen.add(category.name);
    return category;
  });
}

/** Reads the names a moderation review starts with (`initial-value`): strings or `{ name }` objects. */
export function parseModerationNames(text: string, options: ParseLiteralOptions): string[] {
  const what = options.what ?? 'initial-value';
  const value = parseLiteral(text, options);
  if (!Array.isArray(value)) throw new SyntaxError(`${what} must be an array of category names or { name: '…' } objects, found ${describe(value)}.`);
  return value.map((item, index) => {
    if (typeof item === 'string') return item;
    const name = item && typeof item === 'object' && !Array.isArray(item) ? (item['name'] ?? item['Name']) : undefined;
    if (typeof name !== 'string') throw new SyntaxError(`${what}, item ${index}: expected a name or a { name: '…' } object, found ${describe(item)}.`);
    return name;
  });
}

/**
 * AWS services answer in PascalCase (`BlockType`, `Name`), A2I hands them to templates and writes
 * its output in camelCase (`blockType`, `name`); both are read, camelCase is written.
 */
export function camelCaseKeys(value: LiteralValue | JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map((item) => camelCaseKeys(item));
  if (value && typeof value === 'object') {
    const result: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      result[/^[A-Z]([a-z]|$)/.test(key) ? key[0]?.toLowerCase() + key.slice(1) : key] = camelCaseKeys(item as LiteralValue);
    }
    return result;
  }
  return value as JsonValue;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
