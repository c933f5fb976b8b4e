import { describe, expect, it } from 'vitest';
import {
  bodySha256,
  computeSignature,
  signRequest,
  stringToSign,
  verifySignature,
  type SignatureInput,
} from '../../../src-main/erp/rest/signing';

const SECRET = 's3cret-dockside';
const input: SignatureInput = {
  method: 'POST',
  target: '/api/v1/shipments',
  timestamp: 1767225600,
  nonce: '0123456789abcdef0123456789abcdef',
  body: '{"orderNo":"SO-100001"}',
};

describe('request signing (HMAC-SHA256)', () => {
  it('signs the documented string: method, target, timestamp, nonce, body SHA-256', () => {
    expect(stringToSign(input)).toBe(
      'POST\n/api/v1/shipments\n1767225600\n0123456789abcdef0123456789abcdef\n' +
        'ab25177d95a37cd65271c821a32cde8bb041e0e3c3f436d4bd10968ef55d6755',
    );
  });

  it('matches the frozen vector (computed once with an independent HMAC)', () => {
    expect(computeSignature(SECRET, input)).toBe('602652e3a4016913bf2f8a430ff642192509fea5ad00a433f1d5bc218486cad1');
  });

  it('hashes an absent body as the empty string', () => {
    expect(bodySha256(undefined)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(bodySha256('')).toBe(bodySha256(undefined));
  });

  const tampered: [string, Partial<SignatureInput>][] = [
    ['method', { method: 'GET' }],
    ['path', { target: '/api/v1/shipment' }],
    ['query', { target: '/api/v1/shipments?x=1' }],
    ['timestamp', { timestamp: input.timestamp + 1 }],
    ['nonce', { nonce: '0123456789abcdef0123456789abcdee' }],
    ['body', { body: '{"orderNo":"SO-100002"}' }],
  ];
  it.each(tampered)('gives a different signature when the %s changes', (_name, change) => {
    expect(computeSignature(SECRET, { ...input, ...change })).not.toBe(computeSignature(SECRET, input));
  });

  it('gives a different signature under another secret', () => {
    expect(computeSignature('other', input)).not.toBe(computeSignature(SECRET, input));
  });

  describe('verifySignature', () => {
    const key = { keyId: 'station-1', secret: SECRET };
    const now = new Date(input.timestamp * 1000);
    const request = { method: 'POST', target: '/api/v1/shipments', body: input.body };
    const headersOf = (h: Record<string, string>) => ({
      keyId: h['x-dockside-key'],
      timestamp: h['x-dockside-timestamp'],
      nonce: h['x-dockside-nonce'],
      signature: h['x-dockside-signature'],
    });

    it('accepts what signRequest produced', () => {
      const headers = signRequest(key, request, now, input.nonce);
      expect(headers['x-dockside-signature']).toBe(computeSignature(SECRET, input));
      expect(verifySignature(key, request, headersOf(headers), now)).toBeNull();
    });

    it('says which check failed', () => {
      const headers = headersOf(signRequest(key, request, now, input.nonce));
      expect(verifySignature(key, request, { ...headers, signature: undefined }, now)).toBe('signature-missing');
      expect(verifySignature(key, request, { ...headers, keyId: 'station-2' }, now)).toBe('unknown-key');
      expect(verifySignature(key, request, headers, new Date(now.getTime() + 5 * 60_000 + 1000))).toBe(
        'stale-timestamp',
      );
      expect(verifySignature(key, request, headers, new Date(now.getTime() + 4 * 60_000))).toBeNull();
      expect(verifySignature(key, { ...request, body: '{}' }, headers, now)).toBe('bad-signature');
      expect(verifySignature({ ...key, secret: 'wrong' }, request, headers, now)).toBe('bad-signature');
    });
  });
});
