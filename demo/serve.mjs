// Serves the demo site on localhost: builds demo/src/main.ts (with @quorum/templates and
// @quorum/consolidate) into demo/build/, then serves demo/, the elements bundles, the ready
// templates, a catalogue of those templates read from templates/ on every request (so a template
// added while the server runs shows up on reload), and a stand-in image for every s3:// URI the
// templates' inputs name (grant_read_access points them here), so image templates work offline.
// Usage: node demo/serve.mjs [--port N] [--host H] [--templates DIR] [--build-only]
import { createServer } from 'node:http';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, normalize, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { deflateSync } from 'node:zlib';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const demoDir = join(root, 'demo');
const { values } = parseArgs({
  options: { port: { type: 'string' }, host: { type: 'string' }, templates: { type: 'string' }, 'build-only': { type: 'boolean' } },
});
/** The gallery's folder: the repository's templates/, or another folder of template folders (--templates). */
const templatesDir = normalize(values.templates ? resolve(values.templates) : join(root, 'templates')).replace(/\/?$/, sep);

export async function buildDemo() {
  await build({
    entryPoints: [join(demoDir, 'src/main.ts')],
    outfile: join(demoDir, 'build/demo.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
    tsconfig: join(demoDir, 'tsconfig.json'),
  });
}

/** URL path → file. Only these folders are served; anything else is 404. */
const mounts = [
  ['/elements/', join(root, 'packages/elements/dist/')],
  ['/templates/', templatesDir],
  ['/', demoDir + sep],
];

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.manifest': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

const exists = (path) => stat(path).then((info) => info, () => undefined);

async function resolveFile(urlPath) {
  for (const [prefix, dir] of mounts) {
    if (!urlPath.startsWith(prefix)) continue;
    const file = normalize(join(dir, decodeURIComponent(urlPath.slice(prefix.length))));
    if (!file.startsWith(dir)) return undefined;
    const info = await exists(file);
    if (info?.isFile()) return file;
    if (info?.isDirectory()) {
      const index = join(file, 'index.html');
      if (await exists(index)) return index;
    }
    return undefined;
  }
  return undefined;
}

/** A template folder holds `template.<ext>`: Liquid (`template.liquid.html`) or Handlebars (`template.hbs`, …). */
const TEMPLATE_FILE = /^template\.[\w.-]+$/;

/**
 * The ready templates: every folder of templates/ with a template file, sorted by name, with what
 * the page needs to offer it: its title (the README's first heading), the label attribute name
 * of its example job (fixtures/post-annotation-event.json) and its example batch, when the fixtures
 * have one (input.manifest + payload.json).
 */
async function readCatalog() {
  const entries = await readdir(templatesDir, { withFileTypes: true });
  const templates = [];
  for (const entry of entries.filter((candidate) => candidate.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const folder = join(templatesDir, entry.name);
    const files = await readdir(folder);
    const templateFile = files.filter((file) => TEMPLATE_FILE.test(file)).sort()[0];
    if (!templateFile || !(await exists(join(folder, 'fixtures/input.json')))) continue;
    const readme = await readFile(join(folder, 'README.md'), 'utf8').catch(() => '');
    const title = /^#\s+(.+)$/m.exec(readme)?.[1]?.trim() ?? entry.name;
    const template = { name: entry.name, title, templateFile, labelAttributeName: entry.name };
    // A broken fixture costs that template its extras, not the whole gallery; the page shows why.
    try {
      const event = await readJson(join(folder, 'fixtures/post-annotation-event.json'));
      if (typeof event?.labelAttributeName === 'string') template.labelAttributeName = event.labelAttributeName;
      const payload = await readJson(join(folder, 'fixtures/payload.json'));
      if (Array.isArray(payload) && (await exists(join(folder, 'fixtures/input.manifest')))) {
        const workers = new Set(payload.flatMap((item) => (Array.isArray(item?.annotations) ? item.annotations.map((annotation) => annotation?.workerId) : [])));
        template.example = { objects: payload.length, workers: workers.size };
      }
    } catch (error) {
      template.problem = error.message;
    }
    templates.push(template);
  }
  return { templates };
}

async function readJson(file) {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new Error(`${relative(templatesDir, file)} is not valid JSON: ${cause.message}`, { cause });
  }
}

/** Every file under the templates' fixtures folders, by file name: an s3:// URI's object is looked up there first. */
async function fixtureFile(name) {
  for (const entry of await readdir(templatesDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const found = await findFile(join(templatesDir, entry.name, 'fixtures'), name, 3);
    if (found) return found;
  }
  return undefined;
}

async function findFile(dir, name, depth) {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) if (entry.isFile() && entry.name === name) return join(dir, entry.name);
  if (depth === 0) return undefined;
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const found = await findFile(join(dir, entry.name), name, depth - 1);
    if (found) return found;
  }
  return undefined;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data) {
  let crc = 0xffffffff;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** Width and height of every generated stand-in image. */
const STAND_IN_SIZE = { width: 480, height: 320 };

/**
 * A stand-in picture for an S3 object that is not in the fixtures: a sky, a ground and a few
 * blocks to draw boxes around, coloured from a hash of the key so different objects look different.
 */
function standInPng(key) {
  const { width, height } = STAND_IN_SIZE;
  let hash = 2166136261;
  for (const char of key) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  const blocks = Array.from({ length: 3 }, (_, index) => {
    const seed = (hash >>> (index * 8)) & 0xff;
    const w = 50 + (seed % 60);
    const h = 60 + ((seed * 7) % 90);
    return { x: 30 + index * 150 + (seed % 40), y: height - 60 - h, w, h, color: [(seed * 3) % 256, (seed * 5 + 80) % 256, (seed * 11 + 40) % 256] };
  });
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const block = blocks.find((b) => x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h);
      const pixel = block ? block.color : y < height - 60 ? [120 + Math.round((y / height) * 100), 170 + Math.round((y / height) * 60), 235] : [96, 128, 72];
      rows.set(pixel, y * (width * 3 + 1) + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(rows)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** `/s3/<bucket>/<key>` → the fixture file of that name, or a generated stand-in PNG. */
async function s3Object(urlPath) {
  let key;
  try {
    key = decodeURIComponent(urlPath.slice('/s3/'.length));
  } catch {
    return undefined;
  }
  if (!/^[^/]+\/.+/.test(key)) return undefined;
  const fixture = await fixtureFile(basename(key));
  if (fixture) return { type: types[extname(fixture).toLowerCase()] ?? 'application/octet-stream', body: await readFile(fixture) };
  return { type: 'image/png', body: standInPng(key) };
}

function listen(server, port, host, attemptsLeft) {
  return new Promise((resolve, reject) => {
    server.once('error', (error) => {
      if (error.code === 'EADDRINUSE' && attemptsLeft > 0) resolve(listen(server, port + 1, host, attemptsLeft - 1));
      else reject(error);
    });
    server.listen(port, host, () => resolve(server.address().port));
  });
}

async function respond(request, response) {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { 'content-type': 'text/plain', allow: 'GET, HEAD' }).end('Method not allowed');
    return;
  }
  let found;
  if (url.pathname === '/catalog.json') found = { type: types['.json'], body: JSON.stringify(await readCatalog()) };
  else if (url.pathname.startsWith('/s3/')) found = await s3Object(url.pathname);
  else {
    const file = await resolveFile(url.pathname);
    if (file) found = { type: types[extname(file)] ?? 'application/octet-stream', body: await readFile(file) };
  }
  if (!found) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  response.writeHead(200, { 'content-type': found.type, 'cache-control': 'no-store' });
  response.end(request.method === 'HEAD' ? undefined : found.body);
}

if (!(await exists(templatesDir))?.isDirectory()) {
  console.error(`demo/serve.mjs: the templates folder ${templatesDir} does not exist (--templates names a folder of template folders)`);
  process.exit(2);
}
await buildDemo();
if (!values['build-only']) {
  const server = createServer((request, response) => {
    respond(request, response).catch((error) => {
      console.error(`${request.url}: ${error.message}`);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`Server error: ${error.message}`);
    });
  });
  const host = values.host ?? '127.0.0.1';
  const port = await listen(server, Number(values.port ?? process.env.PORT ?? 8080), host, 20);
  console.log(`Quorum demo: http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`);
}
