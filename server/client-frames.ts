/**
 * Parsing and validating client → server frames. Every rejection carries the wire error code the protocol sheet
 * names; the `requestId` is echoed only when it is itself valid, so the SDK can correlate the error.
 */
import { channelProblem } from './channel-patterns.js';
import { isValidPeerId } from './auth.js';
import type { WireErrorCode } from './error-codes.js';

export const MAX_REQUEST_ID_LENGTH = 128;

export type ClientFrame =
  | { type: 'subscribe'; channel: string; includeSenderMetadata: boolean; requestId?: string }
  | { type: 'unsubscribe'; channel: string; requestId?: string }
  | { type: 'publish'; channel: string; data: unknown; requestId?: string }
  | { type: 'send'; to: string; data: unknown; requestId?: string }
  | { type: 'ping' };

export type FrameErrorCode = Extract<
  WireErrorCode,
  'malformed_message' | 'unknown_type' | 'invalid_channel' | 'channel_reserved' | 'invalid_peer_id' | 'missing_data'
>;

export type ParsedFrame = { ok: true; frame: ClientFrame } | { ok: false; code: FrameErrorCode; requestId?: string };

function isValidRequestId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_REQUEST_ID_LENGTH;
}

export function parseClientFrame(text: string): ParsedFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: 'malformed_message' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, code: 'malformed_message' };
  const env = value as Record<string, unknown>;
  if (typeof env.type !== 'string') return { ok: false, code: 'malformed_message' };
  if (env.requestId !== undefined && !isValidRequestId(env.requestId)) return { ok: false, code: 'malformed_message' };
  const requestId = env.requestId as string | undefined;
  const withId = requestId === undefined ? {} : { requestId };
  const fail = (code: FrameErrorCode): ParsedFrame => ({ ok: false, code, ...withId });

  switch (env.type) {
    case 'ping':
      return { ok: true, frame: { type: 'ping' } };
    case 'subscribe':
    case 'unsubscribe':
    case 'publish': {
      const problem = channelProblem(env.channel);
      if (problem) return fail(problem);
      const channel = env.channel as string;
      if (env.type === 'subscribe') {
        return {
          ok: true,
          frame: { type: 'subscribe', channel, includeSenderMetadata: env.includeSenderMetadata === true, ...withId },
        };
      }
      if (env.type === 'unsubscribe') return { ok: true, frame: { type: 'unsubscribe', channel, ...withId } };
      if (!('data' in env) || env.data === undefined) return fail('missing_data');
      return { ok: true, frame: { type: 'publish', channel, data: env.data, ...withId } };
    }
    case 'send': {
      if (!isValidPeerId(env.to)) return fail('invalid_peer_id');
      if (!('data' in env) || env.data === undefined) return fail('missing_data');
      return { ok: true, frame: { type: 'send', to: env.to, data: env.data, ...withId } };
    }
    default:
      return fail('unknown_type');
  }
}
