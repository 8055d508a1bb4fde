// Join → first remote video frame with the SDK alone: two MeteredPeers wired by hand the way its docs show
// (capture, addStream, join; bind srcObject on stream-added). The baseline the elements are compared against.
import { MeteredPeer } from '/sdk/index.mjs';
import { apiKey, channel, firstRemoteFrame, report, serverUrl } from './first-frame.js';

function joinBare() {
  const peer = new MeteredPeer({ apiKey, url: serverUrl });
  const remoteVideos = [];
  peer.on('peer-joined', ({ peer: remote }) => {
    remote.on('stream-added', ({ stream }) => {
      const video = document.createElement('video');
      Object.assign(video, { muted: true, autoplay: true, playsInline: true, srcObject: stream });
      document.body.append(video);
      remoteVideos.push(video);
    });
  });
  const joined = navigator.mediaDevices.getUserMedia({ audio: true, video: true }).then((local) => {
    peer.addStream(local);
    return peer.join(channel);
  });
  return { remoteVideos, joined };
}

const started = performance.now();
const sides = [joinBare(), joinBare()];
// Each side: its first remote frame (join() must also succeed). "Joined a call" = the later of the two.
const firstFrames = sides.map((side) =>
  Promise.all([firstRemoteFrame(() => side.remoteVideos), side.joined]).then(([frameAt]) => frameAt),
);
report(Promise.all(firstFrames).then((t) => Math.max(...t) - started));
