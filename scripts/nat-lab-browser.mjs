// The NAT lab's browsers (see nat-lab.mjs): Debian's Chromium started INSIDE a home namespace through a one-line
// wrapper (`ip netns exec HOME chromium "$@"`), driven over puppeteer's pipe (a pipe crosses namespaces; a
// DevTools port on the home's loopback would not be reachable from here). Plus the code each lab page runs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_FLAGS } from './chromium-path.mjs';
import { SERVICE_IP } from './nat-lab-network.mjs';

/**
 * Chromium in namespace `ns`. "localhost" is mapped to the lab server: the room accepts `ws://` only for
 * localhost (anything else must be `wss://`, and the lab has no certificate), and localhost is a secure context
 * for the camera. Every other name still resolves to nothing, as in every test (chromium-path.mjs).
 */
export function launchIn(ns, chromium, workDir) {
  const wrapper = join(workDir, `chromium-${ns}.sh`);
  writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec '${ns}' '${chromium}' "$@"\n`, { mode: 0o755 });
  const args = [
    ...CHROMIUM_FLAGS.filter((flag) => !flag.startsWith('--host-resolver-rules=')),
    `--host-resolver-rules=MAP localhost ${SERVICE_IP}, MAP * ~NOTFOUND`,
  ];
  // Signals are nat-lab.mjs's to handle: puppeteer's own SIGINT handler would exit before the lab is removed.
  const signals = { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false };
  return puppeteer.launch({ executablePath: wrapper, pipe: true, headless: true, args, ...signals });
}

/**
 * Runs in the lab page: joins `channel` with `iceServers` and resolves with what happened first — `video` (three
 * frames of the other side's camera presented), `no_media_path` (the room's typed error), a fatal error's code,
 * or `nothing` after `waitMs` — with the time since the room was put in the page, and the selected candidate
 * pair's types (`local/remote`, e.g. `relay/srflx`) when media flows.
 */
export async function joinAndWatch({ channel, serverUrl, apiKey, iceServers, displayName, waitMs }) {
  await customElements.whenDefined('metered-room');
  const started = performance.now();
  const room = document.createElement('metered-room');
  room.setAttribute('channel', channel);
  room.setAttribute('server-url', serverUrl);
  room.setAttribute('api-key', apiKey);
  room.setAttribute('display-name', displayName);
  room.setAttribute('prejoin', 'off'); // the lab tests networks: join at once
  room.iceServers = iceServers;
  const outcome = await new Promise((resolve) => {
    let poll = 0;
    let timer = 0;
    const done = (what) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ outcome: what, ms: Math.round(performance.now() - started) });
    };
    room.addEventListener('metered-error', (event) => {
      if (event.detail.code === 'no_media_path') done('no_media_path');
      else if (event.detail.fatal) done(`fatal ${event.detail.code}`);
    });
    // The remote camera's <video> can be replaced while we wait (a stall recovery brings the other side back under
    // a new peerId, with a new tile): always count frames on the element shown now, from zero when it changes.
    let watched = null;
    poll = setInterval(() => {
      const tiles = room.shadowRoot?.querySelector('metered-video')?.shadowRoot;
      const video = tiles?.querySelector('[data-local="false"][data-role="camera"] video');
      if (video === watched || !video?.srcObject) return;
      watched = video;
      let frames = 0;
      const onFrame = () => {
        if (watched !== video) return;
        if (++frames >= 3) done('video');
        else video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    }, 50);
    timer = setTimeout(() => done('nothing'), waitMs);
    document.body.append(room);
  });
  let path = '';
  const pc = room.peer?.remotePeers[0]?.pc;
  if (outcome.outcome === 'video' && pc) {
    const stats = await pc.getStats();
    let pairId = '';
    stats.forEach((report) => {
      if (report.type === 'transport' && report.selectedCandidatePairId) pairId = report.selectedCandidatePairId;
    });
    const pair = stats.get(pairId);
    if (pair)
      path = `${stats.get(pair.localCandidateId)?.candidateType}/${stats.get(pair.remoteCandidateId)?.candidateType}`;
  }
  // The room stays: the other side may still be waiting for our frames. Closing the page ends it.
  return { ...outcome, path };
}
