import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileLogger, REDACTED, scrubSecretText } from '../../../src-main/platform';
import { memoryLogger } from '../../helpers/memory-logger';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-logger-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const clock = () => new Date('2026-03-01T08:00:00.000Z');

describe('the station logger', () => {
  it('writes one JSON line per call with level name, ISO time, pid and the fields', () => {
    const { logger, lines } = memoryLogger({ clock });
    logger.child({ component: 'sync' }).info({ orderNo: 'SO-1' }, 'pulled');
    expect(lines()).toEqual([
      {
        level: 'info',
        time: '2026-03-01T08:00:00.000Z',
        pid: process.pid,
        component: 'sync',
        orderNo: 'SO-1',
        msg: 'pulled',
      },
    ]);
  });

  it('censors every secret field the station handles, nested too, with its own redaction', () => {
    const { logger, text: raw, lines } = memoryLogger({ clock });
    const failure = Object.assign(new Error('ERP refused'), { apiKey: 'K-EMBEDDED-IN-ERROR' });
    logger.error(
      {
        err: failure,
        password: 'P-TOP',
        erp: { apiKey: 'K-NESTED', signing: { keyId: 'dockside', secret: 'S-DEEP' } },
        request: { headers: { authorization: 'Bearer B-HEADER', 'x-api-key': 'X-HEADER', cookie: 'dockside_token=C' } },
        settings: { credentials: { password: 'P-CRED' } },
        erpApiKey: 'K-CONFIG',
        token: 'T-WEB',
      },
      'sync failed',
    );
    for (const secret of [
      'K-EMBEDDED',
      'P-TOP',
      'K-NESTED',
      'S-DEEP',
      'B-HEADER',
      'X-HEADER',
      'dockside_token=C',
      'P-CRED',
      'K-CONFIG',
      'T-WEB',
    ])
      expect(raw()).not.toContain(secret);
    const [line] = lines();
    expect(line).toMatchObject({
      password: REDACTED,
      erp: { apiKey: REDACTED, signing: { keyId: 'dockside', secret: REDACTED } },
      request: { headers: { authorization: REDACTED, 'x-api-key': REDACTED, cookie: REDACTED } },
      settings: { credentials: REDACTED },
      token: REDACTED,
      msg: 'sync failed',
    });
    // The error keeps what a support engineer needs: type, message and stack.
    expect(line!.err).toMatchObject({ type: 'Error', message: 'ERP refused', apiKey: REDACTED });
    expect(String((line!.err as { stack: string }).stack)).toMatch(/^Error: ERP refused\n\s+at /);
  });

  it('scrubs URL user info and bearer tokens out of messages and stacks', () => {
    const { logger, text: raw } = memoryLogger({ clock });
    const failure = new Error('fetch tryton://admin:S3cr3t-PW@erp.local:8000/shop failed with Bearer abc.DEF-123');
    logger.warn(
      { error: failure, url: 'https://joe:hunter2@erp.example/api' },
      'cannot reach tryton://admin:S3cr3t-PW@erp.local',
    );
    expect(raw()).not.toMatch(/S3cr3t-PW|hunter2|abc\.DEF-123/);
    expect(raw()).toContain(`tryton://${REDACTED}@erp.local:8000/shop`);
    expect(raw()).toContain(`https://${REDACTED}@erp.example/api`);
    expect(scrubSecretText('Authorization: Bearer xyz')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(scrubSecretText('http://erp.example/api?x=1')).toBe('http://erp.example/api?x=1');
    expect(scrubSecretText('tryton://***:***@erp.local/db')).toBe('tryton://***:***@erp.local/db');
  });

  it('honours the level and refuses an unknown one', () => {
    const { logger, lines } = memoryLogger({ level: 'warn' });
    logger.info({}, 'quiet');
    logger.warn({}, 'heard');
    expect(lines().map((line) => line.msg)).toEqual(['heard']);
    expect(() => memoryLogger({ level: 'loud' })).toThrow('log level "loud" is not one of debug, info, warn, error');
  });

  it('writes to <data>/logs/dockside.log, rotating by size', () => {
    const dataDir = path.join(tmp, 'station');
    const logger = createFileLogger({ dataDir, maxBytes: 2_000, files: 3, clock });
    for (let n = 0; n < 100; n += 1) logger.info({ n, password: 'never-on-disk' }, 'a line of the log');
    const dir = path.join(dataDir, 'logs');
    expect(readdirSync(dir).sort()).toEqual(['dockside.1.log', 'dockside.2.log', 'dockside.log']);
    const current = readFileSync(path.join(dir, 'dockside.log'), 'utf8').trim().split('\n');
    expect(JSON.parse(current.at(-1)!)).toMatchObject({ n: 99, password: REDACTED });
    for (const name of readdirSync(dir))
      expect(readFileSync(path.join(dir, name), 'utf8')).not.toContain('never-on-disk');
  });
});
