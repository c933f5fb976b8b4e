import { PDFDocument, concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState, rgb } from 'pdf-lib';
import type { PDFFont, PDFPage, PDFRef } from 'pdf-lib';
import type { DisplayList } from './display-list';
import type { ImageAsset } from './image-asset';
import type { LabelFont } from './label-font';
import { dotsToMm, mmToPt } from './units';

const BLACK = rgb(0, 0, 0);

/**
 * A subset tag ("ABCDEF+" in the BaseFont name, as PDF requires for subsets) derived from the text, so the same
 * label gives the same PDF.
 */
export function subsetTag(list: DisplayList): string {
  let h = 0x811c9dc5;
  for (const item of list.items) {
    if (item.kind !== 'text') continue;
    for (let i = 0; i < item.text.length; i++) h = Math.imul(h ^ item.text.charCodeAt(i), 0x01000193) >>> 0;
  }
  let tag = '';
  for (let i = 0; i < 6; i++) {
    tag += String.fromCharCode(65 + (h % 26));
    h = Math.floor(h / 26) + i * 7919;
  }
  return tag;
}

function embedGrayImage(doc: PDFDocument, asset: ImageAsset): PDFRef {
  const stream = doc.context.stream(asset.grayDeflated, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: asset.width,
    Height: asset.height,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 8,
    Filter: 'FlateDecode',
  });
  return doc.context.register(stream);
}

function rect(page: PDFPage, heightMm: number, xMm: number, yMm: number, wMm: number, hMm: number): void {
  page.drawRectangle({
    x: mmToPt(xMm),
    y: mmToPt(heightMm - yMm - hMm),
    width: mmToPt(wMm),
    height: mmToPt(hMm),
    color: BLACK,
  });
}

/**
 * The PDF back end: one page whose MediaBox is exactly the label (no margins), the label font embedded as a
 * subset through the cached fontkit font, barcode bars as vector rectangles on the dot grid of the list's dpi.
 */
export async function renderPdf(
  list: DisplayList,
  font: LabelFont,
  images: ReadonlyMap<string, ImageAsset>,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(font.pdfFontkit);
  const page = doc.addPage([mmToPt(list.widthMm), mmToPt(list.heightMm)]);
  const H = list.heightMm;
  let pdfFont: PDFFont | undefined;
  const imageRefs = new Map<string, PDFRef>();

  for (const item of list.items) {
    switch (item.kind) {
      case 'text': {
        pdfFont ??= await doc.embedFont(font.bytes, {
          subset: true,
          customName: `${subsetTag(list)}+${font.postscriptName}`,
        });
        page.drawText(item.text, {
          x: mmToPt(item.xMm),
          y: mmToPt(H - item.baselineMm),
          size: item.sizePt,
          font: pdfFont,
          color: BLACK,
        });
        break;
      }
      case 'rect':
        rect(page, H, item.xMm, item.yMm, item.wMm, item.hMm);
        break;
      case 'bars': {
        let x = item.xDots;
        item.pattern.forEach((modules, i) => {
          const w = modules * item.moduleDots;
          if (i % 2 === 0) rect(page, H, dotsToMm(x, item.dpi), item.yMm, dotsToMm(w, item.dpi), item.hMm);
          x += w;
        });
        break;
      }
      case 'image': {
        const asset = images.get(item.src);
        if (!asset) break;
        let ref = imageRefs.get(item.src);
        if (!ref) {
          ref = embedGrayImage(doc, asset);
          imageRefs.set(item.src, ref);
        }
        const name = page.node.newXObject('Im', ref);
        page.pushOperators(
          pushGraphicsState(),
          concatTransformationMatrix(
            mmToPt(item.wMm),
            0,
            0,
            mmToPt(item.hMm),
            mmToPt(item.xMm),
            mmToPt(H - item.yMm - item.hMm),
          ),
          drawObject(name),
          popGraphicsState(),
        );
        break;
      }
    }
  }
  return doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}
