import { LiteralSyntaxError, parseLiteral, type LiteralValue, type ParseLiteralOptions } from '../literal.js';

/**
 * One label a worker can give a shape. Ground Truth templates write labels as strings
 * (`"['Cat', 'Dog']"`) or as objects with display names
 * (`"[{fullDisplayName: 'Passenger car', shortDisplayName: 'Car'}]"`).
 */
export interface SpatialLabel {
  /** What the answer records: `label`, else `fullDisplayName`, else `shortDisplayName`. */
  value: string;
  /** What the picker shows: `shortDisplayName`, else the value. */
  short: string;
  /** The accessible name: `fullDisplayName`, else the value. */
  full: string;
  /** A longer description shown as a tooltip and read as the description. */
  long: string;
  /** The colour of the label's shapes. */
  color: string;
}

/** A label given as an object, as templates write it. */
export interface SpatialLabelInput {
  label?: string;
  fullDisplayName?: string;
  shortDisplayName?: string;
  longDisplayName?: string;
  color?: string;
}

/**
 * Ground Truth's palette (d3's category10): GT's semantic segmentation answers name these
 * colours in `labelMappings`, so the same label keeps the same colour in both tools.
 */
export const LABEL_COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/** Normalises labels given as a property (strings or objects) to {@link SpatialLabel}s. */
export function normalizeLabels(input: readonly (string | SpatialLabelInput)[]): SpatialLabel[] {
  return input.map((item, index) => {
    const color = LABEL_COLORS[index % LABEL_COLORS.length] as string;
    if (typeof item === 'string') return { value: item, short: item, full: item, long: '', color };
    const value = item.label ?? item.fullDisplayName ?? item.shortDisplayName ?? '';
    return {
      value,
      short: item.shortDisplayName ?? value,
      full: item.fullDisplayName ?? value,
      long: item.longDisplayName ?? '',
      color: typeof item.color === 'string' && /^#[0-9a-f]{6}$/i.test(item.color) ? item.color : color,
    };
  });
}

const LABEL_KEYS = ['label', 'fullDisplayName', 'shortDisplayName', 'longDisplayName', 'color'];

/**
 * Parses a `labels` attribute: a JS-literal array of strings (numbers become strings) or of
 * objects with `label`, `fullDisplayName`, `shortDisplayName`, `longDisplayName`.
 *
 * @throws {LiteralSyntaxError} for malformed input or an item that is neither, naming the item.
 */
export function parseLabels(input: string, options: ParseLiteralOptions = {}): (string | SpatialLabelInput)[] {
  const value = parseLiteral(input, options);
  if (!Array.isArray(value)) {
    throw new LiteralSyntaxError(`Expected an array of labels such as ['Cat', 'Dog'], found ${describe(value)}`, input, 0, options.what);
  }
  return value.map((item, index) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'number') return String(item);
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const result: SpatialLabelInput = {};
      for (const key of LABEL_KEYS) {
        const field = item[key];
        if (field === undefined) continue;
        if (typeof field !== 'string') {
          throw new LiteralSyntaxError(`Label ${index}: ${key} must be a string, found ${describe(field)}`, input, 0, options.what);
        }
        result[key as keyof SpatialLabelInput] = field;
      }
      if (result.label === undefined && result.fullDisplayName === undefined && result.shortDisplayName === undefined) {
        throw new LiteralSyntaxError(`Label ${index} has none of label, fullDisplayName, shortDisplayName`, input, 0, options.what);
      }
      return result;
    }
    throw new LiteralSyntaxError(`Label ${index} must be a string or an object, found ${describe(item)}`, input, 0, options.what);
  });
}

function describe(value: LiteralValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
