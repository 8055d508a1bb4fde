import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { render } from 'lit';
import type { MeteredErrorEvent } from '../src/events.js';
import type { MeteredRoom } from '../src/room/metered-room.js';
import type { MeteredVideo } from '../src/video/metered-video.js';
import { mediaStream } from '../src/video/media-stream-directive.js';
import { addRoom, framesArrive, GUARD_MS, uniqueChannel, waitForState } from './helpers/room.js';
import { mainServer, restartServer, startServer, stopServer } from './helpers/server.js';

const remoteVideos = (video: MeteredVideo) => [
  ...video.shadowRoot!.querySelectorAll<HTMLVideoElement>('[part~="tile"][data-local="false"] video'),
];
const overlay = (video: MeteredVideo) => video.shadowRoot!.querySelector<HTMLElement>('[part="overlay"]');

/** A canvas that keeps painting, so its capture stream produces frames. */
function paintedCanvas(): { stream: MediaStream; stop(): void } {
  const canvas = document.createElement('canvas');
  canvas.width = 160;
  canvas.height = 90;
  const context = canvas.getContext('2d')!;
  let n = 0;
  const timer = setInterval(() => {
    n += 1;
    context.fillStyle = `hsl(${(n * 40) % 360} 80% 50%)`;
    context.fillRect(0, 0, canvas.width, canvas.height);
  }, 30);
  return { stream: canvas.captureStream(15), stop: () => clearInterval(timer) };
}

/** Sends `source` through a real RTCPeerConnection pair on this page and returns the received stream. */
async function loopback(source: MediaStream, links: RTCPeerConnection[]): Promise<MediaStream> {
  const sender = new RTCPeerConnection();
  const receiver = new RTCPeerConnection();
  links.push(sender, receiver);
  sender.onicecandidate = (e) => e.candidate && void receiver.addIceCandidate(e.candidate);
  receiver.onicecandidate = (e) => e.candidate && void sender.addIceCandidate(e.candidate);
  const received = new Promise<MediaStream>((resolve) => {
    receiver.ontrack = (e) => resolve(e.streams[0]);
  });
  for (const track of source.getTracks()) sender.addTrack(track, source);
  await sender.setLocalDescription();
  await receiver.setRemoteDescription(sender.localDescription!);
  await receiver.setLocalDescription();
  await sender.setRemoteDescription(receiver.localDescription!);
  return received;
}

