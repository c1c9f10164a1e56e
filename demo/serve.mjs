// Serves the demo site on localhost: builds demo/src/main.ts (with @quorum/templates and
// @quorum/consolidate) into demo/build/, then serves demo/, the elements bundle and the
// ready templates. Usage: node demo/serve.mjs [--port N] [--build-only]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const demoDir = join(root, 'demo');
const { values } = parseArgs({
  options: { port: { type: 'string' }, host: { type: 'string' }, 'build-only': { type: 'boolean' } },
});

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
  ['/templates/', join(root, 'templates/')],
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
};

async function resolveFile(urlPath) {
  for (const [prefix, dir] of mounts) {
    if (!urlPath.startsWith(prefix)) continue;
    const file = normalize(join(dir, decodeURIComponent(urlPath.slice(prefix.length))));
    if (!file.startsWith(dir)) return undefined;
    const info = await stat(file).catch(() => undefined);
    if (info?.isFile()) return file;
    if (info?.isDirectory()) {
      const index = join(file, 'index.html');
      if (await stat(index).catch(() => undefined)) return index;
    }
    return undefined;
  }
  return undefined;
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

await buildDemo();
if (!values['build-only']) {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const file = await resolveFile(url.pathname);
    if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : await readFile(file));
  });
  const host = values.host ?? '127.0.0.1';
  const port = await listen(server, Number(values.port ?? process.env.PORT ?? 8080), host, 20);
  console.log(`Quorum demo: http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`);
}
