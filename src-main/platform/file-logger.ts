import path from 'node:path';
import pino, { type DestinationStream, type Level, type Logger as PinoLogger } from 'pino';
import { createRotatingLogFile, listLogFiles } from './rotating-log-file';

/** The folder inside the data directory that holds the station's logs. */
export const LOG_DIR = 'logs';
/** The log files' stem: `dockside.log`, rotated to `dockside.1.log`, `dockside.2.log`, … */
export const LOG_FILE_STEM = 'dockside';
/** Rotation defaults: 5 files of 5 MB, enough for weeks of a busy bench at `info`. */
export const LOG_DEFAULTS = { maxBytes: 5 * 1024 * 1024, files: 5, level: 'info' } as const;

/** The levels the station logs at (pino's names). */
export const LOG_LEVELS: readonly Level[] = ['debug', 'info', 'warn', 'error'];

/** What the logger censors a secret with. */
export const REDACTED = '[redacted]';

/**
 * Field names that hold a secret somewhere in the station: ERP passwords (Tryton), the REST API key and HMAC secret
 * (erp-settings-service, compose's erpApiKey / erpSigning), the web shell's token and cookie, HTTP authorization
 * headers, a carrier's app key, and credential bundles as a whole.
 */
const SECRET_KEYS = [
  'password',
  'passwd',
  'apiKey',
  'erpApiKey',
  'appKey',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'credentials',
  '"x-api-key"',
  '"set-cookie"',
] as const;

/** pino redact paths: each secret key at the top level and up to three objects deep (`err.cause.password`). */
export const REDACT_PATHS: readonly string[] = SECRET_KEYS.flatMap((key) => {
  const leaf = key.startsWith('"') ? `[${key}]` : `.${key}`;
  const top = key.startsWith('"') ? `[${key}]` : key;
  return [top, `*${leaf}`, `*.*${leaf}`, `*.*.*${leaf}`];
});

/**
 * Secrets that hide inside strings (messages, stacks, URLs in fields), which redact paths cannot reach: the user
 * info of any URL (`tryton://admin:pw@host`) and bearer tokens.
 */
const SECRET_TEXT: readonly [RegExp, string][] = [
  // User info already redacted by redactUrl (`***:***@`) stays as it is.
  [/\b([a-z][a-z0-9+.-]*:\/\/)(?!\*\*\*(?::\*\*\*)?@)[^\s/?#@"\\]+@/gi, `$1${REDACTED}@`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`],
];

/** `line` with URL user info and bearer tokens replaced by {@link REDACTED}. */
export function scrubSecretText(line: string): string {
  let out = line;
  for (const [pattern, replacement] of SECRET_TEXT) out = out.replace(pattern, replacement);
  return out;
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** `debug`, `info` (default), `warn` or `error`. */
  level?: string | undefined;
  /** The time written on each line; default the system clock. */
  clock?: (() => Date) | undefined;
}

/**
 * A pino logger writing JSON lines to `destination`, with the station's redaction (secret fields censored by
 * pino's redact, URL user info and bearer tokens scrubbed from every line), ISO times and errors serialized with
 * their stack under `err` (or `error`). Tests pass a memory destination to see exactly what the file would get.
 * @throws Error when `level` is not one of {@link LOG_LEVELS}
 */
export function createLogger(destination: DestinationStream, options: LoggerOptions = {}): PinoLogger {
  const level = options.level ?? LOG_DEFAULTS.level;
  if (!(LOG_LEVELS as readonly string[]).includes(level))
    throw new Error(`log level "${level}" is not one of ${LOG_LEVELS.join(', ')}`);
  const clock = options.clock;
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: clock ? () => `,"time":"${clock().toISOString()}"` : pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      hooks: { streamWrite: scrubSecretText },
    },
    destination,
  );
}

/** Options of {@link createFileLogger}. */
export interface FileLoggerOptions extends LoggerOptions {
  /** The station's data directory; logs go to `<dataDir>/logs/dockside.log`. */
  dataDir: string;
  /** Rotate after this many bytes (default 5 MB). */
  maxBytes?: number | undefined;
  /** Files kept, the current one included (default 5). */
  files?: number | undefined;
}

/** The station's logs folder in `dataDir`. */
export function logDir(dataDir: string): string {
  return path.join(dataDir, LOG_DIR);
}

/** The station's log files in `dataDir`: `dockside.log`, then the rotated ones newest first. */
export function stationLogFiles(dataDir: string): string[] {
  return listLogFiles(logDir(dataDir), LOG_FILE_STEM);
}

/**
 * The production logger: {@link createLogger} over a size-rotated file in `<dataDir>/logs` (see
 * rotating-log-file.ts). Every call has reached the file when it returns. A log that cannot be written (full disk)
 * is reported once on stderr and never stops the station.
 */
export function createFileLogger(options: FileLoggerOptions): PinoLogger {
  const file = createRotatingLogFile({
    dir: logDir(options.dataDir),
    stem: LOG_FILE_STEM,
    maxBytes: options.maxBytes ?? LOG_DEFAULTS.maxBytes,
    files: options.files ?? LOG_DEFAULTS.files,
    onWriteError: (error) =>
      process.stderr.write(`dockside: cannot write the log in ${logDir(options.dataDir)}: ${error.message}\n`),
  });
  return createLogger(file, options);
}
