/**
 * `diagnose(room)`: what stands between this visitor and a working call, measured here and now without joining —
 * the page (secure, in-app browser, the iframe's Permissions Policy), the browser's permission states, the devices
 * present (counted by kind, never their labels), the room's server (reachable, and its round trip), and whether
 * ICE candidates can be gathered with the room's ICE servers. Every probe is bounded in time and never throws: a
 * probe the browser cannot run answers `null` / `'unknown'`. `renderDiagnosis` (diagnosis-view.ts) shows it.
 *
 * A function of the package entry, not a method of `<metered-room>`: it does not fit the script-tag bundle's byte
 * allowance yet, and tree-shaking keeps it out of an app that does not call it. The pre-join screen's
 * "Test my setup" brings it into the bundle when it is wired in.
 */
import { blockedFeatures, isInAppBrowser, type PolicyFeature } from './environment-checks.js';

/** The SDK's default server, used when the room has no `server-url`. */
const DEFAULT_SERVER_URL = 'wss://rms.metered.ca';
/** Upper bounds for the network probes; a probe still running then counts as failed. */
const PROBE_TIMEOUT_MS = 5000;

export type PermissionStateOrUnknown = PermissionState | 'unknown';

export interface DiagnosisReport {
  /** https:// or localhost: camera and microphone are possible at all. */
  readonly secureContext: boolean;
  /** An app's built-in browser (Instagram, Facebook, …) or no getUserMedia: capture will not work. */
  readonly unsupportedBrowser: boolean;
  /** Per feature: whether the page's Permissions Policy allows it (false: an iframe without `allow`); null when the browser cannot tell. */
  readonly permissionsPolicy: Readonly<Record<PolicyFeature, boolean | null>>;
  /** The browser's permission state for each device (`navigator.permissions`), or `unknown`. */
  readonly permissions: { readonly camera: PermissionStateOrUnknown; readonly microphone: PermissionStateOrUnknown };
  /** How many devices of each kind are present (no labels, no ids). */
  readonly devices: { readonly audioinput: number; readonly videoinput: number; readonly audiooutput: number };
  /** Whether the room's server answered an HTTP request, and how long the round trip took (ms). */
  readonly server: { readonly url: string; readonly reachable: boolean; readonly latencyMs: number | null };
  /**
   * ICE candidates gathered by a test connection with the room's `iceServers` (at most 5 s): `host` (this
   * machine), `srflx` (a STUN server saw us), `relay` (a TURN server relays for us); and which servers are set.
   */
  readonly ice: {
    readonly host: number;
    readonly srflx: number;
    readonly relay: number;
    readonly stunConfigured: boolean;
    readonly turnConfigured: boolean;
  };
}

const FEATURES: readonly PolicyFeature[] = ['camera', 'microphone', 'display-capture', 'fullscreen'];

function withTimeout<T>(probe: Promise<T>, fallback: T): Promise<T> {
  const late = new Promise<T>((resolve) => setTimeout(() => resolve(fallback), PROBE_TIMEOUT_MS));
  return Promise.race([probe.catch(() => fallback), late]);
}

function policyReport(): Record<PolicyFeature, boolean | null> {
  const page = document as Document & { permissionsPolicy?: object; featurePolicy?: object };
  const known = !!(page.permissionsPolicy ?? page.featurePolicy);
  const blocked = blockedFeatures(FEATURES);
  const report = {} as Record<PolicyFeature, boolean | null>;
  for (const feature of FEATURES) report[feature] = known ? !blocked.includes(feature) : null;
  return report;
}

async function permissionState(name: 'camera' | 'microphone'): Promise<PermissionStateOrUnknown> {
  // `camera` and `microphone` are not in TypeScript's PermissionName everywhere; Firefox throws for them.
  const status = await navigator.permissions?.query({ name: name as PermissionName });
  return status?.state ?? 'unknown';
}

