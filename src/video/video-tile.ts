/**
 * The tiles `<metered-video>` shows: one per participant (its camera, or a name placeholder while no stream has
 * arrived) plus one per screen share, and the template of a tile. Names are remote text, rendered as text.
 */
import type { PeerConnectionState } from '@metered-ca/realtime';
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { NetworkQualityLevel, Participant, StreamRole } from '../room-context.js';
import { renderQualityIndicator } from './quality-indicator.js';

export interface VideoTile {
  /**
   * Stable across reconnects (peer, role, position), so the same `<video>` element stays on the page and is
   * re-bound to the fresh MediaStream instead of being replaced.
   */
  readonly key: string;
  readonly peerId: string;
  readonly role: StreamRole;
  readonly stream: MediaStream | null;
  readonly label: string;
  readonly isLocal: boolean;
  readonly connectionState: PeerConnectionState;
  /** No media connection could be made (see `no_media_path`): the tile says so instead of "Connecting…". */
  readonly noMediaPath?: boolean;
  /** The participant's network quality (remote participants, once measured). */
  readonly quality?: NetworkQualityLevel;
}

export function tilesFor(participants: readonly Participant[]): VideoTile[] {
  return participants.flatMap(({ peerId, isLocal, connectionState, noMediaPath = false, displayName, streams, quality }) => {
    const tile = (role: StreamRole, stream: MediaStream | null, index: number, label: string): VideoTile => ({
      key: `${peerId}/${role}/${index}`,
      peerId,
      role,
      stream,
      label,
      isLocal,
      connectionState,
      noMediaPath,
      ...(quality === undefined ? {} : { quality }),
    });
    const name = isLocal ? `${displayName} (you)` : displayName;
    const cameras = streams.filter((s) => s.role === 'camera');
    // No camera stream (yet, or none at all): one camera tile with the name placeholder.
    return [
      ...(cameras.length > 0 ? cameras : [{ stream: null }]).map(({ stream }, index) =>
        tile('camera', stream, index, name),
      ),
      ...streams
        .filter((s) => s.role === 'screen')
        .map(({ stream }, index) => tile('screen', stream, index, `${displayName} (screen)`)),
    ];
  });
}

/** The tile shown large in the speaker layout: a screen share first, else the first remote camera, else ours. */
export function featuredTile(tiles: readonly VideoTile[]): VideoTile | undefined {
  return (
    tiles.find((t) => t.role === 'screen' && !t.isLocal) ??
    tiles.find((t) => t.role === 'screen') ??
    tiles.find((t) => !t.isLocal) ??
    tiles[0]
  );
}

/** The badge on a remote tile while its media connects or recovers. */
const BADGES: Partial<Record<PeerConnectionState, string>> = {
  idle: 'Connecting…',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
};

/** On a remote tile with no media path: plain words instead of a "Reconnecting…" that would never end. */
const NO_MEDIA_PATH_BADGE = 'No connection: this network needs a TURN server';

/** A live, enabled video track: our own camera switched off (track disabled) shows the placeholder, not black. */
function hasVideo(stream: MediaStream | null): boolean {
  return !!stream?.getVideoTracks().some((track) => track.readyState === 'live' && track.enabled);
}

export function renderTile(tile: VideoTile, featured: boolean): TemplateResult {
  let badge = tile.isLocal ? undefined : BADGES[tile.connectionState];
  if (!tile.isLocal && tile.noMediaPath && tile.connectionState !== 'connected') badge = NO_MEDIA_PATH_BADGE;
  // On the participant's camera tile only: a screen share travels the same path.
  const quality = tile.role === 'camera' && !tile.isLocal ? tile.quality : undefined;
  // Assigned only when the stream object changes (each assignment reloads the video, paused); the host's
  // AutoplayGateController then starts it.
  const stream = guard([tile.stream], () => tile.stream);
  return html`<figure
    class=${featured ? 'tile featured' : 'tile'}
    part=${featured ? 'tile tile-featured' : 'tile'}
    data-peer-id=${tile.peerId}
    data-role=${tile.role}
    data-local=${tile.isLocal}
    data-state=${tile.connectionState}
  >
    <video
      class="video"
      part="video"
      playsinline
      disablepictureinpicture
      .muted=${tile.isLocal}
      ?muted=${tile.isLocal}
      .srcObject=${stream}
    ></video>
    ${hasVideo(tile.stream) ? nothing : html`<div class="placeholder" part="placeholder" aria-hidden="true">${initial(tile.label)}</div>`}
    ${badge ? html`<span class="badge" part="badge">${badge}</span>` : nothing}
    ${quality === undefined ? nothing : renderQualityIndicator(quality)}
    <figcaption class="label" part="label">${tile.label}</figcaption>
  </figure>`;
}

function initial(label: string): string {
  // By code point, so a name starting with an emoji or a non-BMP letter shows that character whole.
  return [...label.trim()][0]?.toUpperCase() ?? '?';
}
