/**
 * The room's state as CSS custom states (src/custom-states.ts): a page rule such as
 * `metered-room:state(joined) + p { … }` really matches while the room is in that state, and only then; and an
 * element is still built where the browser has no custom states.
 */
import { expect } from '@open-wc/testing';
import type { MeteredRoom } from '../src/room/metered-room.js';
import { MeteredVideo } from '../src/video/metered-video.js';
import { addRoom, roomSuite, uniqueChannel, waitForState } from './helpers/room.js';

/** A page stylesheet that colours the paragraph after the room, one colour per state. */
function pageStyles(): HTMLStyleElement {
  const style = document.createElement('style');
  style.textContent = `
    metered-room:state(idle) + p { color: rgb(1, 1, 1); }
    metered-room:state(joined) + p { color: rgb(2, 2, 2); }
    metered-room:state(left) + p { color: rgb(3, 3, 3); }
    metered-room:state(failed) + p { color: rgb(4, 4, 4); }
  `;
  document.head.append(style);
  return style;
}

function colourAfter(room: MeteredRoom): string {
  return getComputedStyle(room.nextElementSibling!).color;
}

describe('<metered-room> custom states', () => {
  const suite = roomSuite();
  let style: HTMLStyleElement;
  before(() => {
    style = pageStyles();
  });
  after(() => style.remove());

  it('matches :state(idle), then :state(joined), then :state(left) as the room goes through them', async () => {
    const room = addRoom(suite.server, { channel: uniqueChannel('states'), media: 'none', autoJoin: false });
    suite.rooms.push(room);
    room.after(Object.assign(document.createElement('p'), { textContent: 'page content' }));
    expect(colourAfter(room)).to.equal('rgb(1, 1, 1)');
    expect(room.matches(':state(joined)')).to.equal(false);
    await room.join();
    await waitForState(room, 'joined');
    expect(colourAfter(room)).to.equal('rgb(2, 2, 2)');
    expect(room.matches(':state(idle)')).to.equal(false);
    await room.leave();
    expect(colourAfter(room)).to.equal('rgb(3, 3, 3)');
    room.nextElementSibling!.remove();
  });

  it('matches :state(failed) after a fatal error', async () => {
    const room = addRoom(suite.server, { channel: uniqueChannel('states-fail'), media: 'none', apiKey: 'pk_wrong' });
    suite.rooms.push(room);
    room.after(document.createElement('p'));
    await waitForState(room, 'failed');
    expect(colourAfter(room)).to.equal('rgb(4, 4, 4)');
    room.nextElementSibling!.remove();
  });
});

describe('custom states where the browser lacks them', () => {
  it('a <metered-video> is built and renders without attachInternals (Safari before 16.4, faked by removing it)', async () => {
    const attachInternals = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'attachInternals')!;
    Reflect.deleteProperty(HTMLElement.prototype, 'attachInternals');
    try {
      const video = new MeteredVideo();
      document.body.append(video);
      await video.updateComplete;
      expect(video.shadowRoot!.textContent!.trim()).to.not.equal('');
      video.remove();
    } finally {
      Object.defineProperty(HTMLElement.prototype, 'attachInternals', attachInternals);
    }
  });
});
