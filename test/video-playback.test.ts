import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement, nothing } from 'lit';
import type { MeteredErrorEvent } from '../src/events.js';
import type { MeteredRoom } from '../src/room/metered-room.js';
import type { MeteredVideo } from '../src/video/metered-video.js';
import { AutoplayGateController } from '../src/video/autoplay-gate-controller.js';
import { renderTile } from '../src/video/video-tile.js';
import { addRoom, framesArrive, GUARD_MS, uniqueChannel, waitForState } from './helpers/room.js';
import { mainServer, restartServer, startServer, stopServer } from './helpers/server.js';

const remoteVideos = (video: MeteredVideo) => [
  ...video.shadowRoot!.querySelectorAll<HTMLVideoElement>('[part~="tile"][data-local="false"] video'),
];
const overlay = (video: MeteredVideo) => video.shadowRoot!.querySelector<HTMLElement>('[part="overlay"]');

/** One remote tile of `stream`, rendered exactly as <metered-video> renders it, with the same playback controller. */
class OneTile extends LitElement {
  static override properties = { stream: { attribute: false } };
  stream: MediaStream | null | undefined = undefined;
  readonly autoplay = new AutoplayGateController(this);

  override render() {
    if (this.stream === undefined) return nothing;
    const tile = {
      key: 'peer/camera/0',
      peerId: 'peer',
      role: 'camera' as const,
      stream: this.stream,
      label: 'Remote',
      name: 'Remote',
      isLocal: false,
      connectionState: 'connected' as const,
    };
    return renderTile(tile, { featured: false });
  }
}
customElements.define('test-one-tile', OneTile);

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

  it('a tile re-binds srcObject when the stream object changes, also to a new MediaStream with the same id, and plays it', async () => {
    const host = await fixture<OneTile>(html`<test-one-tile></test-one-tile>`);
    const source = paintedCanvas();
    const links: RTCPeerConnection[] = [];
    try {
      // Two real WebRTC loopbacks of the same source: two MediaStream objects with the SAME id, as the SDK hands
      // over after a reconnect.
      const first = await loopback(source.stream, links);
      host.stream = first;
      await host.updateComplete;
      const video = host.shadowRoot!.querySelector('video')!;
      expect(video.srcObject === first).to.equal(true);
      await framesArrive(video, 2);
      host.requestUpdate();
      await host.updateComplete;
      // Re-assigning even the same stream would reload the video, paused: a re-render must leave it alone.
      expect(video.paused, 'a re-render with the same stream keeps playing').to.equal(false);

      const second = await loopback(source.stream, links);
      expect(second !== first && second.id === first.id, 'a new object with the same id').to.equal(true);
      links[0].close(); // the old link is gone, as after a reconnect: a video still on it would freeze
      host.stream = second;
      await host.updateComplete;
      expect(host.shadowRoot!.querySelector('video') === video, 'same element, re-bound').to.equal(true);
      expect(video.srcObject === second).to.equal(true);
      await framesArrive(video, 3);
      expect(video.paused).to.equal(false);
      expect(host.autoplay.blocked).to.equal(false);

      // Moved in the page: the browser pauses a removed video (HTML spec); back on the page it plays again.
      const parent = host.parentElement!;
      host.remove();
      await waitUntil(() => video.paused, 'the browser did not pause the removed video');
      parent.append(host);
      await waitUntil(() => !video.paused, 'did not play again once back on the page', { timeout: GUARD_MS });
      await framesArrive(video, 2);

      host.stream = undefined;
      await host.updateComplete;
      expect(video.isConnected).to.equal(false);
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
