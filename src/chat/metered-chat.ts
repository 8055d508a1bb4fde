import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { RoomStoreController, renderMissingRoom } from '../controllers/room-store-controller.js';
import { ERROR_TEXT } from '../error-text.js';
import { emit, emitError, type MeteredErrorInit } from '../events.js';
import { JoinYieldingElement } from '../join-yield.js';
import type { MeteredPeer } from '@metered-ca/realtime';
import type { RoomDataDetail, RoomStore } from '../room-context.js';
import type { MeteredPeerJoinedEvent } from '../events.js';
import { themeStyles } from '../theme.styles.js';
import { renderEntry, toMessageDetail, type ChatEntry } from './chat-entry.js';
import { ChatHistory } from './chat-history.js';
import {
  historyChunks,
  historyEntryName,
  isHistorySender,
  isHistoryType,
  readHistoryChunk,
} from './chat-history-handoff.js';
import { createChatPayload, readChatPayload } from './chat-message.js';
import { FollowScrollController } from './follow-scroll-controller.js';
import { chatStyles } from './metered-chat.styles.js';
import { returnsToAuthor, sendFailure } from './send-error.js';
import { resolveSenderName } from './sender-name.js';

/**
 * Why the draft is in the input instead of in the list: `not_joined`, `oversized` (with size and cap), or
 * `session_ended` (a message of an ended session was given back).
 */
type DraftProblem = MeteredErrorInit;

/** True when the room asks for console logging (`debug`), so a dropped message is explained in the console. */
function roomDebugs(store: RoomStore): boolean {
  const host: HTMLElement & { debug?: unknown } = store.host;
  return host.debug === true;
}

/**
 * Text chat for everyone in the surrounding `<metered-room>`. Messages are broadcast to the room's channel with the
 * room's SDK peer. Names confirmed by the server (the sender's token carries `peerMetadata.displayName` or
 * `username`) are shown as is; a name a sender merely claims is shown with an "unverified" mark. Remote text is always shown as text, never as HTML. Enter sends,
 * Shift+Enter starts a new line. Nothing typed is lost: while the room is not joined the draft stays in the input,
 * a message too long to send goes back into the input, and a message the server refused stays in the list with
 * a Retry button. The list belongs to one session of the room: when the room joins again (after a leave, a failure
 * or a channel change) the old messages are cleared, and any of ours that never went through go back into the
 * input (`session_ended`) instead of into the new session. A newcomer gets the last messages (up to 100) from one
 * member already in the room, shown above a "Sent before you joined" line with their original senders; a name is
 * marked verified there only when the server vouched for it (no `metered-message` is fired for them). Must be
 * placed inside a `<metered-room>` (at any depth,
 * across shadow roots). With the room's `debug` set, a malformed chat message that is dropped is logged with
 * `console.debug`.
 *
 * @summary Text chat for the surrounding room: a message list and an input.
 *
 * @fires metered-message - For each message shown: every valid chat message received, and each own message once
 *   the server accepted it.
 * @fires metered-error - On the chat element when sending fails: `not_joined` (sent before the room joined; the
 *   draft is kept), `oversized` (with `size` and `cap`; the draft is kept), `over_message_quota`,
 *   `action_not_permitted` and other server codes (the message is marked failed, with Retry), `disconnected`
 *   (the connection dropped before the server confirmed; Retry); `session_ended` (the room left or joined again
 *   while a message of ours was unsent: its text is back in the input); `missing_room` when there is no room
 *   above it.
 *
 * @csspart base - The wrapper around the list and the form.
 * @csspart list - The scrolling message list (`role="log"`, a polite live region).
 * @csspart empty - The "No messages yet" line.
 * @csspart message - Each message; also carries `message-own` or `message-remote`.
 * @csspart message-own - A message this participant sent.
 * @csspart message-remote - A message from someone else.
 * @csspart meta - The line with sender name and time.
 * @csspart sender - The sender's name.
 * @csspart unverified - The mark next to a name the server did not confirm.
 * @csspart time - The time the message appeared.
 * @csspart text - The message text.
 * @csspart pending - "Sending…" on an own message awaiting the server.
 * @csspart failure - The "Not sent" line on a failed own message.
 * @csspart retry - The Retry button of a failed message.
 * @csspart history-divider - The line under the messages sent before this participant joined.
 * @csspart new-messages - The "New messages" button shown when messages arrive while the reader has scrolled up.
 * @csspart form - The form with the label, input, send button and status line.
 * @csspart label - The input's visible label.
 * @csspart input - The message textarea.
 * @csspart send - The Send button.
 * @csspart status - The line under the input: not-joined hint or why the draft was not sent.
 * @csspart missing-room - The placeholder shown when there is no `<metered-room>` above the element.
 *
 * @cssprop --metered-background - Background of the input.
 * @cssprop --metered-surface - Background of the list and of other people's messages.
 * @cssprop --metered-text - Text colour.
 * @cssprop --metered-muted-text - Colour of names, times and hints.
 * @cssprop --metered-accent - Background of own messages and of the buttons.
 * @cssprop --metered-on-accent - Text on accent backgrounds.
 * @cssprop --metered-danger - Colour of errors and the "unverified" mark.
 * @cssprop --metered-border - Border colour.
 * @cssprop --metered-radius - Corner radius.
 * @cssprop --metered-gap - Spacing.
 * @cssprop --metered-font - Font family.
 */
