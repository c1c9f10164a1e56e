/**
 * The drop-in replacement for Ground Truth's `crowd-html-elements.js`: one self-contained file
 * that defines every element but the spatial ones when loaded, as a classic `<script src>`, from
 * `file://`, or inlined in a `<script type="module">`. The image and document annotation elements
 * (spatial-tags.ts) are in a second self-contained file, `crowd-spatial-elements.js`, which this
 * one loads from its own directory the first time the page uses one of them (see
 * internal/spatial-loader.ts); `all-crowd-elements-ready` waits for it. It exports nothing, so
 * it runs as either script type.
 */
import { coreElementClasses } from './elements-core.js';
import { announceReady, defineClasses } from './internal/definition.js';
import { CORE_LOADED_KEY, claimLoad } from './internal/load-guard.js';
import { startSpatialLoader } from './internal/spatial-loader.js';

if (claimLoad(CORE_LOADED_KEY, 'Quorum elements were loaded twice (two script tags, or the bundle and the npm package); the second copy is not used.')) {
  defineClasses(coreElementClasses);
  const spatial = startSpatialLoader();
  void announceReady(
    coreElementClasses.map((elementClass) => elementClass.tagName),
    () => spatial.settled(),
  );
}
