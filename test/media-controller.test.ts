import { expect, waitUntil } from '@open-wc/testing';
import type { MeteredErrorDetail } from '../src/errors.js';
import { addRoom, collectErrors, GUARD_MS, roomSuite, spyOnCaptures, uniqueChannel, waitForError, waitForState } from './helpers/room.js';
import { restartServer, startServer, stopServer } from './helpers/server.js';

describe('<metered-room> media operations (media-controller.ts)', () => {
  const suite = roomSuite();
  let captures: ReturnType<typeof spyOnCaptures>;
  beforeEach(() => {
    captures = spyOnCaptures();
  });
  afterEach(() => captures.restore());

  async function microphones(): Promise<string[]> {
    const ids = (await navigator.mediaDevices.enumerateDevices())
      .filter((device) => device.kind === 'audioinput' && device.deviceId !== '')
      .map((device) => device.deviceId);
    expect(ids.length, 'Chromium offers no fake microphone').to.be.greaterThan(0);
    return ids;
  }

  it('two quick microphone switches, not awaited, leave exactly one live microphone', async () => {
    const room = addRoom(suite.server, { channel: uniqueChannel('switch') });
    suite.rooms.push(room);
    await waitForState(room, 'joined');
    const ids = await microphones();
    await Promise.all([room.selectDevice('audioinput', ids[0]), room.selectDevice('audioinput', ids.at(-1)!)]);
    const liveMics = captures.liveTracks().filter((track) => track.kind === 'audio');
    expect(liveMics.length, 'a second microphone is still open').to.equal(1);
    const camera = room.participants[0].streams[0].stream;
    expect(camera.getAudioTracks()).to.deep.equal(liveMics);
  });

  it('a switch the peer refuses keeps the old device live and in use, and drops the new one (replaceTrack failure forced, since it cannot be provoked here)', async () => {
    const room = addRoom(suite.server, { channel: uniqueChannel('refused') });
    suite.rooms.push(room);
    const errors = collectErrors(room);
    await waitForState(room, 'joined');
    const before = room.participants[0].streams[0].stream.getAudioTracks()[0];
    room.peer!.replaceTrack = () =>
      Promise.reject(Object.assign(new Error('replace failed'), { name: 'MeteredPeerReplaceTrackError', succeeded: [], failed: [{ peerId: 'x' }] }));
    await room.selectDevice('audioinput', (await microphones()).at(-1)!);
    expect(before.readyState, 'the old microphone was stopped although the others still receive it').to.equal('live');
    expect(room.participants[0].streams[0].stream.getAudioTracks()).to.deep.equal([before]);
    expect(captures.liveTracks().filter((track) => track.kind === 'audio')).to.deep.equal([before]);
    expect(errors.map((e: MeteredErrorDetail) => e.code)).to.deep.equal(['replace_track_failed']);
  });

  it('cancelling the screen-share picker is screen_share_denied, not a camera/microphone error (getDisplayMedia rejected by hand: headless Chromium shows no picker)', async () => {
    const room = addRoom(suite.server, { channel: uniqueChannel('cancel'), media: 'none' });
    suite.rooms.push(room);
    const errors = collectErrors(room);
    await waitForState(room, 'joined');
    const media = navigator.mediaDevices;
    media.getDisplayMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    try {
      await room.startScreenShare();
    } finally {
      Reflect.deleteProperty(media, 'getDisplayMedia');
    }
    const detail = await waitForError(errors, 'screen_share_denied');
    expect(detail).to.include({ fatal: false });
    expect(detail.message).to.not.match(/camera|microphone/i);
    expect(errors.map((e) => e.code)).to.deep.equal(['screen_share_denied']);
    await waitUntil(() => room.state === 'joined', 'the call ended', { timeout: GUARD_MS });
  });

  // SDK 1.2.0 workaround (src/sdk-workarounds.ts): its replaceTrack refuses while the peer reconnects.
  it('a microphone switch while the room reconnects reaches the others once it is back', async function () {
    this.timeout(60_000);
    let server = await startServer(); // its own server: this test stops it
    try {
      const channel = uniqueChannel('switch-reconnecting');
      const alice = addRoom(server, { channel, displayName: 'Alice' });
      const bob = addRoom(server, { channel, displayName: 'Bob' });
      suite.rooms.push(alice, bob);
      const errors = collectErrors(alice);
      await waitForState(alice, 'joined');
      await waitForState(bob, 'joined');
      const before = alice.participants[0].streams[0].stream.getAudioTracks()[0];

      await stopServer(server);
      await waitForState(alice, 'reconnecting');
      const wanted = (await microphones()).find((id) => id !== before.getSettings().deviceId)!;
      await alice.selectDevice('audioinput', wanted);
      const after = alice.participants[0].streams[0].stream.getAudioTracks()[0];
      expect(after.getSettings().deviceId, 'the switch did not happen').to.equal(wanted);
      expect(before.readyState, 'the old microphone is still open').to.equal('ended');

      server = await restartServer(server);
      await waitForState(alice, 'joined');
      await waitForState(bob, 'joined');
      // What the others receive: the sender of Alice's fresh connection to Bob carries the new microphone.
      const audioSent = () => {
        const pc = alice.peer?.remotePeers.find((remote) => remote.id === bob.peerId)?.pc as RTCPeerConnection | undefined;
        return pc?.getSenders().filter((sender) => sender.track?.kind === 'audio').map((sender) => sender.track) ?? [];
      };
      await waitUntil(() => audioSent().length > 0, 'no connection to Bob after the restart', { timeout: GUARD_MS });
      expect(audioSent()).to.deep.equal([after]);
      expect(errors.map((e) => e.code).filter((code) => code === 'replace_track_failed')).to.deep.equal([]);
    } finally {
      await stopServer(server);
    }
  });
});
