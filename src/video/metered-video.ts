import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { RoomStoreController, renderMissingRoom } from '../controllers/room-store-controller.js';
import { JoinYieldingElement } from '../join-yield.js';
import { CustomStates } from '../custom-states.js';
import { themeStyles } from '../theme.styles.js';
import { AutoplayGateController } from './autoplay-gate-controller.js';
import { BoxSizeController } from './box-size-controller.js';
import { videoStyles } from './metered-video.styles.js';
import { gridColumns, stripColumns } from './tile-grid.js';
import { featuredTile, renderTile, tilesFor, type VideoTile } from './video-tile.js';

export type VideoLayout = 'grid' | 'speaker';

/** A box this narrow (px) or narrower shows our own camera as a small overlay, the others' video first. */
const NARROW_MAX_WIDTH = 480;

/**
 * The video area of the surrounding `<metered-room>`: one tile per participant, screen shares as tiles of their
 * own. The tiles fill the element's box (16:9 unless the page or the room gives it a size). In the grid layout they
 * are equal cells, with as many columns as show the largest 16:9 picture for the number of tiles and the box's
 * shape (1 tile: the whole box; 2: side by side; 3–4: 2×2; 5–9: three columns; more: more; in a box taller than
 * wide, such as a phone's, the largest square picture: up to 3 stacked, then two columns), each picture cropped
 * to its cell. A screen share (shown whole) takes the stage, with the camera tiles in a filmstrip below it. In a box
 * at most 480 px wide, your own camera becomes a small overlay in a corner and the others' video fills the box.
 *
 * Your own camera appears mirrored and muted (so you do not hear yourself). Each tile carries the participant's
 * name, a crossed-out microphone while their microphone is muted, and, while their media connects or recovers, a
 * "Connecting…" / "Reconnecting…" badge; another participant's camera tile also shows the network quality of the
 * path to them as bars, and its video allows the browser's own picture-in-picture. A participant whose camera is
 * off, or who sends no video, shows an avatar with the first letter of their name. A ring marks whoever is
 * speaking. When the browser refuses to start audio and video without a click (autoplay policy), one "Click to
 * start audio and video" button appears over the tiles and starts all of them. Must be placed inside a `<metered-room>` (at any depth, across shadow roots).
 *
 * @summary The video tiles of the surrounding room, with self-view, screen shares and layouts.
 *
 * @attr layout - `grid` (default): equal tiles. `speaker`: one large tile on the stage — a screen share if there
 *   is one, else the active speaker (see `metered-active-speaker`; a new speaker takes the stage after about
 *   1.5 s, so it does not flicker), else the first other participant — above a filmstrip of the others.
 *
 * @fires metered-error - On the video element: `autoplay_blocked` when the browser refused to start playback
 *   (once per episode; the overlay button resumes), `missing_room` when there is no room above it.
 *
 * @cssstate speaking - Someone shown in the element is speaking now, e.g.
 *   `metered-video:state(speaking) { outline: 2px solid green }` (browsers without CSS custom states ignore it).
 *
 * @csspart base - The container of the tiles.
 * @csspart tile - Each tile (`<figure>`); carries `data-peer-id`, `data-role` (`camera` | `screen`),
 *   `data-local` and `data-state` (the SDK's per-peer connection state).
 * @csspart tile-featured - The large tile on the stage (also has part `tile`).
 * @csspart tile-speaking - The tile of a participant who is speaking (also has part `tile`); its ring is drawn in
 *   `--metered-speaking`.
 * @csspart video - The `<video>` in each tile.
 * @csspart placeholder - The layer shown in a tile without video (camera off, or no stream yet).
 * @csspart avatar - The circle with the initial of the name, in the placeholder.
 * @csspart label - The name under each tile.
 * @csspart pip - The picture-in-picture button on another participant's tile (shown on hover and focus; absent
 *   where the browser has no picture-in-picture).
 * @csspart muted - The crossed-out microphone in the label (its accessible name is "Microphone off").
 * @csspart badge - The "Connecting…" / "Reconnecting…" badge.
 * @csspart quality - The network-quality bars on another participant's camera tile (`data-quality` 0–3; its
 *   accessible name is "Connection: good", "fair", "poor" or "bad").
 * @csspart empty - The text shown while nobody is in the call.
 * @csspart overlay - The layer over the tiles while playback waits for a click.
 * @csspart start-button - The "Click to start audio and video" button.
 * @csspart missing-room - The placeholder shown when there is no `<metered-room>` above the element.
 *
 * @cssprop --metered-tile-background - Background of a tile (seen while video is loading or absent).
 * @cssprop --metered-speaking - Colour of the speaking ring (default: the accent colour).
 * @cssprop --metered-text - Text colour of the empty state.
 * @cssprop --metered-muted-text - Colour of the empty state text.
 * @cssprop --metered-accent - Background of the start button and focus rings.
 * @cssprop --metered-on-accent - Text of the start button.
 * @cssprop --metered-radius - Corner radius of tiles and buttons.
 * @cssprop --metered-gap - Space between tiles.
 * @cssprop --metered-font - Font family.
 */
