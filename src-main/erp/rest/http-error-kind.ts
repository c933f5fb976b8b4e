import type { ErpErrorKind } from '../connector';

/**
 * Which kind of ERP failure an HTTP status means: 5xx `server`, 429 `rate-limited`, 401/403 `auth`, 404
 * `not-found`, 409 and 412 `conflict`, 408 `network` (the request never completed), every other 4xx (400, 422, ...)
 * `rejected`.
 */
export function kindOfStatus(status: number): ErpErrorKind {
  if (status >= 500) return 'server';
  if (status === 429) return 'rate-limited';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not-found';
  // 412: the order changed since the station read it (a failed If-Match), the same situation as 409.
  if (status === 409 || status === 412) return 'conflict';
  if (status === 408) return 'network';
  return 'rejected';
}

/**
 * Milliseconds to wait according to a `Retry-After` header: delay-seconds or an HTTP date (judged against `now`).
 * Undefined when the header is missing or unreadable.
 */
export function parseRetryAfter(header: string | null, now: Date): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
