import { expect } from '@open-wc/testing';
import { base64ToBytes, bytesToBase64, decodePngSync, deflateRows, encodeMaskPng, inflateZlib, MaskPngError } from './mask-png.js';
import { canvasPngBase64, colorCounts, decodeWithBrowser } from './segmentation-testing.test.js';

/** A fixed pseudo-random sequence, so failures reproduce. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream)).arrayBuffer());
}

describe('mask PNG codec', () => {
  it('writes PNGs that Chromium decodes to exactly the palette colours, pixel for pixel', async () => {
    const width = 257;
    const height = 123;
    const next = random(3);
    const mask = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        // Blocks, runs, a diagonal and noise: every path of the match finder.
        mask[y * width + x] = x < 40 ? 1 : (x + y) % 17 === 0 ? 2 : y > 100 ? Math.floor(next() * 4) : x > 200 ? 3 : 0;
      }
    }
    const palette: [number, number, number, number][] = [[0, 0, 0, 0], [31, 119, 180, 255], [255, 127, 14, 255], [44, 160, 44, 255]];
    const decoded = await decodeWithBrowser(bytesToBase64(encodeMaskPng(width, height, mask, palette)));
    expect([decoded.width, decoded.height]).to.deep.equal([width, height]);
    for (let pixel = 0; pixel < mask.length; pixel++) {
      const expected = palette[mask[pixel] as number] as number[];
      const actual = [...decoded.data.subarray(pixel * 4, pixel * 4 + 4)];
      if (actual.join() !== expected.join()) throw new Error(`pixel ${pixel % width},${Math.floor(pixel / width)}: ${actual} ≠ ${expected}`);
    }
    expect(decodePngSync(encodeMaskPng(width, height, mask, palette)).rgba).to.deep.equal(new Uint8Array(decoded.data.buffer));
  });

  it('deflates to a stream Chromium inflates, and inflates what Chromium deflates', async () => {
    const next = random(11);
    const data = Uint8Array.from({ length: 70_000 }, (_, index) => (index % 3001 < 1500 ? 7 : index % 5 === 0 ? Math.floor(next() * 256) : 0));
    expect(await through(deflateRows(data, 3001), new DecompressionStream('deflate'))).to.deep.equal(data);
    const noisy = Uint8Array.from({ length: 50_000 }, () => Math.floor(next() * 256));
    for (const input of [data, noisy, new Uint8Array(0)]) {
      expect(inflateZlib(await through(input, new CompressionStream('deflate')))).to.deep.equal(input);
    }
  });

  it('reads PNGs written by the browser (RGBA, dynamic Huffman) exactly', async () => {
    const base64 = await canvasPngBase64(90, 70, (context) => {
      context.fillStyle = '#2ca02c';
      context.fillRect(5, 5, 30, 30);
      context.fillStyle = '#d62728';
      context.beginPath();
      context.arc(65, 45, 15, 0, Math.PI * 2);
      context.fill();
    });
    const ours = decodePngSync(base64ToBytes(base64));
    const browser = await decodeWithBrowser(base64);
    expect([ours.width, ours.height]).to.deep.equal([90, 70]);
    expect(ours.rgba).to.deep.equal(new Uint8Array(browser.data.buffer));
    expect(colorCounts(browser).get('#2ca02cff')).to.equal(30 * 30);
  });

  it('names what is wrong with a broken PNG or base64 text', () => {
    const png = encodeMaskPng(4, 4, new Uint8Array(16).fill(1), [[0, 0, 0, 0], [1, 2, 3, 255]]);
    const flipped = png.slice();
    flipped[45] = (flipped[45] as number) ^ 0xff;
    expect(() => decodePngSync(flipped)).to.throw(MaskPngError, /CRC/);
    expect(() => decodePngSync(png.subarray(0, png.length - 16))).to.throw(MaskPngError, /truncated/);
    expect(() => decodePngSync(new Uint8Array([1, 2, 3]))).to.throw(MaskPngError, /signature/);
    expect(() => base64ToBytes('iVBOR...')).to.throw(MaskPngError, /not base64: character "\." at position 5/);
    expect([...base64ToBytes(`data:image/png;base64,${bytesToBase64(Uint8Array.from([9, 8, 7]))}`)]).to.deep.equal([9, 8, 7]);
  });
});
