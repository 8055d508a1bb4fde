import { expect, waitUntil } from '@open-wc/testing';
import type { MeteredErrorDetail } from '../src/errors.js';
import type { JoinedDetail, PeerDetail } from '../src/events.js';
import type { MeteredRoom } from '../src/room/metered-room.js';
import { STALL_RELAY_MS, STALL_RESTARTS } from '../src/room/stall-watch.js';
import {
  addRoom,
  collectErrors,
  defaultVideo,
  GUARD_MS,
  roomSuite,
  uniqueChannel,
  waitForRemoteFrames,
  waitForState,
} from './helpers/room.js';
import { startCoturn, startServer, stopCoturn, stopServer, tokenUrl } from './helpers/server.js';

/**
 * Makes the next `count` RTCPeerConnections unable to ever produce a candidate (relay only, through a TURN server
 * that does not exist): the end state of the stuck connection the stall watch exists for — `new`, gathering, no
 * candidate — on demand. Everything else is real WebRTC; `restore()` puts the browser's constructor back.
 */
function stickNextPeerConnections(count: number): { stuck: RTCPeerConnection[]; restore(): void } {
  const Original = window.RTCPeerConnection;
  const stuck: RTCPeerConnection[] = [];
  class Sticking extends Original {
    constructor(config?: RTCConfiguration) {
      const jam = stuck.length < count;
      super(
        jam
          ? {
              ...config,
              iceServers: [{ urls: 'turn:127.0.0.1:9', username: 'nobody', credential: 'nothing' }],
              iceTransportPolicy: 'relay',
            }
          : config,
      );
      if (jam) stuck.push(this);
    }
  }
  window.RTCPeerConnection = Sticking;
  return { stuck, restore: () => (window.RTCPeerConnection = Original) };
}

function remoteOf(room: MeteredRoom) {
  return room.participants.find((p) => !p.isLocal);
}

