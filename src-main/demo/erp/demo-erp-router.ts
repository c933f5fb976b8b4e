import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { apiOrderStatusSchema, apiShipmentRequestSchema, type ApiOrder } from '../../erp/api-schema';
import type { DemoErpService } from './demo-erp-service';
import { isWritebackResource, type DemoWritebackService } from './demo-erp-writebacks';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './demo-erp-service';
import { SIGNATURE_HEADERS, SIGNATURE_SKEW_MS, verifySignature, type SigningKey } from '../../erp/rest/signing';
import { HttpError, parseJsonBody, parseOrThrow, readRawBody, sendError, sendJson } from './http-io';

/** Handles one HTTP request of the ERP contract; never rejects (failures become error answers). */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const listQuerySchema = z.object({
  status: apiOrderStatusSchema.optional(),
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

const claimBodySchema = z.object({ stationId: z.string().trim().min(1).max(100) });

const idempotencyKeySchema = z
  .string({ error: 'Idempotency-Key header is required' })
  .min(1, 'Idempotency-Key header is required')
  .max(200, 'Idempotency-Key header is longer than 200 characters');

/** Options of {@link createDemoErpRouter}. */
export interface DemoErpRouterOptions {
  apiKey?: string | undefined;
  /** When set, every route but `/health` wants a valid HMAC signature with a fresh timestamp and an unused nonce. */
  signing?: SigningKey | undefined;
  now: () => Date;
  /** Test switch: when it returns a number of seconds, the request is answered 429 with that Retry-After. */
  throttle?: (() => number | null) | undefined;
  /** Handovers, tracking events and fees; without it those routes answer 404. */
  writebacks?: DemoWritebackService | undefined;
  /** Test switch: when it returns true, the request is answered 403 (credentials valid, permission missing). */
  forbidden?: (() => boolean) | undefined;
}

/**
 * Routes requests under `/api/v1` to the service. When `apiKey` is set every route but `/health` wants
 * `Authorization: Bearer KEY`; when `signing` is set, a valid signature too (docs/erp-api.yaml, "Signed requests").
 */
export function createDemoErpRouter(service: DemoErpService, options: DemoErpRouterOptions): RequestHandler {
  const expectedKey = options.apiKey ? digest(options.apiKey) : null;
  const nonces = createNonceMemory(SIGNATURE_SKEW_MS);
  const decorate = (order: ApiOrder): ApiOrder => options.writebacks?.decorate(order) ?? order;

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const segments = url.pathname
      .split('/')
      .filter((segment) => segment !== '')
      .map(decodeSegment);
    if (segments[0] !== 'api' || segments[1] !== 'v1') throw notFound(url.pathname);
    const [resource, id, action, ...rest] = segments.slice(2);
    const method = req.method ?? 'GET';

    if (resource === 'health' && id === undefined) {
      allow(method, ['GET']);
      return sendJson(res, 200, { status: 'ok', time: options.now().toISOString() });
    }
    if (expectedKey) authorize(req, expectedKey);
    // The body is read once, up front: the signature covers its exact bytes.
    const raw = await readRawBody(req);
    if (options.signing) checkSignature(req, url, raw, options.signing, options.now(), nonces);
    if (options.forbidden?.()) {
      throw new HttpError(403, 'forbidden', 'this station key may not use the API (permission revoked)');
    }
    const retryAfter = options.throttle?.() ?? null;
    if (retryAfter !== null) {
      throw new HttpError(429, 'rate-limited', `too many requests; retry after ${retryAfter} s`, {
        'retry-after': String(retryAfter),
      });
    }

    if (resource === 'orders' && id === undefined) {
      allow(method, ['GET']);
      const query = parseOrThrow(listQuerySchema, Object.fromEntries(url.searchParams), 'query');
      const page = service.listOrders(query);
      return sendJson(res, 200, { ...page, orders: page.orders.map(decorate) });
    }
    if (resource === 'orders' && id !== undefined && action === undefined) {
      allow(method, ['GET']);
      return sendJson(res, 200, decorate(service.getOrder(id)));
    }
    if (resource === 'orders' && id !== undefined && action === 'claim' && rest.length === 0) {
      allow(method, ['POST']);
      const body = parseOrThrow(claimBodySchema, parseJsonBody(raw), 'body');
      return sendJson(res, 200, service.claim(id, body.stationId));
    }
    if (resource === 'shipments' && id === undefined) {
      allow(method, ['POST']);
      const key = parseOrThrow(idempotencyKeySchema, headerValue(req, 'idempotency-key'), 'Idempotency-Key');
      const body = parseOrThrow(apiShipmentRequestSchema, parseJsonBody(raw), 'body');
      const answer = service.ship(body, key);
      return sendJson(res, answer.status, answer.body);
    }
    if (resource === 'stock' && id !== undefined && action === undefined) {
      allow(method, ['GET']);
      return sendJson(res, 200, service.getStock(id));
    }
    if (options.writebacks && isWritebackResource(resource) && id === undefined) {
      allow(method, ['POST']);
      const key = parseOrThrow(idempotencyKeySchema, headerValue(req, 'idempotency-key'), 'Idempotency-Key');
      const answer = options.writebacks.record(resource, parseJsonBody(raw), key);
      return sendJson(res, answer.status, answer.body);
    }
    throw notFound(url.pathname);
  };

  return async (req, res) => {
    try {
      await route(req, res);
    } catch (error) {
      const httpError =
        error instanceof HttpError
          ? error
          : new HttpError(500, 'internal', `internal error: ${(error as Error).message}`);
      if (!res.headersSent) sendError(res, httpError);
      else res.end();
      // A refused upload may still be streaming in; stop reading it once the answer is out.
      if (httpError.status === 413) res.once('finish', () => req.destroy());
    }
  };
}

/** Seen nonces, each kept until its timestamp has left the skew window (a replay after that is stale anyway). */
interface NonceMemory {
  /** True when the nonce is new (and remembers it); false when it was seen within the window. */
  remember(nonce: string, nowMs: number): boolean;
}

function createNonceMemory(windowMs: number): NonceMemory {
  const seen = new Map<string, number>();
  let nextSweep = 0;
  return {
    remember(nonce, nowMs) {
      if (nowMs >= nextSweep) {
        for (const [key, expires] of seen) if (expires <= nowMs) seen.delete(key);
        nextSweep = nowMs + 10_000;
      }
      const expires = seen.get(nonce);
      if (expires !== undefined && expires > nowMs) return false;
      // Twice the window: a timestamp may lie `windowMs` in the future and still be accepted `windowMs` later.
      seen.set(nonce, nowMs + 2 * windowMs);
      return true;
    },
  };
}

const SIGNATURE_MESSAGES: Record<string, string> = {
  'signature-missing': `request is not signed (send ${Object.values(SIGNATURE_HEADERS).join(', ')})`,
  'unknown-key': 'the signing key id is not known here',
  'stale-timestamp': 'the request timestamp is outside the allowed skew of 5 minutes (check the station clock)',
  'bad-signature': 'the request signature does not match (wrong secret, or the request was altered)',
  'replayed-nonce': 'this nonce was already used (replayed request)',
};

function checkSignature(
  req: IncomingMessage,
  url: URL,
  raw: Buffer,
  key: SigningKey,
  now: Date,
  nonces: NonceMemory,
): void {
  const nonce = headerValue(req, SIGNATURE_HEADERS.nonce);
  const failure =
    verifySignature(
      key,
      { method: req.method ?? 'GET', target: url.pathname + url.search, body: raw },
      {
        keyId: headerValue(req, SIGNATURE_HEADERS.keyId),
        timestamp: headerValue(req, SIGNATURE_HEADERS.timestamp),
        nonce,
        signature: headerValue(req, SIGNATURE_HEADERS.signature),
      },
      now,
    ) ?? (nonce !== undefined && !nonces.remember(nonce, now.getTime()) ? 'replayed-nonce' : null);
  if (failure) throw new HttpError(401, failure, SIGNATURE_MESSAGES[failure] ?? failure);
}

function authorize(req: IncomingMessage, expected: Buffer): void {
  const match = /^Bearer\s+(.+)$/i.exec(headerValue(req, 'authorization') ?? '');
  if (!match?.[1] || !timingSafeEqual(digest(match[1].trim()), expected)) {
    throw new HttpError(401, 'unauthorized', 'missing or wrong API key (send Authorization: Bearer KEY)', {
      'www-authenticate': 'Bearer',
    });
  }
}

/** Keys are compared as SHA-256 digests so the comparison is constant-time whatever their lengths. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function allow(method: string, methods: string[]): void {
  if (!methods.includes(method)) {
    throw new HttpError(405, 'method-not-allowed', `${method} is not allowed here; use ${methods.join(', ')}`, {
      allow: methods.join(', '),
    });
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'bad-request', `path segment "${segment}" is not valid percent-encoding`);
  }
}

function notFound(pathname: string): HttpError {
  return new HttpError(404, 'not-found', `no such endpoint: ${pathname}`);
}
