import { readFileSync } from 'node:fs';
import { create as createFont } from 'fontkit';
import type { FontkitFont, FontkitSubset } from 'fontkit';
import type { PDFDocument } from 'pdf-lib';
import { GlobalFonts } from '@napi-rs/canvas';

/** The fontkit object pdf-lib accepts in `registerFontkit`. */
export type PdfFontkit = Parameters<PDFDocument['registerFontkit']>[0];

/** The label font, parsed once: metrics for layout, coverage for checks, a fontkit shim for pdf-lib. */
export interface LabelFont {
  /** Family name registered with @napi-rs/canvas GlobalFonts. */
  readonly canvasFamily: string;
  readonly postscriptName: string;
  /** The font file, for `pdfDoc.embedFont`. */
  readonly bytes: Uint8Array;
  /** Ascender and descender (positive, below the baseline) per em. */
  readonly ascentEm: number;
  readonly descentEm: number;
  /** Whether the font has a glyph for the code point. */
  covers(codePoint: number): boolean;
  /** Advance width of `text` in ems, without kerning (an upper bound for what both back ends draw). */
  emWidth(text: string): number;
  /** Give to `pdfDoc.registerFontkit`: hands out the cached parsed font instead of parsing again. */
  readonly pdfFontkit: PdfFontkit;
  /** The parsed font (for the PDF back end's own subset embedding). */
  readonly fontkit: FontkitFont;
  /** A new, empty subset of the font (fontkit 2's subsetter, which keeps CJK glyphs). */
  createSubset(): FontkitSubset;
  /** The font's glyph id of a code point (0 when it has none). */
  glyphId(codePoint: number): number;
  /** Advance width of a glyph in 1/1000 em (PDF width units). */
  glyphWidth1000(codePoint: number): number;
}

interface SubsetStream {
  on(event: 'data' | 'end' | 'error', cb: (data: Uint8Array) => void): SubsetStream;
}

/**
 * pdf-lib 1.17 serialises subsets with `subset.encodeStream()`; fontkit 2 only has `encode()`. The stream here
 * delivers the whole encoded subset synchronously as one chunk, then ends.
 */
function withEncodeStream(subset: FontkitSubset): FontkitSubset & { encodeStream(): SubsetStream } {
  let encoded: Uint8Array | undefined;
  const stream: SubsetStream = {
    on(event, cb) {
      if (event === 'data') {
        encoded ??= subset.encode();
        cb(encoded);
      } else if (event === 'end') {
        cb(new Uint8Array());
      }
      return stream;
    },
  };
  return Object.assign(subset, { encodeStream: () => stream });
}

const registeredFamilies = new Map<string, string>();

/**
 * Loads a TrueType/OpenType font file once: parses it with fontkit 2, registers it with @napi-rs/canvas and
 * prepares the pdf-lib shim. Reuse the result for every label (parsing per label costs milliseconds).
 */
export function loadLabelFont(path: string, canvasFamily = 'DocksideLabel'): LabelFont {
  const bytes = new Uint8Array(readFileSync(path));
  const parsed = createFont(bytes);
  if ('fonts' in parsed)
    throw new Error(`${path} is a font collection; extract one face (scripts/make-font-subset.mjs)`);
  const font: FontkitFont = parsed;

  const originalCreateSubset = font.createSubset.bind(font);
  font.createSubset = () => withEncodeStream(originalCreateSubset());
  const glyphIds = new Map<number, number>();

  if (registeredFamilies.get(canvasFamily) !== path) {
    if (!GlobalFonts.registerFromPath(path, canvasFamily)) throw new Error(`cannot register ${path} with the canvas`);
    registeredFamilies.set(canvasFamily, path);
  }

  const upm = font.unitsPerEm;
  const coverage = new Map<number, boolean>();
  const advance = new Map<number, number>();
  const covers = (cp: number): boolean => {
    let has = coverage.get(cp);
    if (has === undefined) {
      has = font.hasGlyphForCodePoint(cp);
      coverage.set(cp, has);
    }
    return has;
  };
  const advanceEm = (cp: number): number => {
    let w = advance.get(cp);
    if (w === undefined) {
      w = font.glyphForCodePoint(cp).advanceWidth / upm;
      advance.set(cp, w);
    }
    return w;
  };

  // pdf-lib's Font type mirrors fontkit's; the object is a fontkit 2 font, the shape pdf-lib expects.
  const pdfFont = font as unknown as ReturnType<PdfFontkit['create']>;
  const pdfFontkit: PdfFontkit = {
    create(buffer: Uint8Array) {
      if (buffer !== bytes) throw new Error('this fontkit shim only serves the label font it was made for');
      return pdfFont;
    },
  };

  return {
    canvasFamily,
    postscriptName: font.postscriptName ?? 'LabelFont',
    bytes,
    ascentEm: font.ascent / upm,
    descentEm: Math.abs(font.descent) / upm,
    covers,
    emWidth(text: string): number {
      let w = 0;
      for (const ch of text) w += advanceEm(ch.codePointAt(0) ?? 0);
      return w;
    },
    pdfFontkit,
    fontkit: font,
    createSubset: originalCreateSubset,
    glyphId(codePoint: number): number {
      let gid = glyphIds.get(codePoint);
      if (gid === undefined) {
        gid = covers(codePoint) ? font.glyphForCodePoint(codePoint).id : 0;
        glyphIds.set(codePoint, gid);
      }
      return gid;
    },
    glyphWidth1000(codePoint: number): number {
      return advanceEm(codePoint) * 1000;
    },
  };
}
