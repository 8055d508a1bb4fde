/** The state one running server shares between its WebSocket side and its REST side. */
import type { ServerConfig } from './config.js';
import type { Hub } from './hub.js';
import type { LogFields } from './log.js';

export interface ServerContext {
  readonly config: ServerConfig;
  readonly hub: Hub;
  readonly log: (fields: LogFields) => void;
  /** True while the quota allows another publish/send (`limits.messageQuota`, counted over the server's life). */
  quotaAllows(): boolean;
}

export function quotaAllows(config: ServerConfig, hub: Hub): boolean {
  const quota = config.limits.messageQuota;
  return quota === null || hub.totals.published + hub.totals.sent < quota;
}