export class MeteredVideo extends JoinYieldingElement {
  // Static getters, not `static styles = …`: tsc would emit a class static block, which Safari before 16.4 cannot
  // parse (test/toolchain/package-checks.mjs checks the bundle).
  static override get styles() {
    return [themeStyles, videoStyles];
  }
  // Declared here rather than with a decorator: no decorator helpers in the script-tag bundle.
  static override get properties() {
    return { layout: { reflect: true } };
  }

  /** `grid` (equal tiles) or `speaker` (the active speaker on the stage, the others in a filmstrip). */
  layout: VideoLayout = 'grid';

  readonly #room = new RoomStoreController(this);
  readonly #autoplay = new AutoplayGateController(this);
  readonly #box = new BoxSizeController(this);
  /** Columns of the tile grid at the last render (written to the grid in `updated`, see there). */
  #columns = 1;
  /** Whether any tile shown speaks, for `:state(speaking)`. */
  #speaking = false;
  readonly #states = new CustomStates(this);

  override render(): TemplateResult {
    if (this.#room.missing) return renderMissingRoom();
    const tiles = tilesFor(this.#room.store?.participants ?? []);
    const { width, height } = this.#box;
    // A screen share takes the stage in any layout; the speaker layout always has one.
    const staged = tiles.length > 1 && (this.layout === 'speaker' || tiles.some((tile) => tile.role === 'screen'));
    const featured = staged ? featuredTile(tiles) : undefined;
    const overlay = staged ? undefined : this.#selfOverlay(tiles);
    const gridCount = tiles.length - (overlay ? 1 : 0);
    this.#columns = staged ? stripColumns(tiles.length) : gridColumns(gridCount, width, height);
    this.#speaking = tiles.some((tile) => tile.speaking);
    return html`<div part="base" class=${staged ? 'tiles staged' : 'tiles'}>
      ${tiles.length === 0 ? html`<p class="empty" part="empty">${this.#emptyText()}</p>` : nothing}
      ${repeat(
        tiles,
        (tile) => tile.key,
        (tile) => renderTile(tile, { featured: tile === featured, overlay: tile === overlay }),
      )}
      ${
        this.#autoplay.blocked
          ? html`<div class="overlay" part="overlay">
              <button class="start-button" part="start-button" type="button" @click=${() => this.#autoplay.resume()}>
                Click to start audio and video
              </button>
            </div>`
          : nothing
      }
    </div>`;
  }

  protected override updated(): void {
    // Set through the CSSOM, not a style attribute: pages with a strict style-src CSP block style attributes.
    this.renderRoot.querySelector<HTMLElement>('.tiles')?.style.setProperty('--_columns', String(this.#columns));
    // `:state(speaking)` for the page's CSS; CustomStates is where browsers without (plain-named) custom states,
    // or without attachInternals, are handled.
    this.#states.set(this.#speaking ? 'speaking' : null);
  }

  /** On a narrow box, our own camera becomes a small overlay, so the others' video gets the space. */
  #selfOverlay(tiles: readonly VideoTile[]): VideoTile | undefined {
    if (this.#box.width === 0 || this.#box.width > NARROW_MAX_WIDTH || tiles.length < 2) return undefined;
    return tiles.find((tile) => tile.isLocal && tile.role === 'camera');
  }

  #emptyText(): string {
    const state = this.#room.store?.state;
    if (state === 'joining' || state === 'reconnecting') return 'Joining…';
    return state === 'failed' ? 'Not connected.' : 'Nobody is in the call yet.';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'metered-video': MeteredVideo;
  }
}
