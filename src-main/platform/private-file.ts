import { chmodSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';

/** Why a private file could not be used. */
export type PrivateFileProblem = 'open-to-others' | 'unreadable';

/**
 * A file that must be readable by the station's user only is not: readable or writable by its group or by others
 * (`open-to-others`), or not readable at all (`unreadable`). The message names the file and its mode, never its
 * content.
 */
export class PrivateFileError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly problem: PrivateFileProblem,
  ) {
    super(message);
    this.name = 'PrivateFileError';
  }
}

/**
 * Writes `content` to `file` readable and writable by its owner only (0600): into a temporary file created 0600
 * (and chmod-ed, whatever the umask), then renamed over, so no moment exists where another user could read it or
 * where a crash leaves half a file.
 */
export function writePrivateFile(file: string, content: string): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, content, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

/**
 * Reads a file written by {@link writePrivateFile}; null when it does not exist. On POSIX systems a file that its
 * group or others may read or write is refused with a {@link PrivateFileError}: a secret others could read may
 * already be known to them, so the caller should replace it rather than loosen the check. Windows has no such
 * mode bits (the per-user profile folder's ACL protects it) and is not checked.
 */
export function readPrivateFile(file: string, platform: NodeJS.Platform = process.platform): string | null {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new PrivateFileError(`${file} cannot be read (${(error as Error).message})`, file, 'unreadable');
  }
  if (platform !== 'win32' && (mode & 0o077) !== 0) {
    const shown = (mode & 0o777).toString(8).padStart(4, '0');
    throw new PrivateFileError(
      `${file} is readable or writable by other users (mode ${shown}, must be 0600)`,
      file,
      'open-to-others',
    );
  }
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new PrivateFileError(`${file} cannot be read (${(error as Error).message})`, file, 'unreadable');
  }
}
