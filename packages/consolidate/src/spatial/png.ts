/**
 * A small PNG reader and writer for label images (segmentation answers), platform-neutral: the
 * zlib streams go through `DecompressionStream` / `CompressionStream('deflate')`, which Node 20,
 * Lambda and every current browser provide, so the same code consolidates in all three.
 *
 * The reader takes every PNG the specification allows (greyscale, RGB, palette, with alpha, bit
 * depths 1–16, Adam7 interlacing, `tRNS` transparency) and gives 8-bit RGBA; colour-management
 * chunks (`gAMA`, `iCCP`, `sRGB`) are ignored on purpose, because a label image's colours are
 * identifiers, not colours to be corrected. The writer makes 8-bit palette PNGs, the exact and
 * compact form of a label image.
 */

/** A PNG that cannot be read: what is wrong with it, in words a user can act on. */
export class PngError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PngError';
  }
}

/** A decoded image: 8-bit RGBA, row by row from the top left. */
export interface RgbaImage {
  width: number;
  height: number;
  /** `width × height × 4` bytes: red, green, blue, alpha. */
  rgba: Uint8Array;
}

/** A decoded 8-bit palette image, kept as indices (see {@link decodePng}'s `keepIndices`). */
export interface DecodedIndexedImage {
  width: number;
  height: number;
  /** `width × height` palette indices. */
  indices: Uint8Array;
  /** `[r, g, b, a]` of each palette entry, 4 bytes each. */
  palette: Uint8Array;
}

/** A palette image to encode: one palette index per pixel. */
export interface IndexedImage {
  width: number;
  height: number;
  /** `width × height` palette indices, row by row from the top left. */
  indices: Uint8Array;
  /** Up to 256 entries as `[red, green, blue, alpha]`, each 0–255. */
  palette: readonly (readonly [number, number, number, number])[];
}

