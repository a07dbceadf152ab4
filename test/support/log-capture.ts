// A logger whose output tests can read back.
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { LogLevel } from '../../server/config.js';
import { createLogger } from '../../server/http/logging.js';

export interface CapturedLogs {
  readonly logger: Logger;
  /** Every line written so far, raw. */
  text(): string;
  /** Every line written so far, parsed. */
  entries(): Record<string, unknown>[];
}

export function captureLogs(level: LogLevel = 'trace'): CapturedLogs {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = createLogger({ level, destination });
  const text = () => chunks.join('');
  return {
    logger,
    text,
    entries: () =>
      text()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
