import { expect } from '@open-wc/testing';
import { LiteralSyntaxError } from '../literal.js';
import { snapPoint, snapRect, translateWithin } from './geometry.js';
import { LABEL_COLORS, normalizeLabels, parseLabels } from './labels.js';
import { boxKind, pointKind } from './shapes.js';
import { ViewTransform } from './view.js';

const image = { width: 4000, height: 3000 };

describe('spatial geometry', () => {
  it('snaps points to whole pixels on the image', () => {
    expect(snapPoint({ x: 10.4, y: 10.6 }, image)).to.deep.equal({ x: 10, y: 11 });
    expect(snapPoint({ x: -3, y: 3200.2 }, image)).to.deep.equal({ x: 0, y: 3000 });
  });

  it('snaps rectangles so that they end on the image', () => {
    expect(snapRect({ left: -10, top: 2990.4, width: 50.2, height: 40 }, image)).to.deep.equal({ left: 0, top: 2990, width: 40, height: 10 });
  });

  it('moves points as one piece and stops at the edges without changing the shape', () => {
    const points = [{ x: 10, y: 10 }, { x: 110, y: 60 }];
    expect(translateWithin(points, -25, 5, image)).to.deep.equal([{ x: 0, y: 15 }, { x: 100, y: 65 }]);
    expect(translateWithin(points, 5000, 0, image)).to.deep.equal([{ x: 3900, y: 10 }, { x: 4000, y: 60 }]);
  });
});

describe('spatial view transform', () => {
  it('fits a large image without upscaling a small one, centred', () => {
    const view = new ViewTransform();
    view.resize(image, { width: 800, height: 600 }, true);
    expect(view.scale).to.equal(0.2);
    expect([view.offsetX, view.offsetY]).to.deep.equal([0, 0]);
    view.resize({ width: 200, height: 100 }, { width: 800, height: 600 }, true);
    expect(view.scale).to.equal(1);
    expect(view.toScreen({ x: 0, y: 0 })).to.deep.equal({ x: 300, y: 250 });
  });

  it('zooms around a point that stays put, within limits, and maps screen to image and back', () => {
    const view = new ViewTransform();
    view.resize(image, { width: 800, height: 600 }, true);
    const before = view.toImage(200, 150);
    view.zoomAt(3, 200, 150);
    expect(view.scale).to.be.closeTo(0.6, 1e-12);
    const after = view.toImage(200, 150);
    expect(after.x).to.be.closeTo(before.x, 1e-9);
    expect(after.y).to.be.closeTo(before.y, 1e-9);
    view.zoomAt(1000, 0, 0);
    expect(view.scale).to.equal(16);
    view.zoomAt(1e-6, 0, 0);
    expect(view.scale).to.equal(0.1);
  });

  it('does not pan the image out of view', () => {
    const view = new ViewTransform();
    view.resize(image, { width: 800, height: 600 }, true);
    view.panBy(5000, 5000);
    const visible = view.visibleImageRect();
    expect(visible.right - visible.left).to.be.at.least(1000);
    expect(visible.bottom - visible.top).to.be.at.least(750);
  });
});

describe('spatial labels', () => {
  it('parses JS-literal arrays of strings and of objects with display names', () => {
    expect(parseLabels("['Cat', \"Dog\", 3,]")).to.deep.equal(['Cat', 'Dog', '3']);
    expect(parseLabels("[{fullDisplayName: 'Passenger car', shortDisplayName: 'Car', longDisplayName: 'Cars, vans'}, {label: 'x'}]")).to.deep.equal([
      { fullDisplayName: 'Passenger car', shortDisplayName: 'Car', longDisplayName: 'Cars, vans' },
      { label: 'x' },
    ]);
  });

  it('refuses anything else with the item named', () => {
    expect(() => parseLabels("{label: 'a'}")).to.throw(LiteralSyntaxError, 'Expected an array of labels');
    expect(() => parseLabels('[true]')).to.throw(LiteralSyntaxError, 'Label 0 must be a string or an object');
    expect(() => parseLabels("['a', {color: '#fff'}]")).to.throw(LiteralSyntaxError, 'Label 1 has none of label, fullDisplayName, shortDisplayName');
    expect(() => parseLabels("['a',")).to.throw(LiteralSyntaxError, 'line 1');
  });

  it('gives each label its answer value, short and full names, and Ground Truth palette colour', () => {
    const labels = normalizeLabels(['Cat', { fullDisplayName: 'Passenger car', shortDisplayName: 'Car' }, { shortDisplayName: 'Bike', color: '#123456' }]);
    expect(labels).to.deep.equal([
      { value: 'Cat', short: 'Cat', full: 'Cat', long: '', color: LABEL_COLORS[0] },
      { value: 'Passenger car', short: 'Car', full: 'Passenger car', long: '', color: LABEL_COLORS[1] },
      { value: 'Bike', short: 'Bike', full: 'Bike', long: '', color: '#123456' },
    ]);
  });
});

describe('spatial shape kinds', () => {
  it('resizes a box from any corner, across the opposite one, clamped', () => {
    const start = [{ x: 10, y: 10 }, { x: 50, y: 40 }];
    expect(boxKind.dragHandle(start, 2, { x: 70.6, y: 45.2 }, image)).to.deep.equal([{ x: 10, y: 10 }, { x: 71, y: 45 }]);
    expect(boxKind.dragHandle(start, 0, { x: 60, y: -20 }, image)).to.deep.equal([{ x: 50, y: 0 }, { x: 60, y: 40 }]);
    expect(boxKind.resizeBy(start, -100, 5, image)).to.deep.equal([{ x: 10, y: 10 }, { x: 11, y: 45 }]);
    expect(boxKind.isDegenerate([{ x: 5, y: 5 }, { x: 5, y: 9 }])).to.equal(true);
  });

  it('hit-tests a box with tolerance and a keypoint by distance', () => {
    const box = [{ x: 10, y: 10 }, { x: 50, y: 40 }];
    expect(boxKind.contains(box, { x: 52, y: 20 }, 3)).to.equal(true);
    expect(boxKind.contains(box, { x: 55, y: 20 }, 3)).to.equal(false);
    expect(pointKind.contains([{ x: 10, y: 10 }], { x: 13, y: 14 }, 5)).to.equal(true);
    expect(pointKind.contains([{ x: 10, y: 10 }], { x: 14, y: 14 }, 5)).to.equal(false);
  });

  it('adds a keyboard box centred in the visible part, half its size', () => {
    expect(boxKind.createAt({ x: 100, y: 50 }, { width: 200, height: 100 }, { width: 200, height: 100 })).to.deep.equal([{ x: 50, y: 25 }, { x: 150, y: 75 }]);
  });
});
