/**
 * How an element under `<metered-room>` reaches the room: it consumes `roomContext` (subscribed, so a room that
 * appears or is re-parented later still reaches it), re-renders its host on every store `change`, optionally
 * forwards the store's `data` events, and — when no room answers at all — dispatches `metered-error` with code
 * `missing_room` once per connection of the host, so the page author learns why nothing happens.
 *
 * ```ts
 * private room = new RoomStoreController(this, { onData: (e) => this.receive(e.detail) });
 * render() { return this.room.store ? html`…` : renderMissingRoom(); }
 * ```
 */
import { ContextConsumer, ContextRoot } from '@lit/context';
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ERROR_TEXT } from '../error-text.js';
import { emitError } from '../events.js';
import { roomContext, type RoomDataDetail, type RoomStore } from '../room-context.js';

export interface RoomStoreControllerOptions {
  /** Called for every customer payload the room receives (chat messages and the like). */
  onData?: (event: CustomEvent<RoomDataDetail>) => void;
  /** Called after every store `change` (the host is re-rendered anyway). */
  onChange?: (store: RoomStore) => void;
  /** Called when the store is first found, replaced, or lost. */
  onStore?: (store: RoomStore | undefined) => void;
}

type Host = ReactiveControllerHost & HTMLElement;

/** True in the script-tag bundle only (rollup.config.mjs replaces it); undeclared anywhere else. */
declare const SCRIPT_TAG_BUNDLE: boolean;

let contextRootAttached = false;
/**
 * A room upgraded AFTER its children (tags defined later, lazy-loaded bundle) cannot answer their first request.
 * Lit's ContextRoot keeps unanswered subscribing requests at the document and replays them when a provider
 * announces itself, so those children still find their room. Attached once, on first use.
 *
 * Not in the script-tag bundle: it defines the room before the video and the chat in one go (define.ts), so no
 * element of it ever upgrades before its room, and ContextRoot there would be ~250 B gzip that never acts.
 */
function attachContextRoot(): void {
  if (typeof SCRIPT_TAG_BUNDLE !== 'undefined') return;
  if (contextRootAttached || typeof document === 'undefined') return;
  contextRootAttached = true;
  new ContextRoot().attach(document.documentElement);
}

export class RoomStoreController implements ReactiveController {
  /** The room's store, or undefined while no room has answered. */
  get store(): RoomStore | undefined {
    return this.#current;
  }
  /** True once we gave up waiting for a room (the host should render `renderMissingRoom()`). */
  get missing(): boolean {
    return this.#reportedMissing && this.#current === undefined;
  }

  #current: RoomStore | undefined;
  #reportedMissing = false;
  #connected = false;
  readonly #consumer: ContextConsumer<typeof roomContext, Host>;

  readonly #host: Host;
  readonly #options: RoomStoreControllerOptions;

  constructor(host: Host, options: RoomStoreControllerOptions = {}) {
    this.#host = host;
    this.#options = options;
    attachContextRoot();
    host.addController(this);
    this.#consumer = new ContextConsumer(host, {
      context: roomContext,
      subscribe: true,
      callback: (store) => this.#attach(store),
    });
  }

  hostConnected(): void {
    this.#connected = true;
    // The ContextConsumer asks synchronously when the host connects. A room that is upgraded after its children
    // (tags defined in a different order, or markup parsed in chunks) cannot answer yet, so ask once more after
    // the current task before concluding there is no room.
    if (this.#current === undefined) {
      setTimeout(() => {
        if (!this.#connected || this.#current !== undefined) return;
        this.#consumer.hostConnected(); // re-sends the context request
        if (this.#current === undefined && !this.#reportedMissing) {
          this.#reportedMissing = true;
          this.#host.requestUpdate();
          emitError(this.#host, { code: 'missing_room', fatal: true });
        }
      }, 0);
    }
  }

  hostDisconnected(): void {
    this.#connected = false;
    // The ContextConsumer unsubscribes itself; we drop our listeners so a removed element keeps no room alive.
    this.#attach(undefined);
    this.#reportedMissing = false;
  }

  #attach(store: RoomStore | undefined): void {
    if (store === this.#current) return;
    if (this.#current) {
      this.#current.removeEventListener('change', this.#onChange);
      this.#current.removeEventListener('data', this.#onData);
    }
    this.#current = store;
    if (store) {
      store.addEventListener('change', this.#onChange);
      store.addEventListener('data', this.#onData);
    }
    this.#options.onStore?.(store);
    this.#host.requestUpdate();
  }

  readonly #onChange = (): void => {
    if (!this.#current) return;
    this.#options.onChange?.(this.#current);
    this.#host.requestUpdate();
  };

  readonly #onData = (event: CustomEvent<RoomDataDetail>): void => {
    this.#options.onData?.(event);
  };
}

/** The short placeholder an element renders when it has no room above it. */
export function renderMissingRoom(): TemplateResult {
  const text = ERROR_TEXT.missing_room;
  return html`<p part="missing-room" role="note">${text.message} ${text.remedy}</p>`;
}
