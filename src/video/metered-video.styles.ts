import { css } from 'lit';

export const videoStyles = css`
  /* A box of its own (16:9 unless the page or the room sizes it) that the tiles fill; they never grow it. */
  :host {
    display: block;
    position: relative;
    aspect-ratio: 16 / 9;
    min-height: 8rem;
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
  /* The featured tile takes the first, larger row; the others share the rows below it. */
  :host([layout='speaker']) .tiles {
    grid-template-rows: minmax(0, 3fr);
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
  .placeholder {
    font-size: 2.5rem;
    font-weight: 600;
    color: #f9fafb;
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
  .badge {
    top: var(--_gap);
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
