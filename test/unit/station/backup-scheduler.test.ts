import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKUP_SETTINGS, createBackupScheduler } from '../../../src-main/station';
import {
  createDatabaseBackups,
  createSettingsRepository,
  listBackups,
  openStationDatabase,
} from '../../../src-main/store';

// The schedule over a real SQLite file and real backup files; only the clock is ours.

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function setup(start: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-backup-'));
  dirs.push(dir);
  const db = openStationDatabase(dir);
  const settings = createSettingsRepository(db);
  let now = new Date(start);
  const errors: string[] = [];
  const scheduler = createBackupScheduler({
    backups: createDatabaseBackups(db, dir),
    settings,
    clock: () => now,
    onError: (message) => errors.push(message),
  });
  return {
    dir,
    db,
    settings,
    scheduler,
    errors,
    advanceHours: (h: number) => (now = new Date(now.getTime() + h * 3_600_000)),
  };
}

describe('backup schedule', () => {
  it('backs up when the interval has passed, not before, and keeps only the newest N', async () => {
    const t = setup('2030-01-01T00:00:00Z');
    t.settings.set(BACKUP_SETTINGS.intervalHours, '6');
    t.settings.set(BACKUP_SETTINGS.keep, '2');
    expect(await t.scheduler.runIfDue()).not.toBeNull();
    t.advanceHours(5);
    expect(await t.scheduler.runIfDue()).toBeNull();
    t.advanceHours(1);
    expect(await t.scheduler.runIfDue()).not.toBeNull();
    t.advanceHours(6);
    const third = await t.scheduler.runIfDue();
    const kept = listBackups(t.dir);
    expect(kept.map((b) => b.file)).toHaveLength(2);
    expect(kept[0]!.file).toBe(third!.file);
    expect(kept[0]!.takenAt).toBe('2030-01-01T12:00:00.000Z');
    expect(t.settings.get(BACKUP_SETTINGS.lastAt)).toBe('2030-01-01T12:00:00.000Z');
    t.db.close();
  });

  it('interval 0 turns the schedule off; an explicit backup still works', async () => {
    const t = setup('2030-01-01T00:00:00Z');
    t.settings.set(BACKUP_SETTINGS.intervalHours, '0');
    expect(await t.scheduler.runIfDue()).toBeNull();
    const out = path.join(t.dir, 'elsewhere.sqlite');
    expect((await t.scheduler.backupNow(out)).file).toBe(out);
    expect(listBackups(t.dir)).toEqual([]);
    t.db.close();
  });

  it('a failed scheduled backup is reported, not thrown', async () => {
    const t = setup('2030-01-01T00:00:00Z');
    t.db.close();
    t.scheduler.start(60_000);
    await t.scheduler.stop();
    expect(t.errors).toEqual([expect.stringMatching(/^scheduled backup failed: /)]);
  });
});
