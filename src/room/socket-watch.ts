/**
 * Watches the SDK's WebSockets through its public `webSocketFactory` option. Two reasons:
 * - the close code and reason: `MeteredPeer`'s `error` event (SDK 1.2.0) carries only a name (`invalid_token`, `close_4011`)
 *   and interpolates the server's reason into `message`, which we must never show; here we read them raw;
 * - cleanup: after leave/remove we close any socket still open, so no server connection outlives the room.
 * Our `close` listener is added before the SDK's own, so the room knows the close before the SDK reacts to it.
 */
import type { WebSocketLike } from '@metered-ca/realtime';

export interface SocketClose {
  code: number;
  reason: string;
}

export class SocketWatch {
  readonly #open = new Set<WebSocket>();

  readonly #onClose: (close: SocketClose) => void;

  constructor(onClose: (close: SocketClose) => void) {
    this.#onClose = onClose;
  }

  readonly factory = (url: string): WebSocketLike => {
    const socket = new WebSocket(url);
    this.#open.add(socket);
    socket.addEventListener('close', (event) => {
      this.#open.delete(socket);
      this.#onClose({ code: event.code, reason: event.reason });
    });
    return socket;
  };

  /** Closes every socket that is still connecting or open (normally none: the SDK closes its own). */
  closeAll(): void {
    for (const socket of this.#open) {
      if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN)
        socket.close(1000, 'left');
    }
    this.#open.clear();
  }

  /**
   * Closes the open socket so that the SDK reconnects and reconciles, with fresh peer connections (see
   * stall-watch.ts). Code 1000, like every close the room asks for, so it is not reported; the SDK reconnects after
   * any close it did not ask for itself.
   */
  restart(): void {
    for (const socket of this.#open) if (socket.readyState === WebSocket.OPEN) socket.close(1000, 'restart');
  }
}
