import { ClassificationTarget } from './classification-target/classification-target.js';
import { CrowdButton } from './crowd-button/crowd-button.js';
import { CrowdClassifier } from './crowd-classifier/crowd-classifier.js';
import { CrowdForm } from './crowd-form/crowd-form.js';
import { FullInstructions } from './full-instructions/full-instructions.js';
import { ShortInstructions } from './short-instructions/short-instructions.js';
import { describeElement, warnOnce } from './internal/warn.js';

/** An element class with the tag it is defined under (each class's `tagName` is the only place a tag is written). */
export interface QuorumElementClass extends CustomElementConstructor {
  readonly tagName: string;
}

/** Every element of this package. */
export const elementClasses: readonly QuorumElementClass[] = [
  CrowdForm,
  CrowdClassifier,
  CrowdButton,
  ClassificationTarget,
  ShortInstructions,
  FullInstructions,
];

/** Fired on `document` once the elements are defined and those in the page have rendered. */
export const ELEMENTS_READY_EVENT = 'all-crowd-elements-ready';

/**
 * Defines every element in `registry` (the global one by default). Tags that are already
 * defined are skipped, so loading the bundle twice, or next to another copy, does not throw;
 * a tag taken by a different class gets a warning.
 */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  for (const elementClass of elementClasses) {
    const existing = registry.get(elementClass.tagName);
    if (existing === undefined) {
      registry.define(elementClass.tagName, elementClass);
    } else if (existing !== elementClass) {
      warnOnce(registry, 'already-defined', `<${elementClass.tagName}> is already defined by other code; Quorum's element is not used.`, elementClass.tagName);
    }
  }
}

/**
 * Resolves once the document is parsed and every Quorum element in it has rendered, then fires
 * `all-crowd-elements-ready` on `document` (Ground Truth templates wait for it before touching
 * the elements).
 */
export async function announceElementsReady(): Promise<void> {
  if (document.readyState === 'loading') {
    await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  }
  const tags = elementClasses.map((elementClass) => elementClass.tagName);
  await Promise.all(tags.map((tag) => customElements.whenDefined(tag)));
  const elements = [...document.querySelectorAll(tags.join(','))];
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
}
