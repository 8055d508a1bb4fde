/**
 * How many columns the tiles get, so that the video area is used: every tile is a cell of an equal grid that fills
 * the box, and the column count is the one whose cells are closest to the camera's 16:9 (the picture is cropped
 * to its cell, so the closer, the less is cut away). With one tile per participant that means one wide column in
 * a wide, short box and side-by-side tiles in a tall one, without a blank band under the tiles.
 */

/** The shape of a camera picture (and of a tile before the box is measured). */
export const TILE_ASPECT = 16 / 9;

/** The number of columns that shows `count` pictures of TILE_ASPECT largest in a `width`×`height` box. */
export function gridColumns(count: number, width: number, height: number): number {
  if (count <= 1 || width <= 0 || height <= 0) return 1;
  let best = 1;
  let bestPictureWidth = 0;
  for (let columns = 1; columns <= count; columns += 1) {
    const rows = Math.ceil(count / columns);
    // The largest 16:9 picture that fits in one cell: as wide as the cell, or as wide as its height allows.
    const pictureWidth = Math.min(width / columns, (height / rows) * TILE_ASPECT);
    if (pictureWidth > bestPictureWidth) {
      best = columns;
      bestPictureWidth = pictureWidth;
    }
  }
  return best;
}

/** Columns of the thumbnail rows under the featured tile in the speaker layout. */
const SPEAKER_ROW = 4;

/**
 * Columns for the speaker layout: the featured tile spans them all, the others are thumbnails a quarter of the
 * width, however few there are (a lone thumbnail as wide as the featured tile would not read as "small").
 */
export function speakerColumns(count: number): number {
  return count <= 1 ? 1 : SPEAKER_ROW;
}
