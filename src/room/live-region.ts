/**
 * The room's one polite live region: what a screen reader hears about the call (reconnecting, reconnected, a fatal
 * error, a media notice). One region per room, in the DOM from the first render — a region created together with
 * its text is often not announced at all — and one announcement per change: the tiles' badges and the chat's
 * status line are not live regions, so a network blip is one "Reconnecting…", not one per tile.
 */
import type { ReactiveControllerHost } from 'lit';

export class LiveRegion {
  /** The text the region holds now (the room renders it). */
  text = '';
  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** Puts `text` in the region; the same text again is not announced again. */
  announce(text: string): void {
    if (text === this.text) return;
    this.text = text;
    this.#host.requestUpdate();
  }
}
