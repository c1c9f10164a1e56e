/**
 * Text sources for the streaming readers. Only web-platform APIs are used (`TextDecoder`,
 * async iteration, `ReadableStream`), so the readers run in browsers, Node and Lambda alike: a Node
 * `fs.createReadStream(path)` is an `AsyncIterable<Buffer>`, and `Buffer` is a `Uint8Array`.
 */
export type TextChunk = string | Uint8Array;

/** A whole text, or chunks of it (strings or UTF-8 bytes) from a file stream, a fetch body, etc. */
export type TextSource = string | Iterable<TextChunk> | AsyncIterable<TextChunk> | ReadableStream<TextChunk>;

/** Yields the text of `source` as strings, decoding UTF-8 bytes across chunk boundaries. */
export async function* textChunks(source: TextSource): AsyncGenerator<string> {
  if (typeof source === 'string') {
    yield source;
    return;
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk: TextChunk, stream: boolean): string => {
    if (typeof chunk === 'string') return chunk;
    if (chunk instanceof Uint8Array) return decoder.decode(chunk, { stream });
    throw new TypeError(`text chunks must be strings or Uint8Array, found ${typeof chunk}`);
  };
  for await (const chunk of iterate(source)) {
    const text = decode(chunk, true);
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

function iterate(source: Exclude<TextSource, string>): AsyncIterable<TextChunk> | Iterable<TextChunk> {
  if (typeof (source as AsyncIterable<TextChunk>)[Symbol.asyncIterator] === 'function') return source as AsyncIterable<TextChunk>;
  if (typeof (source as Iterable<TextChunk>)[Symbol.iterator] === 'function') return source as Iterable<TextChunk>;
  if (typeof (source as ReadableStream<TextChunk>).getReader === 'function') return readStream(source as ReadableStream<TextChunk>);
  throw new TypeError('expected a string, an (async) iterable of chunks or a ReadableStream');
}

async function* readStream(stream: ReadableStream<TextChunk>): AsyncGenerator<TextChunk> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
