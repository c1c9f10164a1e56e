import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { validateCrowdBoundingBoxAnswer, validateCrowdImageClassifierAnswer, validateCrowdImageClassifierMultiSelectAnswer, validateCrowdKeypointAnswer, validateCrowdLineAnswer, validateCrowdPolygonAnswer, validateCrowdPolylineAnswer } from '@quorum/schema';

const shared = process.env.QUORUM_SHARED ?? new URL('../../../../shared/', import.meta.url).pathname;
const reference = (name: string): unknown => JSON.parse(readFileSync(`${shared}/gt-reference/${name}`, 'utf8'));

describe('crowd-bounding-box answer schema', () => {
  it("accepts Ground Truth's documented answer and the bounding-box payload's worker answers", () => {
    const [documented] = reference('answer.crowd-bounding-box.json') as [{ annotatedResult: unknown }];
    const result = validateCrowdBoundingBoxAnswer(documented.annotatedResult);
    assert.equal(result.valid, true, JSON.stringify(result));
    const payload = reference('post-annotation-payload.bounding-box.json') as { annotations: { annotationData: { content: string } }[] }[];
    const contents = payload.flatMap((item) => item.annotations.map((annotation) => JSON.parse(annotation.annotationData.content).boundingBox));
    assert.ok(contents.length > 0);
    for (const content of contents) assert.equal(validateCrowdBoundingBoxAnswer(content).valid, true, JSON.stringify(content));
  });

  it('accepts initialValueModified and an empty list of boxes', () => {
    const answer = { boundingBoxes: [], inputImageProperties: { width: 10, height: 5 }, initialValueModified: true };
    assert.equal(validateCrowdBoundingBoxAnswer(answer).valid, true);
  });

  it('names the path and value of fractional, negative, missing and unknown fields', () => {
    const result = validateCrowdBoundingBoxAnswer({
      boundingBoxes: [{ label: 'Dog', left: 1.5, top: -2, width: 3, height: 4, score: 1 }],
      inputImageProperties: { width: 800 },
    });
    assert.equal(result.valid, false);
    if (result.valid) return;
    const paths = result.issues.map((issue) => issue.path);
    for (const path of ['/boundingBoxes/0/left', '/boundingBoxes/0/top', '/boundingBoxes/0', '/inputImageProperties']) assert.ok(paths.includes(path), `${path} in ${paths.join(', ')}`);
    assert.equal(result.issues.find((issue) => issue.path === '/boundingBoxes/0/left')?.value, 1.5);
  });
});

describe('crowd-keypoint answer schema', () => {
  it("accepts Ground Truth's documented answer", () => {
    const [documented] = reference('answer.crowd-keypoint.json') as [{ crowdKeypoint: unknown }];
    const result = validateCrowdKeypointAnswer(documented.crowdKeypoint);
    assert.equal(result.valid, true, JSON.stringify(result));
  });

  it('rejects a bounding-box answer and a point without coordinates', () => {
    const [box] = reference('answer.crowd-bounding-box.json') as [{ annotatedResult: unknown }];
    assert.equal(validateCrowdKeypointAnswer(box.annotatedResult).valid, false);
    const result = validateCrowdKeypointAnswer({ inputImageProperties: { width: 2, height: 2 }, keypoints: [{ label: 'a', x: 1 }] });
    assert.equal(result.valid, false);
    if (!result.valid) assert.ok(result.issues.some((issue) => issue.path === '/keypoints/0'), JSON.stringify(result.issues));
  });
});

describe('crowd-image-classifier answer schema', () => {
  it("accepts Ground Truth's documented answer (label and workerComment) and a label alone", () => {
    const [documented] = reference('answer.crowd-image-classifier.json') as [Record<string, unknown>];
    const result = validateCrowdImageClassifierAnswer(documented['<name>']);
    assert.equal(result.valid, true, JSON.stringify(result));
    assert.equal(validateCrowdImageClassifierAnswer({ label: 'Cat' }).valid, true);
  });

  it('rejects a missing label and a non-string comment', () => {
    assert.equal(validateCrowdImageClassifierAnswer({ workerComment: 'x' }).valid, false);
    const result = validateCrowdImageClassifierAnswer({ label: 'Cat', workerComment: 3 });
    assert.equal(result.valid, false);
    if (!result.valid) assert.equal(result.issues[0]?.path, '/workerComment');
  });
});

