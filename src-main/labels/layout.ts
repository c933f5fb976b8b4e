import type { EncodedSymbol } from './barcode';
import { defaultQuietZone, encodeSymbol, symbologyName } from './barcode';
import { moduleDotsFor, patternModules } from './code128';
import { assertCovered } from './coverage';
import type { BoxMm, DisplayItem, DisplayList, LabelWarning, TextItem } from './display-list';
import { LabelError } from './label-error';
import type { Expansion, FieldContext, FieldPart } from './order-fields';
import { expandTemplate, sanitizeText } from './order-fields';
import type { LabelTemplate, Symbology, TemplateElement } from './template-schema';
import type { FitFont } from './text-fit';
import { fitText, forceEllipsis, lineCapacity, truncateToFit } from './text-fit';
import { dotsToMm, ptToMm } from './units';

/** What the layout needs besides the template and the order. */
export interface LayoutDeps {
  font: FitFont & { covers(codePoint: number): boolean };
  /** Intrinsic pixel size of an image asset. */
  imageSize(src: string): { width: number; height: number };
}

type Extract<T, K> = T extends { type: K } ? T : never;
type Element<K extends TemplateElement['type']> = Extract<TemplateElement, K>;
type Align = 'left' | 'center' | 'right';
type VAlign = 'top' | 'middle' | 'bottom';

/** Per-label layout state: the order, the dpi, the fonts and images, and the warnings collected so far. */
interface Pass {
  ctx: FieldContext;
  dpi: number;
  deps: LayoutDeps;
  warnings: LabelWarning[];
}

function boxOf(el: { x: number; y: number; w: number; h: number }): BoxMm {
  return { xMm: el.x, yMm: el.y, wMm: el.w, hMm: el.h };
}

function alignX(box: BoxMm, width: number, align: Align): number {
  if (align === 'center') return box.xMm + (box.wMm - width) / 2;
  if (align === 'right') return box.xMm + box.wMm - width;
  return box.xMm;
}

function elementIdOf(el: TemplateElement, index: number): string {
  return el.id ?? `#${index}`;
}

function placeLines(
  lines: string[],
  sizeMm: number,
  lineHeight: number,
  box: BoxMm,
  align: Align,
  valign: VAlign,
  font: FitFont,
  elementId: string,
  white = false,
): TextItem[] {
  const pitch = sizeMm * lineHeight;
  const blockHeight = (font.ascentEm + font.descentEm) * sizeMm + (lines.length - 1) * pitch;
  const slack = Math.max(0, box.hMm - blockHeight);
  const top = box.yMm + (valign === 'middle' ? slack / 2 : valign === 'bottom' ? slack : 0);
  const sizePt = (sizeMm * 72) / 25.4;
  return lines
    .map((text, i) => {
      const widthMm = font.emWidth(text) * sizeMm;
      const item: TextItem = {
        kind: 'text',
        text,
        xMm: Math.max(box.xMm, alignX(box, widthMm, align)),
        baselineMm: top + font.ascentEm * sizeMm + i * pitch,
        sizeMm,
        sizePt,
        widthMm,
        box,
        elementId,
      };
      if (white) item.white = true;
      return item;
    })
    .filter((item) => item.text.trim() !== '');
}

/** The field that contributed most characters to an expansion (what a warning names). */
function mainField(expansion: Expansion, literalField: string): string | undefined {
  let best: FieldPart | undefined;
  for (const part of expansion.parts) {
    if (part.field === literalField) continue;
    if (!best || part.value.length > best.value.length) best = part;
  }
  return best?.field ?? expansion.fields[0];
}

function excerpt(text: string): string {
  const flat = text.replace(/\n/g, ' ');
  return flat.length > 40 ? `${[...flat].slice(0, 40).join('')}…` : flat;
}

interface FitBox {
  box: BoxMm;
  fontSize: number;
  minFontSize?: number | undefined;
  lineHeight: number;
  wrap: boolean;
  maxLines?: number | undefined;
  align: Align;
  valign: VAlign;
  white?: boolean;
}

