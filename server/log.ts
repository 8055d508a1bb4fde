/**
 * Structured logging: one JSON line per connection event. Callers pass only fields from the allow-list below, so
 * a token, key or secret cannot end up in a log line by accident.
 */

export interface LogFields {
  event:
    'listening' | 'connect' | 'disconnect' | 'upgrade_refused' | 'closed_by_server' | 'kick' | 'shutdown' | 'error';
  connection?: number;
  peerId?: string;
  auth?: 'key' | 'token';
  ip?: string;
  status?: number;
  code?: number;
  reason?: string;
  url?: string;
  connections?: number;
}

export type LogSink = (line: string) => void;

export function createLogger(options: { quiet?: boolean; log?: LogSink }): (fields: LogFields) => void {
  if (options.quiet) return () => {};
  const sink = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  return (fields) => sink(JSON.stringify({ time: new Date().toISOString(), ...fields }));
}
