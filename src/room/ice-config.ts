/**
 * The room's ICE configuration for one join: the `iceServers` property, the `ice-servers-url` answer and the
 * `ice-transport-policy` attribute, handed to the SDK through its public `rtcPeerConnectionFactory` option.
 *
 * Why the factory: `MeteredPeer` 1.2.0 takes ICE servers only from the welcome's `metadata.iceServers` and passes
 * them to the factory as `config.iceServers` for every RTCPeerConnection it builds (first connect and after every
 * reconnect). Wrapping the factory lets us add ours in front of the welcome's (merged, not replaced), fall back to
 * the default STUN server when nobody configured anything, and set the transport policy, without touching the
 * SDK. The factory reads the lists when the SDK builds a connection. On a reconnect the URL is fetched as the
 * reconnect starts, not awaited (the SDK offers no hook for that with an api-key): connections the reconnect
 * builds before the answer arrives still use the previous list.
 */
import type { MeteredErrorInit } from '../events.js';
import { fetchIceServers } from './ice-servers-url.js';
import { checkIceServers, mergeIceServers, parseIceTransportPolicy, type RejectedIceUrl } from './ice-servers.js';

/** What the room element holds. */
export interface IceOptions {
  readonly iceServers: readonly RTCIceServer[] | null | undefined;
  readonly iceServersUrl: string | null | undefined;
  readonly iceTransportPolicy: string | null | undefined;
}

export type IceOptionsCheck =
  | { readonly ok: true; readonly url: string | undefined; readonly policy: RTCIceTransportPolicy }
  | { readonly ok: false; readonly attribute: 'ice-servers-url' | 'ice-transport-policy' };

/** Checks the attributes before a join (a wrong one is `invalid_config` naming it). The URL may be relative. */
export function checkIceOptions(options: IceOptions): IceOptionsCheck {
  const policy = parseIceTransportPolicy(options.iceTransportPolicy);
  if (!policy) return { ok: false, attribute: 'ice-transport-policy' };
  const raw = (options.iceServersUrl ?? '').trim();
  if (raw === '') return { ok: true, url: undefined, policy };
  let url: URL;
  try {
    url = new URL(raw, document.baseURI);
  } catch {
    return { ok: false, attribute: 'ice-servers-url' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, attribute: 'ice-servers-url' };
  return { ok: true, url: url.href, policy };
}

export class IceConfig {
  readonly #property: RTCIceServer[] | undefined;
  readonly #url: string | undefined;
  readonly #policy: RTCIceTransportPolicy;
  readonly #report: (init: MeteredErrorInit) => void;
  /** The last good answer of the URL; kept when a later fetch fails (the join goes on with what it has). */
  #fromUrl: RTCIceServer[] | undefined;

  constructor(
    options: IceOptions,
    valid: Extract<IceOptionsCheck, { ok: true }>,
    report: (init: MeteredErrorInit) => void,
  ) {
    this.#url = valid.url;
    this.#policy = valid.policy;
    this.#report = report;
    // null is what a framework sets to "unset" a property: the same as undefined.
    this.#property = options.iceServers == null ? undefined : this.#accept(options.iceServers, 'iceServers');
  }

  /** `ice-transport-policy="relay"`: only relayed candidates (stall-watch.ts and media-path-watch.ts read it). */
  get relayOnly(): boolean {
    return this.#policy === 'relay';
  }

  /**
   * Fetches the `ice-servers-url` (when set). Never throws: a failure is reported as `ice_servers_unavailable`
   * and the previous answer, if any, stays in use. Called before the join and on every reconnect.
   */
  async refresh(): Promise<void> {
    if (!this.#url) return;
    const answer = await fetchIceServers(this.#url);
    if (!answer.ok) {
      this.#report({
        code: 'ice_servers_unavailable',
        reason: answer.reason,
        ...(answer.status !== undefined ? { status: answer.status } : {}),
        fatal: false,
      });
      return;
    }
    this.#fromUrl = this.#accept(answer.list, 'ice-servers-url');
  }

  /** The SDK's `rtcPeerConnectionFactory`. `config.iceServers` is the welcome's list, when it had one. */
  readonly factory = (config: RTCConfiguration): RTCPeerConnection => {
    const iceServers = mergeIceServers({
      property: this.#property,
      fromUrl: this.#fromUrl,
      welcome: config.iceServers,
    });
    try {
      return new RTCPeerConnection({ ...config, iceServers, iceTransportPolicy: this.#policy });
    } catch (err) {
      // An entry the browser refuses (e.g. an unresolvable TURN URL form) would otherwise throw inside the SDK and
      // leave this participant without a connection. Keep the connection, without our servers.
      this.#report({ code: 'ice_server_rejected', source: 'browser', schemes: [], fatal: false, cause: err });
      return new RTCPeerConnection({ ...config, iceTransportPolicy: this.#policy });
    }
  };

  #accept(list: unknown, source: 'iceServers' | 'ice-servers-url'): RTCIceServer[] | undefined {
    const { accepted, rejected } = checkIceServers(list);
    if (rejected.length > 0) {
      this.#report({
        code: 'ice_server_rejected',
        source,
        schemes: rejected.map((r: RejectedIceUrl) => r.scheme),
        fatal: false,
      });
    }
    // Only an explicitly empty list turns the default STUN server off; a list whose every entry was dropped
    // counts as configuring nothing.
    return accepted.length === 0 && rejected.length > 0 ? undefined : accepted;
  }
}
