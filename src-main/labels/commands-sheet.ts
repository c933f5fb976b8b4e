import path from 'node:path';
import { SCAN_COMMAND_CATALOGUE, type ScanCommandEntry } from '../domain';
import { code128Pattern, patternModules } from './code128';
import type { BarsItem, BoxMm, DisplayItem, DisplayList, TextItem } from './display-list';
import { LABEL_FONT_FILE } from './create-label-renderer';
import { loadLabelFont, type LabelFont } from './label-font';
import { PdfLabelDocument } from './pdf-backend';
import { mmToDots, ptToMm } from './units';

/** The languages a commands sheet is printed in. */
export type SheetLanguage = 'en' | 'zh-CN' | 'both';

/** Every sheet language, for option parsing. */
export const SHEET_LANGUAGES: readonly SheetLanguage[] = ['en', 'zh-CN', 'both'];

const A4 = { widthMm: 210, heightMm: 297 };
const MARGIN_MM = 18;
/** The sheet's resolution: bars sit on whole dots of it, so every module has the same width. */
const SHEET_DPI = 600;
/** 12 dots at 600 dpi = 0.508 mm a module: a 90 mm wide code, easy for any scanner from paper or a screen. */
const MODULE_DOTS = 12;
const BAR_HEIGHT_MM = 20;
/** Quiet zone each side of the bars, in modules (Code 128 asks for at least 10). */
const QUIET_MODULES = 12;

/** The title and the instructions above the codes, per language. */
const HEADINGS = {
  title: { en: 'Dockside command barcodes', 'zh-CN': 'Dockside 指令条码' },
  intro: {
    en: 'Scan on the Pack screen. A %DS% code that is not on this sheet is refused.',
    'zh-CN': '在“打包”页面扫描。不在此表上的 %DS% 条码会被拒绝。',
  },
} as const;

/** The texts of `entry` (or of a heading) in the sheet's languages, in print order. */
function inLanguages(text: { en: string; 'zh-CN': string }, lang: SheetLanguage): string[] {
  if (lang === 'both') return [text.en, text['zh-CN']];
  return [text[lang]];
}

