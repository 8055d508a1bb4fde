import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { RoomStoreController, renderMissingRoom } from '../controllers/room-store-controller.js';
import { JoinYieldingElement } from '../join-yield.js';
import { themeStyles } from '../theme.styles.js';
import { AutoplayGateController } from './autoplay-gate-controller.js';
import { BoxSizeController } from './box-size-controller.js';
import { videoStyles } from './metered-video.styles.js';
import { gridColumns, speakerColumns } from './tile-grid.js';
import { featuredTile, renderTile, tilesFor } from './video-tile.js';

export type VideoLayout = 'grid' | 'speaker';

/**
 * The video area of the surrounding `<metered-room>`: one tile per participant, screen shares as tiles of their
 * own. The tiles fill the element's box (16:9 unless the page or the room gives it a size): equal cells, with as many
 * columns as suit the box's shape, each picture cropped to its cell (a screen share is shown whole). Your own
 * camera appears mirrored and muted (so you do not hear yourself). Each tile carries the participant's
 * name and, while their media connects or recovers, a "Connecting…" / "Reconnecting…" badge; another
 * participant's camera tile also shows the network quality of the path to them as bars. A participant
 * without video shows the first letter of their name. When the browser refuses to start audio and video
 * without a click (autoplay policy), one "Click to start audio and video" button appears over the tiles and
 * starts all of them. Must be placed inside a `<metered-room>` (at any depth, across shadow roots).
 *
 * @summary The video tiles of the surrounding room, with self-view, screen shares and layouts.
 *
 * @attr layout - `grid` (default): equal tiles. `speaker`: one large tile (a screen share if there is one, else
 *   the first other participant) above a row of small ones.
 *
 * @fires metered-error - On the video element: `autoplay_blocked` when the browser refused to start playback
 *   (once per episode; the overlay button resumes), `missing_room` when there is no room above it.
 *
 * @csspart base - The container of the tiles.
 * @csspart tile - Each tile (`<figure>`); carries `data-peer-id`, `data-role` (`camera` | `screen`),
 *   `data-local` and `data-state` (the SDK's per-peer connection state).
 * @csspart tile-featured - The large tile in the speaker layout (also has part `tile`).
 * @csspart video - The `<video>` in each tile.
 * @csspart placeholder - The initial shown in a tile without video.
 * @csspart label - The name under each tile.
 * @csspart badge - The "Connecting…" / "Reconnecting…" badge.
 * @csspart quality - The network-quality bars on another participant's camera tile (`data-quality` 0–3; its
 *   accessible name is "Connection: good", "fair", "poor" or "bad").
 * @csspart empty - The text shown while nobody is in the call.
 * @csspart overlay - The layer over the tiles while playback waits for a click.
 * @csspart start-button - The "Click to start audio and video" button.
 * @csspart missing-room - The placeholder shown when there is no `<metered-room>` above the element.
 *
 * @cssprop --metered-tile-background - Background of a tile (seen while video is loading or absent).
 * @cssprop --metered-text - Text colour of the empty state.
 * @cssprop --metered-muted-text - Colour of the empty state text.
 * @cssprop --metered-accent - Background of the start button and focus rings.
 * @cssprop --metered-on-accent - Text of the start button.
 * @cssprop --metered-radius - Corner radius of tiles and buttons.
 * @cssprop --metered-gap - Space between tiles.
 * @cssprop --metered-font - Font family.
 */
export class MeteredVideo extends JoinYieldingElement {
  static override styles = [themeStyles, videoStyles];
  // Declared here rather than with a decorator: no decorator helpers in the script-tag bundle.
  static override properties = { layout: { reflect: true } };

  /** `grid` (equal tiles) or `speaker` (one large tile, the others in a row). */
  layout: VideoLayout = 'grid';

  readonly #room = new RoomStoreController(this);
  readonly #autoplay = new AutoplayGateController(this);
  readonly #box = new BoxSizeController(this);
  /** Columns of the tile grid at the last render (written to the grid in `updated`, see there). */
  #columns = 1;

  override render(): TemplateResult {
    if (this.#room.missing) return renderMissingRoom();
    const tiles = tilesFor(this.#room.store?.participants ?? []);
    const featured = this.layout === 'speaker' ? featuredTile(tiles) : undefined;
    this.#columns = featured
      ? speakerColumns(tiles.length)
      : gridColumns(tiles.length, this.#box.width, this.#box.height);
    return html`<div part="base" class="tiles">
      ${tiles.length === 0 ? html`<p class="empty" part="empty">${this.#emptyText()}</p>` : nothing}
      ${repeat(
        tiles,
        (tile) => tile.key,
        (tile) => renderTile(tile, tile === featured),
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
