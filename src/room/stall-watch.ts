/**
 * Recovers a call whose media connection never starts — an SDK/Chromium problem worked around here.
 *
 * Found with the join benchmark (about one join in 15–30 under load, with bare `MeteredPeer`s as well): after the
 * SDK's perfect-negotiation glare, the polite side's implicit rollback can leave its RTCPeerConnection in `new`
 * for good, gathering without ever producing a candidate (Chromium 156). ICE restarts on that connection do not
 * help and the SDK restarts only on `failed`, so the tile says "Connecting…" forever. A fresh connection on both
 * sides does help, and the SDK builds one by itself when its signalling socket reconnects: the others see us leave
 * and come back (fresh connection on their side), and our reconcile swaps the connection of every survivor.
 *
 * So: when our connection to a peer has finished negotiating (offer and answer applied, `stable`) but is still
 * `new` after the timeout — ICE never even started — and we send media (with nothing to send there would be nothing
 * to negotiate), the polite side restarts its socket: it is the side whose connection gets stuck, and only one
 * side acts, so the two don't both restart. Not stuck in that sense: a connection waiting for an answer that never
 * comes (a key without `send`: `no_media_received` covers it), or one trying and failing (`connecting`, `failed`:
 * a network without TURN — the SDK's ICE-restart ladder). At most `STALL_RESTARTS` per join, so it cannot loop.
 * The room (room-session.ts) checks each connection once, `STALL_TIMEOUT_MS` after it appeared.
 */
import type { RemotePeer } from '@metered-ca/realtime';

/** How long a connection may stay `new` before we call it stuck (a join normally connects in well under 1 s). */
export const STALL_TIMEOUT_MS = 10_000;
/** Socket restarts allowed per join for stuck connections. */
export const STALL_RESTARTS = 2;

/**
 * Whether our connection to `remote` is stuck as described above, and we are the side that recovers it.
 * `relayOnly`: the room was configured with `ice-transport-policy="relay"` (see below).
 */
export function isStalled(remote: RemotePeer, relayOnly = false): boolean {
  const { pc } = remote;
  return (
    remote.polite &&
    pc.connectionState === 'new' &&
    pc.signalingState === 'stable' &&
    pc.remoteDescription !== null &&
    !relayOnly
  );
}

// Why not in a relay-only room: with `ice-transport-policy="relay"` a connection whose TURN server is unreachable
// also stays `new` with no candidate, like the stuck one above, and a socket restart cannot help it, while it
// gives us a fresh peerId on a publishable key: the other side would meet a "new" participant and report
// `no_media_path` 10 s late (test/ice-media-path.test.ts). Such rooms are left to media-path-watch.ts (ICE
// restart, then `no_media_path`). Judged by the room's configuration, not by the connection's: the glare-stuck
// connection is simulated with a relay-only connection in an ordinary room (test/stall-recovery.test.ts).
