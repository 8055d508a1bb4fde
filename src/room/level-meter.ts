/**
 * The loudness of a microphone, about ten times a second, for the "You are muted" hint.
 * It measures a CLONE of the track, enabled: a muted microphone's own track is disabled and gives silence, but the
 * user muted the call, not the measurement. The clone and the audio context are closed by `stop()`.
 */

/** How often the level is read, in ms (a meter that moves, without a render per audio frame). */
const INTERVAL_MS = 100;

export class LevelMeter {
  readonly #onLevel: (level: number) => void;
  #track: MediaStreamTrack | null = null;
  #clone: MediaStreamTrack | null = null;
  #context: AudioContext | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;

  /** `onLevel` receives the level, 0 (silence) to 1 (full scale), while a track is measured. */
  constructor(onLevel: (level: number) => void) {
    this.#onLevel = onLevel;
  }

  /** Measures `track` (an audio track), or nothing when null; a call with the same track keeps measuring it. */
  measure(track: MediaStreamTrack | null): void {
    if (track === this.#track) return;
    this.stop();
    if (!track || typeof AudioContext !== 'function') return;
    this.#track = track;
    const clone = track.clone();
    clone.enabled = true;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048; // about 40 ms of sound per reading: a short syllable is not missed
    context.createMediaStreamSource(new MediaStream([clone])).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    this.#clone = clone;
    this.#context = context;
    this.#timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      // Root mean square, scaled so that speech at a normal distance fills most of a meter.
      this.#onLevel(Math.min(1, Math.sqrt(sum / samples.length) * 4));
    }, INTERVAL_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#clone?.stop();
    void this.#context?.close();
    this.#track = this.#clone = this.#context = null;
  }
}
