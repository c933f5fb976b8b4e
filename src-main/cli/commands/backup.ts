import { backupDataDir, listBackups, restoreDatabase } from '../../store';
import { out, outJson } from '../io';
import { resolveDataDir } from '../options';

/** `dockside backup [--out FILE]`: a consistent copy of the station database, also while a station runs. */
export async function backupCommand(options: { data?: string; out?: string; json?: boolean }): Promise<void> {
  const dataDir = resolveDataDir(options);
  const backup = await backupDataDir(dataDir, new Date(), options.out);
  if (options.json) outJson(backup);
  else out(`backed up ${dataDir} to ${backup.file} (${backup.bytes} bytes, checked)`);
}

/**
 * `dockside restore FILE`: replaces the station database with a backup. Refuses while a station runs on the data
 * directory and when FILE is not a sound station database this build understands; keeps the replaced file aside.
 */
export async function restoreCommand(file: string, options: { data?: string; json?: boolean }): Promise<void> {
  const dataDir = resolveDataDir(options);
  const result = restoreDatabase(dataDir, file, new Date());
  if (options.json) {
    outJson(result);
    return;
  }
  out(`restored ${result.restored} into ${dataDir} (schema version ${result.schemaVersion})`);
  out(
    result.keptAside ? `  the replaced database is kept as ${result.keptAside}` : '  there was no database to replace',
  );
}

/** `dockside backup --list`: the backups in `<data>/backups`, newest first. */
export async function backupListCommand(options: { data?: string; json?: boolean }): Promise<void> {
  const backups = listBackups(resolveDataDir(options));
  if (options.json) outJson(backups);
  else if (backups.length === 0) out('no backups yet');
  else for (const backup of backups) out(`${backup.takenAt}  ${backup.bytes} bytes  ${backup.file}`);
}
