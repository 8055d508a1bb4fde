import { expect } from '@open-wc/testing';
import { gridColumns, speakerColumns } from '../src/video/tile-grid.js';

describe('tile grid columns', () => {
  it('one tile, or no measured box yet, is one column', () => {
    expect(gridColumns(1, 900, 500)).to.equal(1);
    expect(gridColumns(4, 0, 0)).to.equal(1);
  });

  it('follows the shape of the box: stacked in a tall one, side by side in a wide one', () => {
    expect(gridColumns(2, 480, 440)).to.equal(1); // 480×220 cells beat 240×440
    expect(gridColumns(2, 1200, 340)).to.equal(2); // 600×340 cells beat 1200×170
  });

  it('makes the pictures as large as the box allows', () => {
    expect(gridColumns(4, 1600, 900)).to.equal(2);
    expect(gridColumns(9, 1600, 900)).to.equal(3);
    expect(gridColumns(3, 3000, 400)).to.equal(3);
  });

  it('speaker layout: the others are quarter-width thumbnails under the featured tile', () => {
    expect(speakerColumns(1)).to.equal(1);
    expect(speakerColumns(2)).to.equal(4);
    expect(speakerColumns(9)).to.equal(4);
  });
});
