/** True for a plain object (not null, not an array): what untrusted payloads and thrown values are checked with. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
