/**
 * The active speaker: ActiveSpeaker's hysteresis fed with levels (pure), then two real rooms — one with its fake
 * microphone on (Chromium's fake device beeps), one muted — where the one that beeps becomes the active speaker at
 * the other (event, ring, stage, `:state(speaking)`) and the muted one never does.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ActiveSpeakerDetail } from '../src/events.js';
import { ActiveSpeaker, SPEAKING_LEVEL } from '../src/room/active-speaker.js';
import type { MeteredRoom } from '../src/room/metered-room.js';
import { joined } from './helpers/chat-dom.js';
import { addRoom, GUARD_MS, uniqueChannel } from './helpers/room.js';
import { mainServer } from './helpers/server.js';

const LOUD = SPEAKING_LEVEL * 10;
const QUIET = SPEAKING_LEVEL / 10;

/** Feeds one round of levels and settles; returns whether the floor moved. */
function round(speakers: ActiveSpeaker, levels: Record<string, number>): boolean {
  for (const [peerId, level] of Object.entries(levels)) speakers.sample(peerId, level);
  return speakers.settle();
}

describe('active speaker', () => {
  it('speaking needs sound in 2 of the last 4 samples and ends after 4 quiet ones; a click is not speech', () => {
    const speakers = new ActiveSpeaker();
    round(speakers, { a: LOUD });
    expect(speakers.isSpeaking('a'), 'one loud sample').to.equal(false);
    round(speakers, { a: QUIET });
    round(speakers, { a: QUIET });
    round(speakers, { a: QUIET });
    round(speakers, { a: QUIET });
    round(speakers, { a: LOUD });
    round(speakers, { a: QUIET });
    round(speakers, { a: LOUD }); // a beep every other sample (Chromium's fake microphone) is speech
    expect(speakers.isSpeaking('a')).to.equal(true);
    for (let i = 0; i < 3; i += 1) round(speakers, { a: QUIET });
    expect(speakers.isSpeaking('a'), 'three quiet samples are a pause').to.equal(true);
    round(speakers, { a: QUIET });
    expect(speakers.isSpeaking('a'), 'four quiet samples end it').to.equal(false);
  });

  it('the floor goes at once to the first speaker, keeps through silence, and moves only after 6 samples', () => {
    const speakers = new ActiveSpeaker();
    round(speakers, { a: LOUD, b: QUIET });
    expect(round(speakers, { a: LOUD, b: QUIET })).to.equal(true);
    expect(speakers.floor).to.equal('a');
    for (let i = 0; i < 8; i += 1) round(speakers, { a: QUIET, b: QUIET });
    expect(speakers.floor, 'silence keeps the floor').to.equal('a');
    // b interrupts briefly: the stage must not flicker.
    round(speakers, { a: QUIET, b: LOUD });
    round(speakers, { a: QUIET, b: LOUD });
    round(speakers, { a: LOUD, b: QUIET });
    expect(speakers.floor).to.equal('a');
    const moved: boolean[] = [];
    for (let i = 0; i < 8; i += 1) moved.push(round(speakers, { a: QUIET, b: LOUD }));
    expect(speakers.floor).to.equal('b');
    expect(moved.filter(Boolean)).to.have.length(1);
    expect(speakers.forget('b')).to.equal(true);
    expect(speakers.floor).to.equal(null);
  });

  it('between real rooms, the one whose microphone is on becomes the active speaker; the muted one never does', async () => {
    const server = await mainServer();
    const channel = uniqueChannel('speaker');
    const parent = await fixture<HTMLElement>(html`<div></div>`);
    const children = '<metered-video layout="speaker"></metered-video>';
    const quiet = addRoom(server, { channel, displayName: 'Quiet', media: 'audio', children }, parent);
    quiet.setMicrophoneEnabled(false); // before the capture: the track starts muted
    const heardAtQuiet: ActiveSpeakerDetail[] = [];
    quiet.addEventListener('metered-active-speaker', (event) => heardAtQuiet.push(event.detail));
    // A silent third participant who joined first: the stage shows it until someone speaks.
    const silent = addRoom(server, { channel, displayName: 'Silent', media: 'none' }, parent);
    await joined(quiet, silent);
    const video = quiet.querySelector('metered-video')!;
    const tileOf = (peerId: string) =>
      video.shadowRoot!.querySelector<HTMLElement>(`[data-peer-id="${CSS.escape(peerId)}"][data-role="camera"]`);
    const featured = () => video.shadowRoot!.querySelector<HTMLElement>('[part~="tile-featured"]')?.dataset.peerId;
    await waitUntil(() => featured() === silent.peerId, 'before anyone speaks, the other participant is not on the stage', {
      timeout: GUARD_MS,
    });
    const loud = addRoom(server, { channel, displayName: 'Loud', media: 'audio', children }, parent);
    const heardAtLoud: ActiveSpeakerDetail[] = [];
    loud.addEventListener('metered-active-speaker', (event) => heardAtLoud.push(event.detail));
    await joined(quiet, silent, loud);

    await waitUntil(() => heardAtQuiet.length > 0, 'no metered-active-speaker at the muted room', { timeout: GUARD_MS });
    expect(heardAtQuiet[0]).to.deep.equal({ peerId: loud.peerId, displayName: 'Loud' });
    await waitUntil(() => tileOf(loud.peerId!)?.matches('[part~="tile-speaking"]'), 'no speaking ring', { timeout: GUARD_MS });
    expect(featured(), 'the active speaker takes the stage').to.equal(loud.peerId);
    expect(video.matches(':state(speaking)'), ':state(speaking)').to.equal(true);
    expect(quiet.participants.find((p) => p.peerId === loud.peerId)).to.include({ speaking: true, activeSpeaker: true });

    // The loud room has heard as much of the muted one's (silent) audio as it takes to find a speaker.
    await waitUntil(() => receivedSeconds(loud, quiet.peerId!).then((seconds) => seconds >= 3), 'no audio from the muted room', {
      timeout: GUARD_MS,
    });
    expect(heardAtLoud, 'the muted room became the active speaker').to.deep.equal([]);
    expect(loud.participants.find((p) => p.peerId === quiet.peerId)?.speaking ?? false).to.equal(false);
    expect(loud.querySelector('metered-video')!.matches(':state(speaking)')).to.equal(false);
  });
});

/** Seconds of audio `room` has received from `peerId` (its inbound audio's totalSamplesDuration). */
async function receivedSeconds(room: MeteredRoom, peerId: string): Promise<number> {
  const remote = room.peer?.remotePeers.find((peer) => peer.id === peerId);
  const pc = remote?.pc as RTCPeerConnection | undefined;
  let seconds = 0;
  for (const receiver of pc?.getReceivers() ?? []) {
    if (receiver.track.kind !== 'audio') continue;
    (await receiver.getStats()).forEach((entry: { type: string; totalSamplesDuration?: number }) => {
      if (entry.type === 'inbound-rtp') seconds += entry.totalSamplesDuration ?? 0;
    });
  }
  return seconds;
}
