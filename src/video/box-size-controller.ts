/**
 * The host's content-box size, kept current with a ResizeObserver, re-rendering the host when it changes. For
 * layouts that depend on the shape of the box (the video tiles), which CSS alone cannot count.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

export class BoxSizeController implements ReactiveController {
  /** 0 until the first observation (the host is not laid out yet). */
  width = 0;
  height = 0;

  readonly #host: Host;
  readonly #observer: ResizeObserver;

  constructor(host: Host) {
    this.#host = host;
    this.#observer = new ResizeObserver(([entry]) => {
      const { inlineSize, blockSize } = entry.contentBoxSize[0];
      if (inlineSize === this.width && blockSize === this.height) return;
      this.width = inlineSize;
      this.height = blockSize;
      this.#host.requestUpdate();
    });
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer.observe(this.#host);
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
  }
}
