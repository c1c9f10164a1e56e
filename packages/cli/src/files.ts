import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CliError } from './errors.js';
import { locateJsonError } from './json-location.js';

/** Reads a UTF-8 text file; a missing or unreadable file becomes a CliError naming it and its role. */
export async function readText(path: string, role: string): Promise<string> {
  try {
    return await readFile(resolve(path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${role} file not found: ${path}`);
    if (code === 'EISDIR') throw new CliError(`${role} must be a file, but ${path} is a directory`);
    throw new CliError(`cannot read ${role} file ${path}: ${(error as Error).message}`);
  }
}

/** Line and column (1-based) of a character offset in text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Parses JSON text, reporting a syntax error as `<path>:<line>:<column>: invalid JSON (<reason>)`. */
export function parseJson(text: string, path: string, role: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = (error as Error).message;
    const offset = locateJsonError(text);
    const where = offset === undefined ? undefined : lineAndColumn(text, offset);
    const location = where ? `${path}:${where.line}:${where.column}` : path;
    throw new CliError(`${location}: ${role} is not valid JSON (${reason})`);
  }
}

export async function readJson(path: string, role: string): Promise<unknown> {
  return parseJson(await readText(path, role), path, role);
}

/** Writes text to a file (creating folders) or, without a path, to standard output. */
export async function writeOutput(path: string | undefined, text: string, stdout: NodeJS.WritableStream): Promise<void> {
  if (!path) {
    stdout.write(text);
    return;
  }
  try {
    await mkdir(dirname(resolve(path)), { recursive: true });
    await writeFile(resolve(path), text);
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${(error as Error).message}`);
  }
}
