/**
 * Right-to-left checks shared by the browser tests: the control contract runs them on every
 * control, and elements that are not controls call them from their own tests. This file exports
 * helpers and has no tests of its own.
 */
import { expect } from '@open-wc/testing';
import { html, type TemplateResult } from 'lit';
import { mount, settle } from './testing.test.js';

/** Where an element of a shadow root lies, measured from the host's inline-start edge. */
interface LogicalBox {
  what: string;
  tolerance: number;
  start: number;
  top: number;
  width: number;
  height: number;
}

/** Width of the box the element is laid out in, so both directions wrap lines the same way. */
const PAGE_WIDTH = 720;

/** Sub-pixel rounding differs between the two directions; a real mistake moves a box by far more. */
const TOLERANCE = 1.5;

/**
 * Words shift a little more: a sentence's final period moves to the other end of a left-to-right
 * sentence in a right-to-left line, and the spacing around it changes. `text-align: left` moves
 * them by the whole free width of the line.
 */
const TEXT_TOLERANCE = 4;

/** Renders `template` in a `dir` page of fixed width and returns its first element, rendered. */
export async function mountInDirection<T extends HTMLElement>(template: TemplateResult, dir: 'ltr' | 'rtl'): Promise<T> {
  const page = await mount<HTMLDivElement>(html`<div dir=${dir} style=${`width: ${PAGE_WIDTH}px`}>${template}</div>`);
  const element = page.firstElementChild as T;
  await settle(page);
  return element;
}

function describeNode(element: Element): string {
  const part = element.getAttribute('part');
  const classes = element.getAttribute('class')?.trim();
  return `<${element.localName}${part ? ` part="${part}"` : ''}${classes ? ` class="${classes}"` : ''}>`;
}

/**
 * The laid-out boxes of a host's shadow tree, in document order, and the box of the words of
 * each block that holds only text. Left out: elements without a box; inline boxes, which the bidi algorithm places by the direction of the words inside them
 * (Latin text stays left-to-right in a right-to-left page, as it should); SVG content, which
 * draws in its own coordinates; and what lies inside an element with its own `dir` (user text
 * marked `dir="auto"` takes the direction of its words, not the page's).
 */
function logicalBoxes(host: HTMLElement): LogicalBox[] {
  const root = host.shadowRoot;
  if (!root) return [];
  const hostBox = host.getBoundingClientRect();
  const rtl = getComputedStyle(host).direction === 'rtl';
  const boxes: LogicalBox[] = [];
  const visit = (parent: Element | ShadowRoot, path: string): void => {
    for (const element of parent.children) {
      const what = `${path} > ${describeNode(element)}`;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      const isSvgContent = element instanceof SVGElement && !(element instanceof SVGSVGElement);
      const measure = (name: string, rect: DOMRect, tolerance = TOLERANCE): void => {
        if (rect.width > 0 && rect.height > 0) {
          boxes.push({ what: name, tolerance, start: rtl ? hostBox.right - rect.right : rect.left - hostBox.left, top: rect.top - hostBox.top, width: rect.width, height: rect.height });
        }
      };
      if (!isSvgContent && style.display !== 'inline' && style.display !== 'contents') {
        measure(what, box);
        // Where the words of a text-only block sit: `text-align: left` moves them, not the block.
        if (element.childElementCount === 0 && element.textContent?.trim() && !element.hasAttribute('dir')) {
          const range = document.createRange();
          range.selectNodeContents(element);
          measure(`${what} text`, range.getBoundingClientRect(), TEXT_TOLERANCE);
        }
      }
      if (!element.hasAttribute('dir') && !(element instanceof SVGElement)) visit(element, what);
    }
  };
  visit(root, `<${host.localName}>`);
  return boxes;
}

/**
 * Checks that `template` (one element) mirrors in a right-to-left page: every box of its shadow
 * tree lies as far from the inline-start edge (the right edge) as it lies from the left edge in a
 * left-to-right page, at the same height and size. A physical `margin-left`, `left: 0`,
 * `text-align: left` or a row order fixed in code breaks this; logical properties keep it.
 * `prepare` runs on the element in both directions before measuring (to open or answer it).
 */
export async function expectMirroredLayout<T extends HTMLElement>(template: () => TemplateResult, prepare?: (element: T) => Promise<void> | void): Promise<void> {
  const measure = async (dir: 'ltr' | 'rtl'): Promise<LogicalBox[]> => {
    const element = await mountInDirection<T>(template(), dir);
    await prepare?.(element);
    await settle(element);
    expect(getComputedStyle(element).direction, `direction of <${element.localName}> in a dir="${dir}" page`).to.equal(dir);
    return logicalBoxes(element);
  };
  const ltr = await measure('ltr');
  const rtl = await measure('rtl');
  expect(rtl.map((box) => box.what)).to.deep.equal(ltr.map((box) => box.what));
  const differences = ltr.flatMap((left, index) => {
    const right = rtl[index] as LogicalBox;
    const keys = (['start', 'top', 'width', 'height'] as const).filter((key) => Math.abs(left[key] - right[key]) > left.tolerance);
    return keys.length === 0 ? [] : [`${left.what}: ${keys.map((key) => `${key} ${left[key].toFixed(1)} (ltr) vs ${right[key].toFixed(1)} (rtl)`).join(', ')}`];
  });
  expect(differences, `boxes that do not mirror:\n${differences.join('\n')}`).to.deep.equal([]);
  expect(ltr.length, 'boxes measured').to.be.greaterThan(0);
}
