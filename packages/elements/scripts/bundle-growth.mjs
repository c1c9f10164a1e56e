// Measures what the image elements (boxes, keypoints, polygons, lines, image classifiers, worker-comment) add to
// dist/crowd-html-elements.js: the bundle entry is built twice with esbuild (minified IIFE, like
// the rollup build), once with each image element's module replaced by an empty class, and the
// gzip -9 sizes compared.
// Run: node packages/elements/scripts/bundle-growth.mjs
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const entry = 'packages/elements/src/crowd-html-elements.ts';
/** The image elements' modules, each replaced by an empty class of the same name and tag. */
const imageElements = {
  'crowd-bounding-box': 'CrowdBoundingBox',
  'crowd-keypoint': 'CrowdKeypoint',
  'crowd-polygon': 'CrowdPolygon',
  'crowd-line': 'CrowdLine',
  'crowd-polyline': 'CrowdPolyline',
  'crowd-image-classifier': 'CrowdImageClassifier',
  'crowd-image-classifier-multi-select': 'CrowdImageClassifierMultiSelect',
  'worker-comment': 'WorkerComment',
};
const imageModules = new RegExp(`(${Object.keys(imageElements).join('|')})/(${Object.keys(imageElements).join('|')})\\.js$`);
const stub = {
  name: 'stub-image-elements',
  setup(b) {
    b.onResolve({ filter: imageModules }, (args) => ({ path: args.path, namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => {
      const tag = /([a-z-]+)\.js$/.exec(args.path)[1];
      return { contents: `export class ${imageElements[tag]} extends HTMLElement { static tagName = '${tag}'; }`, loader: 'js' };
    });
  },
};
async function size(plugins) {
  const result = await build({ entryPoints: [entry], bundle: true, format: 'iife', minify: true, write: false, target: 'es2022', tsconfig: 'packages/elements/tsconfig.json', conditions: ['production'], plugins, logLevel: 'silent' });
  const code = result.outputFiles[0].contents;
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}
const full = await size([]);
const without = await size([stub]);
console.log(`with image elements     raw ${full.raw}  gzip ${full.gzip}`);
console.log(`without image elements  raw ${without.raw}  gzip ${without.gzip}`);
console.log(`growth                  raw ${full.raw - without.raw}  gzip ${full.gzip - without.gzip}`);
