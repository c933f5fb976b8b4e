import { code128Pattern, moduleDotsFor, patternModules } from './code128';
import { assertCovered } from './coverage';
import type { BoxMm, DisplayItem, DisplayList, TextItem } from './display-list';
import { LabelError } from './label-error';
import type { FieldContext, FieldPart } from './order-fields';
import { expandTemplate, sanitizeText } from './order-fields';
import type { LabelTemplate, TemplateElement } from './template-schema';
import type { FitFont } from './text-fit';
import { fitText, forceEllipsis, lineCapacity, truncateToFit } from './text-fit';
import { dotsToMm, mmToDots, ptToMm } from './units';

/** What the layout needs besides the template and the order. */
export interface LayoutDeps {
  font: FitFont & { covers(codePoint: number): boolean };
  /** Intrinsic pixel size of an image asset. */
  imageSize(src: string): { width: number; height: number };
}

type Extract<T, K> = T extends { type: K } ? T : never;
type Element<K extends TemplateElement['type']> = Extract<TemplateElement, K>;
type Align = 'left' | 'center' | 'right';

function boxOf(el: { x: number; y: number; w: number; h: number }): BoxMm {
  return { xMm: el.x, yMm: el.y, wMm: el.w, hMm: el.h };
}

function alignX(box: BoxMm, width: number, align: Align): number {
  if (align === 'center') return box.xMm + (box.wMm - width) / 2;
  if (align === 'right') return box.xMm + box.wMm - width;
  return box.xMm;
}

function placeLines(
  lines: string[],
  sizeMm: number,
  lineHeight: number,
  box: BoxMm,
  align: Align,
  valign: 'top' | 'middle' | 'bottom',
  font: FitFont,
): TextItem[] {
  const pitch = sizeMm * lineHeight;
  const blockHeight = (font.ascentEm + font.descentEm) * sizeMm + (lines.length - 1) * pitch;
  const slack = Math.max(0, box.hMm - blockHeight);
  const top = box.yMm + (valign === 'middle' ? slack / 2 : valign === 'bottom' ? slack : 0);
  const sizePt = (sizeMm * 72) / 25.4;
  return lines
    .map((text, i) => {
      const widthMm = font.emWidth(text) * sizeMm;
      return {
        kind: 'text' as const,
        text,
        xMm: Math.max(box.xMm, alignX(box, widthMm, align)),
        baselineMm: top + font.ascentEm * sizeMm + i * pitch,
        sizeMm,
        sizePt,
        widthMm,
        box,
      };
    })
    .filter((item) => item.text.trim() !== '');
}

function layoutText(el: Element<'text'>, index: number, ctx: FieldContext, deps: LayoutDeps): DisplayItem[] {
  const { text, parts } = expandTemplate(el.value, ctx, `template element ${el.id ?? index}`);
  assertCovered(parts, deps.font.covers);
  const box = boxOf(el);
  const fit = fitText(
    {
      text,
      widthMm: el.w,
      heightMm: el.h,
      fontSizeMm: ptToMm(el.fontSize),
      minFontSizeMm: ptToMm(el.minFontSize ?? el.fontSize),
      lineHeight: el.lineHeight,
      wrap: el.wrap,
      maxLines: el.maxLines,
    },
    deps.font,
  );
  return placeLines(fit.lines, fit.fontSizeMm, el.lineHeight, box, el.align, el.valign, deps.font);
}

function layoutItemList(el: Element<'item-list'>, index: number, ctx: FieldContext, deps: LayoutDeps): DisplayItem[] {
  const literal = `template element ${el.id ?? index}`;
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
  const lines = shown.map(({ head, tail }) => truncateToFit(head, maxEm, measure, tail));
  if (shown.length < items.length) {
    const more = el.more.replace('{n}', String(items.length - shown.length));
    lines.push(measure(more) <= maxEm ? more : forceEllipsis(more, maxEm, measure));
  }
  return placeLines(lines, size, el.lineHeight, box, 'left', 'top', deps.font);
}

function layoutCode128(el: Element<'code128'>, ctx: FieldContext, dpi: number): DisplayItem[] {
  const data = expandTemplate(el.value, ctx, 'barcode').text.trim();
  const pattern = code128Pattern(data);
  const modules = patternModules(pattern) + 2 * el.quietZoneModules;
  const left = Math.ceil((el.x * dpi) / 25.4);
  const right = Math.floor(((el.x + el.w) * dpi) / 25.4);
  const available = right - left;
  let moduleDots = moduleDotsFor(el.moduleMm, dpi, el.minModuleDots);
  while (modules * moduleDots > available && moduleDots > el.minModuleDots) moduleDots--;
  if (modules * moduleDots > available) {
    throw new LabelError(
      'barcode',
      `Code 128 of "${data}" needs ${modules} modules (quiet zones included), ` +
        `${dotsToMm(modules * el.minModuleDots, dpi).toFixed(1)} mm at ${el.minModuleDots} dots; the box is ${el.w} mm wide`,
    );
  }
  const total = modules * moduleDots;
  const start =
    el.align === 'left' ? left : el.align === 'right' ? right - total : left + Math.floor((available - total) / 2);
  return [
    {
      kind: 'bars',
      dpi,
      xDots: start + el.quietZoneModules * moduleDots,
      yMm: dotsToMm(mmToDots(el.y, dpi), dpi),
      hMm: dotsToMm(mmToDots(el.h, dpi), dpi),
      moduleDots,
      pattern,
      data,
      box: boxOf(el),
    },
  ];
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
  if (el.y1 === el.y2) {
    return [{ kind: 'rect', xMm: Math.min(el.x1, el.x2), yMm: el.y1 - t / 2, wMm: Math.abs(el.x2 - el.x1), hMm: t }];
  }
  return [{ kind: 'rect', xMm: el.x1 - t / 2, yMm: Math.min(el.y1, el.y2), wMm: t, hMm: Math.abs(el.y2 - el.y1) }];
}

function layoutBox(el: Element<'box'>): DisplayItem[] {
  const t = Math.min(el.thickness, el.w / 2, el.h / 2);
  if (el.fill) return [{ kind: 'rect', xMm: el.x, yMm: el.y, wMm: el.w, hMm: el.h }];
  return [
    { kind: 'rect', xMm: el.x, yMm: el.y, wMm: el.w, hMm: t },
    { kind: 'rect', xMm: el.x, yMm: el.y + el.h - t, wMm: el.w, hMm: t },
    { kind: 'rect', xMm: el.x, yMm: el.y, wMm: t, hMm: el.h },
    { kind: 'rect', xMm: el.x + el.w - t, yMm: el.y, wMm: t, hMm: el.h },
  ];
}

/**
 * The layout pass: binds the order to the template, checks font coverage, fits text into its boxes and places
 * the barcode on whole dots at `dpi`. Both back ends draw the result.
 */
export function layoutLabel(template: LabelTemplate, ctx: FieldContext, dpi: number, deps: LayoutDeps): DisplayList {
  const items = template.elements.flatMap((el, i): DisplayItem[] => {
    switch (el.type) {
      case 'text':
        return layoutText(el, i, ctx, deps);
      case 'item-list':
        return layoutItemList(el, i, ctx, deps);
      case 'code128':
        return layoutCode128(el, ctx, dpi);
      case 'image':
        return layoutImage(el, deps);
      case 'line':
        return layoutLine(el);
      case 'box':
        return layoutBox(el);
    }
  });
  return { template: template.name, widthMm: template.widthMm, heightMm: template.heightMm, dpi, items };
}
