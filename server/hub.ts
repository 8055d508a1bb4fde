/**
 * The channel hub: who is connected, who is in which channel, and delivery of presence, `message` and `direct`.
 *
 * Presence is per peerId, not per connection: a peer with two connections in a channel is announced when the first
 * joins and reported as left when the last leaves. Only members whose rights include `presence` receive it.
 */

export interface PresencePeer {
  peerId: string;
  metadata?: Record<string, unknown>;
}

/** What the hub needs from one live connection. */
export interface Member {
  readonly peerId: string;
  readonly peerMetadata?: Record<string, unknown>;
  readonly receivesPresence: boolean;
  /** Queue an already-serialized frame on the socket. */
  sendText(text: string): void;
  /** Close the connection with a WebSocket close code and a fixed reason. */
  close(code: number, reason: string): void;
}

interface Subscription {
  includeSenderMetadata: boolean;
}

export interface MessageTotals {
  published: number;
  sent: number;
  delivered: number;
}

export class Hub {
  private readonly connectionsByPeer = new Map<string, Set<Member>>();
  private readonly channels = new Map<string, Map<Member, Subscription>>();
  private readonly channelsOfMember = new Map<Member, Set<string>>();
  readonly totals: MessageTotals = { published: 0, sent: 0, delivered: 0 };
  /**
   * Set during shutdown: everyone is leaving at once and will re-subscribe elsewhere, so `left` deltas would only
   * make the SDK tear down peers that its reconcile could otherwise keep.
   */
  silent = false;

  get connectionCount(): number {
    return this.channelsOfMember.size;
  }

  add(member: Member): void {
    this.channelsOfMember.set(member, new Set());
    let set = this.connectionsByPeer.get(member.peerId);
    if (!set) this.connectionsByPeer.set(member.peerId, (set = new Set()));
    set.add(member);
  }

  /** Removes a connection; every channel it was in reports the peer as left (if it was its last connection). */
  remove(member: Member): void {
    const channels = this.channelsOfMember.get(member);
    if (!channels) return;
    for (const channel of [...channels]) this.unsubscribe(member, channel);
    this.channelsOfMember.delete(member);
    const set = this.connectionsByPeer.get(member.peerId);
    set?.delete(member);
    if (set && set.size === 0) this.connectionsByPeer.delete(member.peerId);
  }

  connectionsOf(peerId: string): Member[] {
    return [...(this.connectionsByPeer.get(peerId) ?? [])];
  }

  allMembers(): Member[] {
    return [...this.channelsOfMember.keys()];
  }

  subscriptionCount(member: Member): number {
    return this.channelsOfMember.get(member)?.size ?? 0;
  }

  isSubscribed(member: Member, channel: string): boolean {
    return this.channelsOfMember.get(member)?.has(channel) ?? false;
  }

  /**
   * Subscribes in the order the SDK depends on: (1) existing members learn the newcomer, (2) `acknowledge` runs
   * (the caller sends the ack), (3) the subscriber gets the roster snapshot, even when empty. All three happen in
   * one synchronous step, so no other presence for this channel can reach the subscriber before its snapshot.
   * Subscribing again is idempotent: the options are replaced and a fresh snapshot is sent (the SDK's reconcile
   * re-subscribe relies on that).
   */
  subscribe(member: Member, channel: string, includeSenderMetadata: boolean, acknowledge: () => void): void {
    let subscribers = this.channels.get(channel);
    if (!subscribers) this.channels.set(channel, (subscribers = new Map()));
    const peerAlreadyPresent = this.peerInChannel(member.peerId, channel);
    subscribers.set(member, { includeSenderMetadata });
    this.channelsOfMember.get(member)?.add(channel);
    if (!peerAlreadyPresent) {
      this.presenceToOthers(channel, member.peerId, { joined: [entryFor(member)], left: [] });
    }
    acknowledge();
    if (member.receivesPresence) {
      const joined = this.peersIn(channel).filter((peer) => peer.peerId !== member.peerId);
      member.sendText(JSON.stringify({ type: 'presence', channel, joined, left: [] }));
    }
  }

  /** Leaves a channel (a no-op when not subscribed); others learn the peer left when this was its last connection. */
  unsubscribe(member: Member, channel: string): void {
    const subscribers = this.channels.get(channel);
    if (!subscribers?.delete(member)) return;
    this.channelsOfMember.get(member)?.delete(channel);
    if (subscribers.size === 0) this.channels.delete(channel);
    if (!this.peerInChannel(member.peerId, channel)) {
      this.presenceToOthers(channel, member.peerId, { joined: [], left: [entryFor(member)] });
    }
  }

  /** Current members of a channel, one entry per peerId. */
  peersIn(channel: string): PresencePeer[] {
    const byPeer = new Map<string, PresencePeer>();
    for (const member of this.channels.get(channel)?.keys() ?? []) {
      if (!byPeer.has(member.peerId)) byPeer.set(member.peerId, entryFor(member));
    }
    return [...byPeer.values()];
  }

  /**
   * Delivers `message` to every subscriber of `channel` except the sending connection (never echoed).
   * `fromMetadata` goes only to subscribers that asked for it, and only when the sender has peerMetadata.
   */
  publish(
    channel: string,
    from: string,
    fromMetadata: Record<string, unknown> | undefined,
    data: unknown,
    sender: Member | null,
  ): number {
    this.totals.published++;
    const plain = JSON.stringify({ type: 'message', channel, from, data });
    const stamped = fromMetadata ? JSON.stringify({ type: 'message', channel, from, data, fromMetadata }) : plain;
    let delivered = 0;
    for (const [member, subscription] of this.channels.get(channel) ?? []) {
      if (member === sender) continue;
      member.sendText(subscription.includeSenderMetadata ? stamped : plain);
      delivered++;
    }
    this.totals.delivered += delivered;
    return delivered;
  }

  /** Delivers `direct` to every connection of `to` except the sending one; null when `to` is not connected. */
  sendDirect(to: string, sender: Member, data: unknown): number | null {
    const targets = this.connectionsByPeer.get(to);
    if (!targets || targets.size === 0) return null;
    this.totals.sent++;
    const frame: Record<string, unknown> = { type: 'direct', from: sender.peerId, data };
    if (sender.peerMetadata) frame.fromMetadata = sender.peerMetadata;
    const text = JSON.stringify(frame);
    let delivered = 0;
    for (const target of targets) {
      if (target === sender) continue;
      target.sendText(text);
      delivered++;
    }
    this.totals.delivered += delivered;
    return delivered;
  }

  private peerInChannel(peerId: string, channel: string): boolean {
    const subscribers = this.channels.get(channel);
    if (!subscribers) return false;
    for (const member of subscribers.keys()) if (member.peerId === peerId) return true;
    return false;
  }

  private presenceToOthers(channel: string, peerId: string, change: { joined: PresencePeer[]; left: PresencePeer[] }) {
    const subscribers = this.channels.get(channel);
    if (!subscribers || this.silent) return;
    const text = JSON.stringify({ type: 'presence', channel, ...change });
    for (const member of subscribers.keys()) {
      if (member.peerId !== peerId && member.receivesPresence) member.sendText(text);
    }
  }
}

function entryFor(member: Member): PresencePeer {
  return member.peerMetadata ? { peerId: member.peerId, metadata: member.peerMetadata } : { peerId: member.peerId };
}
