import { CliError } from '../cli-error';
import { out, outJson } from '../io';
import { openStation, type StationOptions } from '../options';

/** `dockside sync`: one pull and one outbox drain. Exits 0 only when the outbox is empty afterwards. */
export async function syncCommand(options: StationOptions & { json?: boolean }): Promise<void> {
  const station = await openStation(options);
  try {
    const result = await station.sync.syncNow();
    const status = station.sync.queueStatus();
    if (options.json) outJson({ ...result, rejected: status.rejected, conflict: status.conflict });
    else
      out(
        `pulled ${result.pulled} orders, uploaded ${result.uploaded}, failed ${result.failed}, outbox ${result.depth} waiting`,
      );
    if (result.error) throw new CliError(`the ERP could not be reached: ${result.error}`);
    if (result.depth > 0) throw new CliError(`${result.depth} items are still waiting in the outbox`);
  } finally {
    await station.close();
  }
}
