/**
 * Recovers a call whose media connection never starts — an SDK/Chromium problem worked around here.
 *
 * Found with the join benchmark (about one join in 15–30 under load, with bare `MeteredPeer`s as well): after the
 * SDK's perfect-negotiation glare, the polite side's implicit rollback can leave its RTCPeerConnection in `new`
 * for good, gathering without ever producing a candidate (Chromium 156, SDK 1.2.0). ICE restarts on that
 * connection do not help and the SDK restarts only on `failed`, so the tile says "Connecting…" forever. A fresh
 * connection on both sides does help, and the SDK builds one by itself when its signalling socket reconnects: the
 * others see us leave and come back (fresh connection on their side), and our reconcile swaps the connection of
 * every survivor.
 *
 * So: when our connection to a peer has finished negotiating (offer and answer applied, `stable`) but is still
 * `new` — ICE never even started — and we send media (with nothing to send there would be nothing to negotiate),
 * the polite side restarts its socket: it is the side whose connection gets stuck, and only one side acts, so the
 * two don't both restart. Not stuck in that sense: a connection waiting for an answer that never comes (a key
 * without `send`: `no_media_received` covers it), or one trying and failing (`connecting`, `failed`: a network
 * without TURN — the SDK's ICE-restart ladder). At most `STALL_RESTARTS` per join, so it cannot loop.
 *
 * When to call it stuck is adaptive, because the stuck connection's mark — not one local ICE candidate — shows at
 * different speeds (issue 9: join → first frame p99 ≤ 3 s; the first version waited 10 s):
 * - a connection that may use host candidates has them within milliseconds of negotiating, on any machine: with
 *   none `STALL_EARLY_MS` after signalling became stable (its local description lists none: gathered candidates
 *   become part of it), it is stuck;
 * - a relay-only connection (`iceTransportPolicy: 'relay'`) gets its first candidate only from a TURN server's
 *   answer, which a far or slow server may take seconds to give: it gets `STALL_RELAY_MS`;
 * - and, as before, any connection still negotiated-but-`new` `STALL_TIMEOUT_MS` after it appeared is stuck, with
 *   or without candidates.
 * Each of these is one check, made at the first tick of the room's connection sampler (LEVEL_POLL_MS) once due.
 * Proven by test/stall-recovery.test.ts (jammed relay-only connections, in an ordinary and a relay-only room) and
 * measured by bench/join-tail.mjs and bench/join-relay.mjs.
 */
import type { RemotePeer } from '@metered-ca/realtime';
import { browserConnection } from './peer-connection.js';

/** Stable, `new`, and not one local candidate this long after negotiating, with host candidates allowed. */
export const STALL_EARLY_MS = 1000;
/** The same for a relay-only connection: its first candidate needs a TURN server's answer. */
export const STALL_RELAY_MS = 5000;
/** How long any connection may stay negotiated but `new` after it appeared (the first, non-adaptive check). */
export const STALL_TIMEOUT_MS = 10_000;
/** Socket restarts allowed per join for stuck connections. */
export const STALL_RESTARTS = 2;

/**
 * Whether our connection to `remote` is negotiated but `new`, and we are the side that recovers it.
 * `relayOnlyRoom`: the room was configured with `ice-transport-policy="relay"` (see below).
 */
export function isStalled(remote: RemotePeer, relayOnlyRoom = false): boolean {
  const { pc } = remote;
  return (
    (!relayOnlyRoom || remoteSentCandidates(pc)) &&
    remote.polite &&
    pc.connectionState === 'new' &&
    pc.signalingState === 'stable' &&
    pc.remoteDescription !== null
  );
}

// Why a relay-only ROOM needs one more sign: with `ice-transport-policy="relay"` a connection whose TURN server is
// unreachable also stays `new` with no candidate, like the stuck one above, and a socket restart cannot help it,
// while it gives us a fresh peerId on a publishable key: the other side would meet a "new" participant and report
// `no_media_path` 10 s late (test/ice-media-path.test.ts). In the same room the TURN server is the same for both
// sides, so the sign is the other side: when it reached TURN and sent us its candidates while we have none, we are
// the stuck one (measured by bench/join-relay.mjs: 2 of 30 relayed joins under load stayed like that for good, the
// polite side `new` and still gathering, the other side done). Without candidates from the other side the room is
// left to media-path-watch.ts (ICE restart, then `no_media_path`). Judged by the room's configuration, not by the
// connection's: the glare-stuck connection is simulated with relay-only connections (test/stall-recovery.test.ts).

/** Whether `description` lists ICE candidates: trickled candidates become part of the descriptions. */
function hasCandidates(description: RTCSessionDescription | null): boolean {
  return /(^|\n)a=candidate:/.test(description?.sdp ?? '');
}

/** The other side sent us candidates. */
function remoteSentCandidates(pc: RemotePeer['pc']): boolean {
  return hasCandidates(pc.remoteDescription);
}

interface Watched {
  /** The connection watched: after a reconnect the SDK swaps in a fresh one, which gets a fresh watch. */
  readonly pc: RemotePeer['pc'];
  /** When the check that does not look at candidates is due (Infinity once it is over). */
  lateAt: number;
  /** When the adaptive check is due, once signalling settled (Infinity once it is over). */
  earlyAt: number | null;
}

/**
 * Watches the current media connection of each remote participant and says, once per connection, when it is stuck
 * as described above. Checked at every tick of the room's connection sampler (peer-events.ts, every LEVEL_POLL_MS):
 * each check reads the participant's current connection, so there is nothing to listen to, detach or clear. The
 * caller decides whether to act (we publish, restarts left).
 */
export class StallWatch {
  readonly #watched = new Map<string, Watched>();

  /** Checks `remote`'s current connection; true, once per connection, when it is stuck. */
  check(remote: RemotePeer, relayOnlyRoom: boolean): boolean {
    const now = Date.now();
    let entry = this.#watched.get(remote.id);
    if (entry?.pc !== remote.pc) {
      entry = { pc: remote.pc, lateAt: now + STALL_TIMEOUT_MS, earlyAt: null };
      this.#watched.set(remote.id, entry);
    }
    const { pc } = entry;
    // The first time signalling settles with both descriptions applied, the adaptive check is set.
    if (entry.earlyAt === null && pc.signalingState === 'stable' && pc.remoteDescription !== null) {
      const relayOnly = browserConnection(pc)?.getConfiguration().iceTransportPolicy === 'relay';
      entry.earlyAt = now + (relayOnly ? STALL_RELAY_MS : STALL_EARLY_MS);
    }
    let due = false;
    if (now >= entry.lateAt) {
      entry.lateAt = Infinity;
      due = true;
    }
    if (entry.earlyAt !== null && now >= entry.earlyAt) {
      entry.earlyAt = Infinity;
      due ||= !hasCandidates(pc.localDescription);
    }
    if (!due || !isStalled(remote, relayOnlyRoom)) return false;
    entry.lateAt = entry.earlyAt = Infinity;
    return true;
  }

  forget(peerId: string): void {
    this.#watched.delete(peerId);
  }

  clear(): void {
    this.#watched.clear();
  }
}