/** Expands, checks, fits and places one text; records a warning when it had to be cut. */
function layoutTextIn(
  source: string,
  fit: FitBox,
  elementId: string,
  pass: Pass,
  literalField = `template element ${elementId}`,
): TextItem[] {
  const expansion = expandTemplate(source, pass.ctx, literalField);
  if (expansion.text.trim() === '') return [];
  assertCovered(expansion.parts, pass.deps.font.covers);
  const { box } = fit;
  const result = fitText(
    {
      text: expansion.text,
      widthMm: box.wMm,
      heightMm: box.hMm,
      fontSizeMm: ptToMm(fit.fontSize),
      minFontSizeMm: ptToMm(fit.minFontSize ?? fit.fontSize),
      lineHeight: fit.lineHeight,
      wrap: fit.wrap,
      maxLines: fit.maxLines,
    },
    pass.deps.font,
  );
  const sizePt = Math.round(((result.fontSizeMm * 72) / 25.4) * 10) / 10;
  const minPt = fit.minFontSize ?? fit.fontSize;
  if (result.fontSizeMm < ptToMm(Math.min(minPt, fit.fontSize)) - 1e-9) {
    const field = mainField(expansion, literalField);
    pass.warnings.push({
      elementId,
      ...(field === undefined ? {} : { field }),
      code: 'text-below-minimum',
      params: { sizePt, minPt, heightMm: box.hMm },
      message: `text drawn at ${sizePt.toFixed(1)} pt, below its minimum of ${minPt} pt, to fit ${box.hMm} mm high`,
    });
  }
  if (result.truncated) {
    const field = mainField(expansion, literalField);
    pass.warnings.push({
      elementId,
      ...(field === undefined ? {} : { field }),
      code: 'text-cut',
      params: { sizePt, widthMm: box.wMm, heightMm: box.hMm, text: excerpt(expansion.text) },
      message: `text cut to fit ${box.wMm}×${box.hMm} mm at ${sizePt.toFixed(1)} pt: "${excerpt(expansion.text)}"`,
    });
  }
  return placeLines(
    result.lines,
    result.fontSizeMm,
    fit.lineHeight,
    box,
    fit.align,
    fit.valign,
    pass.deps.font,
    elementId,
    fit.white,
  );
}

function layoutText(el: Element<'text'>, index: number, pass: Pass): DisplayItem[] {
  const elementId = elementIdOf(el, index);
  const box = boxOf(el);
  const items: DisplayItem[] = [];
  if (el.inverse) items.push({ kind: 'rect', ...box });
  items.push(
    ...layoutTextIn(
      el.value,
      {
        box: el.inverse ? inset(box, Math.min(0.8, box.wMm / 8, box.hMm / 8)) : box,
        fontSize: el.fontSize,
        minFontSize: el.minFontSize,
        lineHeight: el.lineHeight,
        wrap: el.wrap,
        maxLines: el.maxLines,
        align: el.align,
        valign: el.valign,
        white: el.inverse,
      },
      elementId,
      pass,
    ),
  );
  return items;
}

function inset(box: BoxMm, d: number): BoxMm {
  return {
    xMm: box.xMm + d,
    yMm: box.yMm + d,
    wMm: Math.max(0.1, box.wMm - 2 * d),
    hMm: Math.max(0.1, box.hMm - 2 * d),
  };
}

