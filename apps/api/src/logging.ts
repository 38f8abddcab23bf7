import type { IncomingMessage } from 'node:http';
import { type DestinationStream, type Logger, pino } from 'pino';
import pretty from 'pino-pretty';

/** How log lines are written: JSON lines for machines, or readable lines for a person. */
export type LogFormat = 'json' | 'pretty';

/**
 * Headers worth logging with a request. Anything else (`authorization`, `cookie`, and whatever
 * header a future client sends with a secret in it) never reaches a log line.
 */
const LOGGED_HEADERS = [
  'accept',
  'content-length',
  'content-type',
  'origin',
  'user-agent',
  'x-forwarded-for',
  'x-request-id',
] as const;

/** Paths that may hold a credential in anything logged, censored as a second line of defence. */
const CREDENTIALS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'token',
  'password',
  '*.authorization',
  '*.token',
  '*.password',
];

/** What a request log line says of the request: no query string, no credential. */
export function requestSummary(req: IncomingMessage, id: string, path: string) {
  const headers: Record<string, string | string[]> = {};
  for (const name of LOGGED_HEADERS) {
    const value = req.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  return {
    id,
    method: req.method,
    path,
    remoteAddress: req.socket?.remoteAddress,
    headers,
  };
}

export function createLogger(options: {
  level: string;
  format: LogFormat;
  /** Where lines go; standard output when left out. */
  destination?: DestinationStream;
  /** The API replica's name, on every line, when several run side by side. */
  instance?: string;
}): Logger {
  const settings = {
    level: options.level,
    base: { service: 'mch-api', ...(options.instance ? { instance: options.instance } : {}) },
    redact: { paths: CREDENTIALS, censor: '[redacted]' },
  };
  if (options.format === 'pretty') {
    return pino(
      settings,
      pretty({
        colorize: true,
        sync: true,
        ignore: 'pid,hostname,service',
        translateTime: 'HH:MM:ss.l',
        destination: options.destination ?? 1,
      }),
    );
  }
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
