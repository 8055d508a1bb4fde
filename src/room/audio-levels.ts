/**
 * Audio levels of the remote participants: every LEVEL_POLL_MS while the room has someone to hear, reads the
 * incoming audio's `totalAudioEnergy` from the audio receivers' `getStats()` of each remote's media connection (the
 * SDK's `RemotePeer.pc`) and turns the energy received since the previous read into an RMS level, which
 * `ActiveSpeaker` turns into `speaking` and the floor.
 *
 * Energy rather than `getSynchronizationSources().audioLevel`: that is the level of the last packet only, and a
 * poll a few times a second misses short sounds (measured with Chromium's fake microphone, whose beep most polls
 * never see); the energy counts every sample between two polls.
 *
 * One interval for everyone, running only while someone is watched; `stop()` (leave, removal, a failed join) and
 * the last `forget()` clear it, and a poll in flight then is discarded when it lands.
 */
import type { RemotePeer } from '@metered-ca/realtime';
import { ActiveSpeaker, LEVEL_POLL_MS } from './active-speaker.js';

/** What the levels tell the room. */
export interface AudioLevelsHost {
  /** Someone started or stopped speaking. */
  changed(): void;
  /** The floor moved to `peerId` (null: it is free). */
  floorChanged(peerId: string | null): void;
}

interface Watched {
  readonly remote: RemotePeer;
  /** Running totals of its incoming audio at the last read (seconds of audio, and their energy). */
  energy: number;
  duration: number;
}

interface ReceiverSource {
  getReceivers(): RTCRtpReceiver[];
}

/** The SDK types `pc` as a minimal interface; in a browser it is a real RTCPeerConnection. */
function hasReceivers(pc: unknown): pc is ReceiverSource {
  return typeof pc === 'object' && pc !== null && typeof (pc as Partial<ReceiverSource>).getReceivers === 'function';
}

export class AudioLevels {
  readonly speakers = new ActiveSpeaker();
  readonly #host: AudioLevelsHost;
  readonly #watched = new Map<string, Watched>();
  #timer: ReturnType<typeof setInterval> | null = null;
  /** Bumped by stop(): a poll that started before it is discarded. */
  #generation = 0;
  #polling = false;

  constructor(host: AudioLevelsHost) {
    this.#host = host;
  }

  watch(remote: RemotePeer): void {
    this.#watched.set(remote.id, { remote, energy: 0, duration: 0 });
    this.#timer ??= setInterval(() => void this.#poll(), LEVEL_POLL_MS);
  }

  forget(peerId: string): void {
    this.#watched.delete(peerId);
    if (this.speakers.forget(peerId)) this.#host.floorChanged(null);
    if (this.#watched.size === 0) this.#clearTimer();
  }

  /** Stops everything (the join is over); the floor, if held, is free. */
  stop(): void {
    const hadFloor = this.speakers.floor !== null;
    this.#watched.clear();
    this.speakers.clear();
    this.#generation += 1;
    this.#clearTimer();
    if (hadFloor) this.#host.floorChanged(null);
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  async #poll(): Promise<void> {
    // A slow getStats (a loaded machine) must not stack polls.
    if (this.#polling) return;
    this.#polling = true;
    const generation = this.#generation;
    try {
      const changed = await Promise.all(
        [...this.#watched.values()].map(async (watched) => {
          const level = await this.#level(watched);
          // Stale when the join stopped or the participant left meanwhile.
          const current = generation === this.#generation && this.#watched.get(watched.remote.id) === watched;
          return level !== null && current && this.speakers.sample(watched.remote.id, level);
        }),
      );
      if (generation !== this.#generation) return;
      if (this.speakers.settle()) this.#host.floorChanged(this.speakers.floor);
      else if (changed.some(Boolean)) this.#host.changed();
    } finally {
      this.#polling = false;
    }
  }

  /** The RMS level of what `remote` sent since the last poll, or null when there is nothing to compare yet. */
  async #level(watched: Watched): Promise<number | null> {
    const pc = watched.remote.pc;
    if (!hasReceivers(pc) || pc.connectionState !== 'connected') return null;
    let energy = 0;
    let duration = 0;
    try {
      for (const receiver of pc.getReceivers()) {
        if (receiver.track.kind !== 'audio') continue;
        (await receiver.getStats()).forEach((entry: Record<string, unknown>) => {
          if (entry.type !== 'inbound-rtp') return;
          energy += typeof entry.totalAudioEnergy === 'number' ? entry.totalAudioEnergy : 0;
          duration += typeof entry.totalSamplesDuration === 'number' ? entry.totalSamplesDuration : 0;
        });
      }
    } catch {
      return null; // closed meanwhile (a leave, a reconnect): the next poll reads the new connection
    }
    const last = { ...watched };
    watched.energy = energy;
    watched.duration = duration;
    // Nothing new yet: no level. (After a reconnect the SDK swaps in a new connection whose totals start again
    // from zero: its first read is below the last one, and later reads compare with it.)
    if (duration <= last.duration) return null;
    return Math.sqrt(Math.max(0, energy - last.energy) / (duration - last.duration));
  }
}
