/**
 * The room's media: the camera/microphone capture for each join, the toggles, device switching and the screen
 * share. Captures live in `LocalMedia` (whose one hard promise is that `stopAll()` turns every camera light off);
 * this controller decides what happens to the SDK peer when they change, and reports failures as `metered-error`
 * on the room. Nothing here throws.
 *
 * Device switches and screen-share starts/stops run one at a time, in the order they were asked for: two quick
 * switches used to open two microphones at once and leave one of them live, and a stop that overtook its start
 * left a share running.
 */
import type { MeteredPeer } from '@metered-ca/realtime';
import { mapMediaError, mapScreenShareError, mapSdkError } from '../error-mapping.js';
import type { MeteredErrorDetail } from '../errors.js';
import type { MeteredErrorInit } from '../events.js';
import type { StreamRole } from '../room-context.js';
import { LocalMedia, type DeviceChoice, type MediaFailure } from './local-media.js';
import type { MediaKind } from './room-config.js';
import type { MediaState } from './room-messages.js';

/** What the controller needs from the room session. */
export interface MediaHost {
  /** The current SDK peer, or null between joins. */
  readonly peer: MeteredPeer | null;
  report(init: MeteredErrorInit): MeteredErrorDetail;
  changed(): void;
  /** Tells the others about a local stream's role (a new screen share). */
  announceStream(stream: MediaStream, role: StreamRole): void;
}

export type DeviceKind = 'audioinput' | 'videoinput';

export class MediaController {
  readonly local = new LocalMedia();

  /** The pre-join preview's capture, while it may still be in flight. */
  #preview: Promise<MediaStream | MediaFailure | null> | null = null;
  /** The tail of the queue of device and screen-share operations. */
  #queue: Promise<void> = Promise.resolve();
  readonly #host: MediaHost;

  constructor(host: MediaHost) {
    this.#host = host;
  }

  /** True when this room sends media (announced to the others, so they do not wait for our stream). */
  get publishes(): boolean {
    return this.local.camera !== null;
  }

  /** Our microphone / camera state as the others see it: off when switched off, and when there is none. */
  get mediaState(): MediaState {
    return {
      audioMuted: !this.local.microphoneEnabled || this.local.track('audio')?.readyState !== 'live',
      videoMuted: !this.local.cameraEnabled || this.local.track('video')?.readyState !== 'live',
    };
  }

  /**
   * Captures what `kinds` asks for and adds it to `peer`. Resolves to the failure to show as a notice (the call
   * goes on without camera/microphone), or null. `isCurrent` says whether the join that asked is still the live
   * one once the capture lands.
   */
  async publishCamera(
    kinds: ReadonlySet<MediaKind>,
    peer: MeteredPeer,
    isCurrent: () => boolean,
  ): Promise<MeteredErrorDetail | null> {
    // A preview still capturing hands its stream over: one getUserMedia, one camera light.
    await this.#preview;
    const captured = this.local.camera ?? (await this.local.capture(kinds));
    // A leave meanwhile already stopped the tracks (LocalMedia stops a capture that lands after stopAll()).
    if (!isCurrent()) return null;
    if (captured && 'kind' in captured) return this.#reportFailure(captured);
    if (!this.local.camera) return null;
    try {
      peer.addStream(this.local.camera, { role: 'camera' });
    } catch {
      // Only throws once the peer is leaving or closed, i.e. its session is ending and stops the tracks.
      return null;
    }
    this.#host.changed();
    return null;
  }

  /**
   * The pre-join screen's preview: captures before joining; the join then sends this capture instead of asking
   * again. A failure is reported and returned (the join asks again: the person may have allowed the device since).
   */
  async preview(kinds: ReadonlySet<MediaKind>, devices: DeviceChoice): Promise<MeteredErrorDetail | null> {
    if (this.local.camera) return null;
    this.#preview = this.local.capture(kinds, devices);
    const captured = await this.#preview;
    this.#host.changed();
    return captured && 'kind' in captured ? this.#reportFailure(captured) : null;
  }

  setMicrophoneEnabled(enabled: boolean): void {
    this.local.setMicrophoneEnabled(enabled);
    this.#host.changed();
  }

