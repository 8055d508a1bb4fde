/**
 * Browser-side helpers for room tests: building rooms against a test server, waiting for states and events, and
 * observing media (frames arriving at a <video>, capture tracks still live). Waits are conditions, never timings.
 */
import { waitUntil } from '@open-wc/testing';
import type { MeteredErrorCode, MeteredErrorDetail } from '../../src/errors.js';
import type { RoomState } from '../../src/room-context.js';
import type { MeteredRoom } from '../../src/room/metered-room.js';
import '../../src/define.js';
import { mainServer, type TestServer } from './server.js';

/** Guard so a broken build fails the test instead of hanging it; not an assertion about speed. */
export const GUARD_MS = 20000;

let channelCount = 0;
/** A channel name no other test uses. */
export function uniqueChannel(prefix = 'room'): string {
  channelCount += 1;
  return `${prefix}-${Date.now().toString(36)}-${channelCount}`;
}

export interface RoomOptions {
  channel: string;
  apiKey?: string;
  tokenUrl?: string;
  media?: string;
  displayName?: string;
  autoJoin?: boolean;
  /** Show the default layout's pre-join screen (default false: most suites test the call, not the screen). */
  prejoin?: boolean;
  /** Light DOM children (replaces the default layout). */
  children?: string;
  /** Default `[]` (no STUN server: see addRoom). */
  iceServers?: RTCIceServer[];
  iceServersUrl?: string;
  iceTransportPolicy?: string;
}

/** Removes every room in `rooms` from the page (leaving their calls) and empties the list. */
export function removeRooms(rooms: MeteredRoom[]): void {
  for (const room of rooms.splice(0)) room.remove();
}

/**
 * The hooks most room suites share: the shared main server (read `suite.server` inside tests, once `before` has
 * run) and removal after each test of every room the test pushed onto `suite.rooms`.
 */
export function roomSuite(): { readonly server: TestServer; readonly rooms: MeteredRoom[] } {
  let server: TestServer | undefined;
  const rooms: MeteredRoom[] = [];
  before(async () => {
    server = await mainServer();
  });
  afterEach(() => removeRooms(rooms));
  return {
    rooms,
    get server(): TestServer {
      if (!server) throw new Error('suite.server is read before the suite started the server');
      return server;
    },
  };
}

/** Creates a <metered-room> for `server`, appends it to `parent` (default: body) and returns it. */
export function addRoom(server: TestServer, options: RoomOptions, parent: HTMLElement = document.body): MeteredRoom {
  const room = document.createElement('metered-room');
  room.setAttribute('server-url', server.wsUrl);
  room.setAttribute('channel', options.channel);
  if (options.tokenUrl) room.setAttribute('token-url', options.tokenUrl);
  else room.setAttribute('api-key', options.apiKey ?? server.publishableKey);
  room.setAttribute('media', options.media ?? 'audio video');
  if (options.displayName) room.setAttribute('display-name', options.displayName);
  if (options.autoJoin === false) room.setAttribute('auto-join', 'false');
  if (!options.prejoin) room.setAttribute('prejoin', 'off');
  if (options.children) room.innerHTML = options.children;
  // No default STUN server in tests: loopback needs none, and tests never contact a host outside this machine.
  room.iceServers = options.iceServers ?? [];
  if (options.iceServersUrl) room.setAttribute('ice-servers-url', options.iceServersUrl);
  if (options.iceTransportPolicy) room.setAttribute('ice-transport-policy', options.iceTransportPolicy);
  parent.appendChild(room);
  return room;
}

export async function waitForState(room: MeteredRoom, state: RoomState, message?: string): Promise<void> {
  await waitUntil(() => room.state === state, message ?? `room never reached "${state}" (is "${room.state}")`, {
    timeout: GUARD_MS,
  });
  // And shown: while joining, renders wait for idle moments (join-yield.ts), so on a loaded machine the state can
  // change before the room renders it (a test then found no <metered-video> in a room already joined).
  await room.updateComplete;
}

