/** Pointer and keyboard helpers shared by the browser tests. This file has no tests of its own. */
import { sendKeys, sendMouse } from '@web/test-runner-commands';

/** A real click (through the browser's input pipeline) at the middle of `element`, or at `x` (0..1) across it. */
export async function clickElement(element: Element, x = 0.5): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width * x), Math.round(box.top + box.height / 2)] });
}

/** The element matching `selector` in `host`'s shadow root; fails the test when there is none. */
export function shadowPart<T extends Element = HTMLElement>(host: Element, selector: string): T {
  const found = host.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`<${host.localName}> has no ${selector} in its shadow root`);
  return found;
}

/**
 * Presses `key` (a KeyboardEvent `code` or key name, e.g. `KeyZ`, `Tab`) with modifiers held, as
 * a person would: Chromium's input pipeline has no chord syntax.
 */
export async function pressWith(modifiers: readonly ('Control' | 'Shift' | 'Alt' | 'Meta')[], key: string): Promise<void> {
  for (const modifier of modifiers) await sendKeys({ down: modifier });
  try {
    await sendKeys({ press: key });
  } finally {
    for (const modifier of [...modifiers].reverse()) await sendKeys({ up: modifier });
  }
}
