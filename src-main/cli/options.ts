import path from 'node:path';
import { createStation, type Station } from '../compose';
import { isTrytonUrl, parseTrytonUrl } from '../erp/tryton';
import { createFileLogger, defaultDataDir, erpCredentialsFromEnv, redactUrl, type Logger } from '../platform';
import { CliError } from './cli-error';

/** Options shared by commands that run a station. */
export interface StationOptions {
  data?: string;
  erp?: string;
  printer?: string;
}

/** The data directory: `--data`, else DOCKSIDE_DATA, else the per-user default. */
export function resolveDataDir(options: { data?: string }): string {
  return path.resolve(options.data ?? process.env.DOCKSIDE_DATA ?? defaultDataDir());
}

/** The ERP URL: `--erp`, else DOCKSIDE_ERP_URL, else none (the embedded demo ERP). */
export function resolveErpUrl(options: { erp?: string }): string | undefined {
  const url = options.erp ?? process.env.DOCKSIDE_ERP_URL;
  if (url === undefined || url === '') return undefined;
  if (isTrytonUrl(url)) {
    try {
      parseTrytonUrl(url);
    } catch (error) {
      // Shown without the password, like everywhere else.
      throw new CliError(`--erp ${redactUrl(url)}: ${(error as Error).message}`, 2);
    }
    return url.trim().replace(/\/+$/, '');
  }
  if (!/^https?:\/\/[^/\s]+/.test(url))
    throw new CliError(
      `--erp ${JSON.stringify(redactUrl(url))} is not an http(s) or tryton:// URL, e.g. http://127.0.0.1:8780 or tryton://user:password@host:8000/database`,
      2,
    );
  return url.replace(/\/+$/, '');
}

/** Parses a TCP port option (0 = any free port). */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError(`--port ${value} is not a port number (0-65535)`, 2);
  return port;
}

/** Parses a positive whole number option. */
export function parsePositiveInt(name: string, value: string, max = 1_000_000): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new CliError(`--${name} ${value} must be a whole number from 1 to ${max}`, 2);
  return n;
}

/**
 * The file logger of `dataDir` (`<data>/logs/dockside.log`), at DOCKSIDE_LOG_LEVEL (default info). What the CLI
 * prints for the person stays on stdout/stderr; the log gets the station's operational events.
 */
export function cliLogger(dataDir: string, shell: 'cli' | 'web' = 'cli'): Logger {
  try {
    return createFileLogger({ dataDir, level: process.env.DOCKSIDE_LOG_LEVEL }).child({ shell });
  } catch (error) {
    throw new CliError(`DOCKSIDE_LOG_LEVEL: ${(error as Error).message}`, 2);
  }
}

/** Opens the station the command-line options describe (no background sync: CLI commands sync explicitly). */
export function openStation(options: StationOptions): Promise<Station> {
  const dataDir = resolveDataDir(options);
  return createStation({
    dataDir,
    logger: cliLogger(dataDir),
    erpUrl: resolveErpUrl(options),
    erpApiKey: erpCredentialsFromEnv().apiKey,
    erpSigning: erpCredentialsFromEnv().signing,
    printer: options.printer,
    erpTimeoutMs: erpTimeoutFromEnv(),
  });
}

/** DOCKSIDE_ERP_TIMEOUT_MS: how long one ERP call may take (default: the connector's own, 5 s for REST). */
export function erpTimeoutFromEnv(): number | undefined {
  const raw = process.env.DOCKSIDE_ERP_TIMEOUT_MS;
  if (raw === undefined || raw === '') return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 100 || ms > 600_000)
    throw new CliError(`DOCKSIDE_ERP_TIMEOUT_MS=${raw} must be a whole number of milliseconds from 100 to 600000`, 2);
  return ms;
}