describe('a media connection that never starts (stall-watch.ts)', function () {
  // The jammed connections are relay-only, so the stall watch gives them STALL_RELAY_MS (not the 1 s of a
  // connection that may use host candidates) before calling them stuck.
  this.timeout(STALL_RELAY_MS + 3 * GUARD_MS);
  const suite = roomSuite();

  it('the polite room reconnects, both rooms get each other’s video, nothing is reported, and both sides see a reconnect', async () => {
    const jam = stickNextPeerConnections(2);
    try {
      const channel = uniqueChannel('stall');
      const ann = addRoom(suite.server, { channel, displayName: 'Ann' });
      const ben = addRoom(suite.server, { channel, displayName: 'Ben' });
      suite.rooms.push(ann, ben);
      const errors: MeteredErrorDetail[][] = [collectErrors(ann), collectErrors(ben)];
      const reconnected = new Set<MeteredRoom>();
      const joinedEvents = new Map<MeteredRoom, JoinedDetail[]>([[ann, []], [ben, []]]);
      const peerJoinedEvents = new Map<MeteredRoom, PeerDetail[]>([[ann, []], [ben, []]]);
      for (const room of [ann, ben]) {
        room.addEventListener('metered-joined', (event) => joinedEvents.get(room)!.push(event.detail));
        room.addEventListener('metered-peer-joined', (event) => peerJoinedEvents.get(room)!.push(event.detail));
        room.addEventListener('metered-state-change', (event) => {
          if (event.detail.to === 'reconnecting') reconnected.add(room);
        });
      }
      await waitForState(ann, 'joined');
      await waitForState(ben, 'joined');
      await waitUntil(() => jam.stuck.length === 2, 'the two rooms never connected to each other', {
        timeout: GUARD_MS,
      });
      expect(jam.stuck.map((pc) => pc.connectionState)).to.deep.equal(['new', 'new']);

      // No timing asserted: the guard is the relay-only stall timeout plus the usual margin for a reconnect.
      for (const room of [ann, ben]) {
        await waitUntil(() => remoteOf(room)?.connectionState === 'connected', 'the call never recovered', {
          timeout: STALL_RELAY_MS + GUARD_MS,
        });
        await waitForRemoteFrames(defaultVideo(room), remoteOf(room)!.peerId);
      }
      expect(jam.stuck.map((pc) => pc.connectionState)).to.deep.equal(['closed', 'closed']);
      expect(reconnected.size, 'exactly one room (the polite one) restarts').to.equal(1);
      expect([ann.state, ben.state]).to.deep.equal(['joined', 'joined']);
      expect(errors.flat().map((e) => e.code)).to.deep.equal([]);

      // What changed is said, on both sides: the restarting room's new peerId, and to the other room the same
      // participant (by name) coming back with previousPeerId — not a stranger called "Guest …".
      const restarted = [...reconnected][0];
      const other = restarted === ann ? ben : ann;
      // The fresh connections negotiate at the same moment again, so on a loaded machine they can get stuck too
      // and the same room restarts once more (STALL_RESTARTS allows two): the last two joins tell the story.
      const joins = joinedEvents.get(restarted)!;
      expect(joins.length, 'no metered-joined with a new peerId').to.be.within(2, 1 + STALL_RESTARTS);
      const [before, latest] = joins.slice(-2);
      expect(latest).to.include({ peerId: restarted.peerId, previousPeerId: before.peerId });
      const back = peerJoinedEvents.get(other)!.at(-1)!;
      expect(back).to.include({
        peerId: restarted.peerId,
        previousPeerId: before.peerId,
        displayName: restarted === ann ? 'Ann' : 'Ben',
      });
    } finally {
      jam.restore();
    }
  });

  it('in a relay-only room, the stuck side recovers when the other side reached TURN and sent its candidates', async () => {
    // A real coturn and our server's TURN credentials: relayed calls work in this room, as in production.
    const coturn = await startCoturn();
    const server = await startServer({ iceServers: [] }, { coturn });
    // The SDK makes the lower peerId the polite side (the one that recovers): tokens fix the ids, Ann's is lower.
    const ids = { ann: `a-${crypto.randomUUID()}`, ben: `b-${crypto.randomUUID()}` };
    // Only Ann's first connection is jammed (recognised by a marker entry in her room's own ICE servers), so Ben's
    // candidates reach her while she has none: the glare-stuck signature, with TURN working for the room.
    const marker = 'stun:127.0.0.1:9?ann';
    const Original = window.RTCPeerConnection;
    const stuck: RTCPeerConnection[] = [];
    window.RTCPeerConnection = class extends Original {
      constructor(config?: RTCConfiguration) {
        const mine = config?.iceServers?.some((entry) => [entry.urls].flat().includes(marker)) ?? false;
        const jam = mine && stuck.length === 0;
        super(jam ? { ...config, iceServers: [{ urls: 'turn:127.0.0.1:9', username: 'nobody', credential: 'nothing' }] } : config);
        if (jam) stuck.push(this);
      }
    };
    try {
      const channel = uniqueChannel('stall-relay');
      const relayOnly = { channel, iceTransportPolicy: 'relay' };
      const ann = addRoom(server, { ...relayOnly, displayName: 'Ann', tokenUrl: tokenUrl(server, { peer: ids.ann }), iceServers: [{ urls: marker }] });
      const ben = addRoom(server, { ...relayOnly, displayName: 'Ben', tokenUrl: tokenUrl(server, { peer: ids.ben }) });
      suite.rooms.push(ann, ben);
      let annReconnected = false;
      ann.addEventListener('metered-state-change', (event) => (annReconnected ||= event.detail.to === 'reconnecting'));
      await waitForState(ann, 'joined');
      await waitForState(ben, 'joined');
      await waitUntil(() => stuck.length === 1, 'Ann never connected to Ben', { timeout: GUARD_MS });
      expect(ann.peer!.remotePeers[0]!.polite, 'Ann is the polite side').to.equal(true);
      for (const room of [ann, ben]) {
        await waitUntil(() => remoteOf(room)?.connectionState === 'connected', 'the relayed call never recovered', {
          timeout: STALL_RELAY_MS + 2 * GUARD_MS,
        });
        await waitForRemoteFrames(defaultVideo(room), remoteOf(room)!.peerId);
      }
      expect(stuck[0].connectionState).to.equal('closed');
      expect(annReconnected, 'Ann (the stuck, polite side) restarted').to.equal(true);
    } finally {
      window.RTCPeerConnection = Original;
      await stopServer(server);
      await stopCoturn(coturn);
    }
  });
});
