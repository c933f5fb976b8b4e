import { createHash } from 'node:crypto';

/**
 * KDNiao's `DataSign` (docs: shared reference protocols §1.2): MD5 over the raw (not URL-encoded) RequestData JSON
 * followed by the AppKey, as a 32-character lower-case hex string, then Base64 of that ASCII text (not of the 16
 * digest bytes). The form body URL-encodes the result exactly once (`URLSearchParams` does).
 */
export function kdniaoDataSign(requestData: string, appKey: string): string {
  const hex = createHash('md5')
    .update(requestData + appKey, 'utf8')
    .digest('hex');
  return Buffer.from(hex, 'ascii').toString('base64');
}
