import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startCliServer } from '../../helpers/cli';

// The single-instance lock, backup and restore across real processes: `dockside serve` holds a data directory,
// other commands meet it, then it is killed with SIGKILL (no cleanup) and the next process takes over.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-lock-'));
const data = path.join(tmp, 'station');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('one station process per data directory', () => {
  it('refuses a second process naming the holder, backs up beside it, and takes over after a SIGKILL', async () => {
    const serve = await startCliServer(['serve', '--port', '0', '--data', data], /serving at (http\S+)/);
    const holderPid = serve.process.pid!;

    const second = await runCli(['ship', 'SO-100001', '--data', data]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`in use by another Dockside process \\(pid ${holderPid}, \\S+ serve`));
    expect(second.stderr.trim().split('\n')).toHaveLength(1);

    // A backup needs no lock: the backup API copies a consistent snapshot while the station runs.
    const backupFile = path.join(tmp, 'copy.sqlite');
    const backup = await runCli(['backup', '--data', data, '--out', backupFile]);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(existsSync(backupFile)).toBe(true);

    const restore = await runCli(['restore', backupFile, '--data', data]);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(new RegExp(`pid ${holderPid}`));

    // No signal handler runs, nothing is cleaned up: the kernel drops the lock with the process.
    serve.process.kill('SIGKILL');
    await new Promise((resolve) => serve.process.once('exit', resolve));

    const after = await runCli(['ship', 'SO-100001', '--data', data, '--json']);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ orderNo: 'SO-100001', uploaded: true });

    const restored = await runCli(['restore', backupFile, '--data', data]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/the replaced database is kept as .*station\.sqlite\.replaced-/);
    const list = await runCli(['backup', '--list', '--data', data]);
    expect(list.code).toBe(0);
  });

  it('restore refuses a file that is not a station database, in one line', async () => {
    const run = await runCli(['restore', path.join(tmp, 'nope.sqlite'), '--data', path.join(tmp, 'other')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^dockside: cannot restore .*nope\.sqlite: the file does not exist; nothing was changed\n$/,
    );
  });
});
