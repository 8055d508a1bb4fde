// While a room joins, the elements render at idle moments instead of in Lit's microtask (src/join-yield.ts), so
// the capture's and the SDK's main-thread steps go first. These tests hold the capture back to keep the room in
// `joining`, and check the promises: the capture is requested before the first render, a render asked for mid-join
// waits for the current work, it is not starved by a page that never idles, and once joined renders are
// immediate again. They also check that the room writes no attributes of its own (nothing reflects).
import { expect, waitUntil } from '@open-wc/testing';
import type { MeteredRoom } from '../src/room/metered-room.js';
import { addRoom, GUARD_MS, holdCaptures, roomSuite, uniqueChannel, waitForState } from './helpers/room.js';

/** Resolves after a few microtask turns: long enough for any update Lit schedules as a microtask to finish. */
async function microtasks(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

/** Keeps the main thread busy with back-to-back tasks (never idle, no timer clamping) until `stop()`. */
function busyMainThread(): { stop(): void } {
  const channel = new MessageChannel();
  let busy = true;
  channel.port1.onmessage = () => {
    const until = performance.now() + 4;
    while (performance.now() < until); // work
    if (busy) channel.port2.postMessage(null);
  };
  channel.port2.postMessage(null);
  return {
    stop: () => {
      busy = false;
      channel.port1.close();
    },
  };
}

describe('<metered-room> renders yield to a join', () => {
  const suite = roomSuite();
  const { rooms } = suite;
  let hold: ReturnType<typeof holdCaptures> | undefined;
  afterEach(() => {
    hold?.release();
    hold?.restore();
    hold = undefined;
  });

  it('requests the capture before its first render; a render asked for while joining waits, once joined it does not', async () => {
    hold = holdCaptures();
    const media = navigator.mediaDevices;
    const held = media.getUserMedia;
    let renderedAtCapture: boolean | undefined;
    let room!: MeteredRoom;
    media.getUserMedia = (constraints) => {
      renderedAtCapture ??= room.hasUpdated;
      return held.call(media, constraints);
    };
    try {
      room = addRoom(suite.server, { channel: uniqueChannel('yield') });
      rooms.push(room);
      await waitUntil(() => renderedAtCapture !== undefined, 'the room never captured', { timeout: GUARD_MS });
    } finally {
      media.getUserMedia = held;
    }
    expect(renderedAtCapture, 'the capture was requested before the first render').to.equal(false);

    await room.updateComplete;
    expect(room.state, 'the held capture keeps the room joining').to.equal('joining');
    room.requestUpdate();
    await microtasks();
    expect(room.isUpdatePending, 'a render asked for while joining waits for an idle moment').to.equal(true);
    expect(await room.updateComplete, 'and then happens').to.equal(true);

    hold.release();
    await waitForState(room, 'joined');
    await room.updateComplete;
    room.requestUpdate();
    await microtasks();
    expect(room.isUpdatePending, 'joined: a render happens in the same turn again').to.equal(false);
  });

  it('a render asked for while joining is not starved by a page that never idles', async () => {
    hold = holdCaptures();
    const room = addRoom(suite.server, { channel: uniqueChannel('yield-busy') });
    rooms.push(room);
    await waitForState(room, 'joining');
    await room.updateComplete;

    const busy = busyMainThread();
    let renderedWhileBusy = false;
    try {
      room.requestUpdate();
      const rendered = room.updateComplete.then(() => (renderedWhileBusy = true));
      // Far longer than the wait's bound (100 ms): without the bound the render would wait for the page to idle.
      await Promise.race([rendered, new Promise((resolve) => setTimeout(resolve, 3000))]);
    } finally {
      busy.stop();
    }
    expect(renderedWhileBusy, 'the render happened while the page was still busy').to.equal(true);
  });

  it('writes no attributes of its own: a key set as a property stays out of the DOM', async () => {
    const room = document.createElement('metered-room');
    room.autoJoin = false;
    room.channel = uniqueChannel('no-reflect');
    room.apiKey = suite.server.publishableKey;
    room.displayName = 'Ann';
    document.body.append(room);
    rooms.push(room);
    await room.updateComplete;
    expect(room.getAttributeNames()).to.deep.equal([]);
  });
});
