import { existsSync } from 'node:fs';
import path from 'node:path';
import { createClaimsRepository, createOutbox, createSettingsRepository, STATION_DB_FILE } from '../../store';
import { CliError } from '../cli-error';
import { out, outJson } from '../io';
import { resolveDataDir } from '../options';
import { withStationDatabase } from '../station-database';

/** `dockside status`: outbox depth, oldest pending age, last successful sync. Reads the local store only. */
export async function statusCommand(options: { data?: string; json?: boolean }): Promise<void> {
  const dataDir = resolveDataDir(options);
  if (!existsSync(path.join(dataDir, STATION_DB_FILE)))
    throw new CliError(`no station data in ${dataDir} (nothing has run there yet)`);
  await withStationDatabase(dataDir, (db) => {
    const clock = () => new Date();
    const outbox = createOutbox({ db, clock });
    const stats = outbox.stats();
    const lastSyncAt = createSettingsRepository(db).get('sync.lastSuccessAt');
    const oldestAgeS = stats.oldestPendingAt
      ? Math.max(0, Math.round((Date.now() - Date.parse(stats.oldestPendingAt)) / 1000))
      : null;
    const pending = outbox.list('pending', 100).map((item) => ({
      id: item.id,
      kind: item.kind,
      orderNo: item.aggregate,
      idempotencyKey: item.idempotencyKey,
      attempts: item.attempts,
      createdAt: item.createdAt,
      lastError: item.lastError,
    }));
    // Shipments another station got to first: each is a parcel of ours to pull back before the courier takes it.
    const conflicts = createClaimsRepository(db).conflictTasks(100);
    if (options.json) {
      outJson({
        conflicts,
        dataDir,
        outbox: {
          depth: stats.depth,
          oldestPendingAt: stats.oldestPendingAt,
          oldestPendingAgeS: oldestAgeS,
          rejected: stats.rejected,
          conflict: stats.conflict,
          pending,
        },
        lastSyncAt,
      });
      return;
    }
    out(`data: ${dataDir}`);
    out(
      `outbox: ${stats.depth} waiting${oldestAgeS !== null ? `, oldest ${oldestAgeS} s` : ''}; ${stats.rejected} rejected; ${stats.conflict} conflicts`,
    );
    out(`last successful sync: ${lastSyncAt ?? 'never'}`);
    for (const task of conflicts)
      out(`  CONFLICT ${task.orderNo}: intercept parcel ${task.trackingNumber}, do not hand it over (${task.reason})`);
    for (const item of pending)
      out(
        `  #${item.id} ${item.kind} ${item.orderNo} (${item.attempts} attempts${item.lastError ? `, last error: ${item.lastError}` : ''})`,
      );
  });
}
