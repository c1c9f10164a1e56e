function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `a ${value.constructor?.name ?? 'non-plain'} object`;
  return `a ${typeof value}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Checks that `input` is what Ground Truth hands a template as `task.input`: the JSON object a
 * pre-annotation Lambda returned as `taskInput`. Anything else (an array, a class instance, a
 * function or a cycle somewhere inside) would render differently here than on Ground Truth, so it
 * is refused with the JSON pointer of the first offending value.
 */
export function assertTaskInput(input: unknown, templateName: string): asserts input is Record<string, unknown> {
  if (!isPlainObject(input)) {
    throw new TypeError(
      `${templateName}: the task input must be a JSON object (the taskInput of a pre-annotation Lambda, seen by the template as task.input), got ${describe(input)}`,
    );
  }
  const ancestors = new Set<object>();
  const visit = (value: unknown, pointer: string): void => {
    switch (typeof value) {
      case 'string':
      case 'boolean':
      case 'undefined':
        return;
      case 'number':
        if (Number.isFinite(value)) return;
        break;
      case 'object':
        if (value === null) return;
        if (Array.isArray(value) || isPlainObject(value)) {
          if (ancestors.has(value)) {
            throw new TypeError(`${templateName}: the task input refers to itself at ${pointer || '/'}; it must be a JSON tree`);
          }
          ancestors.add(value);
          for (const [key, item] of Object.entries(value)) visit(item, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
          ancestors.delete(value);
          return;
        }
        break;
      default:
        break;
    }
    const shown = typeof value === 'number' ? String(value) : describe(value);
    throw new TypeError(`${templateName}: the task input holds ${shown} at ${pointer}; only JSON values (strings, finite numbers, booleans, null, arrays, plain objects) can be rendered`);
  };
  visit(input, '');
}
