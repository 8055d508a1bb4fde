/**
 * Fullscreen for the whole room (its control bar, video and chat), through the Fullscreen API on the room element.
 * Offered only where `document.fullscreenEnabled` (not in an iframe without `allow="fullscreen"`, not on iPhone).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FullscreenControl } from './room-controls.js';

export class FullscreenController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('fullscreenchange', this.#changed);
  }

  hostDisconnected(): void {
    document.removeEventListener('fullscreenchange', this.#changed);
  }

  /** The control bar's button, or null where the browser offers no fullscreen. */
  control(): FullscreenControl | null {
    if (!document.fullscreenEnabled) return null;
    const active = document.fullscreenElement === this.#host;
    return {
      active,
      // A refusal (no user gesture, a policy) leaves the room as it was: nothing to report.
      toggle: () => void (active ? document.exitFullscreen() : this.#host.requestFullscreen()).catch(() => {}),
    };
  }

  readonly #changed = (): void => this.#host.requestUpdate();
}