async function countDevices(): Promise<DiagnosisReport['devices']> {
  const counts = { audioinput: 0, videoinput: 0, audiooutput: 0 };
  for (const device of (await navigator.mediaDevices?.enumerateDevices()) ?? []) counts[device.kind] += 1;
  return counts;
}

/** An HTTP round trip to the server's origin (`no-cors`: any answer, even an error page, means reachable). */
async function probeServer(serverUrl: string): Promise<DiagnosisReport['server']> {
  const url = (serverUrl || DEFAULT_SERVER_URL).replace(/^ws/, 'http');
  const started = performance.now();
  const reachable = await withTimeout(
    fetch(url, { mode: 'no-cors', cache: 'no-store', credentials: 'omit' }).then(() => true),
    false,
  );
  return { url, reachable, latencyMs: reachable ? Math.round(performance.now() - started) : null };
}

/** Gathers candidates on a data-channel-only connection with `iceServers`, until complete or the time bound. */
async function probeIce(iceServers: readonly RTCIceServer[]): Promise<DiagnosisReport['ice']> {
  const urls = iceServers.flatMap((server) => (Array.isArray(server.urls) ? server.urls : [server.urls]));
  const counts = {
    host: 0,
    srflx: 0,
    relay: 0,
    stunConfigured: urls.some((url) => /^stuns?:/.test(url)),
    turnConfigured: urls.some((url) => /^turns?:/.test(url)),
  };
  let connection: RTCPeerConnection | undefined;
  try {
    connection = new RTCPeerConnection({ iceServers: [...iceServers] });
    connection.createDataChannel('diagnose');
    const pc = connection;
    const gathered = new Promise<void>((resolve) => {
      pc.onicecandidate = ({ candidate }) => {
        if (!candidate) return resolve();
        const type = candidate.type;
        if (type === 'host' || type === 'srflx' || type === 'relay') counts[type] += 1;
      };
    });
    await pc.setLocalDescription(await pc.createOffer());
    await withTimeout(gathered, undefined);
  } catch {
    // No RTCPeerConnection, or servers it refuses: the counts say what was gathered (maybe nothing).
  } finally {
    connection?.close();
  }
  return counts;
}

/** The room settings the probes use (a `<metered-room>` has them). */
export interface DiagnosedRoom {
  readonly serverUrl?: string | null;
  readonly iceServers?: readonly RTCIceServer[] | null;
}

/**
 * Checks this visitor's setup for `room` without joining and resolves (within about 5 s) to a report: secure
 * page, in-app browser, the iframe's Permissions Policy per feature (camera, microphone, display-capture,
 * fullscreen), the camera and microphone permission states, devices present (counted by kind, no labels), whether
 * the room's server answers and its round trip, and which ICE candidates (host, STUN, TURN relay) can be gathered
 * with the room's `iceServers`. Show it with `renderDiagnosis(report)`. Never throws; a probe the browser cannot
 * run answers `null` or `'unknown'`.
 */
export async function diagnose(room: DiagnosedRoom): Promise<DiagnosisReport> {
  const serverUrl = room.serverUrl ?? '';
  const iceServers = room.iceServers ?? [];
  const [camera, microphone, devices, server, ice] = await Promise.all([
    withTimeout(permissionState('camera'), 'unknown' as const),
    withTimeout(permissionState('microphone'), 'unknown' as const),
    withTimeout(countDevices(), { audioinput: 0, videoinput: 0, audiooutput: 0 }),
    probeServer(serverUrl),
    probeIce(iceServers),
  ]);
  return {
    secureContext: window.isSecureContext,
    unsupportedBrowser:
      isInAppBrowser(navigator.userAgent) ||
      (window.isSecureContext && typeof navigator.mediaDevices?.getUserMedia !== 'function'),
    permissionsPolicy: policyReport(),
    permissions: { camera, microphone },
    devices,
    server,
    ice,
  };
}
