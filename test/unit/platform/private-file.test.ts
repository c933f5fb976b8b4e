import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PrivateFileError, readPrivateFile, writePrivateFile } from '../../../src-main/platform';

describe('private files (0600)', () => {
  let dir: string;
  let umask: number;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-private-'));
    // The most permissive umask: the file must still come out 0600.
    umask = process.umask(0);
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes 0600 whatever the umask, replacing the file whole', () => {
    const file = path.join(dir, 'secret');
    writePrivateFile(file, 'one\n');
    writePrivateFile(file, 'two\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('two\n');
    expect(readPrivateFile(file)).toBe('two\n');
  });

  it('tightens a file that an older version left readable by others when it rewrites it', () => {
    const file = path.join(dir, 'secret');
    writeFileSync(file, 'old', { mode: 0o644 });
    writePrivateFile(file, 'new');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('is null for a missing file', () => {
    expect(readPrivateFile(path.join(dir, 'none'))).toBeNull();
  });

  it.each([0o640, 0o604, 0o660, 0o622])('refuses a file with mode %o, naming it and its mode', (mode) => {
    const file = path.join(dir, 'secret');
    writeFileSync(file, 'x');
    chmodSync(file, mode);
    expect(() => readPrivateFile(file, 'linux')).toThrow(PrivateFileError);
    expect(() => readPrivateFile(file, 'linux')).toThrow(
      `${file} is readable or writable by other users (mode 0${mode.toString(8)}, must be 0600)`,
    );
  });

  it('does not check POSIX modes on Windows', () => {
    const file = path.join(dir, 'secret');
    writeFileSync(file, 'x');
    chmodSync(file, 0o644);
    expect(readPrivateFile(file, 'win32')).toBe('x');
  });

  it('refuses a path it cannot read as a file', () => {
    expect(() => readPrivateFile(dir, 'win32')).toThrow(/cannot be read/);
  });
});
