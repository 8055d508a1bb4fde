/**
 * Plays the host's videos and collects the ones the browser's autoplay policy refused (a page that has not been
 * clicked may not start audible media). While any is refused the host shows one "Click to start audio and video"
 * button; `resume()` runs inside that click — a user gesture — and starts every video of the host, not only the
 * refused ones, so one click brings the whole call to life. `autoplay_blocked` is reported once per blocked
 * episode.
 *
 * The tile binds its stream with `.srcObject=${guard([stream], …)}`: assigned only when the stream object changes —
 * by identity, not `stream.id`: after a reconnect the SDK hands over a NEW MediaStream with the SAME id, and a
 * video still showing the old one freezes on its last frame. (Without the guard Lit re-assigns an object value on
 * every render, and each assignment reloads the video, paused.) A new `srcObject` loads paused; after each update
 * this controller starts every video whose stream changed — with `play()` rather than the `autoplay` attribute, so
 * that a refusal (`NotAllowedError`) reaches us and the host can offer the click.
 */
import type { LitElement, ReactiveController } from 'lit';
import { emitError } from '../events.js';

export class AutoplayGateController implements ReactiveController {
  get blocked(): boolean {
    return this.#refused.size > 0;
  }

  readonly #refused = new Set<HTMLMediaElement>();
  /** Every video rendered so far and the stream last started in it. */
  readonly #started = new Map<HTMLMediaElement, MediaProvider | null>();

  constructor(private readonly host: LitElement) {
    host.addController(this);
  }

  /** Call from a click handler: starts every media element of the host. */
  async resume(): Promise<void> {
    const attempts = [...this.#videos()].map(async (media) => {
      if (media.srcObject && (await this.#start(media))) this.#refused.delete(media);
    });
    await Promise.all(attempts);
    this.host.requestUpdate();
  }

  hostConnected(): void {
    // Back on the page after a removal, which paused every video (HTML spec): start them again.
    for (const media of this.#videos()) if (media.srcObject) void this.#start(media);
  }

  hostUpdated(): void {
    let refusedLeft = false;
    for (const media of this.#started.keys()) {
      if (this.host.renderRoot.contains(media)) continue;
      // The tile was removed (its peer left): hold no reference to the peer's media, and a refused tile no
      // longer keeps the overlay up.
      media.srcObject = null;
      this.#started.delete(media);
      refusedLeft = this.#refused.delete(media) || refusedLeft;
    }
    for (const media of this.#videos()) {
      if (media.srcObject && this.#started.get(media) !== media.srcObject) void this.#start(media);
      this.#started.set(media, media.srcObject);
    }
    if (refusedLeft) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#refused.clear();
  }

  /**
   * Plays `media`; resolves to whether it plays. A refusal by the autoplay policy puts it on the refused list (and
   * starts an episode); an `AbortError` only means a newer `srcObject` or a removal interrupted this attempt.
   */
  #start(media: HTMLMediaElement): Promise<boolean> {
    return media.play().then(
      () => true,
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'NotAllowedError') {
          const wasBlocked = this.blocked;
          this.#refused.add(media);
          if (!wasBlocked) {
            this.host.requestUpdate();
            emitError(this.host, { code: 'autoplay_blocked', fatal: false, cause: error });
          }
        }
        return false;
      },
    );
  }

  #videos(): NodeListOf<HTMLVideoElement> {
    return this.host.renderRoot.querySelectorAll('video');
  }
}
