// Join → first remote video frame with the SDK alone: two MeteredPeers wired by hand the way the SDK's README
// quick start shows (join, then getUserMedia and addStream; bind srcObject on stream-added). The baseline the
// elements are compared against.
//
// By default the page does the user-visible work of a call, as <metered-room>'s default layout does: it shows the
// local camera (a muted self-view) and plays each remote video WITH its audio. `?minimal` is the page this
// benchmark used first — capture before join, no self-view, remote muted; it is still measured and reported for
// reference, but it is not a call anybody would ship, so the goal is measured against the full page.
import { MeteredPeer } from '/sdk/index.mjs';
import { apiKey, channel, firstRemoteFrame, report, serverUrl, startSignal } from './first-frame.js';

const minimal = new URLSearchParams(location.search).has('minimal');

function showVideo(stream, muted) {
  const video = document.createElement('video');
  Object.assign(video, { muted, autoplay: true, playsInline: true, srcObject: stream });
  document.body.append(video);
  return video;
}

function capture() {
  return navigator.mediaDevices.getUserMedia({ audio: true, video: true });
}

function joinBare() {
  const peer = new MeteredPeer({ apiKey, url: serverUrl });
  const remoteVideos = [];
  peer.on('peer-joined', ({ peer: remote }) => {
    remote.on('stream-added', ({ stream }) => remoteVideos.push(showVideo(stream, minimal)));
  });
  if (minimal) {
    const joined = capture().then((local) => {
      peer.addStream(local);
      return peer.join(channel);
    });
    return { remoteVideos, joined };
  }
  const joined = peer.join(channel);
  const published = capture().then((local) => {
    showVideo(local, true);
    peer.addStream(local);
  });
  return { remoteVideos, joined: Promise.all([joined, published]) };
}

await startSignal();
const started = performance.now();
const sides = [joinBare(), joinBare()];
// Each side: its first remote frame (join() must also succeed). "Joined a call" = the later of the two.
const firstFrames = sides.map((side) =>
  Promise.all([firstRemoteFrame(() => side.remoteVideos), side.joined]).then(([frameAt]) => frameAt),
);
report(Promise.all(firstFrames).then((t) => Math.max(...t) - started));
