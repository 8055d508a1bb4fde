/**
 * Tokens for the SDK's `tokenProvider`, which it calls on the first connect and on every reconnect. A `token-url`
 * is fetched each time (JSON `{"token": "…"}` or the token as plain text). Every provider is wrapped to count
 * consecutive failures, because the SDK's (1.2.0) own `token-provider-error` count does not survive into the error it
 * emits, and `token_provider_failed` promises `consecutiveFailures`.
 */
import type { TokenProvider } from '@metered-ca/realtime';
import { isRecord } from '../wire/is-record.js';

/** Thrown when a token-url answers, but not with a token. Its message never contains the response body. */
export class TokenUrlError extends Error {
  override name = 'TokenUrlError';
}

/** A provider that fetches a fresh token from `url` on every call. */
export function tokenUrlProvider(url: string): TokenProvider {
  return async () => {
    const response = await fetch(url, { cache: 'no-store', credentials: 'same-origin' });
    if (!response.ok) throw new TokenUrlError(`token-url answered HTTP ${response.status}`);
    const text = (await response.text()).trim();
    let token = text;
    if (text.startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new TokenUrlError('token-url answered malformed JSON');
      }
      const field = isRecord(parsed) ? parsed.token : undefined;
      if (typeof field !== 'string') throw new TokenUrlError('token-url answered JSON without a "token" string');
      token = field.trim();
    }
    if (token === '') throw new TokenUrlError('token-url answered an empty token');
    return token;
  };
}

/** Wraps a provider so the room can read how many calls in a row have failed. */
export class CountingTokenProvider {
  consecutiveFailures = 0;

  constructor(private readonly inner: TokenProvider) {}

  readonly provide: TokenProvider = async () => {
    try {
      const token = await this.inner();
      this.consecutiveFailures = 0;
      return token;
    } catch (err) {
      this.consecutiveFailures += 1;
      throw err;
    }
  };
}
