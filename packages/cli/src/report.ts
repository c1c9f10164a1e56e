import type { CliIo } from './command.js';
import { writeOutput } from './files.js';

/** One item that could not be processed, as the consolidate package reports it. */
export interface ItemErrorLike {
  datasetObjectId?: string;
  index?: number;
  line?: number;
  workerId?: string;
  annotationIndex?: number;
  path?: string;
  message: string;
  /** The file the error is about, when it is not the command's main input. */
  file?: string;
}

/** `payload.json: data object "7" (item 3), annotation 1 by worker w-1: /3/annotations/1/… <message>` */
export function describeItemError(file: string, error: ItemErrorLike): string {
  const parts: string[] = [];
  if (error.line !== undefined) parts.push(`line ${error.line}`);
  if (error.datasetObjectId !== undefined) {
    parts.push(`data object "${error.datasetObjectId}"${error.index !== undefined ? ` (item ${error.index})` : ''}`);
  } else if (error.index !== undefined) {
    parts.push(`item ${error.index}`);
  }
  if (error.annotationIndex !== undefined) {
    parts.push(`annotation ${error.annotationIndex}${error.workerId ? ` by worker ${error.workerId}` : ''}`);
  } else if (error.workerId) {
    parts.push(`worker ${error.workerId}`);
  }
  const subject = error.path ? `${error.path} ` : '';
  return `${file}: ${parts.join(', ')}${parts.length ? ': ' : ''}${subject}${error.message}`;
}

/**
 * Prints every item error on stderr (one line each, then a count) and, when asked, writes them
 * as JSON for tools. Nothing is lost: each input item is in the output or in this report.
 */
export async function reportItemErrors(
  file: string,
  errors: ItemErrorLike[],
  io: CliIo,
  errorsPath: string | undefined,
): Promise<void> {
  for (const error of errors) io.stderr.write(`${describeItemError(error.file ?? file, error)}\n`);
  if (errors.length > 0) io.stderr.write(`${errors.length} problem${errors.length === 1 ? '' : 's'} found\n`);
  if (errorsPath) {
    const records = errors.map((error) => ({ file: error.file ?? file, ...error }));
    await writeOutput(errorsPath, `${JSON.stringify(records, null, 2)}\n`, io.stdout);
  }
}
