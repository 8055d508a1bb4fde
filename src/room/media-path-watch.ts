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
  remote: RemotePeer;
  detach: () => void;
  /** Timers of the current window (null: no window open, the path works or was reported). */
  deadline: ReturnType<typeof setTimeout> | null;
  restartTimer: ReturnType<typeof setTimeout> | null;
  restarted: boolean;
  reported: boolean;
}

export class MediaPathWatch {
  readonly #watched = new Map<string, Watched>();
  readonly #options: MediaPathWatchOptions;
  /** Read when a window opens, so a test can shorten it. */
  timeoutMs = NO_MEDIA_PATH_TIMEOUT_MS;

  constructor(options: MediaPathWatchOptions) {
    this.#options = options;
  }

  /** Starts watching `remote`, or follows its fresh connection after a `connection-reset` (same window). */
  watch(remote: RemotePeer): void {
    let watched = this.#watched.get(remote.id);
    if (watched) watched.detach();
    else {
      watched = { remote, detach: () => {}, deadline: null, restartTimer: null, restarted: false, reported: false };
      this.#watched.set(remote.id, watched);
    }
    const entry = watched;
    const pc = remote.pc;
    const onChange = () => this.#check(entry);
    pc.addEventListener('connectionstatechange', onChange);
    pc.addEventListener('iceconnectionstatechange', onChange);
    entry.detach = () => {
      pc.removeEventListener('connectionstatechange', onChange);
      pc.removeEventListener('iceconnectionstatechange', onChange);
    };
    this.#check(entry);
  }

  forget(peerId: string): void {
    const entry = this.#watched.get(peerId);
    if (!entry) return;
    entry.detach();
    this.#closeWindow(entry);
    this.#watched.delete(peerId);
  }

  clear(): void {
    for (const peerId of [...this.#watched.keys()]) this.forget(peerId);
  }

  #check(entry: Watched): void {
    const { pc } = entry.remote;
    if (pc.connectionState === 'connected') {
      this.#closeWindow(entry);
      if (entry.reported) {
        entry.reported = false;
        this.#options.onPath(entry.remote.id);
      }
      return;
    }
    if (pc.connectionState === 'closed') return; // a reconnect swaps in a fresh one (watch() follows it)
    if (!entry.deadline && !entry.reported) this.#openWindow(entry);
    if (pc.connectionState === 'failed' && pc.iceConnectionState !== 'failed') this.#restartIce(entry);
  }

  #openWindow(entry: Watched): void {
    entry.restarted = false;
    entry.restartTimer = setTimeout(() => {
      entry.restartTimer = null;
      const { pc } = entry.remote;
      // Still checking candidates; or, relay-only, still without any (its TURN server unreachable: stall-watch.ts
      // leaves that case to us). A restart gathers again, e.g. with fresh TURN credentials.
      if (pc.iceConnectionState === 'checking' || (pc.iceConnectionState === 'new' && this.#options.relayOnly())) {
        this.#restartIce(entry);
      }
    }, ICE_RESTART_AFTER_MS);
    entry.deadline = setTimeout(() => {
      entry.deadline = null;
      const { pc } = entry.remote;
      if (pc.connectionState === 'connected' || pc.remoteDescription === null) return;
      entry.reported = true;
      this.#options.onNoPath(entry.remote.id);
    }, this.timeoutMs);
  }

  #closeWindow(entry: Watched): void {
    if (entry.deadline) clearTimeout(entry.deadline);
    if (entry.restartTimer) clearTimeout(entry.restartTimer);
    entry.deadline = null;
    entry.restartTimer = null;
  }

  #restartIce(entry: Watched): void {
    if (entry.restarted || entry.remote.polite) return;
    entry.restarted = true;
    // restartIce() makes the SDK's negotiationneeded handler send an ICE-restart offer.
    browserConnection(entry.remote.pc)?.restartIce();
  }
}
