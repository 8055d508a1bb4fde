/**
 * The room's own captures: the camera/microphone stream and an optional screen share. Its one hard promise is
 * `stopAll()`: every capture track it ever started is stopped (the camera light goes off), including tracks from
 * a `getUserMedia` that resolves after the room was torn down — those are stopped the moment they arrive.
 */
import type { ParticipantStream } from '../room-context.js';
import type { MediaKind } from './room-config.js';

export type MediaFailure = { kind: 'insecure' } | { kind: 'error'; error: unknown };
/** The microphone and camera to capture, by device id (the pre-join screen's remembered choice). */
export type DeviceChoice = Partial<Record<MediaKind, string>>;

export class LocalMedia {
  /** Camera + microphone, when captured. */
  camera: MediaStream | null = null;
  /** The current screen share, when sharing. */
  screen: MediaStream | null = null;
  microphoneEnabled = true;
  cameraEnabled = true;

  /** Bumped by stopAll(): a capture that started under an older epoch is stale and is stopped on arrival. */
  #epoch = 0;

  /** Media capture needs a secure page; on http:// browsers hide `navigator.mediaDevices` altogether. */
  static available(): boolean {
    return window.isSecureContext && typeof navigator.mediaDevices?.getUserMedia === 'function';
  }

  /**
   * Captures the requested kinds, from the `devices` chosen earlier where they are still there (`ideal`: a device
   * since unplugged falls back to another). Resolves null when stopAll() ran meanwhile (the tracks are already
   * stopped).
   */
  async capture(kinds: ReadonlySet<MediaKind>, devices: DeviceChoice = {}): Promise<MediaStream | MediaFailure | null> {
    if (kinds.size === 0) return null;
    if (!LocalMedia.available()) return { kind: 'insecure' };
    const epoch = this.#epoch;
    const constraint = (kind: MediaKind) => kinds.has(kind) && (devices[kind] ? { deviceId: { ideal: devices[kind] } } : true);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: constraint('audio'), video: constraint('video') });
    } catch (error) {
      return { kind: 'error', error };
    }
    if (epoch !== this.#epoch) {
      stopStream(stream);
      return null;
    }
    this.camera = stream;
    this.#applyEnabled();
    return stream;
  }

  /** Starts a screen share from `getDisplayMedia`, or adopts `stream` (a canvas capture, an app's own source). */
  async captureScreen(stream?: MediaStream): Promise<MediaStream | null> {
    const epoch = this.#epoch;
    const screen = stream ?? (await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false }));
    if (epoch !== this.#epoch) {
      stopStream(screen);
      return null;
    }
    this.screen = screen;
    return screen;
  }

  /**
   * Opens `deviceId` for `kind` and returns its track, not yet in use: the caller swaps it in on the peer first,
   * then here (`swapTrack`). Null when stopAll() ran meanwhile or there is no capture to switch (the new track is
   * stopped then).
   */
  async openDevice(kind: MediaKind, deviceId: string): Promise<MediaStreamTrack | null> {
    const stream = this.camera;
    if (!stream || !trackOf(stream, kind)) return null;
    const epoch = this.#epoch;
    const fresh = await navigator.mediaDevices.getUserMedia({ [kind]: { deviceId: { exact: deviceId } } });
    if (epoch !== this.#epoch || this.camera !== stream) {
      stopStream(fresh);
      return null;
    }
    for (const extra of fresh.getTracks()) if (extra.kind !== kind) extra.stop();
    return trackOf(fresh, kind) ?? null;
  }

  /** The capture's current audio or video track. */
  track(kind: MediaKind): MediaStreamTrack | undefined {
    return this.camera ? trackOf(this.camera, kind) : undefined;
  }

  /** Puts `fresh` in the capture stream in place of `old` (which the caller stops). */
  swapTrack(old: MediaStreamTrack, fresh: MediaStreamTrack): void {
    if (!this.camera) return;
    this.camera.removeTrack(old);
    this.camera.addTrack(fresh);
    this.#applyEnabled();
  }

  stopScreen(): MediaStream | null {
    const screen = this.screen;
    if (screen) stopStream(screen);
    this.screen = null;
    return screen;
  }

  setMicrophoneEnabled(enabled: boolean): void {
    this.microphoneEnabled = enabled;
    this.#applyEnabled();
  }

  setCameraEnabled(enabled: boolean): void {
    this.cameraEnabled = enabled;
    this.#applyEnabled();
  }

  /** Stops every capture track, now and for any capture still in flight. */
  stopAll(): void {
    this.#epoch += 1;
    if (this.camera) stopStream(this.camera);
    this.stopScreen();
    this.camera = null;
  }

  /** The local participant's streams: camera first, then the screen share. */
  streams(): ParticipantStream[] {
    return [
      ...(this.camera ? [{ stream: this.camera, role: 'camera' as const }] : []),
      ...(this.screen ? [{ stream: this.screen, role: 'screen' as const }] : []),
    ];
  }

  /** Ids of the device each capture track uses, for the device pickers. */
  currentDeviceId(kind: MediaKind): string | undefined {
    return this.track(kind)?.getSettings().deviceId;
  }

  #applyEnabled(): void {
    for (const track of this.camera?.getTracks() ?? []) {
      track.enabled = track.kind === 'audio' ? this.microphoneEnabled : this.cameraEnabled;
    }
  }
}

/** The stream's first audio or video track. */
function trackOf(stream: MediaStream, kind: MediaKind): MediaStreamTrack | undefined {
  return stream.getTracks().find((track) => track.kind === kind);
}

export function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
