import { readFile, writeFile } from 'node:fs/promises';
import { apiOrderSchema } from '../../erp';
import { toOrder } from '../../erp/intake';
import { createLabelRenderer, type LabelTemplate } from '../../labels';
import { assetsDir } from '../../platform';
import { StationError } from '../../station';
import { CliError, describeZodError } from '../cli-error';
import { out } from '../io';
import { labelBatchCommand } from './label-batch';
import { openTemplates } from './template';

/** Options of `dockside label`. */
export interface LabelOptions {
  order?: string;
  orders?: string;
  template?: string;
  format?: string;
  dpi: string;
  out: string;
  tracking?: string;
  trackingPrefix?: string;
  trackingStart?: string;
  data?: string;
}

/**
 * The template `name` names: a template saved in the station (`--data` or the default data directory, newest
 * version) or a built-in one. Without `name`, the engine's default.
 */
export async function resolveLabelTemplate(
  name: string | undefined,
  options: { data?: string | undefined },
): Promise<LabelTemplate | undefined> {
  if (name === undefined) return undefined;
  const opened = openTemplates(options, false);
  try {
    return (await opened.service.get(name)).template;
  } catch (error) {
    if (error instanceof StationError) {
      const where = opened.hasStationDb
        ? 'neither built in nor saved in the station'
        : 'not built in, and no station data found';
      throw new CliError(`${error.message} (${where}); \`dockside template list\` shows the templates`, 2);
    }
    throw error;
  } finally {
    opened.close();
  }
}

/** Reads and parses a JSON file, with one-line errors. */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Writes an output file, with one-line errors. */
export async function writeOutput(file: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFile(file, bytes);
  } catch (error) {
    throw new CliError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/**
 * `dockside label`: renders one order's waybill (`--order`) to a PDF or PNG file, or a batch (`--orders`, a JSON
 * array) into one multi-page PDF, with a built-in or saved template.
 */
export async function labelCommand(options: LabelOptions): Promise<void> {
  if (options.order !== undefined && options.orders !== undefined)
    throw new CliError('pass either --order FILE or --orders FILE, not both', 2);
  if (options.orders !== undefined) return labelBatchCommand({ ...options, orders: options.orders });
  if (options.order === undefined) throw new CliError('pass --order FILE (one order) or --orders FILE (a batch)', 2);
  if (options.format !== 'pdf' && options.format !== 'png')
    throw new CliError(`--format must be pdf or png, not ${options.format ?? '(missing)'}`, 2);
  const dpi = Number(options.dpi);
  if (![203, 300, 600].includes(dpi)) throw new CliError(`--dpi must be 203, 300 or 600, not ${options.dpi}`, 2);
  const json = await readJsonFile(options.order);
  const parsed = apiOrderSchema.safeParse(json);
  if (!parsed.success) throw new CliError(describeZodError(parsed.error, options.order));
  const order = toOrder(parsed.data);
  const trackingNumber = options.tracking ?? order.trackingNumber ?? undefined;
  if (!trackingNumber)
    throw new CliError(`${options.order}: the order has no trackingNumber; pass --tracking NUMBER`, 2);
  const template = await resolveLabelTemplate(options.template, options);
  const renderer = createLabelRenderer({ assetsDir: assetsDir() });
  const label = await renderer.render({ order, trackingNumber, dpi, ...(template ? { template } : {}) });
  await writeOutput(options.out, options.format === 'pdf' ? label.pdf : label.png);
  out(
    `${options.out}: ${label.template} ${label.widthMm}x${label.heightMm} mm, ${options.format.toUpperCase()}${options.format === 'png' ? ` at ${dpi} dpi` : ''}`,
  );
}
