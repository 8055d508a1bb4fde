/**
 * Channel names and channel patterns. `*` matches within one `/`-separated segment (`room-*` matches `room-42`,
 * not `room-4/2`); `**` matches anything, across `/`. Everything else matches literally.
 */

// The channel name rules themselves are shared with the elements (src/wire/channels.ts).
export { channelProblem, hasControlChars, MAX_CHANNEL_LENGTH } from '../src/wire/channels.js';

const compiled = new Map<string, RegExp>();

function compile(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (regex) return regex;
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (char === '*') {
      source += '[^/]*';
    } else {
      source += char.replace(/[.+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  regex = new RegExp(`^${source}$`, 's');
  // Patterns come from configuration and signed tokens, so this cache stays small; cap it anyway.
  if (compiled.size > 10_000) compiled.clear();
  compiled.set(pattern, regex);
  return regex;
}

/** True when `channel` matches at least one of `patterns`. */
export function matchesAny(channel: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => compile(pattern).test(channel));
}

/**
 * True when every channel `requested` can match is also matched by one of `allowed` (used when minting a token:
 * its `channels` must stay inside the signing key's patterns). Exact for literal names; for a requested pattern
 * it is conservative: the pattern text must itself match an allowed pattern, and a requested `**` needs an allowed
 * pattern that also contains `**`.
 */
export function patternCoveredBy(requested: string, allowed: readonly string[]): boolean {
  return allowed.some((pattern) => {
    if (requested.includes('**') && !pattern.includes('**')) return false;
    if (requested.includes('*') && !pattern.includes('*')) return false;
    return compile(pattern).test(requested);
  });
}
