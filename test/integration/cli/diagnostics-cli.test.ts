import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStation } from '../../../src-main/compose';
import { createFileLogger } from '../../../src-main/platform';
import type { RuntimeVersions } from '../../../src-main/station';
import { assetsDir } from '../../helpers/paths';
import { runCli } from '../../helpers/cli';

// `dockside diagnostics` (alias `logs`) against a station that holds real credentials, runs (holding the
// single-instance lock, database in WAL) and has logged an ERP failure: the bundle is a standard zip with the
// logs, versions, settings and database check, and no secret survives in any of its files.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-diagnostics-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const TRYTON_PASSWORD = 'Tr7ton-Pass-4417';
const API_KEY = 'ak_live_9f8e7d6c5b4a3210';
const HMAC_SECRET = 'hmac-S3cret-0xDEADBEEF';
const ENV_API_KEY = 'env-apikey-55aa66bb77cc';
const ENV_SECRET = 'env-hmac-secret-1234abcd';
const SECRETS = [TRYTON_PASSWORD, encodeURIComponent(TRYTON_PASSWORD), API_KEY, HMAC_SECRET, ENV_API_KEY, ENV_SECRET];

/** Every file under `dir`, recursively. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesIn(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

describe('dockside diagnostics', () => {
  it('bundles logs, versions, redacted settings and the database check of a running station, with no secret in it', async () => {
    const data = path.join(tmp, 'station');
    const logger = createFileLogger({ dataDir: data });
    // A Tryton ERP whose password is in the URL, on a port nothing listens on: every sync fails and is logged.
    const station = await createStation({
      dataDir: data,
      assetsDir,
      erpUrl: `tryton://admin:${TRYTON_PASSWORD}@127.0.0.1:9/shop`,
      erpTimeoutMs: 500,
      logger,
    });
    try {
      // Saved REST credentials (the settings screen's path): they land in the 0600 credentials file.
      await station.api.handlers['erp:saveSettings']({
        type: 'rest',
        url: 'https://erp.example.com',
        keyId: 'bench-1',
        apiKey: API_KEY,
        secret: HMAC_SECRET,
      });
      const sync = await station.sync.syncNow();
      expect(sync.error).not.toBeNull();
      // A careless caller: secrets in fields and in an error message. The logger's redaction must catch both.
      station.logger.error(
        {
          erp: { apiKey: API_KEY, signing: { keyId: 'bench-1', secret: HMAC_SECRET } },
          password: TRYTON_PASSWORD,
          err: new Error(`login refused for tryton://admin:${TRYTON_PASSWORD}@127.0.0.1:9/shop`),
        },
        'ERP login failed',
      );

      // The station still runs and holds the lock: the bundle reads beside it.
      const out = path.join(tmp, 'ticket.zip');
      const run = await runCli(['logs', '--data', data, '--out', out], {
        DOCKSIDE_ERP_API_KEY: ENV_API_KEY,
        DOCKSIDE_ERP_SECRET: ENV_SECRET,
        DOCKSIDE_ERP_URL: `tryton://admin:${TRYTON_PASSWORD}@127.0.0.1:9/shop`,
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const size = statSync(out).size;
      expect(run.stdout).toContain(`wrote ${out} (`);
      expect(run.stdout).toMatch(/\((\d+(\.\d)? (bytes|KB|MB))\): 5 files/);
      expect(size).toBeGreaterThan(500);

      // Debian's unzip reads it: a standard zip.
      const unpacked = path.join(tmp, 'unpacked');
      mkdirSync(unpacked);
      execFileSync('unzip', ['-q', out, '-d', unpacked]);
      const files = filesIn(unpacked).map((file) => path.relative(unpacked, file));
      expect(files.sort()).toEqual([
        'README.txt',
        'database.json',
        'logs/dockside.log',
        'settings.json',
        'versions.json',
      ]);

      // Not one secret, in any spelling, in any file of the bundle.
      for (const file of filesIn(unpacked)) {
        const text = readFileSync(file, 'utf8');
        for (const secret of SECRETS) expect(text, `${path.basename(file)} holds a secret`).not.toContain(secret);
      }
      // Nor in the station's own log: the logger redacted it when writing, before any bundle.
      const log = readFileSync(path.join(data, 'logs', 'dockside.log'), 'utf8');
      for (const secret of SECRETS) expect(log).not.toContain(secret);

      const read = (name: string): unknown => JSON.parse(readFileSync(path.join(unpacked, name), 'utf8'));
      const versions = read('versions.json') as RuntimeVersions;
      expect(versions).toMatchObject({
        dockside: expect.stringMatching(/^\d+\.\d+\.\d+/),
        node: process.versions.node,
      });
      expect(versions.sqlite).toMatch(/^3\.\d+\.\d+$/);
      expect(versions.betterSqlite3).toMatch(/^\d+\.\d+\.\d+$/);
      expect(versions.os.platform).toBe(process.platform);

      const settings = read('settings.json') as { erp: unknown; environment: unknown; table: Record<string, string> };
      expect(settings.erp).toEqual({
        type: 'rest',
        url: 'https://erp.example.com/',
        database: '',
        user: '',
        keyId: 'bench-1',
        apiKey: `••••${API_KEY.slice(-4)}`,
        secret: `••••${HMAC_SECRET.slice(-4)}`,
        password: null,
      });
      expect(settings.environment).toMatchObject({
        DOCKSIDE_ERP_API_KEY: `••••${ENV_API_KEY.slice(-4)}`,
        DOCKSIDE_ERP_SECRET: `••••${ENV_SECRET.slice(-4)}`,
        DOCKSIDE_ERP_URL: 'tryton://***:***@127.0.0.1:9/shop',
      });
      expect(settings.table['station.id']).toMatch(/^[0-9a-f-]{36}$/);

      const database = read('database.json');
      expect(database).toMatchObject({
        quickCheck: ['ok'],
        error: null,
        schemaVersion: expect.any(Number),
        outbox: { pending: 0, rejected: 0, conflict: 0 },
        printJobs: { queued: 0, sent: 0, failed: 0 },
        holder: { pid: process.pid },
      });

      // The log tells the story: start (redacted ERP URL), the ERP failure with its reason, the careless line.
      const lines = readFileSync(path.join(unpacked, 'logs', 'dockside.log'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines[0]).toMatchObject({
        level: 'info',
        msg: 'station started',
        erp: { kind: 'tryton', url: 'tryton://***:***@127.0.0.1:9/shop' },
      });
      expect(lines.find((line) => line.msg === 'the ERP cannot be reached')).toMatchObject({
        level: 'warn',
        component: 'sync',
        reason: expect.any(String),
      });
      expect(lines.find((line) => line.msg === 'ERP login failed')).toMatchObject({
        level: 'error',
        password: '[redacted]',
        erp: { apiKey: '[redacted]', signing: { keyId: 'bench-1', secret: '[redacted]' } },
        err: { message: 'login refused for tryton://[redacted]@127.0.0.1:9/shop' },
      });
    } finally {
      await station.close();
    }
    const last = readFileSync(path.join(data, 'logs', 'dockside.log'), 'utf8')
      .trim()
      .split('\n')
      .at(-1)!;
    expect(JSON.parse(last)).toMatchObject({ level: 'info', msg: 'station stopped' });
  });

  it('still makes a bundle when the database is damaged or absent, and says so inside', async () => {
    const data = path.join(tmp, 'damaged');
    mkdirSync(data);
    writeFileSync(path.join(data, 'station.sqlite'), 'this is not a database, just sixty-odd bytes of text here');
    const out = path.join(tmp, 'damaged.zip');
    const run = await runCli(['diagnostics', '--data', data, '--out', out, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { file: string; bytes: number; entries: string[] };
    expect(result).toMatchObject({ file: out, bytes: statSync(out).size });
    // No logs folder yet: the four report files only.
    expect(result.entries).toEqual(['README.txt', 'versions.json', 'settings.json', 'database.json']);
    const database = JSON.parse(execFileSync('unzip', ['-p', out, 'database.json'], { encoding: 'utf8' })) as {
      error: string;
      quickCheck: string[];
    };
    expect(database.error).toMatch(/not a database/);
    expect(database.quickCheck).toEqual([]);
  });

  it('refuses a data directory that does not exist, in one line', async () => {
    const run = await runCli(['logs', '--data', path.join(tmp, 'nowhere')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^dockside: no station data in .*nowhere \(nothing has run there yet\)\n$/);
  });
});
