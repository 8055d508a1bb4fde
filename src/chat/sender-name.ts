/**
 * Which name to show for a chat message, and whether anyone vouches for it. A name is verified only when it comes
 * from server-stamped peerMetadata (the sender's token said so); the name inside the chat payload is whatever
 * the sender typed into `display-name`, so it is shown marked "unverified".
 */
import type { Participant } from '../room-context.js';
import { verifiedNameFrom } from '../wire/names.js';

export interface SenderName {
  readonly displayName: string;
  readonly nameVerified: boolean;
}

/** Shown when nobody offers any name at all. */
const FALLBACK_NAME = 'Guest';

export function resolveSenderName(
  senderMetadata: Record<string, unknown> | undefined,
  claimedName: string,
  participant: Participant | undefined,
): SenderName {
  const stamped = verifiedNameFrom(senderMetadata);
  if (stamped) return { displayName: stamped, nameVerified: true };
  if (participant?.nameVerified) return { displayName: participant.displayName, nameVerified: true };
  const claimed = claimedName.trim() || participant?.displayName.trim() || FALLBACK_NAME;
  return { displayName: claimed, nameVerified: false };
}
