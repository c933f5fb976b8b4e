import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Image } from '@napi-rs/canvas';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { LabelError } from './label-error';

/** A 1-byte-per-dot mask, 1 = black. */
export interface DotMask {
  width: number;
  height: number;
  bits: Uint8Array;
}

/** An image asset decoded once: its size, a flattened grayscale copy for the PDF, dithered masks per size. */
export interface ImageAsset {
  src: string;
  width: number;
  height: number;
  image: Image;
  /** 8-bit DeviceGray samples on white, zlib-compressed (a PDF FlateDecode stream), `pdfWidth`×`pdfHeight`. */
  grayDeflated: Uint8Array;
  /** Size of the PDF copy: the image, scaled down to at most {@link MAX_PDF_SIDE} pixels on its long side. */
  pdfWidth: number;
  pdfHeight: number;
  /** Dithered masks by `"<w>x<h>"` in dots. */
  masks: Map<string, DotMask>;
}

/** Largest accepted image, so a bad asset cannot exhaust memory. */
const MAX_PIXELS = 4_000_000;
/** Long side of the image copy in the PDF: 1200 px is 600 dpi over 50 mm, more than any label printer needs. */
export const MAX_PDF_SIDE = 1200;
/** Largest accepted image file. */
const MAX_BYTES = 2_000_000;

function grayOnWhite(image: Image, width: number, height: number): Uint8Array {
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, width, height);
  g.drawImage(image, 0, 0, width, height);
  const rgba = g.getImageData(0, 0, width, height).data;
  const gray = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < gray.length; i++, j += 4) {
    // Rec. 601 luma in integer arithmetic.
    gray[i] = ((rgba[j] ?? 255) * 299 + (rgba[j + 1] ?? 255) * 587 + (rgba[j + 2] ?? 255) * 114) / 1000;
  }
  return gray;
}

/** Loads and decodes an image once (PNG or JPEG): a path under `assetsDir`, or a `data:` URL. */
export async function loadImageAsset(assetsDir: string, src: string): Promise<ImageAsset> {
  let image: Image;
  const label = src.startsWith('data:') ? 'the embedded image' : `image ${src}`;
  try {
    const bytes = src.startsWith('data:')
      ? Buffer.from(src.slice(src.indexOf(',') + 1), 'base64')
      : await readFile(path.join(assetsDir, src));
    if (bytes.length > MAX_BYTES) throw new Error(`it has ${bytes.length} bytes; the limit is ${MAX_BYTES}`);
    const png = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
    const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
    if (!png && !jpeg) throw new Error('it is neither PNG nor JPEG');
    image = await loadImage(bytes);
  } catch (err) {
    throw new LabelError(
      'bad-template',
      `${label} cannot be loaded: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const { width, height } = image;
  if (width < 1 || height < 1 || width * height > MAX_PIXELS) {
    throw new LabelError(
      'bad-template',
      `${label} is ${width}x${height}; use an image of at most ${MAX_PIXELS} pixels`,
    );
  }
  const scale = Math.min(1, MAX_PDF_SIDE / Math.max(width, height));
  const pdfWidth = Math.max(1, Math.round(width * scale));
  const pdfHeight = Math.max(1, Math.round(height * scale));
  return {
    src,
    width,
    height,
    image,
    grayDeflated: deflateSync(grayOnWhite(image, pdfWidth, pdfHeight)),
    pdfWidth,
    pdfHeight,
    masks: new Map(),
  };
}

/**
 * The image scaled to `width`×`height` dots and Floyd–Steinberg dithered to black and white; cached per size,
 * so a logo is dithered once per dpi.
 */
export function ditheredMask(asset: ImageAsset, width: number, height: number): DotMask {
  const key = `${width}x${height}`;
  const cached = asset.masks.get(key);
  if (cached) return cached;
  const gray = grayOnWhite(asset.image, width, height);
  const err = new Float32Array(gray);
  const bits = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const old = err[i] ?? 255;
      const black = old < 128;
      bits[i] = black ? 1 : 0;
      const e = old - (black ? 0 : 255);
      if (x + 1 < width) err[i + 1] = (err[i + 1] ?? 0) + (e * 7) / 16;
      if (y + 1 < height) {
        if (x > 0) err[i + width - 1] = (err[i + width - 1] ?? 0) + (e * 3) / 16;
        err[i + width] = (err[i + width] ?? 0) + (e * 5) / 16;
        if (x + 1 < width) err[i + width + 1] = (err[i + width + 1] ?? 0) + e / 16;
      }
    }
  }
  const mask = { width, height, bits };
  asset.masks.set(key, mask);
  return mask;
}
