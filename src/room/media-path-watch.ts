/**
 * Notices when no media path forms with a participant, tries an ICE restart, and then says so within a bound —
 * a workaround for SDK 1.2.0 on Chromium, so that a call between two networks without TURN never sits in
 * "Connecting…" / "Reconnecting…" forever with no event (issue 9; proven by test/ice-media-path.test.ts and the
 * NAT lab, scripts/nat-lab.mjs).
 *
 * Why the SDK alone never reports it: it restarts ICE (and finally emits `IceRestartExhaustedError`) only on
 * `iceConnectionState === "failed"`, but when every candidate pair fails Chromium moves `connectionState` to
 * `failed` while leaving `iceConnectionState` at `disconnected`; and a connection with no usable candidate at all
 * (e.g. `ice-transport-policy="relay"` without a reachable TURN server) may never leave `new`/`checking`.
 *
 * So, per remote participant, from the moment it appears (or from the moment its working path is lost):
 * - `connectionState` `failed` while ICE is not `failed` (the SDK's ladder would not start), or still `checking`
 *   (relay-only: still `new`) after `ICE_RESTART_AFTER_MS` → one `restartIce()` per window, on the impolite side only (the SDK's perfect
 *   negotiation makes it the offerer without glare; the polite side's stuck-in-`new` case is stall-watch.ts's).
 * - not `connected` after `NO_MEDIA_PATH_TIMEOUT_MS`, although offer and answer were exchanged (with nothing
 *   negotiated there is no path to miss: a room without media, or a key without `send`, which is
 *   `no_media_received`'s case) → `onNoPath` once; `onPath` when it connects after all.
 * A reconnect's fresh RTCPeerConnection (`connection-reset`) keeps the window: the bound counts from the join.
 *
 * Checked at every tick of the room's connection sampler (peer-events.ts, every LEVEL_POLL_MS) rather than on the
 * connection's events with timers of its own: each check reads the participant's current connection, so a fresh one
 * needs nothing, and there is nothing to detach or clear.
 */
import type { RemotePeer } from '@metered-ca/realtime';
import { browserConnection } from './peer-connection.js';

/** When a participant without a working media path is reported (well under the 20 s the issue allows). */
export const NO_MEDIA_PATH_TIMEOUT_MS = 15_000;
/** When a connection still checking candidates gets an ICE restart (a normal join connects in well under 1 s). */
export const ICE_RESTART_AFTER_MS = 6_000;

export interface MediaPathWatchOptions {
  onNoPath(peerId: string): void;
  onPath(peerId: string): void;
  /** Whether the room allows relayed candidates only (`ice-transport-policy="relay"`). */
  relayOnly(): boolean;
}

interface Watched {
  /** When the current window opened (Date.now()); null: no window open, the path works or was reported. */
  openedAt: number | null;
  restarted: boolean;
  reported: boolean;
}

export class MediaPathWatch {
  readonly #watched = new Map<string, Watched>();
  readonly #options: MediaPathWatchOptions;

  constructor(options: MediaPathWatchOptions) {
    this.#options = options;
  }

  /** Checks `remote`'s current connection (the first check starts watching it). */
  check(remote: RemotePeer): void {
    let entry = this.#watched.get(remote.id);
    if (!entry) this.#watched.set(remote.id, (entry = { openedAt: null, restarted: false, reported: false }));
    const { pc } = remote;
    if (pc.connectionState === 'connected') {
      entry.openedAt = null;
      if (entry.reported) {
        entry.reported = false;
        this.#options.onPath(remote.id);
      }
      return;
    }
    if (pc.connectionState === 'closed') return; // a reconnect swaps in a fresh one (the next check reads it)
    if (entry.openedAt === null && !entry.reported) {
      entry.openedAt = Date.now();
      entry.restarted = false;
    }
    if (pc.connectionState === 'failed' && pc.iceConnectionState !== 'failed') this.#restartIce(remote, entry);
    if (entry.openedAt === null) return;
    const open = Date.now() - entry.openedAt;
    // Still checking candidates; or, relay-only, still without any (its TURN server unreachable: stall-watch.ts
    // leaves that case to us). A restart gathers again, e.g. with fresh TURN credentials.
    const stillTrying =
      pc.iceConnectionState === 'checking' || (pc.iceConnectionState === 'new' && this.#options.relayOnly());
    if (open >= ICE_RESTART_AFTER_MS && stillTrying) this.#restartIce(remote, entry);
    if (open >= NO_MEDIA_PATH_TIMEOUT_MS && pc.remoteDescription !== null) {
      entry.openedAt = null;
      entry.reported = true;
      this.#options.onNoPath(remote.id);
    }
  }

  forget(peerId: string): void {
    this.#watched.delete(peerId);
  }

  clear(): void {
    this.#watched.clear();
  }

  #restartIce(remote: RemotePeer, entry: Watched): void {
    if (entry.restarted || remote.polite) return;
    entry.restarted = true;
    // restartIce() makes the SDK's negotiationneeded handler send an ICE-restart offer.
    browserConnection(remote.pc)?.restartIce();
  }
}
