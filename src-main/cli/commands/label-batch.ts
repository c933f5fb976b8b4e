import { formatTrackingNumber } from '../../carriers';
import type { Order } from '../../domain';
import { apiOrderSchema } from '../../erp';
import { toOrder } from '../../erp/intake';
import { createLabelRenderer } from '../../labels';
import { assetsDir } from '../../platform';
import { CliError } from '../cli-error';
import { out } from '../io';
import { readJsonFile, resolveLabelTemplate, writeOutput, type LabelOptions } from './label';

/** A progress bar on stderr, redrawn in place; only ever used when stderr is a terminal. */
function progressBar(stream: NodeJS.WriteStream): { update(done: number, total: number): void; end(): void } {
  let last = -1;
  return {
    update(done, total) {
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 30));
      const filled = total === 0 ? width : Math.round((done / total) * width);
      if (filled === last && done !== total) return;
      last = filled;
      const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
      stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} labels ${pct}%`);
    },
    end() {
      stream.write('\n');
    },
  };
}

/** Validates one order of a batch; a bad one ends the run with its index and the field. */
function parseBatchOrder(json: unknown, index: number, file: string): Order {
  const parsed = apiOrderSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(the order itself)';
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
    throw new CliError(`${file}: order [${index}]: ${field}: ${issue.message}${more}`);
  }
  return toOrder(parsed.data);
}

/**
 * `dockside label --orders FILE.json --out FILE.pdf`: renders a JSON array of orders into one multi-page PDF, a
 * page per order, with a progress bar on stderr when it is a terminal. Orders without a tracking number get
 * consecutive numbers from `--tracking-prefix` (and `--tracking-start`).
 */
export async function labelBatchCommand(options: LabelOptions & { orders: string }): Promise<void> {
  if (options.format !== undefined && options.format !== 'pdf')
    throw new CliError(`--orders renders one multi-page PDF; --format must be pdf, not ${options.format}`, 2);
  if (options.tracking !== undefined)
    throw new CliError('--tracking names one parcel; for --orders use --tracking-prefix', 2);
  const json = await readJsonFile(options.orders);
  if (!Array.isArray(json)) throw new CliError(`${options.orders}: expected a JSON array of orders`);
  if (json.length === 0) throw new CliError(`${options.orders}: the array holds no orders`);
  const orders = json.map((item, index) => parseBatchOrder(item, index, options.orders));

  const prefix = options.trackingPrefix;
  let serial = 1;
  if (options.trackingStart !== undefined) {
    serial = Number(options.trackingStart);
    if (!Number.isSafeInteger(serial) || serial < 0)
      throw new CliError(`--tracking-start ${options.trackingStart} must be a whole number from 0`, 2);
  }
  if (prefix !== undefined && !/^[A-Z]{1,4}$/.test(prefix))
    throw new CliError(`--tracking-prefix ${prefix} must be 1-4 capital letters, e.g. DS`, 2);
  const batch = orders.map((order, index) => {
    let trackingNumber = order.trackingNumber ?? undefined;
    if (!trackingNumber) {
      if (prefix === undefined)
        throw new CliError(
          `${options.orders}: order [${index}] (${order.orderNo}) has no trackingNumber; pass --tracking-prefix PREFIX`,
          2,
        );
      try {
        trackingNumber = formatTrackingNumber(prefix, serial++);
      } catch (error) {
        throw new CliError(`order [${index}]: ${(error as Error).message}`, 2);
      }
    }
    return { order, trackingNumber };
  });

  const template = await resolveLabelTemplate(options.template, options);
  const renderer = createLabelRenderer({ assetsDir: assetsDir() });
  const bar = process.stderr.isTTY ? progressBar(process.stderr) : null;
  let result;
  try {
    result = await renderer.renderBatch({
      orders: batch,
      ...(template ? { template } : {}),
      ...(bar ? { onProgress: (done: number, total: number) => bar.update(done, total) } : {}),
    });
  } finally {
    bar?.end();
  }
  await writeOutput(options.out, result.pdf);
  const warnings = result.warnings.length > 0 ? `, ${result.warnings.length} warnings` : '';
  out(`${options.out}: ${result.pages} labels, ${template?.name ?? 'default template'}, PDF${warnings}`);
}
