/**
 * Helpers shared by the browser tests. This file has no tests of its own.
 *
 * The test runner runs files side by side in background tabs, where Chromium pauses
 * requestAnimationFrame and slows timers to once a second. So nothing here waits for a frame or
 * a timer: `mount` renders synchronously and waits for Lit's update promises, which run as
 * microtasks everywhere.
 */
import { fixtureSync } from '@open-wc/testing';
import type { TemplateResult } from 'lit';

declare global {
  // Mocha's globals, provided by @web/test-runner-mocha; @types/mocha is not installed.
  function describe(title: string, body: () => void): void;
  function it(title: string, body: () => void | Promise<void>): void;
  function afterEach(body: () => void | Promise<void>): void;
}

interface Updatable extends Element {
  updateComplete: Promise<unknown>;
}

function updatables(root: Element | ShadowRoot, found: Updatable[] = []): Updatable[] {
  for (const element of root.querySelectorAll('*')) {
    if ('updateComplete' in element) found.push(element as Updatable);
    if (element.shadowRoot) updatables(element.shadowRoot, found);
  }
  return found;
}

/** Waits until every Lit element in `root`, its light DOM and open shadow roots, has rendered. */
export async function settle(root: Element): Promise<void> {
  // Rendering can create more elements (or request another update), so repeat until quiet.
  for (let round = 0; round < 5; round++) {
    const elements = 'updateComplete' in root ? [root as Updatable, ...updatables(root)] : updatables(root);
    const results = await Promise.all(elements.map((element) => element.updateComplete));
    if (results.every((done) => done !== false)) return;
  }
}

/** Renders a template into the fixture container (removed after each test) and waits for it to render. */
export async function mount<T extends Element>(template: TemplateResult): Promise<T> {
  const element = fixtureSync<T>(template);
  await settle(element);
  return element;
}

/** Records the `[quorum:<code>]` warnings logged while `action` runs. */
export async function captureWarnings(action: () => Promise<void> | void): Promise<string[]> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  };
  try {
    await action();
  } finally {
    console.warn = original;
  }
  return warnings;
}

/** Counts the `input` and `change` events a control fires, and keeps the last `change`. */
export function recordEvents(control: HTMLElement): { input: number; change: number; lastChange?: Event } {
  const record: { input: number; change: number; lastChange?: Event } = { input: 0, change: 0 };
  control.addEventListener('input', () => record.input++);
  control.addEventListener('change', (event) => {
    record.change++;
    record.lastChange = event;
  });
  return record;
}

/** Whether focus is on the element or inside its shadow root. */
export function hasFocusWithin(element: HTMLElement): boolean {
  return element.matches(':focus-within') || element.shadowRoot?.activeElement != null;
}

/** Resolves after pending microtasks, such as MutationObserver callbacks, have run. */
export function microtasks(): Promise<void> {
  return new Promise((resolve) => queueMicrotask(() => queueMicrotask(resolve)));
}
