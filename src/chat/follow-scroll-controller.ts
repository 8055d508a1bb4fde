/**
 * Keeps a scrolling list pinned to its newest entry while the reader is at the bottom, and stops following as
 * soon as they scroll up to read older entries — then `hasUnseen` turns true so the host can offer a
 * "New messages" button. Reading the user's intent from scroll events (not from "did the content grow") means a
 * message arriving while someone reads history never yanks the list away from them.
 *
 * ```ts
 * private follow = new FollowScrollController(this, () => this.list);
 * // template: <div @scroll=${this.follow.onScroll}>…</div>; after appending: this.follow.contentAdded();
 * ```
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Distance from the bottom (px) that still counts as "at the bottom": sub-pixel rounding, a last line half shown. */
const AT_BOTTOM_SLACK_PX = 24;

export class FollowScrollController implements ReactiveController {
  /** True when entries were added below the visible area since the reader scrolled up. */
  get hasUnseen(): boolean {
    return this.#unseen;
  }

  #following = true;
  #unseen = false;
  #pendingScroll = false;

  readonly #scroller: () => HTMLElement | null | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    scroller: () => HTMLElement | null | undefined,
  ) {
    this.#scroller = scroller;
    host.addController(this);
  }

  /** Call when entries were appended. `force` (the reader's own message) scrolls down even when reading history. */
  contentAdded(force = false): void {
    if (force) this.#following = true;
    if (this.#following) {
      this.#pendingScroll = true;
    } else {
      this.#unseen = true;
    }
    this.host.requestUpdate();
  }

  /**
   * Call when entries were inserted above the others (history from before we joined): nothing new below, so no
   * "New messages"; a reader at the bottom stays there, one reading keeps their place.
   */
  contentInsertedAbove(): void {
    if (this.#following) this.#pendingScroll = true;
    this.host.requestUpdate();
  }

  /** Scrolls to the newest entry and resumes following (the "New messages" button). */
  scrollToEnd(): void {
    this.#following = true;
    this.#unseen = false;
    this.#pendingScroll = true;
    this.host.requestUpdate();
  }

  /** Bind to the scroller's `scroll` event. */
  readonly onScroll = (): void => {
    const el = this.#scroller();
    if (!el) return;
    this.#following = el.scrollHeight - el.scrollTop - el.clientHeight <= AT_BOTTOM_SLACK_PX;
    if (this.#following && this.#unseen) {
      this.#unseen = false;
      this.host.requestUpdate();
    }
  };

  hostUpdated(): void {
    if (!this.#pendingScroll) return;
    const el = this.#scroller();
    if (!el) return;
    this.#pendingScroll = false;
    el.scrollTop = el.scrollHeight;
  }
}
