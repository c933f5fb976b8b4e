import { deflateSync } from 'node:zlib';
import type { PDFDict, PDFRef } from 'pdf-lib';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import type { FontkitSubset } from 'fontkit';
import type { DisplayList } from './display-list';
import type { ImageAsset } from './image-asset';
import type { LabelFont } from './label-font';
import { dotsToMm, mmToPt } from './units';

/** Formats a PDF number with at most 3 decimals, no trailing zeros. */
function num(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

/** UTF-16BE hex of a code point (a surrogate pair above U+FFFF), for the ToUnicode CMap. */
function utf16Hex(cp: number): string {
  if (cp < 0x10000) return hex4(cp);
  const v = cp - 0x10000;
  return hex4(0xd800 + (v >> 10)) + hex4(0xdc00 + (v & 0x3ff));
}

/** A subset tag ("ABCDEF+", as PDF requires for subset font names) derived from the glyphs used. */
function subsetTag(codePoints: readonly number[]): string {
  let h = 0x811c9dc5;
  for (const cp of codePoints) h = Math.imul(h ^ cp, 0x01000193) >>> 0;
  let tag = '';
  for (let i = 0; i < 6; i++) {
    tag += String.fromCharCode(65 + (h % 26));
    h = Math.floor(h / 26) + i * 7919;
  }
  return tag;
}

function toUnicodeCmap(codePoints: readonly number[]): string {
  const lines: string[] = [];
  for (let i = 0; i < codePoints.length; i += 100) {
    const chunk = codePoints.slice(i, i + 100);
    lines.push(`${chunk.length} beginbfchar`);
    chunk.forEach((cp, j) => lines.push(`<${hex4(i + j + 1)}> <${utf16Hex(cp)}>`));
    lines.push('endbfchar');
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...lines,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/**
 * A PDF of one or more labels, built page by page (pdf-lib for the file structure, content streams written
 * directly). The label font is embedded once per document as a subset of exactly the glyphs its pages use
 * (fontkit 2's subsetter, which keeps CJK glyphs), each image once per document; every page's MediaBox is
 * exactly its label, with no margins. Barcode bars and 2D cells are vector rectangles on the dot grid of the
 * list's dpi.
 */
export class PdfLabelDocument {
  private readonly subset: FontkitSubset;
  /** Code point → subset glyph id as 4 hex digits. */
  private readonly codes = new Map<number, string>();
  /** Code points in subset id order (id = index + 1; id 0 is .notdef). */
  private readonly codePoints: number[] = [];
  private readonly fontRef: PDFRef;
  private readonly xObjects: PDFDict;
  private readonly resourcesRef: PDFRef;
  private readonly imageNames = new Map<string, string>();
  private pages = 0;

  private constructor(
    private readonly doc: PDFDocument,
    private readonly font: LabelFont,
  ) {
    this.subset = font.createSubset();
    this.fontRef = doc.context.nextRef();
    this.xObjects = doc.context.obj({});
    this.resourcesRef = doc.context.register(
      doc.context.obj({ Font: { F1: this.fontRef }, XObject: this.xObjects, ProcSet: ['PDF', 'Text', 'ImageB'] }),
    );
  }

  /** Starts an empty document. */
  static async create(font: LabelFont): Promise<PdfLabelDocument> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    return new PdfLabelDocument(doc, font);
  }

  /** Pages added so far. */
  get pageCount(): number {
    return this.pages;
  }

  private encode(text: string): string {
    let out = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      let code = this.codes.get(cp);
      if (code === undefined) {
        const id = this.subset.includeGlyph(this.font.glyphId(cp));
        code = hex4(id);
        this.codes.set(cp, code);
        this.codePoints[id - 1] = cp;
      }
      out += code;
    }
    return out;
  }

  private imageName(asset: ImageAsset): string {
    let name = this.imageNames.get(asset.src);
    if (!name) {
      name = `Im${this.imageNames.size}`;
      const ctx = this.doc.context;
      const ref = ctx.register(
        ctx.stream(asset.grayDeflated, {
          Type: 'XObject',
          Subtype: 'Image',
          Width: asset.pdfWidth,
          Height: asset.pdfHeight,
          ColorSpace: 'DeviceGray',
          BitsPerComponent: 8,
          Filter: 'FlateDecode',
        }),
      );
      this.xObjects.set(PDFName.of(name), ref);
      this.imageNames.set(asset.src, name);
    }
    return name;
  }

  /** Adds one label as a page of exactly its size. */
  addPage(list: DisplayList, images: ReadonlyMap<string, ImageAsset>): void {
    const H = list.heightMm;
    const ops: string[] = [];
    let white = false;
    const setWhite = (w: boolean): void => {
      if (w !== white) ops.push(w ? '1 g' : '0 g');
      white = w;
    };
    const rect = (xMm: number, yMm: number, wMm: number, hMm: number): void => {
      ops.push(`${num(mmToPt(xMm))} ${num(mmToPt(H - yMm - hMm))} ${num(mmToPt(wMm))} ${num(mmToPt(hMm))} re f`);
    };
    for (const item of list.items) {
      switch (item.kind) {
        case 'text':
          setWhite(item.white === true);
          ops.push(
            `BT /F1 ${num(item.sizePt)} Tf 1 0 0 1 ${num(mmToPt(item.xMm))} ${num(mmToPt(H - item.baselineMm))} Tm <${this.encode(item.text)}> Tj ET`,
          );
          break;
        case 'rect':
          setWhite(item.white === true);
          rect(item.xMm, item.yMm, item.wMm, item.hMm);
          break;
        case 'bars': {
          setWhite(false);
          let x = item.xDots;
          item.pattern.forEach((modules, i) => {
            const w = modules * item.moduleDots;
            if (i % 2 === 0) rect(dotsToMm(x, item.dpi), item.yMm, dotsToMm(w, item.dpi), item.hMm);
            x += w;
          });
          break;
        }
        case 'matrix': {
          setWhite(false);
          const m = item.moduleDots;
          for (let row = 0; row < item.rows; row++) {
            const y = dotsToMm(item.yDots + row * item.rowDots, item.dpi);
            const h = dotsToMm(item.rowDots, item.dpi);
            let col = 0;
            while (col < item.cols) {
              if (item.bits[row * item.cols + col] !== 1) {
                col++;
                continue;
              }
              const start = col;
              while (col < item.cols && item.bits[row * item.cols + col] === 1) col++;
              rect(dotsToMm(item.xDots + start * m, item.dpi), y, dotsToMm((col - start) * m, item.dpi), h);
            }
          }
          break;
        }
        case 'image': {
          const asset = images.get(item.src);
          if (!asset) break;
          const name = this.imageName(asset);
          ops.push(
            `q ${num(mmToPt(item.wMm))} 0 0 ${num(mmToPt(item.hMm))} ${num(mmToPt(item.xMm))} ${num(mmToPt(H - item.yMm - item.hMm))} cm /${name} Do Q`,
          );
          break;
        }
      }
    }
    const ctx = this.doc.context;
    const content = ctx.register(
      ctx.stream(deflateSync(Buffer.from(ops.join('\n'), 'latin1')), { Filter: 'FlateDecode' }),
    );
    const page = this.doc.addPage([mmToPt(list.widthMm), mmToPt(list.heightMm)]);
    page.node.set(PDFName.of('Resources'), this.resourcesRef);
    page.node.set(PDFName.of('Contents'), content);
    this.pages++;
  }

  private embedFont(): void {
    const ctx = this.doc.context;
    const f = this.font.fontkit;
    const scale = 1000 / f.unitsPerEm;
    const baseFont = `${subsetTag(this.codePoints)}+${this.font.postscriptName}`;
    const encoded = this.subset.encode();
    const fontFile = ctx.register(ctx.stream(deflateSync(encoded), { Filter: 'FlateDecode', Length1: encoded.length }));
    const descriptor = ctx.register(
      ctx.obj({
        Type: 'FontDescriptor',
        FontName: baseFont,
        Flags: 4,
        FontBBox: [f.bbox.minX * scale, f.bbox.minY * scale, f.bbox.maxX * scale, f.bbox.maxY * scale].map(Math.round),
        ItalicAngle: f.italicAngle,
        Ascent: Math.round(f.ascent * scale),
        Descent: Math.round(f.descent * scale),
        CapHeight: Math.round((f.capHeight || f.ascent) * scale),
        StemV: 80,
        FontFile2: fontFile,
      }),
    );
    const notdefWidth = 500;
    const widths = [notdefWidth, ...this.codePoints.map((cp) => Math.round(this.font.glyphWidth1000(cp)))];
    const cidFont = ctx.register(
      ctx.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: baseFont,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        W: [0, widths],
        CIDToGIDMap: 'Identity',
      }),
    );
    const cmap = toUnicodeCmap(this.codePoints);
    const toUnicode = ctx.register(ctx.stream(deflateSync(Buffer.from(cmap, 'latin1')), { Filter: 'FlateDecode' }));
    ctx.assign(
      this.fontRef,
      ctx.obj({
        Type: 'Font',
        Subtype: 'Type0',
        BaseFont: baseFont,
        Encoding: 'Identity-H',
        DescendantFonts: [cidFont],
        ToUnicode: toUnicode,
      }),
    );
  }

  /** Embeds the font subset and serialises the document. Call once. */
  async save(): Promise<Uint8Array> {
    this.embedFont();
    return this.doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY, addDefaultPage: false });
  }
}

/** Renders one label as a one-page PDF. */
export async function renderPdf(
  list: DisplayList,
  font: LabelFont,
  images: ReadonlyMap<string, ImageAsset>,
): Promise<Uint8Array> {
  const doc = await PdfLabelDocument.create(font);
  doc.addPage(list, images);
  return doc.save();
}
