/**
 * Defining every element at once, for the npm entries (`@quorum/elements` exports these,
 * `@quorum/elements/register.js` calls them). The drop-in bundles define the core elements
 * (elements-core.ts) and the spatial ones (elements-spatial.ts) separately; see
 * crowd-html-elements.ts.
 */
import { coreElementClasses } from './elements-core.js';
import { spatialElementClasses } from './elements-spatial.js';
import { ELEMENTS_READY_EVENT, announceReady, defineClasses, type QuorumElementClass } from './internal/definition.js';

export { ELEMENTS_READY_EVENT, type QuorumElementClass };

/** Every element of this package: the core elements, then the spatial ones. */
export const elementClasses: readonly QuorumElementClass[] = [...coreElementClasses, ...spatialElementClasses];

/**
 * Defines every element in `registry` (the global one by default). Tags that are already
 * defined are skipped, so loading the bundle twice, or next to another copy, does not throw;
 * a tag taken by a different class gets a warning.
 */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  defineClasses(elementClasses, registry);
}

/**
 * Resolves once the document is parsed and every Quorum element in it has rendered, then fires
 * `all-crowd-elements-ready` on `document` (Ground Truth templates wait for it before touching
 * the elements).
 */
export async function announceElementsReady(): Promise<void> {
  await announceReady(elementClasses.map((elementClass) => elementClass.tagName));
}
