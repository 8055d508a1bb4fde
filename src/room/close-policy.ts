/**
 * What a WebSocket close means for the room, decided from the close the room saw itself (see socket-watch.ts):
 * - while joining, any close ends the join (the SDK does not retry a failed first connect) and is fatal;
 * - while joined, terminal codes (4001, 4003, 4012, 4020 — and 4002 without a token source to refresh from)
 *   end the session; the others are reported once and the SDK reconnects;
 * - while reconnecting, each failed attempt closes again (1006 while the server is down): not reported again.
 * It also recognises the SDK's (1.2.0) echo of the same close (its `error` event names it `invalid_token`,
 * `close_4011`, …), so one close is reported once, with the real code and reason.
 */
import { isTerminalCloseCode, mapClose } from '../error-mapping.js';
import type { MeteredErrorInit } from '../events.js';
import type { RoomState } from '../room-context.js';
import type { SocketClose } from './socket-watch.js';

const SDK_CLOSE_ERROR_NAMES =
  /^(close_\d+|invalid_token|token_expired|channel_not_authorized|account_suspended|admin_disconnect)$/;

export interface CloseVerdict {
  report: MeteredErrorInit | null;
  /** The session is over: tear down and go to `failed`. */
  end: boolean;
}

export class ClosePolicy {
  /** The last close seen in this join attempt. */
  last: SocketClose | null = null;
  /** A close was already reported while joining: the join's own rejection must not be reported again. */
  reportedWhileJoining = false;
  #handling = false;

  reset(): void {
    this.last = null;
    this.reportedWhileJoining = false;
  }

  classify(close: SocketClose, state: RoomState, canRefreshToken: boolean): CloseVerdict {
    this.last = close;
    // The SDK's listeners on the same socket run after ours, in the same event dispatch: a task later, its echo
    // of this close can no longer arrive.
    this.#handling = true;
    setTimeout(() => (this.#handling = false), 0);
    if (state === 'joining') {
      this.reportedWhileJoining = true;
      return { report: mapClose(close.code, close.reason, true), end: false };
    }
    if (state !== 'joined' && state !== 'reconnecting') return { report: null, end: false };
    const fatal = isTerminalCloseCode(close.code) || (close.code === 4002 && !canRefreshToken);
    const report = fatal || state === 'joined' ? mapClose(close.code, close.reason, fatal) : null;
    return { report, end: fatal };
  }

  /** True for the SDK's `error` event that merely repeats the close being handled. */
  isEcho(err: Error): boolean {
    return this.#handling && SDK_CLOSE_ERROR_NAMES.test(err.name);
  }

  /** The error for a session that ended without a reportable close of its own (e.g. reconnects exhausted). */
  finalError(): MeteredErrorInit {
    return mapClose(this.last?.code ?? 1006, this.last?.reason ?? '', true);
  }
}
