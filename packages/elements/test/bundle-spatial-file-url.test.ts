/**
 * The image elements in the drop-in bundle, from a task page opened straight from disk: the image
 * loads through a relative file:// URL, the keyboard adds a box and a keypoint, and the answer
 * has Ground Truth's shapes in natural pixels. Runs Debian's Chromium headless.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerFromFileUrlPage, bundle } from './file-url-page.js';
import { deflateSync } from 'node:zlib';


const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A grey RGB PNG of the given size, written without any image library. */
function png(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height, 0x80);
  for (let row = 0; row < height; row++) rows[row * (width * 3 + 1)] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

test('crowd-bounding-box and crowd-keypoint work from file:// in the single-file bundle', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-spatial-file-url-'));
  try {
    writeFileSync(join(dir, 'photo.png'), png(40, 20));
    const page = join(dir, 'task.html');
    writeFileSync(
      page,
      `<!doctype html><html lang="en"><head><title>Task</title><script src="${bundle.href}"></script></head><body>
<crowd-form>
  <crowd-bounding-box name="annotatedResult" src="photo.png" header="Draw a box around the cat" labels="['Cat', 'Dog']"></crowd-bounding-box>
  <crowd-keypoint name="crowdKeypoint" src="photo.png" header="Mark the nose" labels="['nose']"></crowd-keypoint>
</crowd-form>
<script>
  document.addEventListener('all-crowd-elements-ready', () => {
    for (const tag of ['crowd-bounding-box', 'crowd-keypoint']) {
      document.querySelector(tag).dispatchEvent(new KeyboardEvent('keydown', { key: 'n', bubbles: true, composed: true }));
    }
    document.querySelector('crowd-form').submit();
    document.body.dataset.protocol = location.protocol;
  });
</script>
</body></html>`,
    );
    assert.deepEqual(await answerFromFileUrlPage(page, dir), {
      annotatedResult: { boundingBoxes: [{ label: 'Cat', left: 10, top: 5, width: 20, height: 10 }], inputImageProperties: { width: 40, height: 20 } },
      crowdKeypoint: { inputImageProperties: { width: 40, height: 20 }, keypoints: [{ label: 'nose', x: 20, y: 10 }] },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
