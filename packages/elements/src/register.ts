/**
 * Side-effect entry: `import '@quorum/elements/register.js'` defines every element (the spatial
 * ones too, at once) and fires `all-crowd-elements-ready` when the page's elements have rendered.
 * A second load (the bundle included twice, or with the npm package) does nothing.
 */
import { announceElementsReady, defineElements } from './define.js';
import { spatialElementClasses } from './elements-spatial.js';
import { CORE_LOADED_KEY, SPATIAL_LOADED_KEY, claimLoad } from './internal/load-guard.js';
import { markSpatialDefined } from './internal/spatial-state.js';

if (claimLoad(CORE_LOADED_KEY, 'Quorum elements were loaded twice (two script tags, or the bundle and the npm package); the second copy is not used.')) {
  // The spatial elements are defined here too, so a spatial bundle loaded later must not define them again.
  claimLoad(SPATIAL_LOADED_KEY, "Quorum's spatial elements were loaded twice; the second copy is not used.");
  defineElements();
  markSpatialDefined(spatialElementClasses.map((elementClass) => elementClass.tagName));
  void announceElementsReady();
}
