import { watch, type FSWatcher } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { buildPreviewPage, escapeHtml, extractAnswerSchema, liveReloadScript, renderTemplate, type PreviewPageOptions, type TemplateEngine } from '@quorum/templates';
import { embedAnswerValidator } from '@quorum/templates/validator';
import type { Command } from '../command.js';
import { CliError, ExitCode } from '../errors.js';
import { engineOption } from '../options.js';
import { parseJson, readText } from '../files.js';
import { readElementsBundle, readSpatialBundle } from './render.js';

/** The Server-Sent Events stream a preview page listens on for reloads. */
export const EVENTS_PATH = '/__quorum/events';
/** Where the server also serves the elements bundles (the page inlines them; a script-added spatial element loads the second). */
export const ELEMENTS_PATH = '/crowd-html-elements.js';
export const SPATIAL_PATH = '/crowd-spatial-elements.js';
/** Used when no --port is given; when it is taken, any free port is used instead. */
export const DEFAULT_PORT = 4310;
/** Editors write a file in several steps (truncate, write, rename); one render per burst. */
const DEBOUNCE_MS = 60;

/** Options of {@link startPreviewServer}. */
export interface PreviewServerOptions {
  templatePath: string;
  inputPath: string;
  /** The elements bundle inlined into every page (see `buildPreviewPage`). */
  elementsBundle: string;
  /**
   * The spatial elements bundle and its tags: inlined into pages whose template uses one of the
   * tags, and served at {@link SPATIAL_PATH} for spatial elements that a script adds later.
   */
  spatialBundle?: NonNullable<PreviewPageOptions['spatialBundle']> | undefined;
  /** 0 picks a free port. */
  port: number;
  engine?: TemplateEngine | undefined;
  title?: string | undefined;
  /**
   * Embeds the compiled validator of the template's answer schema in every page (as `quorum
   * render --validate` does), extracted again whenever the template changes, so that Submit
   * refuses an answer that does not match it and lists what is wrong.
   */
  validate?: boolean | undefined;
  /** Where the server reports re-renders and template errors, one line each. */
  log?: (line: string) => void;
  logError?: (line: string) => void;
  /**
   * Where the answer schema's notes go with `validate` (`<template>:<line>:<column>: note: …`,
   * as `quorum schema` prints them), each time they change; defaults to `log`.
   */
  logNote?: (line: string) => void;
}

/** A running preview server. */
export interface PreviewServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** The version of what the page shows now; changes whenever the rendered page does. */
  readonly version: string;
  /** Stops watching, ends every event stream and closes the server. */
  close(): Promise<void>;
}

interface RenderedPage {
  /** What decides whether the page changed: the fragment, input and answer schema, or the error. */
  key: string;
  /** The page, with the reload script for the version it was rendered as. */
  page: string;
  error: string | undefined;
  /** The answer schema's notes (with `validate`), as printed. */
  notes: string[];
}

