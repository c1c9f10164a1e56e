/**
 * The tags of the spatial bundle, `crowd-spatial-elements.js`: the image and document annotation
 * elements, which the drop-in core bundle does not contain and loads on first use (see
 * docs/decisions/003-lazy-spatial-bundle.md). This list is the one place that says which tags
 * load lazily: the core bundle watches the page for them, and the spatial bundle defines exactly
 * its classes whose tag is here (a test checks both directions).
 *
 * A tag may be listed before its element exists: the core then loads the spatial bundle for it
 * and warns that this build has no such element, instead of waiting for it forever.
 */
export const SPATIAL_TAGS: readonly string[] = [
  'crowd-bounding-box',
  'crowd-keypoint',
  'crowd-polygon',
  'crowd-line',
  'crowd-polyline',
  'crowd-image-classifier',
  'crowd-image-classifier-multi-select',
  'worker-comment',
  'crowd-semantic-segmentation',
  'crowd-instance-segmentation',
  'crowd-textract-analyze-document',
  'crowd-rekognition-detect-moderation-labels',
];

/** File name of the spatial bundle; the core bundle loads it from its own directory. */
export const SPATIAL_BUNDLE_FILE = 'crowd-spatial-elements.js';