describe('<metered-video> playback', () => {
  it('autoplay refused (stub: HTMLMediaElement.prototype.play rejects NotAllowedError for unmuted media without a user gesture) → one overlay, one event; one key press resumes every tile', async () => {
    // This Chromium runs with --autoplay-policy=no-user-gesture-required, so the policy is emulated: like a real
    // browser, the stub refuses audible playback unless the page has transient user activation (a real key press
    // through the test runner gives it one) and always allows muted playback (the self-view).
    const originalPlay = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      if (!this.muted && !navigator.userActivation.isActive) {
        return Promise.reject(new DOMException('play() needs a user gesture', 'NotAllowedError'));
      }
      return originalPlay.call(this);
    };
    try {
      const server = await mainServer();
      const channel = uniqueChannel('autoplay');
      const parent = await fixture<HTMLElement>(html`<div></div>`);
      const watcher = addRoom(
        server,
        { channel, displayName: 'Watcher', children: '<metered-video></metered-video>' },
        parent,
      );
      const video = watcher.querySelector('metered-video')!;
      const events: MeteredErrorEvent[] = [];
      video.addEventListener('metered-error', (event) => events.push(event));
      const blocked = oneEvent(video, 'metered-error');
      // Two senders (no element of their own: a bare <div> child replaces the default layout).
      const senders: MeteredRoom[] = ['One', 'Two'].map((displayName) =>
        addRoom(server, { channel, displayName, children: '<div></div>' }, parent),
      );
      for (const room of [watcher, ...senders]) await waitForState(room, 'joined');
      await waitUntil(
        () => remoteVideos(video).filter((v) => v.srcObject).length === 2,
        'two remote tiles with streams',
        {
          timeout: GUARD_MS,
        },
      );

      const event = (await blocked) as MeteredErrorEvent;
      expect(event.target).to.equal(video);
      expect(event.detail).to.include({ code: 'autoplay_blocked', fatal: false });
      expect(event.detail.message).to.equal('The browser blocked audio and video from starting.');
      await waitUntil(() => remoteVideos(video).every((v) => v.paused) && overlay(video), 'overlay not shown');
      const button = overlay(video)!.querySelector('button')!;
      expect(button.textContent!.trim()).to.equal('Click to start audio and video');
      expect(events, 'one event per blocked episode, not per tile').to.have.length(1);
      await expect(video).to.be.accessible();

      button.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => overlay(video) === null, 'overlay did not go away', { timeout: GUARD_MS });
      for (const remote of remoteVideos(video)) {
        expect(remote.paused).to.equal(false);
        await framesArrive(remote, 2);
      }
      expect(events).to.have.length(1);
    } finally {
      HTMLMediaElement.prototype.play = originalPlay;
    }
  });

  it('re-binds srcObject when the stream object changes, also to a new MediaStream with the same id', async () => {
    const container = await fixture<HTMLElement>(html`<div></div>`);
    const source = paintedCanvas();
    const links: RTCPeerConnection[] = [];
    try {
      const blocked: HTMLMediaElement[] = [];
      const view = (stream: MediaStream) => html`<video muted ${mediaStream(stream, (m) => blocked.push(m))}></video>`;
      // Two real WebRTC loopbacks of the same source: two MediaStream objects with the SAME id, as the SDK hands
      // over after a reconnect.
      const first = await loopback(source.stream, links);
      render(view(first), container);
      const video = container.querySelector('video')!;
      expect(video.srcObject === first).to.equal(true);
      await framesArrive(video, 2);

      const second = await loopback(source.stream, links);
      expect(second !== first && second.id === first.id, 'a new object with the same id').to.equal(true);
      links[0].close(); // the old link is gone, as after a reconnect: a video still on it would freeze
      render(view(second), container);
      expect(container.querySelector('video') === video, 'same element, re-bound').to.equal(true);
      expect(video.srcObject === second).to.equal(true);
      await framesArrive(video, 3);
      expect(video.paused).to.equal(false);
      expect(blocked).to.have.length(0);

      render(html``, container);
      expect(video.srcObject === null, 'removed: unbound').to.equal(true);
    } finally {
      source.stop();
      for (const link of links) link.close();
    }
  });

  it('after the server restarts, the remote tile shows the current stream and frames arrive again', async () => {
    const server = await startServer();
    try {
      const channel = uniqueChannel('restart');
      const parent = await fixture<HTMLElement>(html`<div></div>`);
      const children = '<metered-video></metered-video>';
      const [a, b] = ['Ada', 'Bob'].map((displayName) => addRoom(server, { channel, displayName, children }, parent));
      for (const room of [a, b]) await waitForState(room, 'joined');
      const video = a.querySelector('metered-video')!;
      await waitUntil(() => remoteVideos(video)[0]?.srcObject, 'no remote stream', { timeout: GUARD_MS });
      await framesArrive(remoteVideos(video)[0], 2);

      await stopServer(server);
      await waitForState(a, 'reconnecting');
      await restartServer(server);
      for (const room of [a, b]) await waitForState(room, 'joined');
      const current = () => a.participants.find((p) => !p.isLocal)?.streams.find((s) => s.role === 'camera')?.stream;
      await waitUntil(
        () => current() && remoteVideos(video)[0]?.srcObject === current(),
        'tile not bound to the current stream',
        {
          timeout: GUARD_MS,
        },
      );
      await framesArrive(remoteVideos(video)[0], 3);
    } finally {
      await stopServer(server);
    }
  });
});
