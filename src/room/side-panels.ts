/**
 * Which side panel of the default layout is open — participants, chat or none — and the chat's unread count while
 * it is closed. Chat starts open, except on a phone (≤ 480 px wide), where it is a panel the user opens over the
 * video (and it closes when the window becomes that narrow). The chat element stays in the page while closed (it keeps receiving), only hidden.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MeteredMessageEvent } from '../events.js';
import type { PanelControls } from './room-controls.js';

export type PanelName = 'participants' | 'chat';

/** Where chat starts closed; matches the layout's phone rules in metered-room.styles.ts. */
const PHONE = '(max-width: 480px)';

export class SidePanels implements ReactiveController {
  readonly #phone = matchMedia(PHONE);
  open: PanelName | null = this.#phone.matches ? null : 'chat';
  /** Messages from others that arrived while the chat was closed. */
  unread = 0;

  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#phone.addEventListener('change', this.#onPhoneChange);
  }

  hostDisconnected(): void {
    this.#phone.removeEventListener('change', this.#onPhoneChange);
  }

  /**
   * A window that becomes phone-narrow (a phone turned upright, a window made small) closes the panel that would now
   * cover the video; one that becomes wide again with no panel open shows the chat beside it, as at the start.
   */
  readonly #onPhoneChange = (): void => {
    if (this.#phone.matches && this.open) this.toggle(this.open);
    else if (!this.#phone.matches && !this.open) this.toggle('chat');
  };

  toggle(panel: PanelName | null): void {
    this.open = this.open === panel ? null : panel;
    if (this.open === 'chat') this.unread = 0;
    this.#host.requestUpdate();
  }

  /** The chat's `metered-message` listener. */
  readonly onMessage = (event: MeteredMessageEvent): void => {
    if (this.open === 'chat' || event.detail.isOwn) return;
    this.unread += 1;
    this.#host.requestUpdate();
  };

  /** The control bar's view of the panels. */
  controls(participants: number): PanelControls {
    return { open: this.open, participants, unread: this.unread, toggle: (panel) => this.toggle(panel) };
  }
}
