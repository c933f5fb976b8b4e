/**
 * The part of upstream fontkit 2.x that the label engine uses. fontkit ships no types of its own and
 * `@types/fontkit` is not installed; these declarations cover only what src-main/labels calls.
 */
declare module 'fontkit' {
  /** One glyph of a font. */
  export interface FontkitGlyph {
    id: number;
    advanceWidth: number;
  }

  /** The result of shaping a string. */
  export interface FontkitGlyphRun {
    glyphs: FontkitGlyph[];
    advanceWidth: number;
  }

  /** A subset under construction; fontkit 2 serialises with `encode()` (pdf-lib 1.17 calls `encodeStream()`). */
  export interface FontkitSubset {
    cff?: unknown;
    includeGlyph(glyph: number | FontkitGlyph): number;
    encode(): Uint8Array;
  }

  /** A single parsed font face. */
  export interface FontkitFont {
    type: string;
    postscriptName: string | null;
    familyName: string | null;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    lineGap: number;
    capHeight: number;
    italicAngle: number;
    bbox: { minX: number; minY: number; maxX: number; maxY: number };
    characterSet: number[];
    glyphForCodePoint(codePoint: number): FontkitGlyph;
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string, features?: unknown): FontkitGlyphRun;
    createSubset(): FontkitSubset;
  }

  /** A TrueType/OpenType collection. */
  export interface FontkitCollection {
    type: 'TTC' | 'DFont';
    fonts: FontkitFont[];
  }

  /** Parses font bytes; a collection unless `postscriptName` picks one face. */
  export function create(buffer: Uint8Array, postscriptName?: string): FontkitFont | FontkitCollection;
}