function layoutItemList(el: Element<'item-list'>, index: number, pass: Pass): DisplayItem[] {
  const { deps, ctx } = pass;
  const elementId = elementIdOf(el, index);
  const literal = `template element ${elementId}`;
  const [prefixTpl = '', suffixTpl = ''] = el.item.includes('{name}') ? el.item.split('{name}', 2) : [el.item, ''];
  const items = ctx.order.lines.map((line, i) => {
    const fill = (s: string): string =>
      s.replaceAll('{qty}', String(line.quantity)).replaceAll('{sku}', line.sku).replaceAll('{name}', '');
    const parts: FieldPart[] = [
      { field: literal, value: el.item.replace(/\{(name|qty|sku)\}/g, '') },
      { field: `lines[${i}].name`, value: line.name },
    ];
    if (el.item.includes('{sku}')) parts.push({ field: `lines[${i}].sku`, value: line.sku });
    assertCovered(parts, deps.font.covers);
    return { head: sanitizeText(fill(prefixTpl) + line.name).replace(/\n/g, ' '), tail: sanitizeText(fill(suffixTpl)) };
  });
  if (items.length === 0) return [];
  assertCovered([{ field: literal, value: el.more.replace('{n}', '') }], deps.font.covers);

  const box = boxOf(el);
  const minSize = ptToMm(el.minFontSize ?? el.fontSize);
  let size = ptToMm(el.fontSize);
  while (lineCapacity(el.h, size, el.lineHeight, deps.font) < items.length && size - ptToMm(0.5) >= minSize - 1e-9) {
    size -= ptToMm(0.5);
  }
  const capacity = Math.max(1, lineCapacity(el.h, size, el.lineHeight, deps.font));
  const maxEm = el.w / size;
  const measure = deps.font.emWidth;
  const shown = items.length > capacity ? items.slice(0, capacity - 1) : items;
  let cut = 0;
  const lines = shown.map(({ head, tail }) => {
    const line = truncateToFit(head, maxEm, measure, tail);
    if (line !== head + tail) cut++;
    return line;
  });
  if (shown.length < items.length) {
    const more = el.more.replace('{n}', String(items.length - shown.length));
    lines.push(measure(more) <= maxEm ? more : forceEllipsis(more, maxEm, measure));
    pass.warnings.push({
      elementId,
      field: 'lines',
      code: 'lines-left-out',
      params: { shown: shown.length, total: items.length },
      message: `${shown.length} of ${items.length} order lines shown; the last line says how many more`,
    });
  }
  if (cut > 0) {
    pass.warnings.push({
      elementId,
      field: 'lines',
      code: 'names-cut',
      params: { count: cut, widthMm: el.w },
      message: `${cut} product name(s) cut to fit ${el.w} mm`,
    });
  }
  return placeLines(lines, size, el.lineHeight, box, 'left', 'top', deps.font, elementId);
}

/** The whole-dot span `[start, end)` of a box edge pair at `dpi` (inside the box). */
function dotSpan(start: number, length: number, dpi: number): [number, number] {
  return [Math.ceil((start * dpi) / 25.4 - 1e-9), Math.floor(((start + length) * dpi) / 25.4 + 1e-9)];
}

function alignDots(start: number, end: number, total: number, align: Align | VAlign): number {
  if (align === 'left' || align === 'top') return start;
  if (align === 'right' || align === 'bottom') return end - total;
  return start + Math.floor((end - start - total) / 2);
}

interface BarcodeSpec {
  symbology: Symbology;
  value: string;
  moduleMm: number;
  minModuleDots: number;
  quietZoneModules: number;
  align: Align;
  valign: VAlign;
  ecLevel?: 'L' | 'M' | 'Q' | 'H';
  rowModules?: number;
  columns?: number;
}

function tooSmall(spec: BarcodeSpec, data: string, need: string, box: BoxMm): LabelError {
  return new LabelError(
    'barcode',
    `${symbologyName(spec.symbology)} of "${data}" needs ${need} at ${spec.minModuleDots} dots per module ` +
      `(quiet zones included); the box is ${box.wMm}×${box.hMm} mm`,
  );
}

