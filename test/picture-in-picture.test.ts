/**
 * Picture in picture per tile: another participant's tile has a button (part `pip`) that puts its video in the
 * browser's floating window — pressed with the real keyboard, a user gesture — and no tile has one where the browser
 * offers none. Our own tile never has one. Real rooms, real fake-camera video.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { joined } from './helpers/chat-dom.js';
import { addRoom, defaultVideo, GUARD_MS, roomSuite, uniqueChannel, waitForRemoteFrames } from './helpers/room.js';

describe('<metered-video> picture in picture', () => {
  const suite = roomSuite();
  const { rooms } = suite;

  afterEach(async () => {
    if (document.pictureInPictureElement) await document.exitPictureInPicture();
  });

  it("another participant's tile opens its video in picture in picture; our own tile has no button", async () => {
    const channel = uniqueChannel('pip');
    const alice = addRoom(suite.server, { channel, displayName: 'Alice' });
    const bob = addRoom(suite.server, { channel, displayName: 'Bob' });
    rooms.push(alice, bob);
    await joined(alice, bob);
    const video = defaultVideo(alice);
    await waitForRemoteFrames(video, bob.peerId!);
    const tiles = video.shadowRoot!;
    await waitUntil(() => tiles.querySelector(`[data-peer-id="${bob.peerId}"] [part~="pip"]`), 'no PiP button', {
      timeout: GUARD_MS,
    });
    expect(tiles.querySelector('[data-local="true"] [part~="pip"]'), 'our own tile has a PiP button').to.equal(null);

    const button = tiles.querySelector<HTMLButtonElement>(`[data-peer-id="${bob.peerId}"] [part~="pip"]`)!;
    expect(button.getAttribute('aria-label')).to.equal('Picture in picture');
    button.focus();
    await sendKeys({ press: 'Enter' }); // a real key press: picture in picture needs a user gesture
    const bobsVideo = tiles.querySelector(`[data-peer-id="${bob.peerId}"] video`);
    // Inside shadow DOM: the document sees the room (retargeted); the tiles' own shadow root sees the <video>.
    const inPip = () => (tiles as ShadowRoot & { pictureInPictureElement: Element | null }).pictureInPictureElement;
    await waitUntil(() => inPip() === bobsVideo, "Bob's video is not in picture in picture", { timeout: GUARD_MS });
  });

  it('no button where the browser has no picture in picture (pictureInPictureEnabled faked to false)', async () => {
    Object.defineProperty(document, 'pictureInPictureEnabled', { value: false, configurable: true });
    try {
      const channel = uniqueChannel('pip-none');
      const alice = addRoom(suite.server, { channel });
      const bob = addRoom(suite.server, { channel });
      rooms.push(alice, bob);
      await joined(alice, bob);
      const video = defaultVideo(alice);
      await waitForRemoteFrames(video, bob.peerId!);
      expect(video.shadowRoot!.querySelector('[part~="pip"]')).to.equal(null);
    } finally {
      Reflect.deleteProperty(document, 'pictureInPictureEnabled');
    }
  });
});
