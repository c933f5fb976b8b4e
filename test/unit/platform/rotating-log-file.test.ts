import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRotatingLogFile, listLogFiles } from '../../../src-main/platform';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-rotate-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the rotating log file', () => {
  it('rotates by size, keeps the newest lines in the current file and caps the number of files', () => {
    const dir = path.join(tempDir(), 'logs');
    const file = createRotatingLogFile({ dir, stem: 'dockside', maxBytes: 100, files: 3 });
    // 40 lines of 10 bytes: 4 files' worth and more, so the oldest must have been dropped.
    for (let n = 0; n < 40; n += 1) file.write(`line ${String(n).padStart(4, '0')}\n`);

    expect(readdirSync(dir).sort()).toEqual(['dockside.1.log', 'dockside.2.log', 'dockside.log']);
    const current = readFileSync(path.join(dir, 'dockside.log'), 'utf8');
    const previous = readFileSync(path.join(dir, 'dockside.1.log'), 'utf8');
    const oldest = readFileSync(path.join(dir, 'dockside.2.log'), 'utf8');
    expect(current.endsWith('line 0039\n')).toBe(true);
    // No file grows past maxBytes, and the three files hold consecutive lines, oldest in .2.
    for (const text of [current, previous, oldest]) expect(Buffer.byteLength(text)).toBeLessThanOrEqual(100);
    const all = (oldest + previous + current).trim().split('\n');
    expect(all).toEqual(
      Array.from({ length: all.length }, (_, i) => `line ${String(40 - all.length + i).padStart(4, '0')}`),
    );
    expect(all).toHaveLength(30);
    // Files of other names in the folder are not ours to list.
    writeFileSync(path.join(dir, 'dockside.old.log'), '');
    writeFileSync(path.join(dir, 'other.1.log'), '');
    expect(listLogFiles(dir, 'dockside').map((p) => path.basename(p))).toEqual([
      'dockside.log',
      'dockside.1.log',
      'dockside.2.log',
    ]);
  });

  it('creates the folder 0700 and the files 0600', () => {
    if (process.platform === 'win32') return;
    const dir = path.join(tempDir(), 'logs');
    const file = createRotatingLogFile({ dir, stem: 'dockside', maxBytes: 20, files: 2 });
    file.write('first line of the log\n');
    file.write('second line\n');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(dir)) expect(statSync(path.join(dir, name)).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('writes a line longer than the limit to a file of its own and keeps a single file when told so', () => {
    const dir = path.join(tempDir(), 'logs');
    const file = createRotatingLogFile({ dir, stem: 'x', maxBytes: 10, files: 1 });
    file.write('short\n');
    file.write('a line well beyond ten bytes\n');
    expect(readdirSync(dir)).toEqual(['x.log']);
    expect(readFileSync(path.join(dir, 'x.log'), 'utf8')).toBe('a line well beyond ten bytes\n');
  });

  it('reports a failure to write once and keeps the caller running', () => {
    const root = tempDir();
    const blocker = path.join(root, 'not-a-folder');
    // A file where the folder should be: every write fails.
    writeFileSync(blocker, 'in the way');
    const errors: Error[] = [];
    const file = createRotatingLogFile({
      dir: blocker,
      stem: 'dockside',
      maxBytes: 100,
      files: 2,
      onWriteError: (e) => errors.push(e),
    });
    expect(() => {
      file.write('one\n');
      file.write('two\n');
    }).not.toThrow();
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/ENOTDIR|EEXIST/);
  });
});
