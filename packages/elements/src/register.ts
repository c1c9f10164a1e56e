/**
 * Side-effect entry: `import '@quorum/elements/register.js'` defines every element and fires
 * `all-crowd-elements-ready` when the page's elements have rendered. A second load (the bundle
 * included twice, or with the npm package) does nothing.
 */
import { announceElementsReady, defineElements } from './define.js';
import { warnOnce } from './internal/warn.js';

const loaded = Symbol.for('quorum.elements.registered');
const globals = globalThis as typeof globalThis & { [loaded]?: true };

if (globals[loaded]) {
  warnOnce(globalThis, 'loaded-twice', 'Quorum elements were loaded twice (two script tags, or the bundle and the npm package); the second copy is not used.');
} else {
  globals[loaded] = true;
  defineElements();
  void announceElementsReady();
}
