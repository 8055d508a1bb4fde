import { css } from 'lit';

export const videoStyles = css`
  /* A box of its own (16:9 unless the page or the room sizes it) that the tiles fill; they never grow it. */
  :host {
    display: block;
    position: relative;
    aspect-ratio: 16 / 9;
    min-height: 8rem;
    /* The accent by default: a green ring vanished on green-lit (and the fake camera's green) pictures. */
    --_speaking: var(--metered-speaking, var(--_accent));
  }
  /* Equal cells filling the box; metered-video.ts picks the number of columns (--_columns) for the box's shape. */
  .tiles {
    position: absolute;
    inset: 0;
    display: grid;
    grid-template-columns: repeat(var(--_columns, 1), minmax(0, 1fr));
    grid-auto-rows: minmax(0, 1fr);
    gap: var(--_gap);
  }
  /*
   * Stage: the featured tile takes the first row, the others share one filmstrip row a quarter of the height
   * (thumbnails a quarter of the width or less, tile-grid.ts: 16:9 ones in a 16:9 box).
   */
  .staged {
    grid-template-rows: minmax(0, 3fr) minmax(0, 1fr);
  }
  /* Order, not DOM position, makes the featured tile big: switching layouts never re-creates a <video>. */
  .featured {
    grid-column: 1 / -1;
    order: -1;
  }
  .empty {
    grid-column: 1 / -1;
    margin: auto;
    color: var(--_muted);
  }
  .tile {
    position: relative;
    margin: 0;
    min-width: 0;
    min-height: 0;
    overflow: hidden;
    background: var(--_tile-bg);
    border-radius: var(--_radius);
  }
  .video {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  /*
   * Our own camera in the corner at the end of the last row, away from the others' name labels (at the start); a
   * phone's camera picture is upright, hence 3:4, but never taller than half the box.
   */
  .self-overlay {
    position: absolute;
    inset-block-end: var(--_gap);
    inset-inline-end: var(--_gap);
    width: 30%;
    aspect-ratio: 3 / 4;
    max-height: 50%;
    z-index: 1;
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.5);
  }
  /* The speaking ring, drawn over the video (a border on the tile itself would sit under it). */
  .tile::after {
    content: '';
    position: absolute;
    inset: 0;
    border-radius: inherit;
    pointer-events: none;
  }
  .speaking::after {
    border: 4px solid var(--_speaking);
  }
  .tile[data-role='screen'] .video {
    object-fit: contain;
  }
  /* Only our own camera is mirrored, like a mirror; a mirrored screen share would make its text unreadable. */
  .tile[data-local='true'][data-role='camera'] .video {
    transform: scaleX(-1);
  }
  .placeholder,
  .overlay {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
  }
  /* Covers the black frames of a camera that is off. */
  .placeholder {
    background: var(--_tile-bg);
    container-type: size;
  }
  .avatar {
    display: grid;
    place-items: center;
    width: min(6rem, 45cqmin);
    aspect-ratio: 1;
    border-radius: 50%;
    font-size: min(2.5rem, 20cqmin);
    font-weight: 600;
    color: #ffffff;
    background: #1d4ed8;
  }
  .label,
  .badge {
    position: absolute;
    inset-inline-start: var(--_gap);
    max-width: calc(100% - 2 * var(--_gap));
    padding: 0.15em 0.5em;
    border-radius: var(--_radius);
    background: rgb(0 0 0 / 0.6);
    color: #ffffff;
    font-size: 0.85rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .label {
    bottom: var(--_gap);
  }
  .muted {
    margin-inline-end: 0.3em;
    color: #fca5a5;
  }
  .muted svg {
    width: 1em;
    height: 1em;
    vertical-align: -0.15em;
  }
  .badge {
    top: var(--_gap);
  }
  /* Picture in picture: bottom corner at the end of the line, away from the name; shown on hover and keyboard focus
     (always where there is no hover, on touch screens). */
  .pip {
    position: absolute;
    bottom: var(--_gap);
    inset-inline-end: var(--_gap);
    display: inline-flex;
    padding: 0.3em;
    border: 0;
    border-radius: var(--_radius);
    background: rgb(0 0 0 / 0.6);
    color: #ffffff;
    cursor: pointer;
    opacity: 0;
  }
  .tile:hover .pip,
  .pip:focus-visible {
    opacity: 1;
  }
  @media (hover: none) {
    .pip {
      opacity: 1;
    }
  }
  /* A filmstrip thumbnail is too small for a button beside its name: picture in picture from the stage only. */
  .staged .tile:not(.featured) .pip {
    display: none;
  }
  /* Network quality bars (quality-indicator.ts): top corner at the end of the line, away from the badge. */
  .quality {
    position: absolute;
    top: var(--_gap);
    inset-inline-end: var(--_gap);
    display: flex;
    padding: 0.3em 0.4em;
    border-radius: var(--_radius);
    background: rgb(0 0 0 / 0.6);
    color: #ffffff;
    line-height: 0;
  }
  .quality[data-quality='1'] {
    color: #fbbf24;
  }
  .quality[data-quality='0'] {
    color: #f87171;
  }
  .bar {
    fill: currentColor;
    opacity: 0.35;
  }
  .bar-on {
    opacity: 1;
  }
  .overlay {
    background: rgb(0 0 0 / 0.55);
    border-radius: var(--_radius);
    z-index: 1;
  }
  .start-button {
    font-size: 1.1rem;
    padding: 0.6em 1.2em;
    border: none;
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
  }
  /* White, not the accent: the button itself is accent-coloured. The offset comes from the shared ring. */
  .start-button:focus-visible {
    outline: 3px solid #ffffff;
  }
`;
