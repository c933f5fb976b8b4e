import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { apiOrderSchema } from '../../erp';
import { toOrder } from '../../erp/intake';
import { createLabelRenderer } from '../../labels';
import { encodeRasterPng } from '../../labels/png-encode';
import { assetsDir } from '../../platform';
import {
  builtInPrinterCatalog,
  createPrinterFromUri,
  printOnce,
  PrintError,
  type PrintableLabel,
  type Printer,
  type PrintResult,
} from '../../printers';
import { printerUriWithProfile } from '../../station';
import { CliError, describeZodError } from '../cli-error';
import { out, outJson } from '../io';
import { readJsonFile, resolveLabelTemplate } from './label';

/** Options of `dockside print`. */
export interface PrintOptions {
  printer: string;
  profile?: string;
  file?: string;
  order?: string;
  template?: string;
  tracking?: string;
  data?: string;
  json?: boolean;
}

/** The printer a URI and an optional `--profile` name, with one-line errors. */
export function printerFromOptions(uri: string, profile: string | undefined): Printer {
  try {
    return createPrinterFromUri(printerUriWithProfile(uri, profile ?? null), process.cwd(), builtInPrinterCatalog);
  } catch (error) {
    if (error instanceof PrintError) throw new CliError(error.reason, 2);
    throw error;
  }
}

/** The labels to print: each page of a PDF rasterized at the printer's dpi, or one order's waybill rendered. */
async function labelsFor(options: PrintOptions, printer: Printer): Promise<{ name: string; label: PrintableLabel }[]> {
  if (options.file !== undefined) {
    const { rasterizePdf } = await import('./pdf-raster');
    let pdf: Uint8Array;
    try {
      pdf = await readFile(options.file);
    } catch (error) {
      throw new CliError(`cannot read ${options.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const pages = await rasterizePdf(pdf, printer.dpi, options.file);
    const base = path.basename(options.file, path.extname(options.file)).replace(/[^\w.-]/g, '_') || 'label';
    return pages.map((raster, i) => ({
      name: pages.length > 1 ? `${base}-${i + 1}` : base,
      label: {
        pdf,
        png: encodeRasterPng(raster),
        raster,
        widthMm: (raster.width * 25.4) / printer.dpi,
        heightMm: (raster.height * 25.4) / printer.dpi,
      },
    }));
  }
  const json = await readJsonFile(options.order!);
  const parsed = apiOrderSchema.safeParse(json);
  if (!parsed.success) throw new CliError(describeZodError(parsed.error, options.order!));
  const order = toOrder(parsed.data);
  const trackingNumber = options.tracking ?? order.trackingNumber ?? undefined;
  if (!trackingNumber)
    throw new CliError(`${options.order}: the order has no trackingNumber; pass --tracking NUMBER`, 2);
  const template = await resolveLabelTemplate(options.template, options);
  const renderer = createLabelRenderer({ assetsDir: assetsDir() });
  const label = await renderer.render({ order, trackingNumber, dpi: printer.dpi, ...(template ? { template } : {}) });
  return [{ name: `${order.orderNo}_${trackingNumber}`.replace(/[^\w.-]/g, '_'), label }];
}

/**
 * `dockside print`: one label (a PDF file, rasterized at the printer's dpi, or an order's waybill) to a printer
 * URI, with the station's rules: status first, one write, never a retry. Exit 1 when not printed, 3 when it may
 * or may not have printed.
 */
export async function printCommand(options: PrintOptions): Promise<void> {
  if ((options.file === undefined) === (options.order === undefined)) {
    throw new CliError('pass either --file LABEL.pdf or --order ORDER.json (with --template NAME)', 2);
  }
  if (options.file !== undefined && options.template !== undefined) {
    throw new CliError('--template goes with --order; a PDF file is printed as it is', 2);
  }
  const printer = printerFromOptions(options.printer, options.profile);
  const labels = await labelsFor(options, printer);
  const results: (PrintResult & { label: string })[] = [];
  for (const [i, { name, label }] of labels.entries()) {
    const result = await printOnce({ jobId: `cli-${process.pid}-${i + 1}`, baseName: name, label, printer });
    results.push({ ...result, label: name });
    // Never carry on after a label that did not surely print: the next one could be a duplicate or out of order.
    if (result.state === 'failed' || result.state === 'unknown') break;
  }
  if (options.json) outJson({ printer: printer.uri, results });
  else for (const r of results) out(`${r.label}: ${r.state} — ${r.detail}`);
  const last = results.at(-1)!;
  if (last.state === 'failed') throw new CliError(`not printed: ${last.detail}`, 1);
  if (last.state === 'unknown') throw new CliError(`may or may not have printed: ${last.detail}`, 3);
}
