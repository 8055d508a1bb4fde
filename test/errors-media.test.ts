import { expect } from '@open-wc/testing';
import { addRoom, roomSuite, collectErrors, uniqueChannel, waitForError, waitForState } from './helpers/room.js';

/**
 * Permission prompts are auto-accepted and a fake camera always exists in this Chromium, so these paths are
 * provoked by replacing `navigator.mediaDevices` (or its getUserMedia) for one test — each test name says what
 * is faked. The room, the server and the signalling stay real: each room must still join (for chat).
 */
describe('<metered-room> media errors', () => {
  const suite = roomSuite();
  const { rooms } = suite;

  afterEach(() => {
    Reflect.deleteProperty(navigator, 'mediaDevices');
    Reflect.deleteProperty(navigator.mediaDevices, 'getUserMedia');
  });

  it('insecure context (faked: isSecureContext false and navigator.mediaDevices removed, as browsers do on http://) → insecure_context, still joins', async () => {
    // Both, as on a real http:// page: a secure page without mediaDevices is an unsupported browser instead.
    const secure = Object.getOwnPropertyDescriptor(window, 'isSecureContext');
    Object.defineProperty(window, 'isSecureContext', { value: false, configurable: true });
    Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true });
    try {
      const room = addRoom(suite.server, { channel: uniqueChannel('insecure') });
      rooms.push(room);
      const errors = collectErrors(room);
      const detail = await waitForError(errors, 'insecure_context');
      expect(detail).to.include({ fatal: false, message: 'Camera and microphone need a secure page.' });
      await waitForState(room, 'joined');
      expect(room.participants[0].streams).to.deep.equal([]);
    } finally {
      if (secure) Object.defineProperty(window, 'isSecureContext', secure);
      else Reflect.deleteProperty(window, 'isSecureContext');
    }
  });

  const refusals: [string, string][] = [
    ['NotAllowedError', 'media_permission_denied'],
    ['NotFoundError', 'media_device_not_found'],
    ['OverconstrainedError', 'media_device_not_found'],
    ['NotReadableError', 'media_device_in_use'],
  ];
  for (const [name, code] of refusals) {
    it(`getUserMedia rejecting with ${name} (faked: stubbed getUserMedia) → ${code}, still joins`, async () => {
      const refusal = new DOMException('refused by the test', name);
      navigator.mediaDevices.getUserMedia = () => Promise.reject(refusal);
      const room = addRoom(suite.server, { channel: uniqueChannel('refused') });
      rooms.push(room);
      const errors = collectErrors(room);
      const detail = await waitForError(errors, code as 'media_permission_denied');
      expect(detail.fatal).to.equal(false);
      expect(detail.cause).to.equal(refusal);
      await waitForState(room, 'joined');
      expect(errors).to.have.length(1);
      await room.updateComplete;
      const notice = room.shadowRoot!.querySelector('[part="notice"]')!.textContent!;
      expect(notice).to.contain(detail.message);
    });
  }

  it('media="none" asks for no device at all', async () => {
    let asked = 0;
    navigator.mediaDevices.getUserMedia = () => {
      asked += 1;
      return Promise.reject(new DOMException('unexpected', 'NotAllowedError'));
    };
    const room = addRoom(suite.server, { channel: uniqueChannel('nomedia'), media: 'none' });
    rooms.push(room);
    const errors = collectErrors(room);
    await waitForState(room, 'joined');
    expect(asked).to.equal(0);
    expect(errors).to.deep.equal([]);
  });
});
