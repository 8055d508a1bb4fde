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
  /** An exception's class name (`TypeError`); its message is never logged, as it may quote client data. */
  error?: string;
  /** Where it was thrown: the first `file:line:column` of its stack. */
  at?: string;
}

export type LogSink = (line: string) => void;

export function createLogger(options: { quiet?: boolean; log?: LogSink }): (fields: LogFields) => void {
  if (options.quiet) return () => {};
  const sink = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  return (fields) => sink(JSON.stringify({ time: new Date().toISOString(), ...fields }));
}

/**
 * The loggable part of a caught exception: its class name and where it was thrown. Not the message: a runtime
 * message can quote whatever value it choked on (frame data, a token), and the location is enough to find the bug.
 */
export function describeError(err: unknown): Pick<LogFields, 'error' | 'at'> {
  if (!(err instanceof Error)) return { error: typeof err };
  const frame = err.stack?.split('\n').find((line) => line.trimStart().startsWith('at '));
  const location = frame ? /\(?((?:file|node):[^()\s]+|\/[^()\s]+):(\d+):(\d+)\)?\s*$/.exec(frame.trim()) : null;
  return { error: err.name, ...(location ? { at: `${location[1]}:${location[2]}:${location[3]}` } : {}) };
}
