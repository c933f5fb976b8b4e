import { appendFileSync, chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/** Options of {@link createRotatingLogFile}. */
export interface RotatingLogFileOptions {
  /** The folder holding the log files; created 0700 when missing. */
  dir: string;
  /** File name stem: `dockside` gives `dockside.log`, `dockside.1.log`, … */
  stem: string;
  /** Size after which the current file is rotated, in bytes. */
  maxBytes: number;
  /** How many files to keep, the current one included (at least 1). */
  files: number;
  /** Where a failure to write the log is reported, once until writing works again. */
  onWriteError?: ((error: Error) => void) | undefined;
}

/** A pino destination: a `write` that has appended the line by the time it returns. */
export interface RotatingLogFile {
  write(line: string): void;
}

/** The path of log file number `index` (0 = the current file). */
export function logFilePath(dir: string, stem: string, index: number): string {
  return path.join(dir, index === 0 ? `${stem}.log` : `${stem}.${index}.log`);
}

/** The log files of `stem` in `dir`: the current one, then the rotated ones newest first. */
export function listLogFiles(dir: string, stem: string): string[] {
  if (!existsSync(dir)) return [];
  const indexOf = (name: string): number | null => {
    if (name === `${stem}.log`) return 0;
    const match = /^(.*)\.(\d+)\.log$/.exec(name);
    return match && match[1] === stem ? Number(match[2]) : null;
  };
  return readdirSync(dir)
    .map((name) => ({ name, index: indexOf(name) }))
    .filter((entry): entry is { name: string; index: number } => entry.index !== null)
    .sort((a, b) => a.index - b.index)
    .map((entry) => path.join(dir, entry.name));
}

/**
 * A log file rotated by size: `stem.log` is written until the next line would take it past `maxBytes`, then it
 * becomes `stem.1.log` (`stem.1.log` becomes `stem.2.log`, …) and the oldest beyond `files` is deleted.
 *
 * Every line is appended synchronously (open, write, close): a crash right after a log call still leaves the line
 * on disk, nothing runs in a worker thread (pino's transports do, which breaks inside a bundle and Electron's
 * asar), and the CLI and a running station can share the folder, since each write goes to whatever file is current
 * now. Files are created 0600, the folder 0700: logs name orders and addresses.
 */
export function createRotatingLogFile(options: RotatingLogFileOptions): RotatingLogFile {
  const { dir, stem } = options;
  const maxBytes = Math.max(1, Math.floor(options.maxBytes));
  const files = Math.max(1, Math.floor(options.files));
  const current = logFilePath(dir, stem, 0);
  let failing = false;

  const ensureDir = () => {
    if (existsSync(dir)) return;
    // Only the logs folder itself is private; parents (the data directory) keep their usual mode.
    mkdirSync(path.dirname(dir), { recursive: true });
    mkdirSync(dir, { mode: 0o700 });
    // mkdir's mode is masked by the umask; chmod says exactly what we mean.
    chmodSync(dir, 0o700);
  };

  const sizeOf = (file: string): number => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  };

  const rotate = () => {
    rmSync(logFilePath(dir, stem, files - 1), { force: true });
    for (let index = files - 2; index >= 0; index -= 1) {
      const from = logFilePath(dir, stem, index);
      // Another process sharing the folder may have rotated first: a missing file is fine.
      if (existsSync(from)) renameSync(from, logFilePath(dir, stem, index + 1));
    }
  };

  return {
    write(line) {
      try {
        ensureDir();
        const size = sizeOf(current);
        if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate();
        appendFileSync(current, line, { mode: 0o600 });
        failing = false;
      } catch (error) {
        // A full disk or a vanished folder must not stop the station; say so once, not once per line.
        if (!failing) options.onWriteError?.(error as Error);
        failing = true;
      }
    },
  };
}
