import { crc32, deflateSync } from 'node:zlib';
import type { LabelRaster } from './types';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, body: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  out.set(body, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

/**
 * Encodes a 1-bit label raster as a 1-bit grayscale PNG with its dpi (pHYs), dot for dot: the PNG is exactly
 * what prints. (PNG grayscale 0 is black, the raster's 1 is black, so bits are inverted.)
 */
export function encodeRasterPng(r: LabelRaster): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(r.width, 0);
  ihdr.writeUInt32BE(r.height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // grayscale
  const stride = r.bytesPerRow + 1;
  const raw = new Uint8Array(stride * r.height);
  const padBits = r.bytesPerRow * 8 - r.width;
  const padMask = padBits > 0 ? (0xff << padBits) & 0xff : 0xff;
  for (let y = 0; y < r.height; y++) {
    const src = y * r.bytesPerRow;
    const dst = y * stride + 1; // filter byte 0 (None) precedes each row
    for (let i = 0; i < r.bytesPerRow; i++) raw[dst + i] = ~(r.data[src + i] ?? 0) & 0xff;
    const last = dst + r.bytesPerRow - 1;
    raw[last] = (raw[last] ?? 0) & padMask;
  }
  const phys = Buffer.alloc(9);
  const perMetre = Math.round(r.dpi / 0.0254);
  phys.writeUInt32BE(perMetre, 0);
  phys.writeUInt32BE(perMetre, 4);
  phys[8] = 1; // unit: metre
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('pHYs', phys),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', new Uint8Array()),
  ]);
}
