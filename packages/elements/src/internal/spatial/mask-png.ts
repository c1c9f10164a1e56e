/**
 * Synchronous PNG encoding and decoding for label masks, with its own deflate and inflate.
 *
 * Why not `canvas.toBlob` and `<img>`: the answer of a segmentation element is read synchronously
 * (`form.answer`, `value`, undo and drafts restore without awaiting), and a label image's colours
 * are identifiers: a decode through the browser's image pipeline may colour-manage them. So masks
 * are encoded here as 8-bit palette PNGs (one byte a pixel, exact colours, transparent index 0),
 * compressed with a deflate that only looks for the two repetitions a mask has — runs along a
 * row (distance 1) and the row above (distance = row length) — and codes them with deflate's fixed
 * Huffman table. That is linear in the pixels and compresses masks to a few bytes a row.
 */

/** A PNG that cannot be read, with the reason. */
export class MaskPngError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MaskPngError';
  }
}

/** A decoded PNG: 8-bit RGBA, row by row from the top left. */
export interface DecodedPng {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/**
 * An 8-bit palette PNG decoded to its indices (what {@link encodeMaskPng} writes), so a mask is
 * read back without expanding it to RGBA.
 */
export interface DecodedIndexedPng {
  width: number;
  height: number;
  indices: Uint8Array;
  /** `[r, g, b, a]` of each palette entry, 4 bytes each. */
  palette: Uint8Array;
}

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

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  const length = bytes.length;
  for (let start = 0; start < length; start += 5552) {
    const end = Math.min(length, start + 5552);
    for (let index = start; index < end; index++) {
      a += bytes[index] as number;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

// ------------------------------------------------------------------------------------ deflate

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

function reverseBits(value: number, length: number): number {
  let out = 0;
  for (let bit = 0; bit < length; bit++) out |= ((value >> bit) & 1) << (length - 1 - bit);
  return out;
}

/** Fixed Huffman literal/length codes, bit-reversed for an LSB-first writer. */
const FIXED_CODES = (() => {
  const codes = new Uint16Array(288);
  const lengths = new Uint8Array(288);
  for (let symbol = 0; symbol < 288; symbol++) {
    const [code, length] = symbol < 144 ? [0x30 + symbol, 8] : symbol < 256 ? [0x190 + symbol - 144, 9] : symbol < 280 ? [symbol - 256, 7] : [0xc0 + symbol - 280, 8];
    codes[symbol] = reverseBits(code, length);
    lengths[symbol] = length;
  }
  return { codes, lengths };
})();

/** For each match length 3…258: the bits to write (code, then extra bits) and how many. */
const LENGTH_BITS = (() => {
  const bits = new Uint32Array(259);
  const counts = new Uint8Array(259);
  for (let code = 0; code < LENGTH_BASE.length; code++) {
    const base = LENGTH_BASE[code] as number;
    const extra = LENGTH_EXTRA[code] as number;
    const symbol = 257 + code;
    // Code 284 could reach 258 with all extra bits set, but 258 has its own code (285).
    const next = LENGTH_BASE[code + 1] ?? 259;
    for (let offset = 0; offset < 1 << extra && base + offset < next; offset++) {
      const length = base + offset;
      const codeLength = FIXED_CODES.lengths[symbol] as number;
      bits[length] = (FIXED_CODES.codes[symbol] as number) | (offset << codeLength);
      counts[length] = codeLength + extra;
    }
  }
  return { bits, counts };
})();

function distanceBits(distance: number): { bits: number; count: number } {
  let code = DISTANCE_BASE.length - 1;
  while ((DISTANCE_BASE[code] as number) > distance) code--;
  const extra = DISTANCE_EXTRA[code] as number;
  return { bits: reverseBits(code, 5) | ((distance - (DISTANCE_BASE[code] as number)) << 5), count: 5 + extra };
}

class BitWriter {
  bytes: Uint8Array;
  length = 0;
  #buffer = 0;
  #count = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(1024, capacity));
  }

  write(bits: number, count: number): void {
    // Counts stay ≤ 24, so the 32-bit buffer never overflows before it is flushed.
    this.#buffer |= bits << this.#count;
    this.#count += count;
    while (this.#count >= 8) {
      if (this.length === this.bytes.length) this.#grow();
      this.bytes[this.length++] = this.#buffer & 0xff;
      this.#buffer >>>= 8;
      this.#count -= 8;
    }
  }

  byte(value: number): void {
    this.write(value, 8);
  }

  flush(): void {
    if (this.#count > 0) this.write(0, 8 - this.#count);
  }

  #grow(): void {
    const next = new Uint8Array(this.bytes.length * 2);
    next.set(this.bytes);
    this.bytes = next;
  }
}

/**
 * zlib-wraps `data` with one fixed-Huffman deflate block whose matches repeat the previous byte
 * or the byte one `stride` back (the pixel above, in a PNG scanline buffer).
 */
export function deflateRows(data: Uint8Array, stride: number): Uint8Array {
  const writer = new BitWriter((data.length >> 4) + 64);
  writer.byte(0x78);
  writer.byte(0x01);
  writer.write(1, 1);
  writer.write(1, 2);
  const { codes, lengths } = FIXED_CODES;
  const one = distanceBits(1);
  const up = stride >= 2 && stride <= 32768 ? distanceBits(stride) : null;
  const length = data.length;
  let index = 0;
  while (index < length) {
    const limit = Math.min(258, length - index);
    let run = 0;
    if (index >= 1) {
      const value = data[index - 1];
      while (run < limit && data[index + run] === value) run++;
    }
    let above = 0;
    if (up && index >= stride && run < limit) {
      const from = index - stride;
      while (above < limit && data[index + above] === data[from + above]) above++;
    }
    const best = Math.max(run, above);
    if (best >= 3) {
      writer.write(LENGTH_BITS.bits[best] as number, LENGTH_BITS.counts[best] as number);
      const distance = above > run ? (up as { bits: number; count: number }) : one;
      writer.write(distance.bits, distance.count);
      index += best;
    } else {
      const symbol = data[index] as number;
      writer.write(codes[symbol] as number, lengths[symbol] as number);
      index++;
    }
  }
  writer.write(codes[256] as number, lengths[256] as number);
  writer.flush();
  const checksum = adler32(data);
  writer.byte(checksum >>> 24);
  writer.byte((checksum >>> 16) & 0xff);
  writer.byte((checksum >>> 8) & 0xff);
  writer.byte(checksum & 0xff);
  return writer.bytes.subarray(0, writer.length);
}

// ------------------------------------------------------------------------------------ inflate

/** A Huffman code as a lookup table indexed by the next `bits` input bits (LSB first): `symbol << 4 | length`. */
interface Huffman {
  bits: number;
  lookup: Uint32Array;
}

function buildHuffman(lengths: Uint8Array, offset: number, count: number): Huffman {
  let bits = 1;
  const counts = new Uint16Array(16);
  for (let index = 0; index < count; index++) {
    const length = lengths[offset + index] as number;
    counts[length]!++;
    if (length > bits) bits = length;
  }
  counts[0] = 0;
  const next = new Uint16Array(16);
  let code = 0;
  for (let length = 1; length < 16; length++) {
    code = (code + (counts[length - 1] as number)) << 1;
    next[length] = code;
  }
  const lookup = new Uint32Array(1 << bits);
  for (let symbol = 0; symbol < count; symbol++) {
    const length = lengths[offset + symbol] as number;
    if (length === 0) continue;
    const reversed = reverseBits(next[length]!++, length);
    for (let fill = reversed; fill < lookup.length; fill += 1 << length) lookup[fill] = (symbol << 4) | length;
  }
  return { bits, lookup };
}

const FIXED_LITERALS = (() => {
  const lengths = new Uint8Array(288);
  lengths.fill(8, 0, 144);
  lengths.fill(9, 144, 256);
  lengths.fill(7, 256, 280);
  lengths.fill(8, 280, 288);
  return buildHuffman(lengths, 0, 288);
})();
const FIXED_DISTANCES = buildHuffman(new Uint8Array(30).fill(5), 0, 30);
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** Inflates a zlib stream (RFC 1950/1951). `sizeHint` preallocates the output. */
export function inflateZlib(input: Uint8Array, sizeHint = input.length * 4): Uint8Array {
  if (input.length < 6 || ((input[0] as number) & 0x0f) !== 8 || (((input[0] as number) << 8) | (input[1] as number)) % 31 !== 0) throw new MaskPngError('the image data is not a zlib stream');
  if ((input[1] as number) & 0x20) throw new MaskPngError('the image data needs a preset zlib dictionary, which PNG does not allow');
  let out = new Uint8Array(Math.max(1024, sizeHint));
  let outLength = 0;
  let position = 2;
  let bitBuffer = 0;
  let bitCount = 0;
  // Reading past the end yields zeros, so a table lookup may look ahead; running far past it is truncation.
  const fill = (count: number): void => {
    while (bitCount < count) {
      if (position >= input.length + 4) throw new MaskPngError('truncated image data: the zlib stream ends early');
      bitBuffer |= (position < input.length ? (input[position] as number) : 0) << bitCount;
      position++;
      bitCount += 8;
    }
  };
  const need = (count: number): number => {
    if (count === 0) return 0;
    fill(count);
    const value = bitBuffer & ((1 << count) - 1);
    bitBuffer >>>= count;
    bitCount -= count;
    return value;
  };
  const decode = (table: Huffman): number => {
    fill(table.bits);
    const entry = table.lookup[bitBuffer & ((1 << table.bits) - 1)] as number;
    const length = entry & 15;
    if (length === 0) throw new MaskPngError('corrupt image data: an invalid Huffman code');
    bitBuffer >>>= length;
    bitCount -= length;
    return entry >> 4;
  };
  const ensure = (extra: number): void => {
    if (outLength + extra <= out.length) return;
    let size = out.length * 2;
    while (size < outLength + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(out.subarray(0, outLength));
    out = next;
  };
  let final = 0;
  while (!final) {
    final = need(1);
    const type = need(2);
    if (type === 0) {
      // Stored block: drop to the byte boundary (whole bytes still in the bit buffer go back).
      position -= bitCount >> 3;
      bitBuffer = 0;
      bitCount = 0;
      if (position + 4 > input.length) throw new MaskPngError('truncated image data');
      const length = (input[position] as number) | ((input[position + 1] as number) << 8);
      const check = (input[position + 2] as number) | ((input[position + 3] as number) << 8);
      if ((length ^ 0xffff) !== check) throw new MaskPngError('corrupt image data: a stored block length fails its check');
      position += 4;
      if (position + length > input.length) throw new MaskPngError('truncated image data');
      ensure(length);
      out.set(input.subarray(position, position + length), outLength);
      outLength += length;
      position += length;
      continue;
    }
    let literals = FIXED_LITERALS;
    let distances = FIXED_DISTANCES;
    if (type === 2) {
      const literalCount = need(5) + 257;
      const distanceCount = need(5) + 1;
      const codeLengthCount = need(4) + 4;
      const codeLengths = new Uint8Array(19);
      for (let index = 0; index < codeLengthCount; index++) codeLengths[CODE_LENGTH_ORDER[index] as number] = need(3);
      const lengthTable = buildHuffman(codeLengths, 0, 19);
      const lengths = new Uint8Array(literalCount + distanceCount);
      for (let index = 0; index < lengths.length; ) {
        const symbol = decode(lengthTable);
        if (symbol < 16) {
          lengths[index++] = symbol;
          continue;
        }
        const [repeat, value] = symbol === 16 ? [3 + need(2), index > 0 ? (lengths[index - 1] as number) : -1] : symbol === 17 ? [3 + need(3), 0] : [11 + need(7), 0];
        if (value < 0 || index + repeat > lengths.length) throw new MaskPngError('corrupt image data: invalid code lengths');
        lengths.fill(value, index, index + repeat);
        index += repeat;
      }
      literals = buildHuffman(lengths, 0, literalCount);
      distances = buildHuffman(lengths, literalCount, distanceCount);
    } else if (type !== 1) {
      throw new MaskPngError('corrupt image data: an invalid deflate block type');
    }
    for (;;) {
      const symbol = decode(literals);
      if (symbol < 256) {
        if (outLength === out.length) ensure(1);
        out[outLength++] = symbol;
      } else if (symbol === 256) {
        break;
      } else {
        const code = symbol - 257;
        if (code >= 29) throw new MaskPngError('corrupt image data: an invalid length code');
        const length = (LENGTH_BASE[code] as number) + need(LENGTH_EXTRA[code] as number);
        const distanceCode = decode(distances);
        if (distanceCode >= 30) throw new MaskPngError('corrupt image data: an invalid distance code');
        const distance = (DISTANCE_BASE[distanceCode] as number) + need(DISTANCE_EXTRA[distanceCode] as number);
        if (distance > outLength) throw new MaskPngError('corrupt image data: a match reaches before the start');
        ensure(length);
        if (distance >= length) {
          out.copyWithin(outLength, outLength - distance, outLength - distance + length);
          outLength += length;
        } else {
          for (let index = 0; index < length; index++, outLength++) out[outLength] = out[outLength - distance] as number;
        }
      }
    }
  }
  position -= bitCount >> 3;
  if (position > input.length) throw new MaskPngError('truncated image data: the zlib stream ends early');
  if (position + 4 <= input.length) {
    const stored = (((input[position] as number) << 24) | ((input[position + 1] as number) << 16) | ((input[position + 2] as number) << 8) | (input[position + 3] as number)) >>> 0;
    if (stored !== adler32(out.subarray(0, outLength))) throw new MaskPngError('corrupt image data: the zlib checksum does not match');
  }
  return out.subarray(0, outLength);
}

// ------------------------------------------------------------------------------------ PNG

/**
 * Encodes a mask as an 8-bit palette PNG: pixel value v gets `palette[v]` (`[r, g, b, a]`).
 * Values beyond the palette are not allowed.
 */
export function encodeMaskPng(width: number, height: number, mask: Uint8Array, palette: readonly (readonly [number, number, number, number])[]): Uint8Array {
  if (mask.length !== width * height) throw new RangeError(`mask has ${mask.length} pixels, not ${width}×${height}`);
  if (palette.length === 0 || palette.length > 256) throw new RangeError(`a palette has 1 to 256 entries, got ${palette.length}`);
  const stride = width + 1;
  const raw = new Uint8Array(height * stride);
  for (let row = 0; row < height; row++) raw.set(mask.subarray(row * width, (row + 1) * width), row * stride + 1);
  const compressed = deflateRows(raw, stride);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 3, 0, 0, 0], 8);
  const colors = new Uint8Array(palette.length * 3);
  palette.forEach(([red, green, blue], index) => colors.set([red, green, blue], index * 3));
  let translucent = 0;
  palette.forEach(([, , , alpha], index) => {
    if (alpha !== 255) translucent = index + 1;
  });
  const chunks: [string, Uint8Array][] = [['IHDR', header], ['PLTE', colors]];
  if (translucent > 0) chunks.push(['tRNS', Uint8Array.from(palette.slice(0, translucent), (entry) => entry[3])]);
  chunks.push(['IDAT', compressed], ['IEND', new Uint8Array(0)]);
  const out = new Uint8Array(8 + chunks.reduce((sum, [, body]) => sum + 12 + body.length, 0));
  const outView = new DataView(out.buffer);
  out.set(SIGNATURE);
  let offset = 8;
  for (const [type, body] of chunks) {
    outView.setUint32(offset, body.length);
    for (let index = 0; index < 4; index++) out[offset + 4 + index] = type.charCodeAt(index);
    out.set(body, offset + 8);
    outView.setUint32(offset + 8 + body.length, crc32(out, offset + 4, offset + 8 + body.length));
    offset += 12 + body.length;
  }
  return out;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Decodes a non-interlaced PNG of any colour type and bit depth to 8-bit RGBA (16-bit samples
 * keep their high byte; `tRNS` is applied; gamma and colour profiles are ignored on purpose).
 *
 * @throws {MaskPngError} naming what is wrong.
 */
export function decodePngSync(bytes: Uint8Array): DecodedPng {
  return decodePng(bytes, false) as DecodedPng;
}

/**
 * Decodes a PNG like {@link decodePngSync}, but an 8-bit palette PNG to its indices and palette
 * (one byte a pixel); any other PNG comes back as RGBA.
 */
export function decodePngIndexedOrRgba(bytes: Uint8Array): DecodedPng | DecodedIndexedPng {
  return decodePng(bytes, true);
}

function decodePng(bytes: Uint8Array, keepIndices: boolean): DecodedPng | DecodedIndexedPng {
  if (bytes.length < 8 || SIGNATURE.some((value, index) => bytes[index] !== value)) throw new MaskPngError('not a PNG file (the PNG signature is missing)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let width = 0;
  let height = 0;
  let depth = 0;
  let colorType = -1;
  let palette: Uint8Array | null = null;
  let transparency: Uint8Array | null = null;
  const data: Uint8Array[] = [];
  let ended = false;
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const end = offset + 8 + length;
    if (end + 4 > bytes.length) throw new MaskPngError(`truncated: chunk ${type} runs past the end of the file`);
    if (crc32(bytes, offset + 4, end) !== view.getUint32(end)) throw new MaskPngError(`corrupt: the CRC of chunk ${type} does not match`);
    const body = bytes.subarray(offset + 8, end);
    if (type === 'IHDR') {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      depth = body[8] as number;
      colorType = body[9] as number;
      if (body[12] !== 0) throw new MaskPngError('interlaced PNGs are not supported for label images');
      if (!(colorType in CHANNELS) || ![1, 2, 4, 8, 16].includes(depth)) throw new MaskPngError(`unsupported colour type ${colorType} with bit depth ${depth}`);
      if (width === 0 || height === 0 || width * height > 100_000_000) throw new MaskPngError(`unsupported image size ${width}×${height}`);
    } else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') transparency = body;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    offset = end + 4;
  }
  if (colorType < 0) throw new MaskPngError('no IHDR chunk');
  if (!ended) throw new MaskPngError('truncated: the IEND chunk is missing');
  if (colorType === 3 && !palette) throw new MaskPngError('a palette image without a palette');
  const bitsPerPixel = (CHANNELS[colorType] as number) * depth;
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  const compressed = new Uint8Array(data.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of data) {
    compressed.set(part, at);
    at += part.length;
  }
  const raw = inflateZlib(compressed, height * (stride + 1));
  if (raw.length < height * (stride + 1)) throw new MaskPngError(`truncated image data: ${raw.length} bytes, ${height * (stride + 1)} expected`);
  if (keepIndices && colorType === 3 && depth === 8 && palette) {
    const indices = new Uint8Array(width * height);
    let previousLine: Uint8Array = new Uint8Array(stride);
    for (let row = 0; row < height; row++) {
      const start = row * (stride + 1);
      const line = raw.subarray(start + 1, start + 1 + stride);
      unfilter(raw[start] as number, line, previousLine, bpp, row);
      previousLine = line;
      indices.set(line.subarray(0, width), row * width);
    }
    const entries = palette.length / 3;
    const rgbaPalette = new Uint8Array(entries * 4);
    for (let index = 0; index < entries; index++) writePaletteEntry(index, palette, transparency, rgbaPalette, index * 4);
    for (let pixel = 0; pixel < indices.length; pixel++) {
      if ((indices[pixel] as number) >= entries) throw new MaskPngError(`corrupt image data: palette index ${indices[pixel]} beyond the palette`);
    }
    return { width, height, indices, palette: rgbaPalette };
  }
  const rgba = new Uint8Array(width * height * 4);
  // 8-bit palette images (what Quorum writes) convert through 32-bit words: one store a pixel.
  const words = new Uint32Array(rgba.buffer);
  const paletteSize = palette ? palette.length / 3 : 0;
  let paletteWords: Uint32Array | null = null;
  if (colorType === 3 && depth === 8 && palette) {
    const entry = new Uint8Array(4);
    const entryWord = new Uint32Array(entry.buffer);
    paletteWords = new Uint32Array(paletteSize);
    for (let index = 0; index < paletteSize; index++) {
      writePaletteEntry(index, palette, transparency, entry, 0);
      paletteWords[index] = entryWord[0] as number;
    }
  }
  let previous: Uint8Array = new Uint8Array(stride);
  for (let row = 0; row < height; row++) {
    const start = row * (stride + 1);
    const filter = raw[start] as number;
    const line = raw.subarray(start + 1, start + 1 + stride);
    unfilter(filter, line, previous, bpp, row);
    previous = line;
    const base = row * width * 4;
    if (paletteWords) {
      const first = base >> 2;
      for (let column = 0; column < width; column++) {
        const index = line[column] as number;
        if (index >= paletteSize) throw new MaskPngError(`corrupt image data: palette index ${index} beyond the palette`);
        words[first + column] = paletteWords[index] as number;
      }
    } else if (colorType === 6 && depth === 8) {
      rgba.set(line.subarray(0, width * 4), base);
    } else {
      for (let column = 0; column < width; column++) convertPixel(line, column, colorType, depth, palette, transparency, rgba, base + column * 4);
    }
  }
  return { width, height, rgba };
}

function convertPixel(line: Uint8Array, column: number, colorType: number, depth: number, palette: Uint8Array | null, transparency: Uint8Array | null, rgba: Uint8Array, target: number): void {
  if (depth < 8) {
    const perByte = 8 / depth;
    const value = ((line[Math.floor(column / perByte)] as number) >> ((perByte - 1 - (column % perByte)) * depth)) & ((1 << depth) - 1);
    if (colorType === 3) {
      writePaletteEntry(value, palette as Uint8Array, transparency, rgba, target);
      return;
    }
    const gray = Math.round((value * 255) / ((1 << depth) - 1));
    rgba[target] = rgba[target + 1] = rgba[target + 2] = gray;
    rgba[target + 3] = transparency && transparency.length >= 2 && value === (((transparency[0] as number) << 8) | (transparency[1] as number)) ? 0 : 255;
    return;
  }
  // 16-bit samples keep their high byte.
  const step = depth === 16 ? 2 : 1;
  const channels = CHANNELS[colorType] as number;
  const at = column * channels * step;
  const sample = (channel: number): number => line[at + channel * step] as number;
  switch (colorType) {
    case 0:
      rgba[target] = rgba[target + 1] = rgba[target + 2] = sample(0);
      rgba[target + 3] = 255;
      return;
    case 2:
      rgba[target] = sample(0);
      rgba[target + 1] = sample(1);
      rgba[target + 2] = sample(2);
      rgba[target + 3] = 255;
      return;
    case 3:
      writePaletteEntry(line[column] as number, palette as Uint8Array, transparency, rgba, target);
      return;
    case 4:
      rgba[target] = rgba[target + 1] = rgba[target + 2] = sample(0);
      rgba[target + 3] = sample(1);
      return;
    default:
      rgba[target] = sample(0);
      rgba[target + 1] = sample(1);
      rgba[target + 2] = sample(2);
      rgba[target + 3] = sample(3);
  }
}

function unfilter(filter: number, line: Uint8Array, previous: Uint8Array, bpp: number, row: number): void {
  const length = line.length;
  if (filter === 0) return;
  for (let index = 0; index < length; index++) {
    const a = index >= bpp ? (line[index - bpp] as number) : 0;
    const b = previous[index] as number;
    let predictor: number;
    if (filter === 1) predictor = a;
    else if (filter === 2) predictor = b;
    else if (filter === 3) predictor = (a + b) >> 1;
    else if (filter === 4) {
      const c = index >= bpp ? (previous[index - bpp] as number) : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    } else throw new MaskPngError(`corrupt image data: unknown filter ${filter} on row ${row}`);
    line[index] = ((line[index] as number) + predictor) & 0xff;
  }
}

function writePaletteEntry(index: number, palette: Uint8Array, transparency: Uint8Array | null, rgba: Uint8Array, target: number): void {
  if (index * 3 + 2 >= palette.length) throw new MaskPngError(`corrupt image data: palette index ${index} beyond the palette`);
  rgba[target] = palette[index * 3] as number;
  rgba[target + 1] = palette[index * 3 + 1] as number;
  rgba[target + 2] = palette[index * 3 + 2] as number;
  rgba[target + 3] = transparency && index < transparency.length ? (transparency[index] as number) : 255;
}

// ------------------------------------------------------------------------------------ base64

/** Bytes as base64 with padding, no line breaks. */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += 0x8000) {
    parts.push(String.fromCharCode(...bytes.subarray(start, Math.min(bytes.length, start + 0x8000))));
  }
  return btoa(parts.join(''));
}

/** Base64 (optionally a `data:` URL) to bytes; throws {@link MaskPngError} when malformed. */
export function base64ToBytes(text: string): Uint8Array {
  const comma = text.startsWith('data:') ? text.indexOf(',') : -1;
  const body = (comma >= 0 ? text.slice(comma + 1) : text).replace(/\s+/g, '');
  const bad = /[^A-Za-z0-9+/=]/.exec(body);
  if (bad) throw new MaskPngError(`not base64: character ${JSON.stringify(bad[0])} at position ${bad.index}`);
  let binary: string;
  try {
    binary = atob(body);
  } catch {
    throw new MaskPngError(`not base64: ${body.length} characters cannot be decoded (truncated?)`);
  }
  const out = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) out[index] = binary.charCodeAt(index);
  return out;
}