/** Images above this many pixels are refused before anything is allocated (a 100-megapixel label image is a mistake or an attack). */
export const MAX_PNG_PIXELS = 100_000_000;

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0xffffffff;
  for (let index = start; index < end; index++) crc = (CRC_TABLE[(crc ^ (bytes[index] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Channels per pixel of each colour type. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ALLOWED_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/** Adam7 passes: start column, start row, column step, row step. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/**
 * Decodes a PNG file to 8-bit RGBA.
 *
 * @throws {PngError} when the bytes are not a PNG, are truncated, fail a CRC, or hold an image
 *   the specification does not allow; the message says which.
 */
export async function decodePng(bytes: Uint8Array): Promise<RgbaImage>;
/**
 * With `keepIndices`, a non-interlaced 8-bit palette PNG comes back as its indices and palette
 * (one byte a pixel, no RGBA expansion); any other PNG as RGBA.
 */
export async function decodePng(bytes: Uint8Array, options: { keepIndices: true }): Promise<RgbaImage | DecodedIndexedImage>;
export async function decodePng(bytes: Uint8Array, options: { keepIndices?: boolean } = {}): Promise<RgbaImage | DecodedIndexedImage> {
  if (bytes.length < 8 || SIGNATURE.some((value, index) => bytes[index] !== value)) {
    throw new PngError('not a PNG file (the 8-byte PNG signature is missing)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let header: { width: number; height: number; depth: number; colorType: number; interlace: number } | null = null;
  let palette: Uint8Array | null = null;
  let transparency: Uint8Array | null = null;
  const data: Uint8Array[] = [];
  let ended = false;
  while (offset < bytes.length) {
    if (offset + 12 > bytes.length) throw new PngError(`truncated: a chunk header at byte ${offset} runs past the end of the file`);
    const length = view.getUint32(offset);
    const type = String.fromCharCode(bytes[offset + 4] as number, bytes[offset + 5] as number, bytes[offset + 6] as number, bytes[offset + 7] as number);
    const start = offset + 8;
    const end = start + length;
    if (end + 4 > bytes.length) throw new PngError(`truncated: chunk ${type} at byte ${offset} declares ${length} bytes but the file ends first`);
    if (crc32(bytes, offset + 4, end) !== view.getUint32(end)) throw new PngError(`corrupt: the CRC of chunk ${type} at byte ${offset} does not match its data`);
    const body = bytes.subarray(start, end);
    if (type === 'IHDR') {
      if (length !== 13) throw new PngError(`IHDR has ${length} bytes, not 13`);
      header = {
        width: view.getUint32(start),
        height: view.getUint32(start + 4),
        depth: body[8] as number,
        colorType: body[9] as number,
        interlace: body[12] as number,
      };
      checkHeader(header, body[10] as number, body[11] as number);
    } else if (!header) {
      throw new PngError(`the first chunk is ${type}, not IHDR`);
    } else if (type === 'PLTE') {
      if (length % 3 !== 0 || length === 0 || length > 768) throw new PngError(`PLTE has ${length} bytes, not a multiple of 3 between 3 and 768`);
      palette = body;
    } else if (type === 'tRNS') {
      transparency = body;
    } else if (type === 'IDAT') {
      data.push(body);
    } else if (type === 'IEND') {
      ended = true;
      break;
    } else if (((bytes[offset + 4] as number) & 0x20) === 0) {
      throw new PngError(`unknown critical chunk ${type}`);
    }
    offset = end + 4;
  }
  if (!header) throw new PngError('no IHDR chunk');
  if (data.length === 0) throw new PngError('no image data (IDAT chunk)');
  if (!ended) throw new PngError('truncated: the IEND chunk is missing');
  if (header.colorType === 3 && !palette) throw new PngError('a palette image without a PLTE chunk');
  const { width, height, depth, colorType, interlace } = header;
  const channels = CHANNELS[colorType] as number;
  const bitsPerPixel = channels * depth;
  const bytesPerPixel = Math.max(1, bitsPerPixel >> 3);
  const passes = interlace === 1 ? ADAM7 : ([[0, 0, 1, 1]] as const);
  let expected = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const passWidth = Math.ceil((width - x0) / dx);
    const passHeight = Math.ceil((height - y0) / dy);
    if (passWidth > 0 && passHeight > 0) expected += passHeight * (1 + Math.ceil((passWidth * bitsPerPixel) / 8));
  }
  const raw = await inflate(concat(data), expected);
  if (options.keepIndices && colorType === 3 && depth === 8 && interlace === 0 && palette) {
    const entries = palette.length / 3;
    const rgbaPalette = new Uint8Array(entries * 4);
    for (let index = 0; index < entries; index++) writePalette(index, palette, transparency, rgbaPalette, index * 4);
    const indices = new Uint8Array(width * height);
    let previous: Uint8Array = new Uint8Array(width);
    for (let row = 0; row < height; row++) {
      const start = row * (width + 1);
      const line = raw.subarray(start + 1, start + 1 + width);
      unfilter(raw[start] as number, line, previous, 1, row);
      indices.set(line, row * width);
      previous = line;
    }
    for (let pixel = 0; pixel < indices.length; pixel++) {
      if ((indices[pixel] as number) >= entries) throw new PngError(`corrupt image data: palette index ${indices[pixel]} but the palette has ${entries} entries`);
    }
    return { width, height, indices, palette: rgbaPalette };
  }
  const rgba = new Uint8Array(width * height * 4);
  const direct = colorType === 6 && depth === 8;
  const toRgba = pixelConverter(colorType, depth, palette, transparency);
  let position = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const passWidth = Math.ceil((width - x0) / dx);
    const passHeight = Math.ceil((height - y0) / dy);
    if (passWidth <= 0 || passHeight <= 0) continue;
    const stride = Math.ceil((passWidth * bitsPerPixel) / 8);
    let previous: Uint8Array = new Uint8Array(stride);
    for (let row = 0; row < passHeight; row++) {
      const filter = raw[position] as number;
      const line = raw.subarray(position + 1, position + 1 + stride);
      unfilter(filter, line, previous, bytesPerPixel, row);
      const y = y0 + row * dy;
      if (direct && dx === 1) rgba.set(line, y * width * 4);
      else for (let column = 0; column < passWidth; column++) toRgba(line, column, rgba, (y * width + x0 + column * dx) * 4);
      previous = line;
      position += 1 + stride;
    }
  }
  return { width, height, rgba };
}

/** Encodes a palette image as an 8-bit palette PNG (with `tRNS` when an entry is not opaque). */
export async function encodeIndexedPng(image: IndexedImage): Promise<Uint8Array> {
  const { width, height, indices, palette } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new RangeError(`image size must be positive integers, got ${width}×${height}`);
  if (indices.length !== width * height) throw new RangeError(`indices has ${indices.length} entries, not width × height = ${width * height}`);
  if (palette.length === 0 || palette.length > 256) throw new RangeError(`a palette has 1 to 256 entries, got ${palette.length}`);
  const raw = new Uint8Array(height * (width + 1));
  for (let row = 0; row < height; row++) raw.set(indices.subarray(row * width, (row + 1) * width), row * (width + 1) + 1);
  const compressed = await deflate(raw);
  const header = new Uint8Array(13);
  const headerView = new DataView(header.buffer);
  headerView.setUint32(0, width);
  headerView.setUint32(4, height);
  header.set([8, 3, 0, 0, 0], 8);
  const colors = new Uint8Array(palette.length * 3);
  palette.forEach(([red, green, blue], index) => colors.set([red, green, blue], index * 3));
  const chunks: [string, Uint8Array][] = [['IHDR', header], ['PLTE', colors]];
  let lastTranslucent = -1;
  palette.forEach(([, , , alpha], index) => {
    if (alpha !== 255) lastTranslucent = index;
  });
  if (lastTranslucent >= 0) chunks.push(['tRNS', Uint8Array.from(palette.slice(0, lastTranslucent + 1), (entry) => entry[3])]);
  chunks.push(['IDAT', compressed], ['IEND', new Uint8Array(0)]);
  const total = 8 + chunks.reduce((sum, [, body]) => sum + 12 + body.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(SIGNATURE, 0);
  let offset = 8;
  for (const [type, body] of chunks) {
    view.setUint32(offset, body.length);
    for (let index = 0; index < 4; index++) out[offset + 4 + index] = type.charCodeAt(index);
    out.set(body, offset + 8);
    view.setUint32(offset + 8 + body.length, crc32(out, offset + 4, offset + 8 + body.length));
    offset += 12 + body.length;
  }
  return out;
}

/** Parses `#rrggbb` (either case) to `[r, g, b]`, or null. */
export function parseHexColor(color: string): [number, number, number] | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  return match ? [parseInt(match[1] as string, 16), parseInt(match[2] as string, 16), parseInt(match[3] as string, 16)] : null;
}

/** `[r, g, b]` as lower-case `#rrggbb`. */
export function toHexColor(red: number, green: number, blue: number): string {
  return `#${((1 << 24) | (red << 16) | (green << 8) | blue).toString(16).slice(1)}`;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUES = (() => {
  const values = new Int16Array(256).fill(-1);
  for (let index = 0; index < BASE64.length; index++) values[BASE64.charCodeAt(index)] = index;
  return values;
})();

/**
 * Decodes base64 (a `data:…;base64,` prefix and whitespace are allowed), saying where it is
 * malformed rather than silently dropping characters as `atob` variants differ in doing.
 */
export function decodeBase64(text: string): Uint8Array {
  const comma = text.startsWith('data:') ? text.indexOf(',') : -1;
  const body = (comma >= 0 ? text.slice(comma + 1) : text).replace(/\s+/g, '');
  const unpadded = body.replace(/={1,2}$/, '');
  if (unpadded.length % 4 === 1) throw new PngError(`base64 of length ${body.length} is truncated (a base64 text never has 4n+1 data characters)`);
  const out = new Uint8Array(Math.floor((unpadded.length * 3) / 4));
  let bits = 0;
  let buffer = 0;
  let written = 0;
  for (let index = 0; index < unpadded.length; index++) {
    const code = unpadded.charCodeAt(index);
    const value = code < 256 ? (BASE64_VALUES[code] as number) : -1;
    if (value < 0) throw new PngError(`not base64: character ${JSON.stringify(unpadded[index])} at position ${index + (comma + 1)}`);
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[written++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

/** Encodes bytes as base64 (no line breaks, with padding). */
export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = 3 * 4096;
  for (let start = 0; start < bytes.length; start += chunk) {
    let part = '';
    const end = Math.min(bytes.length, start + chunk);
    for (let index = start; index < end; index += 3) {
      const a = bytes[index] as number;
      const b = index + 1 < end ? (bytes[index + 1] as number) : 0;
      const c = index + 2 < end ? (bytes[index + 2] as number) : 0;
      const triple = (a << 16) | (b << 8) | c;
      part += BASE64[triple >> 18]! + BASE64[(triple >> 12) & 63]! + (index + 1 < end ? BASE64[(triple >> 6) & 63]! : '=') + (index + 2 < end ? BASE64[triple & 63]! : '=');
    }
    parts.push(part);
  }
  return parts.join('');
}

function checkHeader(header: { width: number; height: number; depth: number; colorType: number; interlace: number }, compression: number, filter: number): void {
  const { width, height, depth, colorType, interlace } = header;
  if (width === 0 || height === 0) throw new PngError(`the image has no pixels (${width}×${height})`);
  if (width * height > MAX_PNG_PIXELS) throw new PngError(`the image is ${width}×${height}, more than ${MAX_PNG_PIXELS} pixels`);
  const depths = ALLOWED_DEPTHS[colorType];
  if (!depths) throw new PngError(`colour type ${colorType} does not exist`);
  if (!depths.includes(depth)) throw new PngError(`bit depth ${depth} is not allowed with colour type ${colorType}`);
  if (compression !== 0 || filter !== 0) throw new PngError(`unknown compression method ${compression} or filter method ${filter}`);
  if (interlace > 1) throw new PngError(`unknown interlace method ${interlace}`);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function inflate(bytes: Uint8Array, expected: number): Promise<Uint8Array> {
  let out: Uint8Array;
  try {
    out = await pipe(bytes, new DecompressionStream('deflate'));
  } catch (error) {
    throw new PngError(`corrupt image data: the zlib stream does not inflate (${(error as Error).message})`);
  }
  if (out.length < expected) throw new PngError(`truncated image data: ${out.length} bytes after inflating, ${expected} expected`);
  return out;
}

function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(bytes, new CompressionStream('deflate'));
}

function unfilter(filter: number, line: Uint8Array, previous: Uint8Array, bpp: number, row: number): void {
  const length = line.length;
  switch (filter) {
    case 0:
      return;
    case 1:
      for (let index = bpp; index < length; index++) line[index] = ((line[index] as number) + (line[index - bpp] as number)) & 0xff;
      return;
    case 2:
      for (let index = 0; index < length; index++) line[index] = ((line[index] as number) + (previous[index] as number)) & 0xff;
      return;
    case 3:
      for (let index = 0; index < length; index++) {
        const left = index >= bpp ? (line[index - bpp] as number) : 0;
        line[index] = ((line[index] as number) + ((left + (previous[index] as number)) >> 1)) & 0xff;
      }
      return;
    case 4:
      for (let index = 0; index < length; index++) {
        const a = index >= bpp ? (line[index - bpp] as number) : 0;
        const b = previous[index] as number;
        const c = index >= bpp ? (previous[index - bpp] as number) : 0;
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        line[index] = ((line[index] as number) + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
      }
      return;
    default:
      throw new PngError(`corrupt image data: unknown filter type ${filter} on scanline ${row}`);
  }
}

type PixelConverter = (line: Uint8Array, column: number, out: Uint8Array, at: number) => void;

function pixelConverter(colorType: number, depth: number, palette: Uint8Array | null, transparency: Uint8Array | null): PixelConverter {
  const sample16 = depth === 16;
  const read = (line: Uint8Array, index: number): number => (sample16 ? (line[index * 2] as number) : (line[index] as number));
  const readExact = (line: Uint8Array, index: number): number => (sample16 ? ((line[index * 2] as number) << 8) | (line[index * 2 + 1] as number) : (line[index] as number));
  if (depth < 8) {
    const perByte = 8 / depth;
    const mask = (1 << depth) - 1;
    const scale = 255 / mask;
    const grayKey = colorType === 0 && transparency && transparency.length >= 2 ? ((transparency[0] as number) << 8) | (transparency[1] as number) : -1;
    return (line, column, out, at) => {
      const value = ((line[Math.floor(column / perByte)] as number) >> ((perByte - 1 - (column % perByte)) * depth)) & mask;
      if (colorType === 3) writePalette(value, palette as Uint8Array, transparency, out, at);
      else {
        const gray = Math.round(value * scale);
        out[at] = out[at + 1] = out[at + 2] = gray;
        out[at + 3] = value === grayKey ? 0 : 255;
      }
    };
  }
  switch (colorType) {
    case 0: {
      const key = transparency && transparency.length >= 2 ? ((transparency[0] as number) << 8) | (transparency[1] as number) : -1;
      return (line, column, out, at) => {
        const gray = read(line, column);
        out[at] = out[at + 1] = out[at + 2] = gray;
        out[at + 3] = readExact(line, column) === key ? 0 : 255;
      };
    }
    case 2: {
      const key = transparency && transparency.length >= 6 ? [0, 2, 4].map((index) => ((transparency[index] as number) << 8) | (transparency[index + 1] as number)) : null;
      return (line, column, out, at) => {
        const base = column * 3;
        out[at] = read(line, base);
        out[at + 1] = read(line, base + 1);
        out[at + 2] = read(line, base + 2);
        out[at + 3] = key && readExact(line, base) === key[0] && readExact(line, base + 1) === key[1] && readExact(line, base + 2) === key[2] ? 0 : 255;
      };
    }
    case 3:
      return (line, column, out, at) => writePalette(line[column] as number, palette as Uint8Array, transparency, out, at);
    case 4:
      return (line, column, out, at) => {
        const gray = read(line, column * 2);
        out[at] = out[at + 1] = out[at + 2] = gray;
        out[at + 3] = read(line, column * 2 + 1);
      };
    default:
      return (line, column, out, at) => {
        const base = column * 4;
        out[at] = read(line, base);
        out[at + 1] = read(line, base + 1);
        out[at + 2] = read(line, base + 2);
        out[at + 3] = read(line, base + 3);
      };
  }
}

function writePalette(index: number, palette: Uint8Array, transparency: Uint8Array | null, out: Uint8Array, at: number): void {
  if (index * 3 + 2 >= palette.length) throw new PngError(`corrupt image data: palette index ${index} but the palette has ${palette.length / 3} entries`);
  out[at] = palette[index * 3] as number;
  out[at + 1] = palette[index * 3 + 1] as number;
  out[at + 2] = palette[index * 3 + 2] as number;
  out[at + 3] = transparency && index < transparency.length ? (transparency[index] as number) : 255;
}
