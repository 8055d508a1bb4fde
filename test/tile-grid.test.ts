import { expect } from '@open-wc/testing';
import { gridColumns, stripColumns } from '../src/video/tile-grid.js';

describe('tile grid columns', () => {
  it('one tile, or no measured box yet, is one column', () => {
    expect(gridColumns(1, 900, 500)).to.equal(1);
    expect(gridColumns(4, 0, 0)).to.equal(1);
  });

  it('follows the shape of the box: stacked in a tall one, side by side in a wide one', () => {
    expect(gridColumns(2, 480, 440)).to.equal(1); // 480×220 cells beat 240×440
    expect(gridColumns(2, 1200, 340)).to.equal(2); // 600×340 cells beat 1200×170
  });

  it('in a tall box (a phone) aims at square pictures: four or five people in two columns, not strips', () => {
    // A phone's stage, 358×550: as 16:9 pictures five stacked strips of 358×110 (3¼:1) would "win" over 179×183.
    expect([1, 2, 3, 4, 5, 6].map((count) => gridColumns(count, 358, 550))).to.deep.equal([1, 1, 1, 2, 2, 2]);
  });

  it('makes the pictures as large as the box allows', () => {
    expect(gridColumns(4, 1600, 900)).to.equal(2);
    expect(gridColumns(9, 1600, 900)).to.equal(3);
    expect(gridColumns(3, 3000, 400)).to.equal(3);
  });

  it('adapts to the count in a 16:9 box: 1, 2 side by side, 3–4 in 2×2, 5–6 in 3×2, 7–9 in 3×3, then more', () => {
    const columns = [1, 2, 3, 4, 5, 6, 7, 9, 10, 16].map((count) => gridColumns(count, 1280, 720));
    expect(columns).to.deep.equal([1, 2, 2, 2, 3, 3, 3, 3, 4, 4]);
  });

  it('stage layout: the others share one filmstrip row, each at most a quarter of the width', () => {
    expect(stripColumns(1)).to.equal(1);
    expect(stripColumns(2)).to.equal(4);
    expect(stripColumns(9)).to.equal(8);
  });
});