  setCameraEnabled(enabled: boolean): void {
    this.local.setCameraEnabled(enabled);
    this.#host.changed();
  }

  /** Shares the screen (getDisplayMedia), or `source` (a canvas capture, an app's own stream), as role "screen". */
  startScreenShare(source?: MediaStream): Promise<void> {
    return this.#enqueue(() => this.#startScreenShare(source));
  }

  stopScreenShare(): Promise<void> {
    return this.#enqueue(async () => this.#stopScreenShare());
  }

  /** Switches the microphone (`audioinput`) or camera (`videoinput`) to `deviceId`. */
  selectDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    return this.#enqueue(() => this.#selectDevice(kind === 'audioinput' ? 'audio' : 'video', deviceId));
  }

  /** Stops every capture track, now and for any capture still in flight (leave, removal, fatal error). */
  stopAll(): void {
    this.local.stopAll();
  }

  #enqueue(operation: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(operation);
    this.#queue = run.catch(() => {}); // each operation reports its own failures; the queue must go on
    return run;
  }

  async #startScreenShare(source?: MediaStream): Promise<void> {
    if (this.local.screen) return;
    let screen: MediaStream | null;
    try {
      screen = await this.local.captureScreen(source);
    } catch (err) {
      this.#host.report(mapScreenShareError(err));
      return;
    }
    if (!screen) return;
    screen.getVideoTracks()[0]?.addEventListener('ended', () => void this.stopScreenShare());
    const peer = this.#sendingPeer();
    if (peer) {
      try {
        peer.addStream(screen, { role: 'screen' });
      } catch (err) {
        this.#reportSdk(err);
      }
    }
    this.#host.announceStream(screen, 'screen');
    this.#host.changed();
  }

  #stopScreenShare(): void {
    const screen = this.local.screen;
    if (!screen) return;
    const peer = this.#sendingPeer();
    if (peer) {
      try {
        peer.removeStream(screen);
      } catch (err) {
        this.#reportSdk(err);
      }
    }
    this.local.stopScreen();
    this.#host.changed();
  }

  async #selectDevice(kind: MediaKind, deviceId: string): Promise<void> {
    let fresh: MediaStreamTrack | null;
    try {
      fresh = await this.local.openDevice(kind, deviceId);
    } catch (err) {
      this.#host.report(mapMediaError(err));
      return;
    }
    if (!fresh) return;
    const camera = this.local.camera;
    const old = this.local.track(kind);
    if (!camera || !old) {
      fresh.stop();
      return;
    }
    const peer = this.#sendingPeer();
    if (peer) {
      try {
        if (peer.state === 'reconnecting') {
          // replaceTrack refuses while reconnecting (SDK 1.2.0); the tracking map alone is updated and the fresh
          // connections carry the new track once the SDK has reconnected.
          peer.removeTrack(old);
          peer.addTrack(fresh, camera, { role: 'camera' });
        } else {
          // No renegotiation: the others' receivers simply get the new device's frames.
          await peer.replaceTrack(old, fresh);
        }
      } catch (err) {
        // The others still receive the old device: keep it live and drop the new one.
        fresh.stop();
        this.#reportSdk(err);
        return;
      }
    }
    // Only now, with the swap done everywhere, does the old device stop.
    this.local.swapTrack(old, fresh);
    old.stop();
    this.#host.changed();
  }

  /** The peer, when it is in a state where streams may be added or removed. */
  #sendingPeer(): MeteredPeer | null {
    const peer = this.#host.peer;
    const state = peer?.state;
    const canSend = state === 'idle' || state === 'joining' || state === 'joined' || state === 'reconnecting';
    return canSend ? peer : null;
  }

  #reportFailure(failure: MediaFailure): MeteredErrorDetail {
    if (failure.kind === 'insecure') return this.#host.report({ code: 'insecure_context', fatal: false });
    return this.#host.report(mapMediaError(failure.error));
  }

  #reportSdk(err: unknown): void {
    const init = mapSdkError(err);
    if (init) this.#host.report(init);
  }
}
