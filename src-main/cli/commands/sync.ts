import { CliError } from '../cli-error';
import { out, outJson } from '../io';
import { openStation, type StationOptions } from '../options';

/**
 * `dockside sync`: one pull and one outbox drain. Exits 0 only when nothing waits to upload afterwards; items the
 * ERP refused for good are named, and wait for a supervisor outside the waiting count.
 */
export async function syncCommand(options: StationOptions & { json?: boolean }): Promise<void> {
  const station = await openStation(options);
  try {
    const result = await station.sync.syncNow();
    const status = station.sync.queueStatus();
    if (options.json) outJson({ ...result, rejected: status.rejected, conflict: status.conflict });
    else {
      out(
        `pulled ${result.pulled} orders, uploaded ${result.uploaded}, failed ${result.failed}, outbox ${result.depth} waiting`,
      );
      // Refusals leave the waiting queue but need a person: name each one (the Queue screen resolves them).
      for (const refusal of result.refused)
        out(`  ${refusal.aggregate}: refused by the ERP (${refusal.state}): ${refusal.reason}`);
      if (status.rejected + status.conflict > 0)
        out(`  ${status.rejected} rejected and ${status.conflict} conflict items wait for a supervisor`);
    }
    if (result.error) throw new CliError(`the ERP could not be reached: ${result.error}`);
    if (result.depth > 0) throw new CliError(`${result.depth} items are still waiting in the outbox`);
  } finally {
    await station.close();
  }
}
