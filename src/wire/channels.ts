/**
 * Channel (room) names: the rules the server enforces, shared with the elements (`server/` imports this file) so
 * a room names the wrong attribute at once instead of after a round trip to the server.
 */

export const MAX_CHANNEL_LENGTH = 256;
/** Prefixes the platform keeps for itself; the server answers `channel_reserved`. */
export const RESERVED_CHANNEL_PREFIX = /^_(metered|internal|system)\//i;

/** Same set the SDK rejects: C0 controls, DEL, C1 controls. */
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

export function hasControlChars(text: string): boolean {
  return CONTROL_CHARS.test(text);
}

/** Why a channel name is unusable, or null when it is fine. */
export function channelProblem(channel: unknown): 'invalid_channel' | 'channel_reserved' | null {
  if (typeof channel !== 'string' || channel.length === 0 || channel.length > MAX_CHANNEL_LENGTH) {
    return 'invalid_channel';
  }
  if (hasControlChars(channel)) return 'invalid_channel';
  if (RESERVED_CHANNEL_PREFIX.test(channel)) return 'channel_reserved';
  return null;
}