describe('crowd-image-classifier-multi-select answer schema', () => {
  it("accepts Ground Truth's documented answer, the exclusion answer [] and a comment", () => {
    const [documented] = reference('answer.crowd-image-classifier-multi-select.json') as [Record<string, unknown>];
    const result = validateCrowdImageClassifierMultiSelectAnswer(documented['<name>']);
    assert.equal(result.valid, true, JSON.stringify(result));
    assert.equal(validateCrowdImageClassifierMultiSelectAnswer({ labels: [], workerComment: 'none apply' }).valid, true);
  });

  it('rejects a single label string and repeated labels', () => {
    assert.equal(validateCrowdImageClassifierMultiSelectAnswer({ labels: 'Cat' }).valid, false);
    const result = validateCrowdImageClassifierMultiSelectAnswer({ labels: ['Cat', 'Cat'] });
    assert.equal(result.valid, false);
    if (!result.valid) assert.equal(result.issues[0]?.path, '/labels');
  });
});

describe('crowd-polygon answer schema', () => {
  // Ground Truth's crowd-polygon page, "Single Label, Single Polygon" (not among the shared files).
  const documented = {
    inputImageProperties: { height: 853, width: 1280 },
    polygons: [{ label: 'dog', vertices: [{ x: 570, y: 239 }, { x: 603, y: 513 }, { x: 823, y: 645 }, { x: 901, y: 417 }, { x: 759, y: 281 }] }],
  };

  it("accepts Ground Truth's documented answer", () => {
    const result = validateCrowdPolygonAnswer(documented);
    assert.equal(result.valid, true, JSON.stringify(result));
  });

  it('rejects a polygon of two vertices and fractional coordinates, naming the path', () => {
    const result = validateCrowdPolygonAnswer({ ...documented, polygons: [{ label: 'dog', vertices: [{ x: 1.5, y: 2 }, { x: 3, y: 4 }] }] });
    assert.equal(result.valid, false);
    if (!result.valid) {
      const paths = result.issues.map((issue) => issue.path);
      assert.ok(paths.includes('/polygons/0/vertices'), paths.join(', '));
      assert.ok(paths.includes('/polygons/0/vertices/0/x'), paths.join(', '));
    }
  });
});

describe('crowd-line and crowd-polyline answer schemas', () => {
  // Ground Truth's crowd-line page, "Sample Element Outputs" (not among the shared files).
  const line = {
    inputImageProperties: { height: 1254, width: 2048 },
    lines: [
      { label: 'yardline', vertices: [{ x: 58, y: 295 }, { x: 1342, y: 398 }] },
      { label: 'sideline', vertices: [{ x: 472, y: 910 }, { x: 1480, y: 600 }] },
    ],
  };

  it("accepts Ground Truth's documented line answer, and the same vertices as polylines", () => {
    assert.equal(validateCrowdLineAnswer(line).valid, true);
    assert.equal(validateCrowdPolylineAnswer({ inputImageProperties: line.inputImageProperties, polylines: line.lines }).valid, true);
  });

  it('a line has exactly two points; a polyline at least two', () => {
    const three = [{ x: 1, y: 1 }, { x: 2, y: 2 }, { x: 3, y: 3 }];
    assert.equal(validateCrowdLineAnswer({ ...line, lines: [{ label: 'a', vertices: three }] }).valid, false);
    assert.equal(validateCrowdPolylineAnswer({ inputImageProperties: line.inputImageProperties, polylines: [{ label: 'a', vertices: three }] }).valid, true);
    assert.equal(validateCrowdPolylineAnswer({ inputImageProperties: line.inputImageProperties, polylines: [{ label: 'a', vertices: three.slice(0, 1) }] }).valid, false);
  });
});
