import type { z } from 'zod';
import { apiErrorSchema } from '../api-schema';
import { ErpError } from '../connector';
import { kindOfStatus, parseRetryAfter } from './http-error-kind';
import { signRequest, type SigningKey } from './signing';
import { describeFetchError } from '../fetch-error';

/** Options of {@link createRestClient}. */
export interface RestClientOptions {
  /** Where the ERP lives: `http(s)://host[:port][/prefix]`; `/api/v1` is appended unless already there. */
  baseUrl: string;
  apiKey?: string | undefined;
  fetch?: typeof fetch | undefined;
  /** Per call, covering connect, headers and body. Default 10 000. */
  timeoutMs?: number | undefined;
  /** For Retry-After dates and signature timestamps. Default: the system clock. */
  clock?: (() => Date) | undefined;
  /** When set, every request carries the HMAC-SHA256 signature headers (see signing.ts). */
  signing?: SigningKey | undefined;
}

/** One call of the ERP contract. */
export interface RestCall<S extends z.ZodType> {
  method: 'GET' | 'POST';
  /** Below `/api/v1`, already percent-encoded: `/orders/SO-100001`. */
  path: string;
  query?: Record<string, string | number | null | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** The schema the 2xx answer must match. */
  schema: S;
}

/** Sends contract calls and turns every failure into an {@link ErpError}. */
export interface RestClient {
  call<S extends z.ZodType>(request: RestCall<S>): Promise<z.output<S>>;
}

/** Default per-call timeout of the REST connector. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** Builds the HTTP layer of the REST connector. */
export function createRestClient(options: RestClientOptions): RestClient {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const clock = options.clock ?? (() => new Date());
  const apiRoot = toApiRoot(options.baseUrl);
  // Messages show where the call went, but never the API key (not even when the ERP echoes it back).
  const secrets = [options.apiKey, options.signing?.secret].filter((value): value is string => !!value);
  const scrub = (text: string): string => secrets.reduce((out, secret) => out.split(secret).join('***'), text);

  return {
    async call(request) {
      const url = new URL(apiRoot + request.path);
      for (const [name, value] of Object.entries(request.query ?? {})) {
        if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
      }
      const what = `${request.method} ${apiRoot}${request.path}`;
      const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
      if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
      if (request.body !== undefined) headers['content-type'] = 'application/json';
      const body = request.body === undefined ? null : JSON.stringify(request.body);
      if (options.signing) {
        // Signed over the exact bytes sent and the exact request target, so a proxy that rewrites either fails.
        Object.assign(
          headers,
          signRequest(
            options.signing,
            { method: request.method, target: url.pathname + url.search, body: body ?? '' },
            clock(),
          ),
        );
      }

      let response: Response;
      let text: string;
      try {
        response = await fetchImpl(url, {
          method: request.method,
          headers,
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        throw new ErpError('network', scrub(`${what} failed: ${describeFetchError(error, timeoutMs)}`));
      }

      if (!response.ok) {
        const kind = kindOfStatus(response.status);
        const detail = erpMessage(text) ?? (response.statusText || 'no message');
        const retryAfterMs =
          kind === 'rate-limited' || response.status === 503
            ? parseRetryAfter(response.headers.get('retry-after'), clock())
            : undefined;
        throw new ErpError(
          kind,
          scrub(`${what} answered ${response.status}: ${detail}`),
          response.status,
          retryAfterMs,
        );
      }

      let json: unknown;
      try {
        json = text === '' ? undefined : JSON.parse(text);
      } catch {
        throw new ErpError(
          'server',
          `${what} answered ${response.status} with a body that is not JSON`,
          response.status,
        );
      }
      const parsed = request.schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)';
        throw new ErpError(
          'server',
          scrub(`${what} answered a malformed body: ${field}: ${issue?.message ?? 'invalid'}`),
          response.status,
        );
      }
      return parsed.data;
    },
  };
}

/** `http://h:1/erp/` → `http://h:1/erp/api/v1`; a base URL that already ends in `/api/v1` is kept. */
function toApiRoot(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ErpError('rejected', 'the ERP base URL is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ErpError('rejected', `the ERP base URL must be http(s), not ${url.protocol}`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  // `origin` leaves out any user:password@ (fetch refuses such URLs, and messages must not show them).
  return `${url.origin}${path.endsWith('/api/v1') ? path : `${path}/api/v1`}`;
}

function erpMessage(text: string): string | undefined {
  try {
    const parsed = apiErrorSchema.safeParse(JSON.parse(text));
    return parsed.success ? `${parsed.data.error.message} (${parsed.data.error.code})` : undefined;
  } catch {
    return undefined;
  }
}