export class MeteredChat extends JoinYieldingElement {
  // Static getters, not `static styles = …`: tsc would emit a class static block, which Safari before 16.4 cannot
  // parse (test/toolchain/package-checks.mjs checks the bundle).
  static override get styles() {
    return [themeStyles, chatStyles];
  }
  // Internal reactive state, declared here rather than with decorators: no decorator helpers in the bundle.
  static override get properties() {
    return {
      // attribute:false is implied by state:true for Lit, but the manifest analyzer needs it to list no attributes.
      draft: { state: true, attribute: false },
      draftProblem: { state: true, attribute: false },
    };
  }

  private draft = '';
  /** Why the draft is still in the input, or null. */
  private draftProblem: DraftProblem | null = null;

  /** This session's messages; render reads it, and every change to it requests an update. */
  readonly #history = new ChatHistory(this);
  /** The SDK peer of the session the history belongs to (a new join builds a new one; a reconnect keeps it). */
  #sessionPeer: MeteredPeer | null = null;
  readonly #room = new RoomStoreController(this, {
    onData: (event) => this.#receive(event.detail),
    onChange: (store) => this.#followSession(store),
    onStore: (store) => {
      this.#roomHost?.removeEventListener('metered-peer-joined', this.#handOff);
      this.#roomHost = store?.host ?? null;
      this.#roomHost?.addEventListener('metered-peer-joined', this.#handOff);
      if (store) this.#followSession(store);
    },
  });
  /** The room element whose `metered-peer-joined` we hear (to hand newcomers the history). */
  #roomHost: HTMLElement | null = null;
  readonly #follow = new FollowScrollController(this, () => this.renderRoot.querySelector<HTMLElement>('.list'));

  protected override willUpdate(): void {
    // The "not in the room" hint is about the room's state; once joined it no longer applies.
    if (this.draftProblem?.code === 'not_joined' && this.#joinedPeer()) this.draftProblem = null;
  }

  protected override updated(): void {
    // The textarea's value is compared with the draft on every update, not with the last value rendered: the
    // user types between renders, and a draft put back after a failed send may equal what was rendered last.
    // (Done here instead of with Lit's live() directive, which would add its directive code to the bundle.)
    const input = this.renderRoot.querySelector('textarea');
    if (input && input.value !== this.draft) input.value = this.draft;
  }

  /** Sends the current draft. Same as pressing Enter in the input or the Send button. */
  send(): void {
    const text = this.draft;
    if (text.trim() === '') return;
    const store = this.#room.store;
    const peer = this.#joinedPeer();
    if (!store || !peer) {
      this.draftProblem = { code: 'not_joined', fatal: false };
      emitError(this, this.draftProblem);
      return;
    }
    const payload = createChatPayload(text, store.displayName);
    const entry: ChatEntry = {
      key: `own:${payload.id}`,
      id: payload.id,
      fromPeerId: store.peerId ?? '',
      displayName: store.displayName,
      nameVerified: store.participants.find((p) => p.isLocal)?.nameVerified ?? false,
      text,
      sentAt: payload.sentAt,
      shownAt: payload.sentAt,
      isOwn: true,
      status: 'sending',
      payload,
      sentWith: peer,
    };
    this.#addEntry(entry);
    this.draft = '';
    this.draftProblem = null;
    void this.#deliver(entry, peer, true);
  }

  override render(): TemplateResult {
    if (this.#room.missing) return renderMissingRoom();
    const joined = !!this.#joinedPeer();
    const entries = this.#history.entries;
    const earlier = this.#history.earlier;
    return html`<section class="base" part="base">
      <div class="log-area">
        <div
          class="list"
          part="list"
          role="log"
          aria-label="Chat messages"
          tabindex="0"
          @scroll=${this.#follow.onScroll}
        >
          ${entries.length + earlier.length === 0 ? html`<p class="empty" part="empty">No messages yet.</p>` : nothing}
          ${repeat(
            earlier,
            (entry) => entry.key,
            (entry) => renderEntry(entry, this.#retry),
          )}
          ${
            earlier.length > 0
              ? html`<p class="divider" part="history-divider" role="separator">Sent before you joined ↑</p>`
              : nothing
          }
          ${repeat(
            entries,
            (entry) => entry.key,
            (entry) => renderEntry(entry, this.#retry),
          )}
        </div>
        ${
          this.#follow.hasUnseen
            ? html`<button
                class="new-messages"
                part="new-messages"
                type="button"
                @click=${() => this.#follow.scrollToEnd()}
              >
                New messages ↓
              </button>`
            : nothing
        }
      </div>
      <form class="form" part="form" @submit=${this.#onSubmit}>
        <label class="label" part="label" for="input">Message</label>
        <textarea
          id="input"
          class="input"
          part="input"
          rows="2"
          aria-describedby="status"
          aria-invalid=${this.draftProblem?.code === 'oversized'}
          placeholder=${joined ? 'Write a message' : 'Not in the room yet — your message will wait here'}
          @input=${this.#onInput}
          @keydown=${this.#onKeydown}
        ></textarea>
        <button class="send" part="send" type="submit">Send</button>
        <p id="status" part="status" class=${this.draftProblem ? 'status error' : 'status'}>
          ${this.#statusText(joined)}
        </p>
      </form>
    </section>`;
  }

  #statusText(joined: boolean): string {
    const problem = this.draftProblem;
    if (!problem) return joined ? '' : 'Not in the room yet. You can type; the message is kept until you send it.';
    const { message, remedy } = ERROR_TEXT[problem.code];
    if (problem.code === 'oversized')
      return `${message} It is ${problem.size} bytes; the limit is ${problem.cap}. ${remedy}`;
    if (problem.code === 'not_joined') return `${message} Your message is kept; send it once joined.`;
    return `${message} ${remedy}`; // session_ended
  }

  /** The room's peer while the room is joined: the only time a message can be sent. */
  #joinedPeer(): MeteredPeer | null | undefined {
    const store = this.#room.store;
    return store?.state === 'joined' ? store.peer : null;
  }

  // Event handlers: Lit calls them with `this` set to the element.
  #onInput(event: Event): void {
    this.draft = (event.target as HTMLTextAreaElement).value;
  }

  #onKeydown(event: KeyboardEvent): void {
    // Enter while an IME composes a character confirms the character, not the message.
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.isComposing) this.#onSubmit(event);
  }

  #onSubmit(event: Event): void {
    event.preventDefault();
    this.send();
  }

  readonly #retry = (entry: ChatEntry): void => {
    const current = this.#history.find(entry.key);
    if (current?.status !== 'failed') return;
    // Pinned to its session: after a leave or a new join (maybe in another channel) it goes back to the input.
    if (current.sentWith !== this.#room.store?.peer) {
      this.#history.drop(current.key);
      this.#giveBack([current]);
      return;
    }
    const peer = this.#joinedPeer();
    if (!peer) {
      emitError(this, { code: 'not_joined', fatal: false });
      return;
    }
    this.#history.replace({ ...current, status: 'sending', failure: undefined });
    void this.#deliver(current, peer, false);
  };

  /** Sends an own entry and settles its status. `firstAttempt`: a refusal before sending returns the draft. */
  async #deliver(entry: ChatEntry, peer: MeteredPeer, firstAttempt: boolean): Promise<void> {
    try {
      await peer.send(entry.payload);
      const sent: ChatEntry = { ...entry, status: 'sent', failure: undefined };
      // Gone from the list when its session ended meanwhile: its text was given back, nothing more to say.
      if (!this.#history.replace(sent)) return;
      emit(this, 'metered-message', toMessageDetail(sent));
    } catch (err) {
      if (!this.#history.find(entry.key)) return; // its session ended meanwhile and gave the text back
      const failure = sendFailure(err);
      emitError(this, failure);
      // The SDK refuses oversized and not-joined sends before anything leaves the page, and the rejection
      // arrives in the same task as the click — before the user can type again — so the draft is still empty
      // and the text goes straight back into it, as if it had never left.
      if (firstAttempt && returnsToAuthor(failure) && this.draft === '') {
        this.#history.drop(entry.key);
        this.draft = entry.text;
        this.draftProblem = failure;
        return;
      }
      this.#history.replace({ ...entry, status: 'failed', failure: failure.code });
    }
  }

  #receive(detail: RoomDataDetail): void {
    const store = this.#room.store;
    if (!store || detail.senderPeerId === store.peerId) return;
    if (detail.kind === 'direct') return this.#receiveHistory(store, detail);
    // Chat itself is a broadcast: a direct message shaped like chat would look public here while it is not.
    const read = readChatPayload(detail.data);
    if (read.kind === 'malformed' && roomDebugs(store)) {
      console.debug(`metered-chat: dropped a malformed chat message from peer ${detail.senderPeerId}: ${read.problem}`);
    }
    if (read.kind !== 'chat') return;
    const { payload } = read;
    const key = `${detail.senderPeerId}:${payload.id}`;
    // A retry of a message that did arrive, or one a member already handed us as history.
    if (this.#history.find(key) || this.#history.earlier.some((entry) => entry.id === payload.id)) return;
    const participant = store.participants.find((p) => p.peerId === detail.senderPeerId);
    const name = resolveSenderName(detail.senderMetadata, payload.name, participant);
    const entry: ChatEntry = {
      key,
      id: payload.id,
      fromPeerId: detail.senderPeerId,
      ...name,
      text: payload.text,
      sentAt: payload.sentAt,
      shownAt: Date.now(),
      isOwn: false,
      status: 'received',
    };
    this.#addEntry(entry);
    emit(this, 'metered-message', toMessageDetail(entry));
  }

  /**
   * A member just joined: when we are the one member that hands it the history (chat-history-handoff.ts), send
   * this session's messages by direct message. A participant back after a reconnect kept its own list.
   */
  readonly #handOff = (event: MeteredPeerJoinedEvent): void => {
    const store = this.#room.store;
    const peer = this.#joinedPeer();
    const { peerId: newcomer, previousPeerId } = event.detail;
    if (!store?.peerId || !peer || previousPeerId) return;
    if (!isHistorySender(store.peerId, store.participants.map((p) => p.peerId), newcomer)) return;
    const all = [...this.#history.earlier, ...this.#history.entries];
    // Best effort: a newcomer that left meanwhile, or a key without `send`, just gets no history.
    for (const chunk of historyChunks(all, store.peerId)) peer.sendTo(newcomer, chunk).catch(() => {});
  };

  /** History a member handed us: shown before the session's messages, each with the mark it has earned. */
  #receiveHistory(store: RoomStore, detail: RoomDataDetail): void {
    const chunk = readHistoryChunk(detail.data);
    if (!chunk) {
      // Other direct messages are the application's business; only a bad history chunk is ours to explain.
      if (isHistoryType(detail.data) && roomDebugs(store)) {
        console.debug(`metered-chat: dropped a malformed chat history chunk from peer ${detail.senderPeerId}`);
      }
      return;
    }
    const forwarder = store.participants.find((p) => p.peerId === detail.senderPeerId);
    const now = Date.now();
    const entries = chunk.messages.map(
      (item): ChatEntry => ({
        key: `earlier:${item.from}:${item.id}`,
        id: item.id,
        fromPeerId: item.from,
        ...historyEntryName(item, detail.senderPeerId, detail.senderMetadata, forwarder),
        text: item.text,
        sentAt: item.at,
        // The forwarder's clock: a time in the future would sort wrongly, so it is capped at now.
        shownAt: Math.min(item.at, now),
        isOwn: false,
        status: 'received',
      }),
    );
    if (this.#history.addEarlier(entries)) this.#follow.contentInsertedAbove();
  }

  #addEntry(entry: ChatEntry): void {
    this.#history.add(entry);
    // Our own message scrolls down even while reading history.
    this.#follow.contentAdded(entry.isOwn);
  }

  /**
   * Starts a new session when the room's peer is a new one (the SDK builds one per join; reconnects keep it): the
   * old session's messages go, and ours that never went through come back into the input.
   */
  #followSession(store: RoomStore): void {
    const peer = store.peer;
    if (!peer || peer === this.#sessionPeer) return;
    const endedSession = this.#sessionPeer !== null;
    this.#sessionPeer = peer;
    if (!endedSession) return;
    const unsent = this.#history.clear();
    if (unsent.length > 0) this.#giveBack(unsent);
  }

  /** Puts the texts of own entries whose session ended back into the input (after any draft) and says why. */
  #giveBack(entries: readonly ChatEntry[]): void {
    this.draft = [this.draft, ...entries.map((entry) => entry.text)].filter((text) => text !== '').join('\n');
    this.draftProblem = { code: 'session_ended', fatal: false };
    emitError(this, this.draftProblem);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'metered-chat': MeteredChat;
  }
}
