import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStation, type Station } from '../../../src-main/compose';
import { ERP_CREDENTIALS_FILE, withRefusals } from '../../../src-main/station';
import type { CallResult } from '../../../src-main/contract';
import { dispatchCommand } from '../../../src-main/station/dispatch-command';
import type { StationApi } from '../../../src-main/station/station-api';
import { fakeHandlers } from '../../helpers/fake-handlers';

// No Node, SQLite or file-system error text reaches a client: real failures of real parts end as `internal` with a
// correlation id, and the station's log (a real pino logger writing to memory) has the stack under the same id.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-internal-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A pino logger writing JSON lines to memory. */
function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

/** Waits until pino's stream has the line (it writes asynchronously through the Writable). */
async function logLine(lines: Record<string, unknown>[], correlationId: string) {
  for (let i = 0; i < 50; i += 1) {
    const line = lines.find((l) => l.correlationId === correlationId);
    if (line) return line as { err: { type: string; message: string; stack: string }; command: string; level: number };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no log line carries correlation id ${correlationId}`);
}

function expectInternal(result: CallResult, leaks: string[]): string {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.error.code).toBe('internal');
  const correlationId = result.error.correlationId ?? '';
  expect(correlationId).toMatch(/^[\w-]{8,12}$/);
  const wire = JSON.stringify(result);
  for (const leak of leaks) expect(wire, `the result leaks "${leak}"`).not.toContain(leak);
  return correlationId;
}

describe('failures that are not refusals', () => {
  it('an ENOENT from the file system reaches the caller as internal; the log has its stack and path', async () => {
    const missing = path.join(tmp, 'secret', 'station-secret.json');
    const { logger, lines } = memoryLogger();
    const api: StationApi = {
      // Through withRefusals as the station's handlers are: an ENOENT is no refusal, the mapping lets it be.
      handlers: withRefusals(
        fakeHandlers({
          'erp:getSettings': async () => JSON.parse(readFileSync(missing, 'utf8')),
        }),
      ),
      events: { on: () => () => undefined },
      logger,
    };
    const result = await dispatchCommand(api, 'erp:getSettings', {});
    const correlationId = expectInternal(result, ['ENOENT', missing, 'station-secret', tmp]);
    const line = await logLine(lines, correlationId);
    expect(line.command).toBe('erp:getSettings');
    expect(line.level).toBe(50);
    expect(line.err.message).toContain('ENOENT');
    expect(line.err.stack).toContain(missing);
    expect(line.err.stack).toMatch(/at .*internal-errors\.test\.ts/);
  });

  it('a SqliteError from better-sqlite3 reaches the caller as internal, without its SQL', async () => {
    const db = new Database(path.join(tmp, 'plain.sqlite'));
    try {
      const { logger, lines } = memoryLogger();
      const api: StationApi = {
        handlers: withRefusals(
          fakeHandlers({
            'orders:list': async () => db.prepare('SELECT secret_column FROM secret_table').all() as never,
          }),
        ),
        events: { on: () => () => undefined },
        logger,
      };
      const result = await dispatchCommand(api, 'orders:list', {});
      const correlationId = expectInternal(result, ['secret_table', 'secret_column', 'SQLITE', 'SqliteError']);
      const line = await logLine(lines, correlationId);
      expect(line.err.type).toBe('SqliteError');
      expect(line.err.message).toContain('no such table: secret_table');
      expect(line.err.stack).toContain('SqliteError');
    } finally {
      db.close();
    }
  });

  it('a full database file is a refusal the station names as its own disk: disk-full, not internal', async () => {
    const db = new Database(path.join(tmp, 'full.sqlite'));
    try {
      db.exec('CREATE TABLE t (x BLOB)');
      // A page limit makes SQLite answer exactly as on a full disk: SQLITE_FULL, "database or disk is full".
      db.pragma('max_page_count = 8');
      const insert = db.prepare('INSERT INTO t VALUES (randomblob(4096))');
      const api: StationApi = {
        handlers: withRefusals(
          fakeHandlers({
            'sync:now': async () => {
              for (let i = 0; i < 100; i += 1) insert.run();
              return { pulled: 0, uploaded: 0, failed: 0, depth: 0 };
            },
          }),
        ),
        events: { on: () => () => undefined },
      };
      const result = await dispatchCommand(api, 'sync:now', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'disk-full', params: {} } });
      expect(JSON.stringify(result)).not.toContain('SQLITE');
    } finally {
      db.close();
    }
  });
});

describe('a real station', () => {
  let station: Station;
  const memory = memoryLogger();
  const dataDir = path.join(tmp, 'station');

  beforeAll(async () => {
    station = await createStation({ dataDir, logger: memory.logger });
  });
  afterAll(async () => {
    await station.close();
  });

  it('saving ERP settings over a broken credentials file answers internal and logs the EISDIR with its path', async () => {
    // The temporary file the credentials are written through is a directory: writeFileSync fails with EISDIR.
    mkdirSync(path.join(dataDir, `${ERP_CREDENTIALS_FILE}.tmp`));
    const result = await dispatchCommand(station.api, 'erp:saveSettings', {
      type: 'rest',
      url: 'https://erp.example.com',
      apiKey: 'k-0123456789abcdef',
    });
    const correlationId = expectInternal(result, ['EISDIR', ERP_CREDENTIALS_FILE, dataDir, 'k-0123456789abcdef']);
    const line = await logLine(memory.lines, correlationId);
    expect(line.command).toBe('erp:saveSettings');
    expect(line.err.message).toContain('EISDIR');
    expect(line.err.stack).toContain(`${ERP_CREDENTIALS_FILE}.tmp`);
    expect(JSON.stringify(line)).not.toContain('k-0123456789abcdef');
  });

  it('a refusal of the same command crosses with its declared code and params', async () => {
    const result = await dispatchCommand(station.api, 'erp:saveSettings', { type: 'rest', url: 'erp.example.com' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'erp-url-invalid', params: { type: 'rest', example: 'https://erp.example.com' } },
    });
  });
});
