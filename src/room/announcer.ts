/**
 * Sends the room's own messages (see room-messages.ts): our claimed name, whether we publish media, whether our
 * microphone and camera are off, and the role of each local stream — broadcast on join and on change, and directly
 * to each newcomer (who missed the broadcasts). After a reconnect the room announces again (room-session.ts), so
 * the others' view of our media state is current then too. Failures are swallowed on purpose: these messages
 * improve names and tiles but a call works without them. One refusal is reported: a key without `send` cannot reach
 * newcomers, and cannot connect media either (`send_not_permitted`).
 */
import type { MeteredPeer } from '@metered-ca/realtime';
import type { StreamRole } from '../room-context.js';
import { randomId } from '../wire/random-id.js';
import type { MediaController } from './media-controller.js';
import { helloMessage, streamRoleMessage } from './room-messages.js';

export interface AnnouncerSource {
  readonly displayName: string;
  /** Our media: whether we publish, our camera and screen streams, our microphone / camera state. */
  readonly media: MediaController;
  /** A direct message was refused because the key or token lacks the `send` action. */
  sendRefused(): void;
}

const ignore = (): void => {};

export class Announcer {
  /** Our hello's key: new for every join, kept across the SDK's reconnects within it. */
  #key = randomId();
  readonly #source: AnnouncerSource;

  constructor(source: AnnouncerSource) {
    this.#source = source;
  }

  /** Starts a new join: the others must not take it for a reconnect of the previous one. */
  newJoin(): void {
    this.#key = randomId();
  }

  broadcast(peer: MeteredPeer): void {
    for (const message of this.#messages()) peer.send(message).catch(ignore);
  }

  sendTo(peer: MeteredPeer, peerId: string): void {
    for (const message of this.#messages()) peer.sendTo(peerId, message).catch(this.#onRefused);
  }

  /**
   * Broadcasts our hello alone, after our media changed (a toggle, a device switch, a screen share). The others
   * drop a hello that changes nothing they show (remote-participants.ts), so one that repeats costs a message only.
   */
  broadcastHello(peer: MeteredPeer): void {
    peer.send(this.#hello()).catch(ignore);
  }

  /** The one refusal that matters: without `send`, media connections can never be negotiated. */
  readonly #onRefused = (err: unknown): void => {
    if ((err as { name?: unknown } | null)?.name === 'action_not_permitted') this.#source.sendRefused();
  };

  broadcastRole(peer: MeteredPeer, stream: MediaStream, role: StreamRole): void {
    peer.send(streamRoleMessage(stream.id, role)).catch(ignore);
  }

  #messages(): object[] {
    const { camera, screen } = this.#source.media.local;
    return [
      this.#hello(),
      ...(camera ? [streamRoleMessage(camera.id, 'camera')] : []),
      ...(screen ? [streamRoleMessage(screen.id, 'screen')] : []),
    ];
  }

  #hello(): object {
    const { displayName, media } = this.#source;
    return helloMessage(displayName, media.publishes, this.#key, media.mediaState);
  }
}
