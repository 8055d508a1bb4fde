/**
 * The error every configuration problem raises, and the unknown-key check every config object goes through (a
 * misspelt key must fail loudly, not be silently ignored). Messages name the field, never a value: values may be
 * secrets.
 */

/** Raised for an unreadable or invalid configuration; the message names the field and never echoes secrets. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Throws a ConfigError naming the first key of `value` that is not in `known`. */
export function rejectUnknownKeys(value: Record<string, unknown>, known: Iterable<string>, where: string): void {
  const allowed = new Set(known);
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) throw new ConfigError(`${where}.${key} is not a known setting`);
  }
}