function errorPage(title: string, message: string, version: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Error: ${escapeHtml(title)}</title>
<style>
body { margin: 0; padding: 24px; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #16191f; background: #fff; }
pre { padding: 12px 16px; border-left: 4px solid #d13212; background: #fdf3f1; white-space: pre-wrap; overflow-wrap: anywhere; }
</style>
${liveReloadScript({ eventsUrl: EVENTS_PATH, version })}
</head>
<body>
<h1>The task could not be rendered</h1>
<pre id="quorum-preview-error">${escapeHtml(message)}</pre>
<p>Fix the file and save it: this page reloads by itself.</p>
</body>
</html>
`;
}

/**
 * Serves the rendered preview page of a template on 127.0.0.1 and re-renders it whenever the
 * template or the input file changes; the page reloads itself over Server-Sent Events. A file
 * that cannot be read or rendered shows its error (escaped) in the page instead of stopping the
 * server, so fixing and saving the file brings the task back. With `validate`, each page embeds
 * the compiled validator of the answer schema extracted from the same template source.
 */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const { templatePath, inputPath, elementsBundle, spatialBundle } = options;
  const log = options.log ?? (() => {});
  const logError = options.logError ?? log;
  const logNote = options.logNote ?? log;
  const title = options.title ?? basename(templatePath);
  // A per-process prefix: a page left open across a server restart reloads instead of keeping stale content.
  const run = randomBytes(4).toString('hex');
  let counter = 0;
  let version = `${run}-${counter}`;
  let key: string | undefined;
  let page = '';
  let failed = false;
  /** The notes last printed, so an unchanged schema does not repeat them on every save. */
  let printedNotes = '';
  const streams = new Set<ServerResponse>();

  /** Renders the page as `pageVersion`; the caller keeps it only when its key is new. */
  async function render(pageVersion: string): Promise<RenderedPage> {
    try {
      const [source, inputText] = await Promise.all([readText(templatePath, 'template'), readText(inputPath, 'input')]);
      const input = parseJson(inputText, inputPath, 'input');
      if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        throw new CliError(`${inputPath}: input must be a JSON object (it becomes task.input), not ${Array.isArray(input) ? 'an array' : JSON.stringify(input)}`);
      }
      const engine = options.engine ?? 'auto';
      const fragment = await renderTemplate(source, input as Record<string, unknown>, { engine, filename: templatePath });
      const built = buildPreviewPage(fragment, {
        elementsBundle,
        ...(spatialBundle ? { spatialBundle, spatialSrc: SPATIAL_PATH } : {}),
        title,
        input,
        liveReload: { eventsUrl: EVENTS_PATH, version: pageVersion },
      });
      const pageKey = `page\n${JSON.stringify(input)}\n${fragment}`;
      if (!options.validate) return { key: pageKey, page: built, error: undefined, notes: [] };
      // Extracted from the same source as the fragment, so the page and its validator always match.
      const { schema, notes } = extractAnswerSchema(source, { engine, filename: templatePath });
      return {
        // A template change can alter the schema and not the fragment (a control in a false `if`).
        key: `${pageKey}\n${JSON.stringify(schema)}`,
        page: embedAnswerValidator(built, schema, { name: basename(templatePath) }),
        error: undefined,
        notes: notes.map((note) => `${templatePath}:${note.line}:${note.column}: note: ${note.message}`),
      };
    } catch (error) {
      const known = error instanceof CliError || error instanceof TypeError || (error instanceof Error && error.name === 'TemplateError');
      const message = known ? (error as Error).message : `unexpected error: ${(error as Error)?.stack ?? String(error)}`;
      return { key: `error\n${message}`, page: errorPage(title, message, pageVersion), error: message, notes: [] };
    }
  }

  async function refresh(): Promise<void> {
    const next = `${run}-${counter + 1}`;
    const rendered = await render(next);
    if (rendered.key === key) return;
    if (rendered.error !== undefined) logError(rendered.error);
    const notes = rendered.notes.join('\n');
    if (rendered.error === undefined && notes !== printedNotes) {
      printedNotes = notes;
      for (const note of rendered.notes) logNote(note);
    }
    const first = key === undefined;
    key = rendered.key;
    failed = rendered.error !== undefined;
    counter += 1;
    version = next;
    page = rendered.page;
    if (first) return;
    if (rendered.error === undefined) log(`re-rendered ${templatePath}; reloading the page`);
    for (const stream of streams) stream.write(`event: reload\ndata: ${version}\n\n`);
  }

  // Changes are rendered one at a time, in order; a burst of changes during a render yields one more.
  let rendering: Promise<void> = refresh();
  await rendering;
  let pending = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (pending) return;
      pending = true;
      rendering = rendering.then(() => {
        pending = false;
        return refresh();
      });
    }, DEBOUNCE_MS);
  };

  // Watching the folders, not the files: an editor that saves by renaming a new file over the
  // old one would leave a watch on the file looking at a deleted inode.
  const watched = new Map<string, Set<string>>();
  for (const file of [templatePath, inputPath].map((path) => resolve(path))) {
    const names = watched.get(dirname(file)) ?? new Set<string>();
    names.add(basename(file));
    watched.set(dirname(file), names);
  }
  const watchers: FSWatcher[] = [];
  for (const [folder, names] of watched) {
    const watcher = watch(folder, { persistent: true }, (_event, filename) => {
      if (filename === null || names.has(filename.toString())) schedule();
    });
    watcher.on('error', (error) => logError(`stopped watching ${folder}: ${error.message}`));
    watchers.push(watcher);
  }

  let origin = '';
  const allowedHosts = new Set<string>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    // A page on another site could reach 127.0.0.1 through a DNS name rebound to it; such a request
    // carries that name as Host, so only our own names are served.
    if (!allowedHosts.has((request.headers.host ?? '').toLowerCase())) {
      response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('quorum preview only answers requests for 127.0.0.1 or localhost\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
      return;
    }
    const { pathname } = new URL(request.url ?? '/', origin);
    if (pathname === '/') {
      response.writeHead(failed ? 500 : 200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'content-security-policy': "frame-ancestors 'none'",
      });
      response.end(request.method === 'HEAD' ? undefined : page);
      return;
    }
    const script = pathname === ELEMENTS_PATH ? elementsBundle : pathname === SPATIAL_PATH ? spatialBundle?.source : undefined;
    if (script !== undefined) {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      response.end(request.method === 'HEAD' ? undefined : script);
      return;
    }
    if (pathname === EVENTS_PATH) {
      response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(`retry: 1000\nevent: version\ndata: ${version}\n\n`);
      streams.add(response);
      response.on('close', () => streams.delete(response));
      return;
    }
    response
      .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      .end(`not found: ${pathname} (the preview serves only /, ${EVENTS_PATH}, ${ELEMENTS_PATH} and ${SPATIAL_PATH})\n`);
  });

  const listen = (port: number): Promise<void> =>
    new Promise((resolveListen, rejectListen) => {
      const onError = (error: NodeJS.ErrnoException): void => {
        server.off('listening', onListening);
        rejectListen(error);
      };
      const onListening = (): void => {
        server.off('error', onError);
        resolveListen();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(port, '127.0.0.1');
    });
  const closeWatchers = (): void => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
  try {
    try {
      await listen(options.port);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || options.port !== DEFAULT_PORT) throw error;
      await listen(0);
    }
  } catch (error) {
    closeWatchers();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`port ${options.port} on 127.0.0.1 is in use; choose another with --port (0 picks a free one)`);
    if (code === 'EACCES') throw new CliError(`not allowed to listen on port ${options.port}; choose one above 1023 with --port (0 picks a free one)`);
    throw new CliError(`cannot listen on 127.0.0.1:${options.port}: ${(error as Error).message}`);
  }
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts.add(`127.0.0.1:${port}`).add(`localhost:${port}`);

  return {
    url: `${origin}/`,
    get version() {
      return version;
    },
    async close() {
      closeWatchers();
      await rendering;
      for (const stream of streams) stream.end();
      streams.clear();
      await new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
    },
  };
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new CliError(`--port must be a port number from 0 to 65535 (0 picks a free one), not "${value}"`);
  return Number(value);
}

/** Resolves on the first SIGINT (Ctrl-C) or SIGTERM, and stops listening for both. */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolveSignal) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveSignal(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export const previewCommand: Command = {
  name: 'preview',
  summary: 'serve a task template\'s preview page on localhost, reloading it when the template or input changes',
  usage: [
    'Usage: quorum preview <template> --input <input.json> [--port N] [--engine liquid|handlebars] [--title text] [--validate]',
    '',
    'Renders the template with task.input = the JSON in <input.json>, as `quorum render` does, and',
    `serves the page on http://127.0.0.1:<port>/ (and beside it only the elements bundles). When the`,
    'template or the input file changes, the page is rendered again and the browser reloads it.',
    'A template or input error is shown in the page; fix the file and save to continue.',
    'Submitting the form shows the answer JSON on the page. Ctrl-C stops the server.',
    '',
    'Options:',
    '  --input <file>     JSON object used as task.input (required)',
    `  --port <N>         port on 127.0.0.1 (default: ${DEFAULT_PORT}, or any free port when it is taken;`,
    '                     0 always picks a free one)',
    '  --engine <name>    liquid or handlebars (default: from the file name, then the source)',
    '  --title <text>     page title (default: the template file name)',
    '  --validate         embed the compiled validator of the template\'s answer schema (quorum schema),',
    '                     extracted again on every change of the template: Submit then refuses an',
    '                     answer that does not match it and lists what is wrong; the schema\'s notes',
    '                     go to stderr',
  ].join('\n'),
  options: {
    input: { type: 'string', short: 'i' },
    port: { type: 'string', short: 'p' },
    engine: { type: 'string' },
    title: { type: 'string' },
    validate: { type: 'boolean' },
  },
  required: ['input'],
  operands: { name: 'template file', min: 1, max: 1 },
  async run(values, positionals, io) {
    const templatePath = positionals[0] as string;
    const engine = engineOption(values.engine);
    const port = parsePort(values.port as string | undefined);
    const inputPath = values.input as string;
    // A mistyped path is an error now; a file that disappears later (an editor's save) is shown in the page.
    await Promise.all([readText(templatePath, 'template'), readText(inputPath, 'input')]);
    const server = await startPreviewServer({
      templatePath,
      inputPath,
      elementsBundle: await readElementsBundle(),
      spatialBundle: await readSpatialBundle(),
      port,
      engine: engine === 'auto' ? undefined : engine,
      title: values.title as string | undefined,
      validate: values.validate === true,
      log: (line) => io.stdout.write(`${line}\n`),
      logError: (line) => io.stderr.write(`quorum preview: ${line}\n`),
      logNote: (line) => io.stderr.write(`${line}\n`),
    });
    const stopped = stopSignal();
    io.stdout.write(`Previewing ${templatePath} with ${inputPath} at ${server.url}\nWatching both files for changes; press Ctrl-C to stop.\n`);
    const signal = await stopped;
    await server.close();
    io.stdout.write(`Stopped (${signal}).\n`);
    return ExitCode.ok;
  },
};
