// Join → first remote video frame through the elements: two <metered-room>s (default layout) in one page.
import { apiKey, channel, firstRemoteFrame, report, serverUrl, startSignal } from './first-frame.js';
import { remoteVideoFinder } from './room-videos.js';

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