/** Splits `text` into lines no wider than `widthMm` at `sizePt`: at spaces, or anywhere in CJK text. */
function wrap(font: LabelFont, text: string, sizePt: number, widthMm: number): string[] {
  const sizeMm = ptToMm(sizePt);
  const fits = (s: string) => font.emWidth(s) * sizeMm <= widthMm;
  const lines: string[] = [];
  let line = '';
  // Latin words stay whole; each CJK character (or punctuation mark) is a break opportunity of its own.
  for (const token of text.match(/[\x21-\x7e]+|\s+|./gu) ?? []) {
    const next = line + token;
    if (line !== '' && !fits(next)) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else {
      line = next;
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

/** Builds the sheet's page top to bottom, with a cursor in mm. */
class SheetWriter {
  readonly items: DisplayItem[] = [];
  y = MARGIN_MM;
  private readonly box: BoxMm = {
    xMm: MARGIN_MM,
    yMm: MARGIN_MM,
    wMm: A4.widthMm - 2 * MARGIN_MM,
    hMm: A4.heightMm - 2 * MARGIN_MM,
  };

  constructor(private readonly font: LabelFont) {}

  get widthMm(): number {
    return this.box.wMm;
  }

  text(text: string, sizePt: number, elementId: string, gapAfterMm = 1.5): void {
    const sizeMm = ptToMm(sizePt);
    for (const line of wrap(this.font, text, sizePt, this.box.wMm)) {
      const item: TextItem = {
        kind: 'text',
        text: line,
        xMm: MARGIN_MM,
        baselineMm: this.y + this.font.ascentEm * sizeMm,
        sizeMm,
        sizePt,
        widthMm: this.font.emWidth(line) * sizeMm,
        box: this.box,
        elementId,
      };
      this.items.push(item);
      this.y += (this.font.ascentEm + this.font.descentEm) * sizeMm;
    }
    this.y += gapAfterMm;
  }

  bars(data: string, elementId: string): void {
    const pattern = code128Pattern(data);
    const xDots = mmToDots(MARGIN_MM, SHEET_DPI) + QUIET_MODULES * MODULE_DOTS;
    const widthDots = (patternModules(pattern) + 2 * QUIET_MODULES) * MODULE_DOTS;
    const item: BarsItem = {
      kind: 'bars',
      dpi: SHEET_DPI,
      xDots,
      yMm: this.y,
      hMm: BAR_HEIGHT_MM,
      moduleDots: MODULE_DOTS,
      pattern,
      data,
      symbology: 'code128',
      box: { xMm: MARGIN_MM, yMm: this.y, wMm: (widthDots * 25.4) / SHEET_DPI, hMm: BAR_HEIGHT_MM },
      elementId,
    };
    this.items.push(item);
    this.y += BAR_HEIGHT_MM + 1.5;
  }

  rule(): void {
    this.items.push({ kind: 'rect', xMm: MARGIN_MM, yMm: this.y, wMm: this.box.wMm, hMm: 0.25 });
    this.y += 6;
  }
}

function writeCommand(sheet: SheetWriter, entry: ScanCommandEntry, lang: SheetLanguage): void {
  const id = entry.command;
  const title = lang === 'both' ? `${entry.label.en}  ${entry.label['zh-CN']}` : entry.label[lang];
  sheet.text(title, 20, `${id}-label`, 2);
  sheet.bars(entry.barcode, `${id}-barcode`);
  // The barcode's own text under it, as on every printed code: the packer can read what the scanner will send.
  sheet.text(entry.barcode, 10, `${id}-text`, 2.5);
  for (const line of inLanguages(entry.what, lang)) sheet.text(line, 11, `${id}-what`, 1.2);
  sheet.y += 4;
  sheet.rule();
}

/**
 * The commands sheet as one A4 page (mm from the top-left corner, bars on whole dots at 600 dpi): a title, then
 * every command of the catalogue with its name, its Code 128 barcode, the barcode's text and what it does.
 */
export function commandsSheetLayout(font: LabelFont, lang: SheetLanguage): DisplayList {
  const sheet = new SheetWriter(font);
  for (const line of inLanguages(HEADINGS.title, lang)) sheet.text(line, 18, 'title', 1);
  sheet.y += 1;
  for (const line of inLanguages(HEADINGS.intro, lang)) sheet.text(line, 10, 'intro', 1);
  sheet.y += 4;
  sheet.rule();
  for (const entry of SCAN_COMMAND_CATALOGUE) writeCommand(sheet, entry, lang);
  if (sheet.y > A4.heightMm - MARGIN_MM) {
    // The catalogue is fixed; a new command that does not fit must change this layout, not fall off the page.
    throw new Error(`the commands sheet is ${sheet.y.toFixed(0)} mm long; an A4 page holds ${A4.heightMm} mm`);
  }
  return { template: 'commands-sheet', ...A4, dpi: SHEET_DPI, items: sheet.items, warnings: [] };
}

/**
 * One command's barcode as SVG (Code 128, quiet zones included, one unit per module), for the screen: it scales
 * without blurring, so the Commands screen can show it large enough to scan from the monitor.
 */
export function commandBarcodeSvg(data: string): string {
  const pattern = code128Pattern(data);
  const width = patternModules(pattern) + 2 * QUIET_MODULES;
  const height = 40;
  let x = QUIET_MODULES;
  const bars: string[] = [];
  pattern.forEach((modules, i) => {
    if (i % 2 === 0) bars.push(`<rect x="${x}" y="0" width="${modules}" height="${height}"/>`);
    x += modules;
  });
  return (
    // 3 px a module at its natural size, every code the same height whatever its length.
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width * 3}" ` +
    `height="${height * 3}" preserveAspectRatio="none" shape-rendering="crispEdges">` +
    `<rect width="${width}" height="${height}" fill="#fff"/>` +
    `<g fill="#000">${bars.join('')}</g></svg>`
  );
}

/** Renders the commands sheet PDFs, with the label font loaded once. */
export interface CommandsSheetRenderer {
  /** The A4 sheet as a one-page PDF; the label font embedded as a subset (CJK included). */
  pdf(lang: SheetLanguage): Promise<Uint8Array>;
}

/** Creates the commands sheet renderer over the assets folder that holds the label font. */
export function createCommandsSheetRenderer({ assetsDir }: { assetsDir: string }): CommandsSheetRenderer {
  let font: LabelFont | null = null;
  return {
    async pdf(lang) {
      font ??= loadLabelFont(path.join(assetsDir, LABEL_FONT_FILE), 'DocksideCommandsSheet');
      const doc = await PdfLabelDocument.create(font);
      doc.addPage(commandsSheetLayout(font, lang), new Map());
      return doc.save();
    },
  };
}
