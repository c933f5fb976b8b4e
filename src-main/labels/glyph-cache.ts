import type { Canvas } from '@napi-rs/canvas';
import { createCanvas } from '@napi-rs/canvas';

/** Below this luminance an anti-aliased pixel prints black. */
const THRESHOLD = 128;
/** Bound on cached glyph masks (a few hundred labels' worth of distinct Hanzi at a few sizes). */
const MAX_ENTRIES = 20_000;

/** A glyph as black dots, positioned relative to its pen origin on the baseline. */
export interface GlyphMask {
  /** Offset of the mask's left column from the pen x. */
  left: number;
  /** Offset of the mask's top row from the baseline (negative: above it). */
  top: number;
  width: number;
  height: number;
  /** 1 byte per dot, 1 = black. */
  bits: Uint8Array;
}

const EMPTY: GlyphMask = { left: 0, top: 0, width: 0, height: 0, bits: new Uint8Array() };

/**
 * Glyphs drawn once per size by @napi-rs/canvas with the label font and thresholded to 1 bit, then reused: the
 * canvas costs ~15 µs per glyph per draw, a cached mask almost nothing. Masks are exact for the size (no
 * scaling), so cached text prints exactly as if drawn directly at whole-dot pen positions.
 */
export class GlyphCache {
  private readonly masks = new Map<string, GlyphMask>();
  private scratch: Canvas | undefined;

  constructor(
    private readonly family: string,
    private readonly ascentEm: number,
    private readonly descentEm: number,
  ) {}

  /** The mask of `character` at `sizePx` dots per em. */
  get(character: string, sizePx: number): GlyphMask {
    const key = `${sizePx.toFixed(2)}|${character}`;
    let mask = this.masks.get(key);
    if (!mask) {
      if (this.masks.size >= MAX_ENTRIES) this.masks.clear();
      mask = character.trim() === '' ? EMPTY : this.draw(character, sizePx);
      this.masks.set(key, mask);
    }
    return mask;
  }

  private draw(character: string, sizePx: number): GlyphMask {
    const pad = Math.ceil(sizePx * 0.25) + 2;
    const ascent = Math.ceil(sizePx * this.ascentEm);
    const w = Math.ceil(sizePx * 1.5) + 2 * pad;
    const h = ascent + Math.ceil(sizePx * this.descentEm) + 2 * pad;
    if (!this.scratch || this.scratch.width < w || this.scratch.height < h) {
      this.scratch = createCanvas(Math.max(w, this.scratch?.width ?? 0), Math.max(h, this.scratch?.height ?? 0));
    }
    const g = this.scratch.getContext('2d');
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, w, h);
    g.fillStyle = '#000000';
    g.textBaseline = 'alphabetic';
    g.textAlign = 'left';
    g.font = `${sizePx.toFixed(2)}px ${this.family}`;
    const originX = pad;
    const baseline = pad + ascent;
    g.fillText(character, originX, baseline);
    const rgba = g.getImageData(0, 0, w, h).data;
    let x0 = w;
    let y0 = h;
    let x1 = -1;
    let y1 = -1;
    const dots = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if ((rgba[(y * w + x) * 4 + 1] ?? 255) < THRESHOLD) {
          dots[y * w + x] = 1;
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
          if (y < y0) y0 = y;
          if (y > y1) y1 = y;
        }
      }
    }
    if (x1 < 0) return EMPTY;
    const width = x1 - x0 + 1;
    const height = y1 - y0 + 1;
    const bits = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) bits.set(dots.subarray((y0 + y) * w + x0, (y0 + y) * w + x0 + width), y * width);
    return { left: x0 - originX, top: y0 - baseline, width, height, bits };
  }
}
