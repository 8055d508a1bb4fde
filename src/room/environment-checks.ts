/**
 * What the page itself allows, checked before the room asks for devices, so a visitor hears the real reason
 * instead of "camera denied" or a silent wait:
 *
 * - the Permissions Policy of an iframe whose `allow` lacks `camera`, `microphone`, `display-capture` or
 *   `fullscreen` (`document.permissionsPolicy` / `document.featurePolicy`, Chromium; elsewhere the fallback in
 *   `frameBlockedError`: a NotAllowedError inside a cross-origin frame);
 * - an in-app browser (Instagram, Facebook, LinkedIn, TikTok, Line, Snapchat, WeChat webviews) or a browser
 *   without getUserMedia on a secure page: no call can capture there, so the visitor is sent to a real browser.
 *
 * Browser workaround, one place: the policy API is Chromium-only as of Chromium 120–156; the cms-embeds toolchain
 * test (test/toolchain/cms-embeds.mjs) proves the detection, test/environment-checks.test.ts the user agents.
 */
import type { MeteredErrorInit } from '../events.js';
import type { MediaKind } from './room-config.js';

export type PolicyFeature = 'camera' | 'microphone' | 'display-capture' | 'fullscreen';

interface PolicyApi {
  allowsFeature(feature: string): boolean;
}

/** Webviews of apps that cannot (or will not) capture camera and microphone for a page. */
const IN_APP_BROWSER = /Instagram|FBAN|FBAV|FB_IAB|LinkedInApp|musical_ly|BytedanceWebview|TikTok|\bLine\/|Snapchat|MicroMessenger/;

export function isInAppBrowser(userAgent: string): boolean {
  return IN_APP_BROWSER.test(userAgent);
}

function policyApi(): PolicyApi | undefined {
  const page = document as Document & { permissionsPolicy?: PolicyApi; featurePolicy?: PolicyApi };
  return page.permissionsPolicy ?? page.featurePolicy;
}

/** The features this document's Permissions Policy forbids; empty when the browser has no policy API. */
export function blockedFeatures(features: readonly PolicyFeature[]): PolicyFeature[] {
  const policy = policyApi();
  return policy ? features.filter((feature) => !policy.allowsFeature(feature)) : [];
}

/** The error for features an iframe's `allow` lacks, or null when none is missing. */
export function policyError(features: readonly PolicyFeature[]): MeteredErrorInit | null {
  if (features.length === 0) return null;
  return { code: 'iframe_permission_missing', features, allow: features.join('; '), fatal: false };
}

/** True inside a frame of another origin than the top page (reading its location throws then). */
function inCrossOriginFrame(): boolean {
  if (window.top === window) return false;
  try {
    return !window.top?.location.href;
  } catch {
    return true;
  }
}

/**
 * Why capturing `kinds` cannot work here, checked before asking: an in-app or too old browser (nothing is
 * captured), or an iframe policy that blocks some kinds (the others are still captured). `capture` is what is
 * left to ask for. An insecure page is left to the capture itself (`insecure_context`).
 */
export function checkMediaEnvironment(kinds: ReadonlySet<MediaKind>): {
  error: MeteredErrorInit | null;
  capture: ReadonlySet<MediaKind>;
} {
  if (kinds.size === 0 || !window.isSecureContext) return { error: null, capture: kinds };
  const noApi = typeof navigator.mediaDevices?.getUserMedia !== 'function';
  if (noApi || isInAppBrowser(navigator.userAgent)) {
    return { error: { code: 'browser_unsupported', reason: noApi ? 'no-media-api' : 'in-app', fatal: false }, capture: new Set() };
  }
  const wanted: PolicyFeature[] = [];
  if (kinds.has('video')) wanted.push('camera');
  if (kinds.has('audio')) wanted.push('microphone');
  const blocked = blockedFeatures(wanted);
  const capture = new Set([...kinds].filter((kind) => !blocked.includes(kind === 'video' ? 'camera' : 'microphone')));
  return { error: policyError(blocked), capture };
}

/**
 * A capture of `features` the browser refused (NotAllowedError), when the frame's `allow` is the reason: the policy
 * API says so (a screen share, which is only checked when asked for: the browser refuses it without a prompt), or,
 * where there is no policy API, the page runs in a cross-origin frame (the remedy also covers a person who said
 * no). Null otherwise: a real refusal.
 */
export function frameBlockedError(err: unknown, features: readonly PolicyFeature[]): MeteredErrorInit | null {
  if ((err as { name?: unknown } | null)?.name !== 'NotAllowedError') return null;
  let blocked: readonly PolicyFeature[] = [];
  if (policyApi()) blocked = blockedFeatures(features);
  else if (inCrossOriginFrame()) blocked = features;
  const error = policyError(blocked);
  return error && { ...error, cause: err };
}
