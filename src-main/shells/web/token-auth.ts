import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Prefix of the cookie that carries the web shell's token after the first page load. */
export const TOKEN_COOKIE = 'dockside_token';

/**
 * How long the browser keeps the token cookie: 400 days, the most Chromium allows. The token persists per data
 * directory, so a tab (and the browser after its own restart) keeps its access until the token is rotated.
 */
export const TOKEN_COOKIE_MAX_AGE_S = 400 * 24 * 60 * 60;

/**
 * The cookie name of the station on `port`: `dockside_token_PORT`. Cookies are per host, not per port, so two
 * stations on one PC (two data directories, two ports) would otherwise overwrite each other's cookie.
 */
export function tokenCookieName(port: number): string {
  return `${TOKEN_COOKIE}_${port}`;
}

/** Where a request's token came from; `query` means the first page load, which is answered with a redirect. */
export type TokenSource = 'query' | 'cookie' | 'bearer';

/** The token candidates a request offers, one per place it may arrive. */
export interface OfferedTokens {
  query: string | null;
  cookie: string | null;
  bearer: string | null;
}

/**
 * Compares two tokens in constant time. Both sides are hashed first, so neither the content nor the length of the
 * expected token leaks through timing.
 */
export function tokensEqual(expected: string, offered: string): boolean {
  const a = createHash('sha256').update(expected, 'utf8').digest();
  const b = createHash('sha256').update(offered, 'utf8').digest();
  return timingSafeEqual(a, b) && expected.length > 0;
}

/** Reads the tokens a request offers: `?token=`, the cookie named `cookieName` and `Authorization: Bearer`. */
export function offeredTokens(req: IncomingMessage, url: URL, cookieName: string): OfferedTokens {
  const auth = req.headers.authorization;
  const bearer = typeof auth === 'string' ? (/^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1] ?? null) : null;
  return {
    query: url.searchParams.get('token'),
    cookie: readCookie(req.headers.cookie, cookieName),
    bearer,
  };
}

/**
 * Decides whether a request carries the right token and where it came from (query first, then bearer, then
 * cookie). A wrong query or bearer token refuses the request: a client sending a stale token should learn so. A
 * stale cookie (from before a rotation) is ignored when the query or header carries the right token, so a fresh
 * `?token=` link always works.
 */
export function authenticate(expected: string, offered: OfferedTokens): TokenSource | null {
  let source: TokenSource | null = null;
  for (const key of ['query', 'bearer', 'cookie'] as const) {
    const value = offered[key];
    if (value === null) {
      continue;
    }
    if (!tokensEqual(expected, value)) {
      // A stale cookie from before a rotation must not shadow a fresh token in the URL or header.
      if (key === 'cookie' && source !== null) {
        continue;
      }
      return null;
    }
    source ??= key;
  }
  return source;
}

/** The Set-Cookie value that keeps the token of the station on `port` for later requests and the WebSocket. */
export function tokenCookie(token: string, port: number): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${TOKEN_COOKIE_MAX_AGE_S}`;
}

/** Value of one cookie from a Cookie header, or null. Malformed pairs are skipped. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) {
    return null;
  }
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) {
      continue;
    }
    if (pair.slice(0, eq).trim() === name) {
      const raw = pair.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw);
      } catch {
        return raw;
      }
    }
  }
  return null;
}