/** Places a barcode on whole dots in `box`: linear codes as bars over the box height, 2D codes as square cells. */
function layoutBarcodeIn(spec: BarcodeSpec, box: BoxMm, elementId: string, pass: Pass): DisplayItem[] {
  const { dpi } = pass;
  const literal = `template element ${elementId}`;
  const expansion = expandTemplate(spec.value, pass.ctx, literal);
  const data = expansion.text.trim();
  const symbol: EncodedSymbol = encodeSymbol(spec.symbology, data, {
    ...(spec.ecLevel ? { ecLevel: spec.ecLevel } : {}),
    ...(spec.rowModules ? { rowModules: spec.rowModules } : {}),
    ...(spec.columns ? { columns: spec.columns } : {}),
  });
  const [left, right] = dotSpan(box.xMm, box.wMm, dpi);
  const [top, bottom] = dotSpan(box.yMm, box.hMm, dpi);
  const qz = spec.quietZoneModules;
  let moduleDots = moduleDotsFor(spec.moduleMm, dpi, spec.minModuleDots);
  if (symbol.kind === 'linear') {
    const modules = patternModules(symbol.pattern) + 2 * qz;
    while (modules * moduleDots > right - left && moduleDots > spec.minModuleDots) moduleDots--;
    if (modules * moduleDots > right - left) {
      throw tooSmall(spec, data, `${dotsToMm(modules * spec.minModuleDots, dpi).toFixed(1)} mm`, box);
    }
    const start = alignDots(left, right, modules * moduleDots, spec.align);
    return [
      {
        kind: 'bars',
        dpi,
        xDots: start + qz * moduleDots,
        yMm: dotsToMm(top, dpi),
        hMm: dotsToMm(bottom - top, dpi),
        moduleDots,
        pattern: symbol.pattern,
        data,
        symbology: spec.symbology as 'code128' | 'gs1-128',
        box,
        elementId,
      },
    ];
  }
  const cols = symbol.cols + 2 * qz;
  const rows = symbol.rows + 2 * qz;
  while ((cols * moduleDots > right - left || rows * moduleDots > bottom - top) && moduleDots > spec.minModuleDots) {
    moduleDots--;
  }
  if (cols * moduleDots > right - left || rows * moduleDots > bottom - top) {
    const w = dotsToMm(cols * spec.minModuleDots, dpi).toFixed(1);
    const h = dotsToMm(rows * spec.minModuleDots, dpi).toFixed(1);
    throw tooSmall(spec, data, `${w}×${h} mm`, box);
  }
  const x = alignDots(left, right, cols * moduleDots, spec.align) + qz * moduleDots;
  const y = alignDots(top, bottom, rows * moduleDots, spec.valign) + qz * moduleDots;
  return [
    {
      kind: 'matrix',
      dpi,
      xDots: x,
      yDots: y,
      moduleDots,
      rowDots: moduleDots,
      cols: symbol.cols,
      rows: symbol.rows,
      bits: symbol.bits,
      data,
      symbology: spec.symbology as 'qrcode' | 'datamatrix' | 'pdf417',
      box,
      elementId,
    },
  ];
}

function layoutBarcode(el: Element<'barcode'> | Element<'code128'>, index: number, pass: Pass): DisplayItem[] {
  const symbology: Symbology = el.type === 'code128' ? 'code128' : el.symbology;
  const spec: BarcodeSpec = {
    symbology,
    value: el.value,
    moduleMm: el.moduleMm,
    minModuleDots: el.minModuleDots,
    quietZoneModules: el.quietZoneModules ?? defaultQuietZone(symbology),
    align: el.align,
    valign: el.valign,
  };
  if (el.type === 'barcode') {
    spec.ecLevel = el.ecLevel;
    spec.rowModules = el.rowModules;
    spec.columns = el.columns;
  }
  return layoutBarcodeIn(spec, boxOf(el), elementIdOf(el, index), pass);
}

function layoutImage(el: Element<'image'>, deps: LayoutDeps): DisplayItem[] {
  const { width, height } = deps.imageSize(el.src);
  const scale = Math.min(el.w / width, el.h / height);
  const wMm = width * scale;
  const hMm = height * scale;
  const box = boxOf(el);
  return [{ kind: 'image', src: el.src, xMm: alignX(box, wMm, el.align), yMm: el.y + (el.h - hMm) / 2, wMm, hMm }];
}

