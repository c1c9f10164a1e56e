/**
 * The spatial half of the drop-in bundle, `crowd-spatial-elements.js`: the image and document
 * annotation elements (spatial-tags.ts), self-contained (its own copy of Lit). The core bundle
 * `crowd-html-elements.js` loads it by itself when a page uses one of these tags; a page may also
 * include or inline it, before or after the core, and it is then not loaded again. It defines its
 * elements and tells the core, which fires `all-crowd-elements-ready`.
 */
import { spatialElementClasses } from './elements-spatial.js';
import { defineClasses } from './internal/definition.js';
import { SPATIAL_LOADED_KEY, claimLoad } from './internal/load-guard.js';
import { markSpatialDefined } from './internal/spatial-state.js';

if (claimLoad(SPATIAL_LOADED_KEY, "Quorum's spatial elements were loaded twice; the second copy is not used.")) {
  defineClasses(spatialElementClasses);
  markSpatialDefined(spatialElementClasses.map((elementClass) => elementClass.tagName));
}
