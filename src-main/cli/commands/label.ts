import { readFile, writeFile } from 'node:fs/promises';
import { apiOrderSchema } from '../../erp';
import { toOrder } from '../../erp/intake';
import { createLabelRenderer } from '../../labels';
import { assetsDir } from '../../platform';
import { CliError, describeZodError } from '../cli-error';
import { out } from '../io';

/** `dockside label`: renders one order's waybill to a PDF or PNG file, without a station. */
export async function labelCommand(options: {
  order: string;
  template?: string;
  format: string;
  dpi: string;
  out: string;
  tracking?: string;
}): Promise<void> {
  if (options.format !== 'pdf' && options.format !== 'png')
    throw new CliError(`--format must be pdf or png, not ${options.format}`, 2);
  const dpi = Number(options.dpi);
  if (![203, 300, 600].includes(dpi)) throw new CliError(`--dpi must be 203, 300 or 600, not ${options.dpi}`, 2);
  let text: string;
  try {
    text = await readFile(options.order, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${options.order}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${options.order} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = apiOrderSchema.safeParse(json);
  if (!parsed.success) throw new CliError(describeZodError(parsed.error, options.order));
  const order = toOrder(parsed.data);
  const trackingNumber = options.tracking ?? order.trackingNumber ?? undefined;
  if (!trackingNumber)
    throw new CliError(`${options.order}: the order has no trackingNumber; pass --tracking NUMBER`, 2);
  const renderer = createLabelRenderer({ assetsDir: assetsDir() });
  const label = await renderer.render({
    order,
    trackingNumber,
    dpi,
    ...(options.template ? { template: options.template } : {}),
  });
  try {
    await writeFile(options.out, options.format === 'pdf' ? label.pdf : label.png);
  } catch (error) {
    throw new CliError(
      `cannot write ${options.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  out(
    `${options.out}: ${label.template} ${label.widthMm}x${label.heightMm} mm, ${options.format.toUpperCase()}${options.format === 'png' ? ` at ${dpi} dpi` : ''}`,
  );
}
