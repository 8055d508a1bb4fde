import type { RemotePeer } from '@metered-ca/realtime';
import { expect } from '@open-wc/testing';
import { RemoteParticipants } from '../src/room/remote-participants.js';

/** The parts of a RemotePeer that RemoteParticipants reads: id, metadata, state, and on/off for its events. */
function fakeRemote(id: string): RemotePeer {
  return { id, metadata: undefined, state: 'connecting', on() {}, off() {} } as unknown as RemotePeer;
}

describe('RemoteParticipants', () => {
  it('counts a hello as a change only when it changes the name, the publishes flag or the media state', () => {
    let changes = 0;
    const remotes = new RemoteParticipants({
      onChange: () => (changes += 1),
      onNoMedia: () => {},
      noMediaTimeoutMs: () => 60_000,
      onReady: () => {},
      onUpdated: () => {},
    });
    remotes.add(fakeRemote('peer-a'));
    changes = 0;
    remotes.setHello('peer-a', { displayName: 'Ann', publishes: true });
    expect(changes).to.equal(1);
    expect(remotes.nameOf('peer-a')).to.deep.equal({ displayName: 'Ann', nameVerified: false });
    // Every newcomer's hello arrives twice (broadcast, then the copy sent to each newcomer).
    remotes.setHello('peer-a', { displayName: 'Ann', publishes: true });
    expect(changes).to.equal(1);
    remotes.setHello('peer-a', { displayName: 'Anna', publishes: true });
    remotes.setHello('peer-a', { displayName: 'Anna', publishes: false });
    expect(changes).to.equal(3);
    expect(remotes.nameOf('peer-a').displayName).to.equal('Anna');
    const media = { displayName: 'Anna', publishes: false, audioMuted: true, videoMuted: false };
    remotes.setHello('peer-a', media);
    remotes.setHello('peer-a', media);
    expect(changes).to.equal(4);
    expect(remotes.snapshot()[0]).to.include({ audioMuted: true, videoMuted: false });
    remotes.clear();
  });
});
