import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * Request signing of the generic REST contract (docs/erp-api.yaml, "Signed requests").
 *
 * The string to sign is five lines joined by `\n`:
 *
 * ```
 * METHOD            upper case: GET, POST
 * PATH?QUERY        the request target exactly as sent: /api/v1/orders?status=pending&limit=50
 * TIMESTAMP         Unix time in whole seconds, decimal
 * NONCE             16..128 characters of [A-Za-z0-9_-], never reused within the skew window
 * BODY-SHA256       lower-case hex SHA-256 of the body bytes exactly as sent (of the empty string when none)
 * ```
 *
 * The signature is the lower-case hex HMAC-SHA256 of that string under the shared secret. It travels with the key
 * id, timestamp and nonce in the headers named in {@link SIGNATURE_HEADERS}.
 */
export const SIGNATURE_HEADERS = {
  keyId: 'x-dockside-key',
  timestamp: 'x-dockside-timestamp',
  nonce: 'x-dockside-nonce',
  signature: 'x-dockside-signature',
} as const;

/** How far a request's timestamp may lie from the server's clock, either way. */
export const SIGNATURE_SKEW_MS = 5 * 60_000;

/** A signing key: its public id and the shared secret. */
export interface SigningKey {
  keyId: string;
  secret: string;
}

/** What the signature covers. */
export interface SignatureInput {
  method: string;
  /** Path and query as sent on the request line, e.g. `/api/v1/orders?status=pending`. */
  target: string;
  /** Unix seconds. */
  timestamp: number;
  nonce: string;
  /** The body bytes (or text, UTF-8) exactly as sent; empty or undefined when there is none. */
  body?: string | Uint8Array | undefined;
}

/** Lower-case hex SHA-256 of the body (of the empty string when there is none). */
export function bodySha256(body: string | Uint8Array | undefined): string {
  return createHash('sha256')
    .update(body ?? '')
    .digest('hex');
}

/** The exact text that is signed. */
export function stringToSign(input: SignatureInput): string {
  return [input.method.toUpperCase(), input.target, String(input.timestamp), input.nonce, bodySha256(input.body)].join(
    '\n',
  );
}

/** Lower-case hex HMAC-SHA256 of {@link stringToSign} under `secret`. */
export function computeSignature(secret: string, input: SignatureInput): string {
  return createHmac('sha256', secret).update(stringToSign(input), 'utf8').digest('hex');
}

/**
 * The four signature headers for one request.
 * @param now - the signer's clock; @param nonce - a fresh random value per request (default: a UUID without dashes)
 */
export function signRequest(
  key: SigningKey,
  request: { method: string; target: string; body?: string | Uint8Array | undefined },
  now: Date = new Date(),
  nonce: string = randomUUID().replace(/-/g, ''),
): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    [SIGNATURE_HEADERS.keyId]: key.keyId,
    [SIGNATURE_HEADERS.timestamp]: String(timestamp),
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: computeSignature(key.secret, { ...request, timestamp, nonce }),
  };
}

/** Why a signed request was refused; each is answered 401 with this code. */
export type SignatureFailure = 'signature-missing' | 'unknown-key' | 'stale-timestamp' | 'bad-signature';

/**
 * Checks one request's signature headers (not the nonce's freshness: the caller remembers nonces).
 * @returns null when the signature is good, else why not
 */
export function verifySignature(
  key: SigningKey,
  request: { method: string; target: string; body?: string | Uint8Array | undefined },
  headers: {
    keyId?: string | undefined;
    timestamp?: string | undefined;
    nonce?: string | undefined;
    signature?: string | undefined;
  },
  now: Date,
  skewMs: number = SIGNATURE_SKEW_MS,
): SignatureFailure | null {
  const { keyId, timestamp, nonce, signature } = headers;
  if (!keyId || !timestamp || !nonce || !signature) return 'signature-missing';
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(nonce) || !/^\d{1,12}$/.test(timestamp)) return 'signature-missing';
  if (!constantTimeEqual(keyId, key.keyId)) return 'unknown-key';
  if (Math.abs(Number(timestamp) * 1000 - now.getTime()) > skewMs) return 'stale-timestamp';
  const expected = computeSignature(key.secret, { ...request, timestamp: Number(timestamp), nonce });
  return constantTimeEqual(signature.toLowerCase(), expected) ? null : 'bad-signature';
}

function constantTimeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db);
}