/** Collects every metered-error dispatched on (or bubbling through) `target`. */
export function collectErrors(target: EventTarget): MeteredErrorDetail[] {
  const errors: MeteredErrorDetail[] = [];
  target.addEventListener('metered-error', (event) => errors.push((event as CustomEvent<MeteredErrorDetail>).detail));
  return errors;
}

/** Waits until `errors` holds one with `code`, and returns it. */
export async function waitForError(errors: MeteredErrorDetail[], code: MeteredErrorCode): Promise<MeteredErrorDetail> {
  await waitUntil(
    () => errors.some((e) => e.code === code),
    `no metered-error "${code}" (got: ${errors.map((e) => e.code).join(', ') || 'none'})`,
    {
      timeout: GUARD_MS,
    },
  );
  return errors.find((e) => e.code === code)!;
}

/** The <video> of a remote participant's tile inside a <metered-video> (default layout or slotted). */
export function remoteVideo(
  video: Element,
  peerId: string,
  role: 'camera' | 'screen' = 'camera',
): HTMLVideoElement | null {
  return (
    video.shadowRoot?.querySelector<HTMLVideoElement>(
      `[data-peer-id="${CSS.escape(peerId)}"][data-role="${role}"] video`,
    ) ?? null
  );
}

/** The <metered-video> a room renders in its default layout. */
export function defaultVideo(room: MeteredRoom): Element {
  const video = room.shadowRoot?.querySelector('metered-video');
  if (!video) throw new Error('the room rendered no <metered-video>');
  return video;
}

/** Resolves once `count` new video frames were presented by `video` (requestVideoFrameCallback). */
export function framesArrive(video: HTMLVideoElement, count = 3): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const onFrame = () => {
      seen += 1;
      if (seen >= count) resolve();
      else video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  });
}

/** Waits until a remote tile for `peerId` exists in `video` and presents fresh frames. */
export async function waitForRemoteFrames(
  video: Element,
  peerId: string,
  role: 'camera' | 'screen' = 'camera',
): Promise<void> {
  await waitUntil(() => remoteVideo(video, peerId, role)?.srcObject, `no ${role} tile with a stream for ${peerId}`, {
    timeout: GUARD_MS,
  });
  const element = remoteVideo(video, peerId, role)!;
  await Promise.race([
    framesArrive(element),
    new Promise((_, reject) => setTimeout(() => reject(new Error(`no frames from ${peerId}`)), GUARD_MS)),
  ]);
}

/**
 * Records every stream getUserMedia hands out (the real one: this is a spy, not a fake), so a test can assert
 * that no capture track is still live. `restore()` puts the original back.
 */
export function spyOnCaptures(): { streams: MediaStream[]; liveTracks(): MediaStreamTrack[]; restore(): void } {
  const media = navigator.mediaDevices;
  const original = media.getUserMedia;
  const streams: MediaStream[] = [];
  media.getUserMedia = async function (constraints?: MediaStreamConstraints) {
    const stream = await original.call(media, constraints);
    streams.push(stream);
    return stream;
  };
  return {
    streams,
    // A set: a device switch puts a track of a later capture into an earlier stream, so it appears twice.
    liveTracks: () => [...new Set(streams.flatMap((s) => s.getTracks()))].filter((t) => t.readyState === 'live'),
    restore: () => {
      Reflect.deleteProperty(media, 'getUserMedia'); // back to the prototype's method
    },
  };
}

/** Makes the next getUserMedia calls wait (after the real capture) until `release()`. */
export function holdCaptures(): { release(): void; restore(): void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const media = navigator.mediaDevices;
  const real = media.getUserMedia;
  const own = Object.hasOwn(media, 'getUserMedia'); // another spy already installed
  media.getUserMedia = async (constraints) => {
    const stream = await real.call(media, constraints);
    await gate;
    return stream;
  };
  return {
    release,
    restore: () => {
      if (own) media.getUserMedia = real;
      else Reflect.deleteProperty(media, 'getUserMedia'); // back to the prototype's method
    },
  };
}
