import { CliError } from '../cli-error';
import { out, outJson } from '../io';
import { openStation, type StationOptions } from '../options';

/**
 * `dockside ship ORDER`: the unattended path for scripts and tests. Pulls the order, scans every unit, prints,
 * confirms, then tries one upload. Offline it still prints and queues; the outbox uploads later.
 */
export async function shipCommand(orderNo: string, options: StationOptions & { json?: boolean }): Promise<void> {
  const station = await openStation(options);
  try {
    let state = await station.pack.scan(orderNo);
    if (state.error?.code === 'order-already-shipped') {
      // Not a failure: the order is out. Say so with the number it went with, and print nothing new.
      if (options.json)
        outJson({ orderNo, alreadyShipped: true, trackingNumber: state.error.params.trackingNumber ?? null });
      else out(state.error.message);
      return;
    }
    if (state.error) throw new CliError(state.error.message);
    for (const line of state.order?.lines ?? []) {
      for (let unit = line.scanned; unit < line.quantity; unit++) {
        state = await station.pack.scan(line.barcode);
        if (state.error) throw new CliError(state.error.message);
      }
    }
    if (state.phase !== 'printed' || !state.label) throw new CliError(`order ${orderNo}: nothing was printed`);
    const label = state.label;
    state = await station.pack.confirm();
    if (state.error) throw new CliError(state.error.message);
    const upload = await station.sync.drain(true);
    const refusal = upload.refused.find((r) => r.aggregate === orderNo);
    if (refusal) {
      // The label is out, but the ERP will not take the shipment: that needs a person, so say it and fail.
      throw new CliError(
        `${orderNo} printed with tracking number ${label.trackingNumber}, but the ERP refused the shipment ` +
          `(${refusal.state}): ${refusal.reason}. ` +
          (refusal.state === 'conflict' ? `Intercept parcel ${label.trackingNumber}; do not hand it over. ` : '') +
          'It waits in the outbox for a supervisor; see dockside status',
      );
    }
    const queued = upload.depth > 0;
    if (options.json) {
      outJson({
        orderNo,
        trackingNumber: label.trackingNumber,
        printer: label.printer,
        uploaded: !queued,
        outboxDepth: upload.depth,
        erpError: upload.error,
      });
    } else {
      out(`${orderNo} shipped: tracking number ${label.trackingNumber}, label on ${label.printer}`);
      out(
        queued
          ? `  queued for the ERP (${upload.depth} waiting${upload.error ? `: ${upload.error}` : ''}); run dockside sync when it is reachable`
          : '  confirmed to the ERP',
      );
    }
  } finally {
    await station.close();
  }
}
