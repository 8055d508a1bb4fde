/**
 * From whatever the SDK or the browser threw to our typed `metered-error` detail. The SDK's errors are told apart
 * by `name` (and `code` where it has one) — never by message text, which is not a stable contract and may carry
 * server text. Facts the SDK error does not carry (the socket's close code and reason, the token-url failure
 * count, the remote peer of a negotiation) come in through `MappingContext` from the room, which observes them.
 */
import { CloseErrorCode, SERVER_ERROR_CODES, type MediaErrorDetail, type ServerErrorCode } from './errors.js';
import type { MeteredErrorInit } from './events.js';
import { isRecord } from './wire/is-record.js';
import { frameBlockedError } from './room/environment-checks.js';

export interface MappingContext {
  /** Whether the session is over (the user must act, then join again). Overrides the per-code default. */
  fatal?: boolean;
  /** The last close the room's socket saw, when the error is about a lost connection. */
  closeCode?: number;
  closeReason?: string;
  /** For `token_provider_failed`: how many token fetches in a row failed. */
  consecutiveFailures?: number;
  /** For `ice_restart_exhausted`: the remote peer. */
  peerId?: string;
}

/** Close codes after which the SDK does not reconnect (4002 too, when there is no token source to refresh). */
const TERMINAL_CLOSE_CODES: ReadonlySet<number> = new Set([4001, 4003, 4012, 4020]);

const CLOSE_CODE_NAMES = new Map<number, CloseErrorCode>(
  (Object.entries(CloseErrorCode) as [CloseErrorCode, number][]).map(([name, code]) => [code, name]),
);

function stringField(value: unknown, key: string): string | undefined {
  return isRecord(value) && typeof value[key] === 'string' ? (value[key] as string) : undefined;
}

function numberField(value: unknown, key: string): number | undefined {
  return isRecord(value) && typeof value[key] === 'number' ? (value[key] as number) : undefined;
}

function isServerErrorCode(name: string): name is ServerErrorCode {
  return (SERVER_ERROR_CODES as readonly string[]).includes(name);
}

/** True for close codes after which the SDK gives up by itself. */
export function isTerminalCloseCode(code: number): boolean {
  return TERMINAL_CLOSE_CODES.has(code);
}

/**
 * A WebSocket close, by name. Codes we have no name for (1000, 1011, …) are reported with the real `closeCode`
 * as `abnormal_close` while the SDK reconnects by itself ("the connection was lost"), and as `connection_failed`
 * when the session is over: the first connection never worked, or reconnecting gave up.
 */
export function mapClose(closeCode: number, closeReason: string, fatal: boolean, cause?: unknown): MeteredErrorInit {
  const named = CLOSE_CODE_NAMES.get(closeCode) ?? 'abnormal_close';
  const code = named === 'abnormal_close' && fatal ? 'connection_failed' : named;
  return { code, closeCode, closeReason, fatal, ...(cause !== undefined ? { cause } : {}) };
}

/**
 * A `getDisplayMedia` failure. Browsers answer `NotAllowedError` both when the person cancels the picker and when
 * a policy blocks sharing: neither is about the camera or microphone.
 */
export function mapScreenShareError(err: unknown): MeteredErrorInit {
  const name = stringField(err, 'name');
  const blocked = frameBlockedError(err, ['display-capture']);
  if (blocked) return blocked;
  if (name === 'NotAllowedError' || name === 'SecurityError') return { code: 'screen_share_denied', fatal: false, cause: err };
  return mapMediaError(err);
}

/** A browser `getUserMedia` / `getDisplayMedia` failure, by the DOMException's name. */
function mediaErrorCode(name: string | undefined): MediaErrorDetail['code'] {
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'media_permission_denied';
    case 'NotReadableError':
    case 'AbortError':
      return 'media_device_in_use';
    default:
      // NotFoundError, OverconstrainedError, and anything unexpected: to the user, no usable device.
      return 'media_device_not_found';
  }
}

/** A browser `getUserMedia` failure (and a `getDisplayMedia` one other than a refusal). */
export function mapMediaError(err: unknown): MeteredErrorInit {
  const blocked = frameBlockedError(err, ['camera', 'microphone']);
  if (blocked) return blocked;
  return { code: mediaErrorCode(stringField(err, 'name')), fatal: false, cause: err };
}

