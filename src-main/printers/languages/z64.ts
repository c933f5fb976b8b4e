import { deflateSync } from 'node:zlib';

/**
 * CRC-16/XMODEM (poly 0x1021, init 0, no reflection), which Zebra appends to Z64 graphics. Check value:
 * `crc16Xmodem("123456789") === 0x31c3`.
 */
export function crc16Xmodem(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/**
 * Zebra's Z64 encoding of graphic data: `:Z64:` + base64 of the zlib stream (deflate with its header) + `:` + the
 * CRC-16/XMODEM of the base64 text as 4 hex digits. Sixteen 0xFF bytes give `:Z64:eJz7/x8VAACHiA/x:e1c1`.
 */
export function z64(data: Uint8Array): string {
  const text = deflateSync(data).toString('base64');
  const crc = crc16Xmodem(Buffer.from(text, 'latin1'));
  return `:Z64:${text}:${crc.toString(16).padStart(4, '0')}`;
}
