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
 * Read at every tick of the room's connection sampler (peer-events.ts); the interval, its lifecycle and the
 * discarding of stale reads are remote-poller.ts's.
 */
import type { RemotePeer } from '@metered-ca/realtime';
import { ActiveSpeaker } from './active-speaker.js';
import { browserConnection } from './peer-connection.js';

/** What the levels tell the room. */
export interface AudioLevelsHost {
  /** Someone started or stopped speaking. */
  changed(): void;
  /** The floor moved to `peerId` (null: it is free). */
  floorChanged(peerId: string | null): void;
}

/** Running totals of a participant's incoming audio (seconds of audio, and their energy). */
interface AudioTotals {
  readonly energy: number;
  readonly duration: number;
}

export class AudioLevels {
  readonly speakers = new ActiveSpeaker();
  readonly #host: AudioLevelsHost;
  /** Each participant's totals at the last read. */
  readonly #totals = new Map<string, AudioTotals>();

  constructor(host: AudioLevelsHost) {
    this.#host = host;
  }

  /** Reads and records `remote`'s level; true when its `speaking` changed. Records nothing once `current()` is false. */
  async measure(remote: RemotePeer, current: () => boolean): Promise<boolean> {
    const totals = await totalsOf(remote);
    if (!totals || !current()) return false;
    const last = this.#totals.get(remote.id) ?? { energy: 0, duration: 0 };
    this.#totals.set(remote.id, totals);
    // Nothing new yet: no level. (After a reconnect the SDK swaps in a new connection whose totals start again
    // from zero: its first read is below the last one, and later reads compare with it.)
    if (totals.duration <= last.duration) return false;
    const level = Math.sqrt(Math.max(0, totals.energy - last.energy) / (totals.duration - last.duration));
    return this.speakers.sample(remote.id, level);
  }

  /** After a round of measurements (`changed`: someone's `speaking` changed): moves the floor when it is due. */
  settle(changed: boolean): void {
    if (this.speakers.settle()) this.#host.floorChanged(this.speakers.floor);
    else if (changed) this.#host.changed();
  }

  forget(peerId: string): void {
    this.#totals.delete(peerId);
    if (this.speakers.forget(peerId)) this.#host.floorChanged(null);
  }

  /** Stops everything (the join is over); the floor, if held, is free. */
  stop(): void {
    const hadFloor = this.speakers.floor !== null;
    this.#totals.clear();
    this.speakers.clear();
    if (hadFloor) this.#host.floorChanged(null);
  }
}

/** The totals of what `remote` sent over its connection so far, or null when they cannot be read now. */
async function totalsOf(remote: RemotePeer): Promise<AudioTotals | null> {
  const pc = browserConnection(remote.pc);
  if (pc?.connectionState !== 'connected') return null;
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
  return { energy, duration };
}