/**
 * Any error the SDK threw, rejected with, or emitted on its `error` event. Returns null for errors that are about
 * a close the room reports from its own socket observation (the SDK's `invalid_token`, `close_4011`, … and
 * `SignallingConnectError`), unless the context carries the close code.
 */
export function mapSdkError(err: unknown, context: MappingContext = {}): MeteredErrorInit | null {
  const name = stringField(err, 'name') ?? '';
  // Most codes are not fatal by themselves; `context.fatal` overrides either way.
  const rest = { fatal: context.fatal ?? false, cause: err };
  const count = (key: string) => numberField(err, key) ?? 0;
  const list = (key: string): unknown[] => (isRecord(err) && Array.isArray(err[key]) ? err[key] : []);
  switch (name) {
    case 'MeteredPeerOversizedError':
      return { code: 'oversized', size: count('size'), cap: count('cap'), ...rest };
    case 'MeteredPeerSendError': {
      const code = stringField(err, 'code');
      if (code === 'not_joined' || code === 'invalid_args' || code === 'self_send' || code === 'reserved_channel') {
        return { code, ...rest, fatal: context.fatal ?? code === 'reserved_channel' };
      }
      return { code: 'invalid_args', ...rest };
    }
    case 'MeteredPeerStateError': {
      const currentState = stringField(err, 'currentState');
      return {
        code: stringField(err, 'code') === 'track_already_attached' ? 'track_already_attached' : 'invalid_state',
        method: stringField(err, 'method') ?? 'unknown',
        ...(currentState !== undefined ? { currentState } : {}),
        ...rest,
      };
    }
    case 'MeteredPeerReplaceTrackError':
      return {
        code: 'replace_track_failed',
        succeeded: list('succeeded').filter((id): id is string => typeof id === 'string'),
        failed: list('failed')
          .map((entry) => stringField(entry, 'peerId'))
          .filter((id): id is string => id !== undefined),
        ...rest,
      };
    case 'DataChannelOverflowError':
      return { code: 'data_channel_overflow', queued: count('queued'), cap: count('cap'), ...rest };
    case 'DisconnectedError':
      return { code: 'disconnected', closeCode: context.closeCode ?? 1006, ...rest };
    case 'TokenProviderError':
      return { code: 'token_provider_failed', consecutiveFailures: context.consecutiveFailures ?? 0, ...rest };
    case 'IceRestartExhaustedError':
      return { code: 'ice_restart_exhausted', peerId: context.peerId ?? '', ...rest };
    case 'ReconcileTimeoutError':
      return { code: 'reconcile_timeout', ...rest, fatal: context.fatal ?? true };
    case 'SignallingConnectError': {
      const closeCode = numberField(err, 'closeCode') ?? context.closeCode ?? 1006;
      const closeReason = stringField(err, 'closeReason') ?? context.closeReason ?? '';
      return mapClose(closeCode, closeReason, context.fatal ?? true, err);
    }
  }
  // The frame's text, when the SDK put more than the code's own name into `message`.
  const message = stringField(err, 'message');
  const serverMessage = message !== undefined && message !== name ? { serverMessage: message } : {};
  // Server error frames: the SDK names the Error after the wire code and puts the frame's text in `message`.
  if (isServerErrorCode(name)) {
    return { code: name, ...serverMessage, ...rest, fatal: context.fatal ?? name === 'action_not_permitted' };
  }
  // Close-code names the SDK uses both for terminal closes and for (rarer) error frames of the same name.
  if (name in CloseErrorCode || name.startsWith('close_')) {
    if (context.closeCode === undefined) {
      // An error frame (not a close) with a close-code name: report it under its name, with the code it stands for.
      if (name in CloseErrorCode) {
        return {
          code: name as CloseErrorCode,
          closeCode: CloseErrorCode[name as CloseErrorCode],
          closeReason: '',
          ...serverMessage,
          ...rest,
          fatal: context.fatal ?? true,
        };
      }
      return null;
    }
    return mapClose(
      context.closeCode,
      context.closeReason ?? '',
      context.fatal ?? isTerminalCloseCode(context.closeCode),
      err,
    );
  }
  return null;
}
