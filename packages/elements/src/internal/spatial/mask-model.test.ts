import { expect } from '@open-wc/testing';
import { LabelMask, unionRect } from './mask-model.js';

const count = (mask: LabelMask, value: number): number => mask.data.filter((pixel) => pixel === value).length;

describe('LabelMask', () => {
  it('paints round brushes with hard edges and returns the changed rectangle', () => {
    const mask = new LabelMask(20, 10);
    // Diameter 5 at a pixel centre: rows of 3, 5, 5, 5, 3 pixels.
    expect(mask.paintStroke({ x: 10.5, y: 5.5 }, { x: 10.5, y: 5.5 }, 5, 1)).to.deep.equal({ x: 8, y: 3, width: 5, height: 5 });
    expect(count(mask, 1)).to.equal(21);
    expect(mask.paintStroke({ x: 10.5, y: 5.5 }, { x: 10.5, y: 5.5 }, 5, 1), 'painting the same again changes nothing').to.equal(null);
    const version = mask.version;
    mask.paintStroke({ x: 0.5, y: 0.5 }, { x: 19.5, y: 0.5 }, 1, 2);
    expect(count(mask, 2)).to.equal(20);
    expect(mask.version).to.equal(version + 1);
    expect(mask.paintStroke({ x: -50, y: -50 }, { x: -40, y: -40 }, 3, 1), 'off the image').to.equal(null);
  });

  it('fills polygons with half-open edges, so neighbours sharing an edge never overlap', () => {
    const mask = new LabelMask(10, 10);
    mask.fillPolygon([{ x: 0, y: 0 }, { x: 5, y: 0 }, { x: 5, y: 10 }, { x: 0, y: 10 }], 1);
    mask.fillPolygon([{ x: 5, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }, { x: 5, y: 10 }], 2);
    expect([count(mask, 1), count(mask, 2), count(mask, 0)]).to.deep.equal([50, 50, 0]);
    const triangle = new LabelMask(10, 10);
    triangle.fillPolygon([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 0, y: 10 }], 3);
    expect(count(triangle, 3)).to.equal(45);
  });

  it('flood-fills the 4-connected region only', () => {
    const mask = new LabelMask(6, 4);
    // A wall in column 2 with a diagonal gap: 4-connectivity does not leak through it.
    for (const [x, y] of [[2, 0], [2, 1], [3, 2], [3, 3]]) mask.data[(y as number) * 6 + (x as number)] = 1;
    expect(mask.floodFill(0.5, 0.5, 2)).to.deep.equal({ x: 0, y: 0, width: 3, height: 4 });
    expect(count(mask, 2)).to.equal(2 * 2 + 3 * 2);
    expect(mask.floodFill(0.5, 0.5, 2)).to.equal(null);
  });

  it('unions rectangles', () => {
    expect(unionRect({ x: 1, y: 1, width: 2, height: 2 }, { x: 5, y: 0, width: 1, height: 1 })).to.deep.equal({ x: 1, y: 0, width: 5, height: 3 });
    expect(unionRect(null, null)).to.equal(null);
  });
});
