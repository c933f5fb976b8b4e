import Database from 'better-sqlite3';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureWritableDir } from './open-database';

/** The lock file inside the data directory (an empty SQLite file whose exclusive lock is the station's). */
export const INSTANCE_LOCK_FILE = 'station.lock';
/** Who holds the lock: written by the holder right after it took the lock, read by the process that was refused. */
export const INSTANCE_HOLDER_FILE = 'station.lock.json';

/** What the holder of a data directory writes about itself. */
export interface LockHolder {
  pid: number;
  startedAt: string;
  /** What the holder runs, e.g. `dockside ship`, `dockside serve`, `electron`. */
  command: string;
}

/** Another process holds the data directory: the station refuses to open the database a second time. */
export class InstanceLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      holder
        ? `data directory ${dataDir} is in use by another Dockside process (pid ${holder.pid}, ${holder.command}, since ${holder.startedAt}); close it first or use another --data`
        : `data directory ${dataDir} is in use by another Dockside process (it is starting up); close it first or use another --data`,
    );
    this.name = 'InstanceLockedError';
  }
}

/** A held single-instance lock. `release` is idempotent. */
export interface InstanceLock {
  readonly dataDir: string;
  release(): void;
}

/**
 * Takes the single-instance lock of `dataDir`, before anything opens the station database. The lock is an
 * exclusive SQLite lock (POSIX advisory lock / Windows LockFileEx) on `station.lock`, held for the life of the
 * process: the kernel drops it when the process ends, however it ends, so a SIGKILL or a power cut leaves no stale
 * lock behind and the next start simply takes it. A pid file would need guessing whether its pid is still ours.
 * @throws InstanceLockedError naming the holder when another process (or another open station in this process)
 *   holds it
 */
export function acquireInstanceLock(dataDir: string, command: string = describeProcess()): InstanceLock {
  ensureWritableDir(dataDir);
  // timeout 0: never wait for the holder; a second station must be told right away.
  const db = new Database(path.join(dataDir, INSTANCE_LOCK_FILE), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY')
      throw new InstanceLockedError(dataDir, readHolder(dataDir));
    throw error;
  }
  writeHolder(dataDir, { pid: process.pid, startedAt: new Date().toISOString(), command });
  let held = true;
  return {
    dataDir,
    release() {
      if (!held) return;
      held = false;
      // Closing rolls the empty transaction back and drops the lock. The holder file stays: it is only read after
      // a refusal, and the next holder overwrites it.
      db.close();
    },
  };
}

/** Who holds (or last held) the lock of `dataDir`, or null when nobody wrote it or it cannot be read. */
export function readHolder(dataDir: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(path.join(dataDir, INSTANCE_HOLDER_FILE), 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.startedAt !== 'string') return null;
    return { pid: parsed.pid, startedAt: parsed.startedAt, command: String(parsed.command ?? 'unknown') };
  } catch {
    return null;
  }
}

function writeHolder(dataDir: string, holder: LockHolder): void {
  const target = path.join(dataDir, INSTANCE_HOLDER_FILE);
  const temp = `${target}.${process.pid}.tmp`;
  // Written aside and renamed, so a refused process never reads half a file.
  writeFileSync(temp, `${JSON.stringify(holder)}\n`);
  renameSync(temp, target);
}

function describeProcess(): string {
  const script = process.argv[1] ? path.basename(process.argv[1]) : 'node';
  const sub = process.argv[2] && !process.argv[2].startsWith('-') ? ` ${process.argv[2]}` : '';
  return `${script}${sub}`;
}
