/**
 * Warnings for template authors. They stay in the production bundle because the people who
 * need them preview templates with that bundle; each costs one WeakMap lookup when repeated.
 * What was already said is shared by every copy of Quorum in the page (the core and spatial
 * bundles each have a copy of this module), so a warning is not repeated by the second copy.
 */
import { sharedState } from './shared.js';

/** Where every warning code is explained. */
export const WARNINGS_URL = 'https://quorum.dev/elements/warnings';

const warned = sharedState('warned.v1', () => new WeakMap<object, Set<string>>());

/**
 * Logs `[quorum:<code>] <message> See <link>` with `console.warn`, once per subject and key
 * (the code, unless one subject can have the same problem with several things).
 * The subject is usually the element the warning is about.
 */
export function warnOnce(subject: object, code: string, message: string, key = code): void {
  let keys = warned.get(subject);
  if (!keys) {
    keys = new Set();
    warned.set(subject, keys);
  }
  if (keys.has(key)) return;
  keys.add(key);
  console.warn(`[quorum:${code}] ${message} See ${WARNINGS_URL}#${code}`);
}

/** `<crowd-classifier name="relevance">`: how warnings and errors name an element. */
export function describeElement(element: Element): string {
  const name = element.getAttribute('name');
  return `<${element.localName}${name ? ` name="${name}"` : ''}>`;
}
