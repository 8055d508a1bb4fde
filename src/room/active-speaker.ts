/**
 * Who is speaking, and who has the floor, from the audio level of each remote participant measured every
 * LEVEL_POLL_MS (audio-levels.ts). Pure bookkeeping over samples — no timers, no connections — so the hysteresis
 * is tested by feeding levels (test/active-speaker.test.ts).
 *
 * - A participant is `speaking` once the level reached SPEAKING_LEVEL in SPEAKING_ON of the last WINDOW samples
 *   (a click or a cough does not count), and stops once WINDOW samples in a row (about 1 s) were quiet. Counting
 *   samples over a window rather than requiring every one to be loud keeps ordinary speech, with its pauses
 *   between words, "speaking".
 * - The floor (the active speaker) goes to the loudest speaking participant: at once when nobody holds it, else
 *   only after that participant was the loudest for FLOOR_SAMPLES in a row (about 1.5 s), so the speaker layout's
 *   stage does not jump at every interjection. The last speaker keeps the floor through silence; it is free again
 *   only when its holder leaves.
 */

/** Sampling period of the audio levels (ms). */
export const LEVEL_POLL_MS = 250;
/** RMS level (0–1, full scale) from which a sample counts as sound: about −34 dBFS, above room noise. */
export const SPEAKING_LEVEL = 0.02;
/** Samples looked at (1 s). */
const WINDOW = 4;
/** Loud samples within the window that make a participant `speaking`. */
const SPEAKING_ON = 2;
/** Consecutive samples a challenger must be the loudest speaker before it takes the floor (1.5 s). */
const FLOOR_SAMPLES = 6;

interface Speaker {
  /** The last WINDOW levels, newest last. */
  readonly levels: number[];
  speaking: boolean;
}

export class ActiveSpeaker {
  readonly #speakers = new Map<string, Speaker>();
  #floor: string | null = null;
  #challenger: string | null = null;
  #challengeSamples = 0;

  /** The participant holding the floor, or null. */
  get floor(): string | null {
    return this.#floor;
  }

  isSpeaking(peerId: string): boolean {
    return this.#speakers.get(peerId)?.speaking ?? false;
  }

  /** Records one sample of `peerId`'s level; true when its `speaking` changed. */
  sample(peerId: string, level: number): boolean {
    let speaker = this.#speakers.get(peerId);
    if (!speaker) this.#speakers.set(peerId, (speaker = { levels: [], speaking: false }));
    speaker.levels.push(level);
    if (speaker.levels.length > WINDOW) speaker.levels.shift();
    const loud = speaker.levels.filter((value) => value >= SPEAKING_LEVEL).length;
    const speaking = speaker.speaking ? loud > 0 : loud >= SPEAKING_ON;
    if (speaking === speaker.speaking) return false;
    speaker.speaking = speaking;
    return true;
  }

  /** After a round of samples: moves the floor when it is due. True when the floor changed. */
  settle(): boolean {
    const loudest = this.#loudestSpeaker();
    if (loudest === null || loudest === this.#floor) {
      this.#challenger = null;
      return false;
    }
    this.#challengeSamples = loudest === this.#challenger ? this.#challengeSamples + 1 : 1;
    this.#challenger = loudest;
    if (this.#floor !== null && this.#challengeSamples < FLOOR_SAMPLES) return false;
    this.#floor = loudest;
    this.#challenger = null;
    return true;
  }

  /** Forgets a participant that left; true when it held the floor (which is free then). */
  forget(peerId: string): boolean {
    this.#speakers.delete(peerId);
    if (this.#challenger === peerId) this.#challenger = null;
    if (this.#floor !== peerId) return false;
    this.#floor = null;
    return true;
  }

  clear(): void {
    this.#speakers.clear();
    this.#floor = null;
    this.#challenger = null;
  }

  #loudestSpeaker(): string | null {
    let loudest: string | null = null;
    let loudestLevel = -1;
    for (const [peerId, speaker] of this.#speakers) {
      const level = Math.max(...speaker.levels);
      if (speaker.speaking && level > loudestLevel) {
        loudest = peerId;
        loudestLevel = level;
      }
    }
    return loudest;
  }
}
