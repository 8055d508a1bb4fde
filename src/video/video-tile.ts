/**
 * The tiles `<metered-video>` shows: one per participant (its camera, or an avatar with the initial of the name
 * while no stream has arrived or the camera is off) plus one per screen share, and the template of a tile: the
 * name with a muted-microphone icon and a ring while the participant speaks, and on the others' tiles a
 * picture-in-picture button where the browser has it. Names are remote text, rendered as text.
 */
import type { PeerConnectionState } from '@metered-ca/realtime';
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { NetworkQualityLevel, Participant, StreamRole } from '../room-context.js';
import { micOffIcon, pipIcon } from '../icons.js';
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
  /** The participant's name, for the avatar's initial and colour. */
  readonly name: string;
  readonly isLocal: boolean;
  readonly connectionState: PeerConnectionState;
  /** No media connection could be made (see `no_media_path`): the tile says so instead of "Connecting…". */
  readonly noMediaPath?: boolean;
  /** The participant's network quality (remote participants, once measured). */
  readonly quality?: NetworkQualityLevel;
  /** The participant's microphone is muted (shown on the camera tile). */
  readonly audioMuted?: boolean;
  /** The participant's camera is off: its camera tile shows the avatar instead of black frames. */
  readonly videoMuted?: boolean;
  readonly speaking?: boolean;
  /** The participant has the floor (the speaker layout's stage). */
  readonly activeSpeaker?: boolean;
}

export function tilesFor(participants: readonly Participant[]): VideoTile[] {
  return participants.flatMap((participant) => {
    const { peerId, isLocal, connectionState, noMediaPath = false, displayName, streams, quality } = participant;
    const tile = (role: StreamRole, stream: MediaStream | null, index: number, label: string): VideoTile => ({
      key: `${peerId}/${role}/${index}`,
      peerId,
      role,
      stream,
      label,
      name: displayName,
      isLocal,
      connectionState,
      noMediaPath,
      ...(quality === undefined ? {} : { quality }),
      // The media state and the ring belong to the person, so to their camera tile, not to a screen share.
      ...(role === 'camera'
        ? {
            audioMuted: participant.audioMuted,
            videoMuted: participant.videoMuted,
            speaking: participant.speaking,
            activeSpeaker: participant.activeSpeaker,
          }
        : {}),
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

/**
 * The tile on the stage (speaker layout, or any layout while someone shares a screen): a screen share first, else
 * the active speaker's camera, else the first remote camera, else ours.
 */
export function featuredTile(tiles: readonly VideoTile[]): VideoTile | undefined {
  return (
    tiles.find((t) => t.role === 'screen' && !t.isLocal) ??
    tiles.find((t) => t.role === 'screen') ??
    tiles.find((t) => t.activeSpeaker) ??
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

/**
 * Whether the tile has a picture to show: a live, enabled video track (our own camera switched off disables the
 * track) from a participant who did not say their camera is off (a remote camera switched off still sends black
 * frames: only its hello tells).
 */
function hasVideo(tile: VideoTile): boolean {
  const live = tile.stream?.getVideoTracks().some((track) => track.readyState === 'live' && track.enabled);
  return !!live && !tile.videoMuted;
}

/** Tile options that depend on the layout. */
export interface TileLayout {
  /** On the stage (speaker layout, screen share). */
  featured: boolean;
  /** Our own camera as a small overlay in a corner (narrow boxes). */
  overlay?: boolean;
}

export function renderTile(tile: VideoTile, { featured, overlay = false }: TileLayout): TemplateResult {
  let badge = tile.isLocal ? undefined : BADGES[tile.connectionState];
  if (!tile.isLocal && tile.noMediaPath && tile.connectionState !== 'connected') badge = NO_MEDIA_PATH_BADGE;
  // On the participant's camera tile only: a screen share travels the same path.
  const quality = tile.role === 'camera' && !tile.isLocal ? tile.quality : undefined;
  // Assigned only when the stream object changes (each assignment reloads the video, paused); the host's
  // AutoplayGateController then starts it.
  const stream = guard([tile.stream], () => tile.stream);
  return html`<figure
    class="tile ${featured ? 'featured' : ''} ${overlay ? 'self-overlay' : ''} ${tile.speaking ? 'speaking' : ''}"
    part="tile ${featured ? 'tile-featured' : ''} ${tile.speaking ? 'tile-speaking' : ''}"
    data-peer-id=${tile.peerId}
    data-role=${tile.role}
    data-local=${tile.isLocal}
    data-state=${tile.connectionState}
  >
    <video
      class="video"
      part="video"
      playsinline
      ?disablepictureinpicture=${tile.isLocal}
      .muted=${tile.isLocal}
      ?muted=${tile.isLocal}
      .srcObject=${stream}
    ></video>
    ${hasVideo(tile) ? nothing : renderAvatar(tile.name)}
    ${badge ? html`<span class="badge" part="badge">${badge}</span>` : nothing}
    ${quality === undefined ? nothing : renderQualityIndicator(quality)}
    ${!tile.isLocal && hasVideo(tile) && document.pictureInPictureEnabled ? renderPictureInPicture() : nothing}
    <figcaption class="label" part="label">${tile.audioMuted ? renderMuted() : nothing}${tile.label}</figcaption>
  </figure>`;
}

/** The initial of the name in a circle (one colour for everyone: a colour per name did not fit the bundle budget). */
function renderAvatar(name: string): TemplateResult {
  return html`<div class="placeholder" part="placeholder" aria-hidden="true"><span class="avatar" part="avatar">${initial(name)}</span></div>`;
}

/**
 * The picture-in-picture button: the tile's video in a floating window that stays on top while the person uses
 * other tabs or apps. Hidden where the browser has none (Firefox offers its own toggle on the video instead).
 */
function renderPictureInPicture(): TemplateResult {
  const open = (event: Event) => {
    const video = (event.currentTarget as Element).closest('figure')?.querySelector('video');
    // Refused without a user gesture or while another PiP opens: nothing to undo, the tile stays as it is.
    video?.requestPictureInPicture().catch(() => undefined);
  };
  return html`<button class="pip" part="pip" aria-label="Picture in picture" title="Picture in picture" @click=${open}>${pipIcon}</button>`;
}

/** The muted-microphone icon, named in words for assistive technology. */
function renderMuted(): TemplateResult {
  return html`<span class="muted" part="muted" role="img" aria-label="Microphone off" title="Microphone off">${micOffIcon}</span>`;
}

function initial(name: string): string {
  // By code point, so a name starting with an emoji or a non-BMP letter shows that character whole.
  return [...name.trim()][0]?.toUpperCase() ?? '?';
}
