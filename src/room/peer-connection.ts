/**
 * The browser connection behind a remote participant, the one place that looks past the SDK's type for it: SDK
 * 1.2.0 types `RemotePeer.pc` as a minimal interface without `getStats`, `getReceivers`, `getConfiguration` or
 * `restartIce`, while every connection of the room is a real RTCPeerConnection (ice-config.ts builds them through
 * the SDK's `rtcPeerConnectionFactory`). Read by the watches on each connection: audio-levels.ts,
 * network-quality.ts, media-path-watch.ts and stall-watch.ts.
 */
import type { RemotePeer } from '@metered-ca/realtime';

/** The SDK's connection `pc` (`RemotePeer.pc`, swapped for a fresh one by a reconnect) as the browser's, or null. */
export function browserConnection(pc: RemotePeer['pc']): RTCPeerConnection | null {
  // By its methods, not `instanceof`: a page (or a test) may have swapped in its own RTCPeerConnection class.
  return typeof (pc as Partial<RTCPeerConnection>).getStats === 'function' ? (pc as RTCPeerConnection) : null;
}
