import type { InputImageProperties } from '@quorum/schema';

/** One worker's answer to one data object, as the post-annotation payload gives it once parsed. */
export interface WorkerAnswer<T> {
  workerId: string;
  answer: T;
}

/** An answer that could not be consolidated: whose, and why. */
export interface SpatialError {
  workerId: string;
  message: string;
}

/** Confidence with two decimals, as Ground Truth writes it. */
export function roundConfidence(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}

/**
 * Sorts answers into usable ones and errors (a worker's whole answer is set aside when one of its
 * shapes is malformed, so no half answer skews the result), and reads the image size.
 */
export function checkWorkerAnswers<T extends { inputImageProperties?: InputImageProperties }>(
  answers: readonly WorkerAnswer<T>[],
  listKey: keyof T & string,
  checkShape: (shape: unknown) => string | null,
): { valid: WorkerAnswer<T>[]; errors: SpatialError[]; inputImageProperties: InputImageProperties | null } {
  const valid: WorkerAnswer<T>[] = [];
  const errors: SpatialError[] = [];
  const seen = new Set<string>();
  let inputImageProperties: InputImageProperties | null = null;
  answers.forEach((entry, index) => {
    const workerId = typeof entry?.workerId === 'string' && entry.workerId ? entry.workerId : '';
    const fail = (message: string): void => {
      errors.push({ workerId: workerId || `(answer ${index})`, message });
    };
    if (!workerId) return fail(`answer ${index} has no workerId`);
    if (seen.has(workerId)) return fail(`worker ${workerId} answered twice; only the first answer is used`);
    const list = (entry.answer as Record<string, unknown> | null)?.[listKey];
    if (!Array.isArray(list)) return fail(`the answer has no ${listKey} array`);
    for (let shapeIndex = 0; shapeIndex < list.length; shapeIndex++) {
      const problem = checkShape(list[shapeIndex]);
      if (problem) return fail(`${listKey}[${shapeIndex}] ${problem}`);
    }
    const size = entry.answer.inputImageProperties;
    if (size && inputImageProperties && (size.width !== inputImageProperties.width || size.height !== inputImageProperties.height)) {
      return fail(`reports an image of ${size.width}×${size.height}, others ${inputImageProperties.width}×${inputImageProperties.height}`);
    }
    if (size && !inputImageProperties) inputImageProperties = { width: size.width, height: size.height };
    seen.add(workerId);
    valid.push(entry);
  });
  return { valid, errors, inputImageProperties };
}

/**
 * The order of labels in a result: those of `preferred` (e.g. the job's label categories) first,
 * in that order, then the others sorted, so the result never depends on the order of answers.
 */
export function orderLabels(used: Iterable<string>, preferred: readonly string[] = []): string[] {
  const rest = [...new Set(used)].filter((label) => !preferred.includes(label)).sort();
  return [...preferred, ...rest];
}
