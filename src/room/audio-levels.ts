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
 * The interval, its lifecycle and the discarding of stale reads are remote-poller.ts's, shared with
 * network-quality.ts.
 */
import type { RemotePeer } from '@metered-ca/realtime';
import { ActiveSpeaker, LEVEL_POLL_MS } from './active-speaker.js';
import { browserConnection } from './peer-connection.js';
import { RemotePoller } from './remote-poller.js';

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

export class AudioLevels {
  readonly speakers = new ActiveSpeaker();
  readonly #host: AudioLevelsHost;
  readonly #poller = new RemotePoller<Watched>(
    LEVEL_POLL_MS,
    async (watched, current) => {
      const level = await levelOf(watched);
      return level !== null && current() && this.speakers.sample(watched.remote.id, level);
    },
    (changed) => {
      if (this.speakers.settle()) this.#host.floorChanged(this.speakers.floor);
      else if (changed) this.#host.changed();
    },
  );

  constructor(host: AudioLevelsHost) {
    this.#host = host;
  }

  watch(remote: RemotePeer): void {
    this.#poller.watch({ remote, energy: 0, duration: 0 });
  }

  forget(peerId: string): void {
    this.#poller.forget(peerId);
    if (this.speakers.forget(peerId)) this.#host.floorChanged(null);
  }

  /** Stops everything (the join is over); the floor, if held, is free. */
  stop(): void {
    const hadFloor = this.speakers.floor !== null;
    this.#poller.stop();
    this.speakers.clear();
    if (hadFloor) this.#host.floorChanged(null);
  }
}

/** The RMS level of what `watched.remote` sent since the last poll, or null when there is nothing to compare yet. */
async function levelOf(watched: Watched): Promise<number | null> {
  const pc = browserConnection(watched.remote.pc);
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
  const last = { ...watched };
  watched.energy = energy;
  watched.duration = duration;
  // Nothing new yet: no level. (After a reconnect the SDK swaps in a new connection whose totals start again
  // from zero: its first read is below the last one, and later reads compare with it.)
  if (duration <= last.duration) return null;
  return Math.sqrt(Math.max(0, energy - last.energy) / (duration - last.duration));
}
