import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNumberPoolRepository, isValidCarrierNumber } from '../../../src-main/carriers';
import { createOrdersRepository, openStationDatabase, stationMigrationsDir } from '../../../src-main/store';
import { latinOrder } from '../../fixtures/orders';
import { repoRoot } from '../../helpers/paths';

// A number is never issued twice, across crashes too: a child process issues numbers in a loop and is killed
// with SIGKILL mid-issue, again and again; afterwards every number it reported, and every number the database
// holds, is unique, and each issued number has its print job (both were written in one transaction).

let tmp: string;
let child: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-pool-crash-'));
  child = path.join(tmp, 'bundle', 'issue-numbers-child.cjs');
  await build({
    entryPoints: [path.join(repoRoot, 'test/fixtures/issue-numbers-child.ts')],
    outfile: child,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    external: ['better-sqlite3'],
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  cpSync(stationMigrationsDir, path.join(tmp, 'bundle', 'migrations'), { recursive: true });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the child until it has reported `after` numbers, then kills it with SIGKILL; returns what it reported. */
function issueThenKill(dataDir: string, carrier: string, run: number, after: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, dataDir, carrier, String(run)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: repoRoot,
      // The bundle lives in a temporary folder; the native module comes from the project's node_modules.
      env: { ...process.env, NODE_PATH: path.join(repoRoot, 'node_modules') },
    });
    let text = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.split('\n').length > after) proc.kill('SIGKILL');
    });
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child ended by itself (${code}): ${stderr}`));
      // A line cut by the kill is not a reported number.
      resolve(text.split('\n').slice(0, -1));
    });
  });
}

describe('tracking numbers across crashes', () => {
  it('never repeats a number when the issuing process is killed mid-issue', async () => {
    const dataDir = path.join(tmp, 'station');
    const db = openStationDatabase(dataDir);
    createOrdersRepository(db).upsert({ ...latinOrder, orderNo: 'SO-CRASH' }, [], new Date().toISOString());
    createNumberPoolRepository(db).addRange({
      carrier: 'POST',
      scheme: 'upu-s10',
      prefix: 'RB',
      suffix: 'CN',
      from: 1,
      to: 99_999_999,
      source: 'supervisor',
      addedBy: 'test',
      now: new Date().toISOString(),
    });
    db.close();

    const reported: string[] = [];
    for (let run = 0; run < 5; run++) reported.push(...(await issueThenKill(dataDir, 'POST', run, 200 + run * 37)));

    const check = openStationDatabase(dataDir);
    try {
      expect(check.pragma('quick_check', { simple: true })).toBe('ok');
      const issued = (
        check.prepare('SELECT tracking_number FROM issued_numbers').all() as { tracking_number: string }[]
      ).map((row) => row.tracking_number);
      const jobs = (check.prepare('SELECT tracking_number FROM print_jobs').all() as { tracking_number: string }[]).map(
        (row) => row.tracking_number,
      );
      expect(new Set(reported).size).toBe(reported.length);
      expect(new Set(issued).size).toBe(issued.length);
      // Every number consumed has its print job and vice versa: the kill never split the transaction.
      expect([...jobs].sort()).toEqual([...issued].sort());
      // Everything the children reported was committed (it was printed only after the commit).
      const committed = new Set(issued);
      expect(reported.filter((n) => !committed.has(n))).toEqual([]);
      expect(reported.length).toBeGreaterThanOrEqual(5 * 200);
      expect(issued.every((n) => isValidCarrierNumber('upu-s10', n))).toBe(true);
      // The range continues after the last issued number: nothing is handed out again after restarts.
      const next = createNumberPoolRepository(check).take('POST');
      expect(committed.has(next)).toBe(false);
    } finally {
      check.close();
    }
  });
});
