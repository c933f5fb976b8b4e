import type { BackupFile, DatabaseBackups, SettingsRepository } from '../store';

/** Setting keys of the backup schedule (station settings table). */
export const BACKUP_SETTINGS = {
  /** Hours between scheduled backups; `0` turns the schedule off. Default 24. */
  intervalHours: 'backup.intervalHours',
  /** How many scheduled backups to keep. Default 14. */
  keep: 'backup.keep',
  /** When the last backup was taken (ISO time). */
  lastAt: 'backup.lastAt',
} as const;

/** Scheduled and on-demand backups of the station database. */
export interface BackupScheduler {
  /** Backs up now (to `out`, or a new file in `<data>/backups` that counts toward the kept ones). */
  backupNow(out?: string): Promise<BackupFile>;
  /** Backs up when the interval since the last backup has passed; null when not due or the schedule is off. */
  runIfDue(): Promise<BackupFile | null>;
  /** Checks every `checkMs` whether a backup is due (the first check right away). */
  start(checkMs: number): void;
  /** Stops the schedule and waits for a backup in progress (the database must stay open until it ends). */
  stop(): Promise<void>;
}

/** Creates the backup scheduler over the store's backups and the settings that configure it. */
export function createBackupScheduler({
  backups,
  settings,
  clock,
  onError,
}: {
  backups: DatabaseBackups;
  settings: SettingsRepository;
  clock: () => Date;
  /** A scheduled backup failed (disk full, folder gone): reported with the error, and tried again at the next check. */
  onError: (message: string, error: unknown) => void;
}): BackupScheduler {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<BackupFile | null> | null = null;

  const number = (key: string, fallback: number): number => {
    const value = Number(settings.get(key) ?? fallback);
    return Number.isFinite(value) && value >= 0 ? value : fallback;
  };

  async function backupNow(out?: string): Promise<BackupFile> {
    const now = clock();
    const file = await backups.backup(now, out);
    if (out === undefined) {
      settings.set(BACKUP_SETTINGS.lastAt, now.toISOString());
      backups.prune(Math.max(1, Math.floor(number(BACKUP_SETTINGS.keep, 14))));
    }
    return file;
  }

  // Async so that any failure, reading the settings included, arrives as a rejection the timer reports.
  async function runIfDue(): Promise<BackupFile | null> {
    const hours = number(BACKUP_SETTINGS.intervalHours, 24);
    if (hours === 0) return null;
    const last = settings.get(BACKUP_SETTINGS.lastAt);
    if (last && clock().getTime() - Date.parse(last) < hours * 3_600_000) return null;
    // One at a time: a slow disk must not stack backups up.
    running ??= backupNow().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    backupNow,
    runIfDue,
    start(checkMs) {
      const check = () => {
        runIfDue().catch((error: unknown) => onError(`scheduled backup failed: ${(error as Error).message}`, error));
      };
      timer = setInterval(check, checkMs);
      timer.unref();
      check();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}
