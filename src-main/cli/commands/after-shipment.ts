import { CliError } from '../cli-error';
import { out, outJson } from '../io';
import { openStation, type StationOptions } from '../options';
import type { Station } from '../../compose';

/** One upload attempt after queueing, so an online ERP learns at once; offline, the outbox keeps it. */
async function uploadNow(station: Station): Promise<{ uploaded: boolean; depth: number; error: string | null }> {
  const result = await station.sync.drain(true);
  return { uploaded: result.depth === 0, depth: result.depth, error: result.error };
}

const queuedLine = (upload: { uploaded: boolean; depth: number; error: string | null }) =>
  upload.uploaded
    ? '  confirmed to the ERP'
    : `  queued for the ERP (${upload.depth} waiting${upload.error ? `: ${upload.error}` : ''}); run dockside sync when it is reachable`;

/** `dockside handover TRACKING...`: the courier took these parcels (已揽收); all or none are recorded. */
export async function handoverCommand(
  trackingNumbers: string[],
  options: StationOptions & { carrier?: string; json?: boolean },
): Promise<void> {
  const station = await openStation(options);
  try {
    const result = await station.api.handlers['handover:confirm']({ carrier: options.carrier, trackingNumbers });
    const upload = result.toErp ? await uploadNow(station) : null;
    if (options.json) return outJson({ ...result, ...(upload ?? {}) });
    out(`${result.handoverId}: ${result.parcels} parcel(s) handed over to ${result.carrier}`);
    out(upload ? queuedLine(upload) : '  recorded at the station (this ERP does not take handovers)');
  } finally {
    await station.close();
  }
}

/** `dockside tracking TRACKING STATUS`: a parcel's delivery status for the ERP. */
export async function trackingCommand(
  trackingNumber: string,
  status: string,
  options: StationOptions & { at?: string; detail?: string; json?: boolean },
): Promise<void> {
  const station = await openStation(options);
  try {
    const result = await station.api.handlers['tracking:report']({
      trackingNumber,
      status,
      at: options.at,
      detail: options.detail,
    });
    const upload = await uploadNow(station);
    if (options.json) return outJson({ trackingNumber, ...result, ...upload });
    out(`${trackingNumber}: ${result.status}${result.queued ? '' : ' (already reported)'}`);
    out(queuedLine(upload));
  } finally {
    await station.close();
  }
}

/** `dockside fee TRACKING AMOUNT`: a parcel's freight (or other) fee for the ERP's reconciliation. */
export async function feeCommand(
  trackingNumber: string,
  amountText: string,
  options: StationOptions & { currency?: string; kind?: 'freight' | 'insurance' | 'surcharge'; json?: boolean },
): Promise<void> {
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(amountText.trim()))
    throw new CliError(`fee amount "${amountText}" must be a number such as 12.50`, 2);
  const amount = Number(amountText);
  const station = await openStation(options);
  try {
    await station.api.handlers['fees:post']({
      trackingNumber,
      amount,
      currency: options.currency,
      kind: options.kind,
    });
    const upload = await uploadNow(station);
    if (options.json) return outJson({ trackingNumber, amount, ...upload });
    out(`${trackingNumber}: ${options.kind ?? 'freight'} ${amount} ${options.currency ?? 'CNY'}`);
    out(queuedLine(upload));
  } finally {
    await station.close();
  }
}
