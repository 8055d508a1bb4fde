/**
 * The default layout's pre-join screen (issue 11): a camera preview, a microphone level, the name and Join, with the
 * control bar's microphone and camera toggles and device pickers; the choices remembered in localStorage. Real
 * capture (Chromium's fake camera and beeping microphone), the real server, a second room that sees the result.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { MeteredRoom } from '../src/room/metered-room.js';
import {
  addRoom,
  collectErrors,
  GUARD_MS,
  holdCaptures,
  roomSuite,
  spyOnCaptures,
  uniqueChannel,
  waitForError,
  waitForState,
} from './helpers/room.js';

const STORAGE_KEY = 'metered-elements:choices';

const part = (room: MeteredRoom, name: string) => room.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const preview = (room: MeteredRoom) => part(room, 'preview') as HTMLVideoElement | null;
const nameInput = (room: MeteredRoom) => room.shadowRoot!.querySelector<HTMLInputElement>('[part="prejoin"] input')!;
const joinButton = (room: MeteredRoom) => room.shadowRoot!.querySelector<HTMLButtonElement>('[part="prejoin"] button')!;
const microphoneButton = (room: MeteredRoom) => room.shadowRoot!.querySelector<HTMLButtonElement>('.controls button')!;

/** Waits until the pre-join screen's preview plays the fake camera. */
async function previewPlays(room: MeteredRoom): Promise<void> {
  await waitUntil(() => (preview(room)?.videoWidth ?? 0) > 0, 'the preview never played', { timeout: GUARD_MS });
}

