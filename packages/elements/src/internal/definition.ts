/**
 * Defining element classes and announcing that a page's elements are ready: shared by the npm
 * entries (which define everything at once) and by the two drop-in bundles (core and spatial).
 */
import { describeElement, warnOnce } from './warn.js';

/** An element class with the tag it is defined under (each class's `tagName` is the only place a tag is written). */
export interface QuorumElementClass extends CustomElementConstructor {
  readonly tagName: string;
}

/** Fired on `document` once the elements are defined and those in the page have rendered. */
export const ELEMENTS_READY_EVENT = 'all-crowd-elements-ready';

/**
 * Defines `classes` in `registry`. Tags that are already defined are skipped, so loading a bundle
 * twice, or next to another copy, does not throw; a tag taken by a different class gets a warning.
 */
export function defineClasses(classes: readonly QuorumElementClass[], registry: CustomElementRegistry = customElements): void {
  for (const elementClass of classes) {
    const existing = registry.get(elementClass.tagName);
    if (existing === undefined) {
      registry.define(elementClass.tagName, elementClass);
    } else if (existing !== elementClass) {
      warnOnce(registry, 'already-defined', `<${elementClass.tagName}> is already defined by other code; Quorum's element is not used.`, elementClass.tagName);
    }
  }
}

/**
 * Once the document is parsed, waits for `lateTags()` (the tags of elements defined by a bundle
 * loaded later; null when that failed), then for every element in the page with one of `tags` or
 * those to render, and fires `all-crowd-elements-ready` on `document` (Ground Truth templates wait
 * for it before touching the elements). Returns whether it fired: it does not when `lateTags`
 * gave null, as elements of the page would then never render.
 */
export async function announceReady(tags: readonly string[], lateTags: () => Promise<readonly string[] | null> = async () => []): Promise<boolean> {
  if (document.readyState === 'loading') {
    await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  }
  const late = await lateTags();
  if (late === null) return false;
  const allTags = [...tags, ...late];
  await Promise.all(allTags.map((tag) => customElements.whenDefined(tag)));
  const elements = [...document.querySelectorAll(allTags.join(','))];
  await Promise.all(
    elements.map(async (element) => {
      try {
        await (element as Partial<{ updateComplete: Promise<unknown> }>).updateComplete;
      } catch (error) {
        warnOnce(element, 'render-failed', `${describeElement(element)} failed to render: ${(error as Error).message}`);
      }
    }),
  );
  document.dispatchEvent(new Event(ELEMENTS_READY_EVENT, { bubbles: true }));
  return true;
}
