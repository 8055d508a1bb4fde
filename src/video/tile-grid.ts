/**
 * How the tiles share the video area, which CSS alone cannot count:
 *
 * - Grid: every tile is a cell of an equal grid that fills the box, and the column count is the one that shows the
 *   largest 16:9 picture (the picture is cropped to its cell, so the closer the cell is to 16:9, the less is cut
 *   away; square in a tall box, see gridColumns). That gives 1 tile the whole box, 2 side by side in a landscape
 *   box (stacked in a tall one), 3–4 in 2×2, 5–9 in 3×3 or 3×2, and so on — without a blank band under the tiles;
 *   on a phone, up to 3 stacked, then 2 columns.
 * - Stage: one tile on the stage (the speaker layout, or anyone's screen share) and the others in a filmstrip: one
 *   row under it, a quarter of the box's height, each thumbnail at most a quarter of the box wide (so 16:9 in a
 *   16:9 box while there are at most four of them; more are narrower, and cropped).
 */

/** The shape of a camera picture (and of a tile before the box is measured). */
export const TILE_ASPECT = 16 / 9;

/**
 * The number of columns that shows `count` pictures of TILE_ASPECT largest in a `width`×`height` box — square ones
 * in a tall box (a phone): there, as 16:9 pictures, a column of strips would win (five people in a 358×550 box as
 * 358×110 strips, each cutting away two thirds of a face's height, over 2×3 cells of 179×183), and a phone's own
 * camera sends upright pictures anyway.
 */
export function gridColumns(count: number, width: number, height: number): number {
  if (count <= 1 || width <= 0 || height <= 0) return 1;
  const aspect = width < height ? 1 : TILE_ASPECT;
  let best = 1;
  let bestPictureWidth = 0;
  for (let columns = 1; columns <= count; columns += 1) {
    const rows = Math.ceil(count / columns);
    // The largest picture (16:9, or square) that fits in one cell: as wide as the cell, or as wide as its height allows.
    const pictureWidth = Math.min(width / columns, (height / rows) * aspect);
    // On a tie (within half a pixel) a landscape box takes more columns: two people side by side, not stacked.
    const tie = Math.abs(pictureWidth - bestPictureWidth) < 0.5;
    if (tie ? width >= height : pictureWidth > bestPictureWidth) {
      best = columns;
      bestPictureWidth = pictureWidth;
    }
  }
  return best;
}

/** The fewest columns of the filmstrip: a thumbnail is at most a quarter of the width. */
const STRIP_MIN_COLUMNS = 4;
/**
 * Columns for the stage layout: the featured tile spans them all, the others share one row, each at most a quarter
 * of the width however few there are (a lone thumbnail as wide as the stage would not read as "small").
 */
export function stripColumns(count: number): number {
  return count <= 1 ? 1 : Math.max(STRIP_MIN_COLUMNS, count - 1);
}

