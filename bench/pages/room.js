// One side of a two-page join (bench/join-tail.mjs): one <metered-room> with the default layout, in its own browser
// context, as a real participant's tab. The harness loads both pages, then starts both joins at once through
// window.benchGo() (pages/first-frame.js `?wait`); each page reports the time from its start to its first remote
// video frame, and whether its room went through a reconnect on the way (the stall recovery's socket restart).
import { apiKey, channel, firstRemoteFrame, serverUrl, startSignal } from './first-frame.js';
import { remoteVideoFinder } from './room-videos.js';

const params = new URLSearchParams(location.search);
const name = params.get('name') ?? 'Guest';
await customElements.whenDefined('metered-room');
await startSignal();
const started = performance.now();
const room = document.createElement('metered-room');
room.setAttribute('channel', channel);
room.setAttribute('display-name', name);
room.setAttribute('api-key', apiKey);
room.setAttribute('server-url', serverUrl);
// bench/join-relay.mjs: ICE servers only from the server's welcome (no default STUN), and `?relay` forces TURN.
if (params.has('welcome-ice-only')) room.iceServers = [];
if (params.has('relay')) room.setAttribute('ice-transport-policy', 'relay');
let reconnects = 0;
/** When (ms after the start) the room first began to reconnect: how long a stuck connection took to be seen. */
let reconnectAtMs = null;
room.addEventListener('metered-state-change', (event) => {
  if (event.detail.to !== 'reconnecting') return;
  reconnects += 1;
  reconnectAtMs ??= performance.now() - started;
});
// A fatal error ends the run as a failure instead of a hang.
const fatal = new Promise((_, reject) =>
  room.addEventListener('metered-error', (event) => event.detail.fatal && reject(new Error(event.detail.code))),
);
document.body.append(room);
Promise.race([firstRemoteFrame(remoteVideoFinder(room)), fatal]).then(
  (frameAt) => (window.benchResult = { ms: frameAt - started, reconnects, reconnectAtMs }),
  (error) => (window.benchResult = { error: String(error?.message ?? error) }),
);