function layoutLine(el: Element<'line'>): DisplayItem[] {
  const t = el.thickness;
  const horizontal = el.y1 === el.y2;
  const from = horizontal ? Math.min(el.x1, el.x2) : Math.min(el.y1, el.y2);
  const length = horizontal ? Math.abs(el.x2 - el.x1) : Math.abs(el.y2 - el.y1);
  const segments: Array<[number, number]> = [];
  if (el.dash) {
    const [on, off] = el.dash;
    for (let p = 0; p < length; p += on + off) segments.push([from + p, Math.min(on, length - p)]);
  } else {
    segments.push([from, length]);
  }
  return segments.map(([start, len]) =>
    horizontal
      ? { kind: 'rect' as const, xMm: start, yMm: el.y1 - t / 2, wMm: len, hMm: t }
      : { kind: 'rect' as const, xMm: el.x1 - t / 2, yMm: start, wMm: t, hMm: len },
  );
}

function boxRects(box: BoxMm, thickness: number): DisplayItem[] {
  const t = Math.min(thickness, box.wMm / 2, box.hMm / 2);
  const { xMm: x, yMm: y, wMm: w, hMm: h } = box;
  return [
    { kind: 'rect', xMm: x, yMm: y, wMm: w, hMm: t },
    { kind: 'rect', xMm: x, yMm: y + h - t, wMm: w, hMm: t },
    { kind: 'rect', xMm: x, yMm: y, wMm: t, hMm: h },
    { kind: 'rect', xMm: x + w - t, yMm: y, wMm: t, hMm: h },
  ];
}

function layoutBox(el: Element<'box'>): DisplayItem[] {
  if (el.fill) return [{ kind: 'rect', xMm: el.x, yMm: el.y, wMm: el.w, hMm: el.h }];
  return boxRects(boxOf(el), el.thickness);
}

function layoutCustom(el: Element<'custom'>, index: number, pass: Pass): DisplayItem[] {
  const elementId = elementIdOf(el, index);
  const box = boxOf(el);
  const items: DisplayItem[] = el.border ? boxRects(box, 0.3) : [];
  const inner = inset(box, el.paddingMm + (el.border ? 0.3 : 0));
  let textBox = inner;
  if (el.qr !== undefined) {
    const side = Math.min(inner.hMm, inner.wMm / 2);
    const qrBox: BoxMm = { xMm: inner.xMm + inner.wMm - side, yMm: inner.yMm, wMm: side, hMm: side };
    items.push(
      ...layoutBarcodeIn(
        {
          symbology: 'qrcode',
          value: el.qr,
          moduleMm: el.qrModuleMm,
          minModuleDots: 2,
          quietZoneModules: 4,
          align: 'right',
          valign: 'middle',
          ecLevel: 'M',
        },
        { ...qrBox, hMm: inner.hMm },
        elementId,
        pass,
      ),
    );
    textBox = { ...inner, wMm: Math.max(0.1, inner.wMm - side - 1) };
  }
  if (el.text !== '') {
    items.push(
      ...layoutTextIn(
        el.text,
        {
          box: textBox,
          fontSize: el.fontSize,
          minFontSize: el.minFontSize,
          lineHeight: el.lineHeight,
          wrap: true,
          align: 'left',
          valign: 'middle',
        },
        elementId,
        pass,
      ),
    );
  }
  return items;
}

/**
 * The layout pass: binds the order to the template, checks font coverage, fits text into its boxes (collecting a
 * warning for every cut) and places barcodes on whole dots at `dpi`. Both back ends draw the result.
 */
export function layoutLabel(template: LabelTemplate, ctx: FieldContext, dpi: number, deps: LayoutDeps): DisplayList {
  const pass: Pass = { ctx, dpi, deps, warnings: [] };
  const items = template.elements.flatMap((el, i): DisplayItem[] => {
    switch (el.type) {
      case 'text':
        return layoutText(el, i, pass);
      case 'item-list':
        return layoutItemList(el, i, pass);
      case 'code128':
      case 'barcode':
        return layoutBarcode(el, i, pass);
      case 'image':
        return layoutImage(el, deps);
      case 'line':
        return layoutLine(el);
      case 'box':
        return layoutBox(el);
      case 'custom':
        return layoutCustom(el, i, pass);
    }
  });
  return {
    template: template.name,
    widthMm: template.widthMm,
    heightMm: template.heightMm,
    dpi,
    items,
    warnings: pass.warnings,
  };
}
