import { ErpError } from '../connector';

/** Where a Tryton server lives and who the station logs in as, parsed from a `tryton://` URL. */
export interface TrytonTarget {
  /** The JSON-RPC endpoint of the database: `http://host:port/<database>/` (the trailing slash matters). */
  endpoint: string;
  database: string;
  login: string;
  /** Never put into messages or logs. */
  password: string;
  /** `host:port/database` with no credentials: what messages show. */
  display: string;
}

/** Tryton's default JSON-RPC port. */
export const TRYTON_DEFAULT_PORT = 8000;

/** True for the URL schemes the Tryton connector serves: `tryton://` (HTTP) and `trytons://` (HTTPS). */
export function isTrytonUrl(url: string): boolean {
  return /^trytons?:\/\//i.test(url.trim());
}

/**
 * Parses `tryton://user:password@host[:port]/database` (or `trytons://` for HTTPS). User and password may be
 * percent-encoded. Errors never repeat the password.
 */
export function parseTrytonUrl(raw: string): TrytonTarget {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ErpError('rejected', 'the Tryton URL is not valid; use tryton://user:password@host:port/database');
  }
  const scheme = url.protocol.toLowerCase();
  if (scheme !== 'tryton:' && scheme !== 'trytons:') {
    throw new ErpError('rejected', `a Tryton URL starts with tryton:// or trytons://, not ${url.protocol}//`);
  }
  if (!url.hostname) throw new ErpError('rejected', 'the Tryton URL names no host');
  const database = decode(url.pathname.replace(/^\/+|\/+$/g, ''));
  if (!database || database.includes('/')) {
    throw new ErpError(
      'rejected',
      'the Tryton URL must end in the database name: tryton://user:password@host:port/database',
    );
  }
  const login = decode(url.username);
  const password = decode(url.password);
  if (!login || !password) {
    throw new ErpError(
      'rejected',
      'the Tryton URL needs a user and a password: tryton://user:password@host:port/database',
    );
  }
  const port = url.port ? Number(url.port) : TRYTON_DEFAULT_PORT;
  const host = url.hostname.includes(':') && !url.hostname.startsWith('[') ? `[${url.hostname}]` : url.hostname;
  const http = scheme === 'trytons:' ? 'https' : 'http';
  return {
    endpoint: `${http}://${host}:${port}/${encodeURIComponent(database)}/`,
    database,
    login,
    password,
    display: `${host}:${port}/${database}`,
  };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Builds the connector's `tryton://` URL from the settings screen's separate fields. The server may be given as
 * `http(s)://host:port` or `tryton(s)://host:port`; https and trytons both mean TLS.
 */
export function trytonUrlFromParts(parts: {
  server: string;
  database: string;
  user: string;
  password: string;
}): string {
  let server: URL;
  try {
    server = new URL(parts.server.trim());
  } catch {
    throw new ErpError('rejected', 'the Tryton server must look like https://host:8000 or tryton://host:8000');
  }
  const tls = server.protocol === 'https:' || server.protocol === 'trytons:';
  const port = server.port ? `:${server.port}` : '';
  const host =
    server.hostname.includes(':') && !server.hostname.startsWith('[') ? `[${server.hostname}]` : server.hostname;
  const user = encodeURIComponent(parts.user);
  const password = encodeURIComponent(parts.password);
  return `${tls ? 'trytons' : 'tryton'}://${user}:${password}@${host}${port}/${encodeURIComponent(parts.database)}`;
}
