// Join → first remote video frame through the elements: two <metered-room>s (default layout) in one page.
import { apiKey, channel, firstRemoteFrame, report, serverUrl, startSignal } from './first-frame.js';

/** The room's <video>s that show a remote participant, found through the public `participants` property. */
function remoteVideoFinder(room) {
  // The bare page's lookup is a free array read; walking two rooms' shadow trees on every animation frame of the
  // join would bill the measurement to the rooms. So walk only when the set of remote streams changed (or a
  // stream's <video> was not found yet), and with no remote stream at all, not at all.
  let lastIds = '';
  let found = [];
  return () => {
    const remoteIds = new Set(
      room.participants.filter((p) => !p.isLocal).flatMap((p) => p.streams.map((s) => s.stream.id)),
    );
    const key = [...remoteIds].sort().join(' ');
    if (key === lastIds && found.length >= remoteIds.size) return found;
    lastIds = key;
    found = [];
    if (remoteIds.size === 0) return found;
    const walk = (root) => {
      for (const element of root.querySelectorAll('*')) {
        if (element instanceof HTMLVideoElement && remoteIds.has(element.srcObject?.id)) found.push(element);
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(room.shadowRoot ?? room);
    return found;
  };
}

await customElements.whenDefined('metered-room');
await startSignal();
const started = performance.now();
const rooms = ['Ann', 'Ben'].map((name) => {
  const room = document.createElement('metered-room');
  room.setAttribute('channel', channel);
  room.setAttribute('display-name', name);
  room.setAttribute('api-key', apiKey);
  room.setAttribute('server-url', serverUrl);
  room.iceServers = []; // loopback needs no STUN: no lookup of the default public server while measuring
  document.body.append(room);
  return room;
});
// A fatal error ends the run as a failure instead of a hang.
const fatal = new Promise((_, reject) =>
  document.addEventListener('metered-error', (event) => event.detail.fatal && reject(new Error(event.detail.code))),
);
// "Joined a call" = BOTH sides see the other's video: the later of the two first frames.
const firstFrames = Promise.all(rooms.map((room) => firstRemoteFrame(remoteVideoFinder(room))));
report(Promise.race([firstFrames, fatal]).then((t) => Math.max(...t) - started));
