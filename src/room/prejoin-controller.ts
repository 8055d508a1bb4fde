/**
 * The pre-join screen's side of things: its camera/microphone preview, the microphone's level, the device list and
 * the choices being made. The preview is a capture of its own, stopped (camera light off) when the call starts,
 * when the screen goes away and when the room leaves the page; the call then captures with the chosen devices.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { mapMediaError } from '../error-mapping.js';
import type { MeteredErrorCode } from '../errors.js';
import { LevelMeter } from './level-meter.js';
import { captureConstraints, LocalMedia, stopStream } from './local-media.js';
import { defaultChoices, loadChoices, saveChoices, type PrejoinChoices } from './prejoin-choices.js';
import type { MediaKind } from './room-config.js';

export class PrejoinController implements ReactiveController {
  choices: PrejoinChoices = defaultChoices();
  /** The preview capture while the screen is open, else null. */
  preview: MediaStream | null = null;
  /** Why there is no preview (permission denied, no device, insecure page), or null. */
  failure: MeteredErrorCode | null = null;
  devices: readonly MediaDeviceInfo[] = [];
  /** The microphone's level, 0 to 1. */
  level = 0;
  /** True from `open()` until `close()`. */
  opened = false;

  readonly #host: ReactiveControllerHost;
  readonly #meter = new LevelMeter((level) => {
    this.level = level;
    this.#host.requestUpdate();
  });
  #kinds: ReadonlySet<MediaKind> = new Set();
  /** Bumped by every capture and by close(): a capture that lands after a newer one (or the close) is stopped. */
  #epoch = 0;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Shows the screen: the remembered choices (unless `remember` is false), `name` first if the page set one. */
  open(kinds: ReadonlySet<MediaKind>, remember: boolean, name: string): void {
    this.opened = true;
    this.choices = remember ? loadChoices() : defaultChoices();
    if (name) this.choices.name = name;
    this.#kinds = kinds;
    void this.#capture();
  }

  /** Changes some choices; a different device restarts the preview with it. */
  choose(change: Partial<PrejoinChoices>): void {
    const deviceChanged =
      (change.audioDeviceId ?? this.choices.audioDeviceId) !== this.choices.audioDeviceId ||
      (change.videoDeviceId ?? this.choices.videoDeviceId) !== this.choices.videoDeviceId;
    this.choices = { ...this.choices, ...change };
    if (deviceChanged) void this.#capture();
    this.#applyCameraOff();
    this.#host.requestUpdate();
  }

  /** The audio context of the meter may only run after a user gesture: called from the screen's clicks and keys. */
  resumeMeter(): void {
    this.#meter.resume();
  }

  /** Ends the screen and returns its choices, remembered when `remember` is true. Stops the preview. */
  finish(remember: boolean): PrejoinChoices {
    if (remember) saveChoices(this.choices);
    this.close();
    return this.choices;
  }

  /** Stops the preview and the meter (the camera light goes off), also for a capture still in flight. */
  close(): void {
    this.opened = false;
    this.#epoch += 1;
    this.#release();
  }

  hostDisconnected(): void {
    this.close();
  }

  async #capture(): Promise<void> {
    const epoch = ++this.#epoch;
    this.#release();
    if (this.#kinds.size === 0) return;
    if (!LocalMedia.available()) {
      this.failure = 'insecure_context';
      return;
    }
    const { audioDeviceId, videoDeviceId } = this.choices;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia(
        captureConstraints(this.#kinds, { audio: audioDeviceId, video: videoDeviceId }),
      );
    } catch (err) {
      if (epoch === this.#epoch) this.failure = mapMediaError(err).code;
      this.#host.requestUpdate();
      return;
    }
    if (epoch !== this.#epoch) return stopStream(stream);
    this.failure = null;
    this.preview = stream;
    this.#applyCameraOff();
    this.#meter.measure(stream.getAudioTracks()[0] ?? null);
    // Device labels are only given once a capture was allowed.
    this.devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    this.#host.requestUpdate();
  }

  /** "Start with camera off" darkens the preview at once (and lets the camera light go off). */
  #applyCameraOff(): void {
    for (const track of this.preview?.getVideoTracks() ?? []) track.enabled = !this.choices.cameraOff;
  }

  #release(): void {
    this.#meter.stop();
    this.level = 0;
    if (this.preview) stopStream(this.preview);
    this.preview = null;
  }
}