describe('<metered-room> pre-join screen', () => {
  const suite = roomSuite();
  let captures: ReturnType<typeof spyOnCaptures>;
  beforeEach(() => {
    localStorage.removeItem(STORAGE_KEY);
    captures = spyOnCaptures();
  });
  afterEach(() => {
    captures.restore();
    localStorage.removeItem(STORAGE_KEY);
  });

  it('previews the camera without joining; Join joins with the typed name, sending the same capture', async () => {
    const channel = uniqueChannel('prejoin');
    const room = addRoom(suite.server, { channel, prejoin: true, displayName: 'Page name' });
    suite.rooms.push(room);
    await previewPlays(room);
    expect(room.state).to.equal('idle');
    expect(room.peer, 'no connection before Join').to.equal(null);
    expect(nameInput(room).value, 'the page’s display-name is the default').to.equal('Page name');

    nameInput(room).value = '  Ada  ';
    joinButton(room).click();
    await waitForState(room, 'joined');
    expect(room.displayName).to.equal('Ada');
    expect(captures.streams.length, 'one getUserMedia: the preview’s capture is the call’s').to.equal(1);
    const watcher = addRoom(suite.server, { channel, media: 'none' });
    suite.rooms.push(watcher);
    await waitUntil(() => watcher.participants.some((p) => p.displayName === 'Ada'), 'the other room never saw Ada', {
      timeout: GUARD_MS,
    });
    await room.updateComplete;
    expect(part(room, 'prejoin'), 'the pre-join screen is gone once joined').to.equal(null);
  });

  it('the microphone meter moves with the sound, and stops when the microphone is off', async () => {
    const room = addRoom(suite.server, { channel: uniqueChannel('prejoin-meter'), prejoin: true });
    suite.rooms.push(room);
    await previewPlays(room);
    const level = () => Number(part(room, 'level')!.style.getPropertyValue('--level') || 0);
    // Chromium's fake microphone beeps: the bar grows on a beep.
    await waitUntil(() => level() > 0.05, 'the meter never moved', { timeout: GUARD_MS });
    microphoneButton(room).click();
    await room.updateComplete;
    expect(part(room, 'level')!.hidden, 'no meter for a microphone that is off').to.equal(true);
  });

  it('a microphone turned off there stays off in the call (starting muted), seen by the others', async () => {
    const channel = uniqueChannel('prejoin-muted');
    const room = addRoom(suite.server, { channel, prejoin: true, displayName: 'Quiet' });
    suite.rooms.push(room);
    await previewPlays(room);
    microphoneButton(room).click();
    await room.updateComplete;
    expect(microphoneButton(room).getAttribute('aria-pressed')).to.equal('false');
    joinButton(room).click();
    await waitForState(room, 'joined');
    const watcher = addRoom(suite.server, { channel, media: 'none' });
    suite.rooms.push(watcher);
    await waitUntil(
      () => watcher.participants.find((p) => p.displayName === 'Quiet')?.audioMuted === true,
      'the others never saw the microphone off',
      { timeout: GUARD_MS },
    );
  });

  it('remembers the name and the microphone choice for the next call on this device', async () => {
    const first = addRoom(suite.server, { channel: uniqueChannel('prejoin-remember'), prejoin: true });
    suite.rooms.push(first);
    await previewPlays(first);
    nameInput(first).value = 'Grace';
    microphoneButton(first).click();
    joinButton(first).click();
    await waitForState(first, 'joined');
    expect(JSON.parse(localStorage.getItem(STORAGE_KEY)!)).to.include({ name: 'Grace', microphone: false, camera: true });

    const next = addRoom(suite.server, { channel: uniqueChannel('prejoin-remember'), prejoin: true });
    suite.rooms.push(next);
    await previewPlays(next);
    expect(nameInput(next).value).to.equal('Grace');
    expect(microphoneButton(next).getAttribute('aria-pressed'), 'the microphone starts off').to.equal('false');
  });

  it('remember="off" neither reads nor writes the choices; what is stored is checked, not trusted', async () => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ name: 'Stored', microphone: 'no' }));
    const room = addRoom(suite.server, { channel: uniqueChannel('prejoin-forget'), prejoin: true });
    room.setAttribute('remember', 'off');
    suite.rooms.push(room);
    await previewPlays(room);
    expect(nameInput(room).value, 'nothing read').to.equal('');
    nameInput(room).value = 'Private';
    joinButton(room).click();
    await waitForState(room, 'joined');
    expect(JSON.parse(localStorage.getItem(STORAGE_KEY)!), 'nothing written').to.deep.equal({
      name: 'Stored',
      microphone: 'no',
    });

    const trusting = addRoom(suite.server, { channel: uniqueChannel('prejoin-checked'), prejoin: true });
    suite.rooms.push(trusting);
    await previewPlays(trusting);
    expect(nameInput(trusting).value).to.equal('Stored');
    // "no" is not a boolean: ignored, the microphone starts on.
    expect(microphoneButton(trusting).getAttribute('aria-pressed')).to.equal('true');
  });

  it('a room removed on its pre-join screen turns the camera off; one removed while the browser is still capturing, too', async () => {
    const room = addRoom(suite.server, { channel: uniqueChannel('prejoin-removed'), prejoin: true });
    await previewPlays(room);
    expect(captures.liveTracks().length).to.equal(2);
    room.remove();
    await waitUntil(() => captures.liveTracks().length === 0, 'a capture track is still live', { timeout: GUARD_MS });

    const early = addRoom(suite.server, { channel: uniqueChannel('prejoin-removed'), prejoin: true });
    await waitUntil(() => captures.streams.length === 1 || part(early, 'prejoin'), 'no pre-join screen');
    early.remove();
    // The capture in flight lands after the removal and is stopped on arrival.
    await waitUntil(() => captures.streams.length === 2, 'the second capture never landed', { timeout: GUARD_MS });
    await waitUntil(() => captures.liveTracks().length === 0, 'a late capture track is still live', { timeout: GUARD_MS });
  });

  it('Join clicked before the browser gave the camera: one capture, sent once it arrives', async () => {
    const hold = holdCaptures();
    try {
      const room = addRoom(suite.server, { channel: uniqueChannel('prejoin-early'), prejoin: true });
      suite.rooms.push(room);
      await waitUntil(() => part(room, 'prejoin'), 'no pre-join screen', { timeout: GUARD_MS });
      joinButton(room).click();
      await waitUntil(() => room.state === 'joining', 'Join did not start joining');
      hold.release();
      await waitForState(room, 'joined');
      await waitUntil(() => room.participants[0]?.streams.length === 1, 'the capture was never sent', {
        timeout: GUARD_MS,
      });
    } finally {
      hold.restore();
    }
    expect(captures.streams.length, 'one getUserMedia').to.equal(1);
    expect(captures.liveTracks().length, 'no second camera light').to.equal(2);
  });

  it('what the page forbids (faked: an in-app browser) is said on the pre-join screen, once: not again at Join', async () => {
    Object.defineProperty(navigator, 'userAgent', {
      value: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 Instagram 300.0.0.0',
      configurable: true,
    });
    try {
      const room = addRoom(suite.server, { channel: uniqueChannel('prejoin-inapp'), prejoin: true });
      suite.rooms.push(room);
      const errors = collectErrors(room);
      await waitForError(errors, 'browser_unsupported');
      await waitUntil(() => part(room, 'notice'), 'no notice on the pre-join screen', { timeout: GUARD_MS });
      expect(part(room, 'notice')!.textContent).to.contain('Open this page in your browser');
      joinButton(room).click();
      await waitForState(room, 'joined');
      expect(part(room, 'notice'), 'still said in the call').to.not.equal(null);
      expect(errors.map((e) => e.code)).to.deep.equal(['browser_unsupported']);
    } finally {
      Reflect.deleteProperty(navigator, 'userAgent');
    }
  });

  it('prejoin="off", a layout of your own, or auto-join="off" show no pre-join screen', async () => {
    const direct = addRoom(suite.server, { channel: uniqueChannel('prejoin-off') });
    const own = addRoom(suite.server, {
      channel: uniqueChannel('prejoin-own'),
      prejoin: true,
      children: '<metered-video></metered-video>',
    });
    const manual = addRoom(suite.server, { channel: uniqueChannel('prejoin-manual'), prejoin: true, autoJoin: false });
    suite.rooms.push(direct, own, manual);
    await Promise.all([waitForState(direct, 'joined'), waitForState(own, 'joined')]);
    await manual.updateComplete;
    for (const room of [direct, own, manual]) expect(part(room, 'prejoin')).to.equal(null);
    expect(part(manual, 'join'), 'auto-join="off" keeps its plain Join button').to.not.equal(null);
  });
});
