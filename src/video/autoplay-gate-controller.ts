/**
 * Collects the videos whose playback the browser's autoplay policy refused (a page that has not been clicked may
 * not start audible media). While any is refused the host shows one "Click to start audio and video" button;
 * `resume()` runs inside that click — a user gesture — and starts every video of the host, not only the refused
 * ones, so one click brings the whole call to life. `autoplay_blocked` is reported once per blocked episode.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { emitError } from '../events.js';
import { startPlayback } from './media-stream-directive.js';

type Host = ReactiveControllerHost & HTMLElement;

export class AutoplayGateController implements ReactiveController {
  get blocked(): boolean {
    return this.#refused.size > 0;
  }

  readonly #refused = new Set<HTMLMediaElement>();

  readonly #mediaElements: () => Iterable<HTMLMediaElement>;

  constructor(
    private readonly host: Host,
    mediaElements: () => Iterable<HTMLMediaElement>,
  ) {
    this.#mediaElements = mediaElements;
    host.addController(this);
  }

  /** Pass to `mediaStream()` as its `onBlocked` callback. */
  readonly report = (media: HTMLMediaElement, error: DOMException): void => {
    const wasBlocked = this.blocked;
    this.#refused.add(media);
    if (wasBlocked) return;
    this.host.requestUpdate();
    emitError(this.host, { code: 'autoplay_blocked', fatal: false, cause: error });
  };

  /** Call from a click handler: starts every media element of the host. */
  async resume(): Promise<void> {
    const attempts = [...this.#mediaElements()].map(async (media) => {
      if (!media.srcObject) return;
      if (await startPlayback(media, () => {})) this.#refused.delete(media);
    });
    await Promise.all(attempts);
    // Refused elements that left the page (their tile was removed) no longer need a click.
    for (const media of this.#refused) if (!media.isConnected) this.#refused.delete(media);
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    // A refused tile removed meanwhile (its peer left) must not keep the overlay up.
    let removedAny = false;
    for (const media of this.#refused) {
      if (!media.isConnected) {
        this.#refused.delete(media);
        removedAny = true;
      }
    }
    if (removedAny) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#refused.clear();
  }
}
