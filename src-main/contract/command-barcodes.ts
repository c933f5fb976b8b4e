import { z } from 'zod';

/** A text in each language the station speaks. */
const localizedTextSchema = z.object({ en: z.string(), 'zh-CN': z.string() });

/** The languages a commands sheet can be printed in. */
export const sheetLanguageSchema = z.enum(['en', 'zh-CN', 'both']);

/** One command barcode as the Commands screen shows it. */
export const commandBarcodeSchema = z.object({
  command: z.string(),
  /** The barcode's text (`%DS%CONFIRM`), encoded as Code 128. */
  barcode: z.string(),
  label: localizedTextSchema,
  what: localizedTextSchema,
  /** The barcode as an SVG document (quiet zones included), to show at any size. */
  svg: z.string(),
});

/** Every command barcode of the catalogue. */
export const commandBarcodesSchema = z.object({ commands: z.array(commandBarcodeSchema) });

/** The A4 commands sheet as a PDF file. */
export const commandsSheetPdfSchema = z.object({ fileName: z.string(), pdfBase64: z.string() });
