import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusals, type RefusalCode } from '../../../src-main/contract';
import { ErpError } from '../../../src-main/erp';
import { LabelError } from '../../../src-main/labels';
import { uncoveredCharacterError } from '../../../src-main/labels/label-error';
import { builtInPrinterCatalog, createPrinterFromUri, PrintError } from '../../../src-main/printers';
import { createNumberPoolRepository, NumberRangeError, PoolExhaustedError } from '../../../src-main/carriers';
import { createOutboxSupervision, openStationDatabase, OutboxActionError } from '../../../src-main/store';
import { isDiskFull, StationError, toStationError } from '../../../src-main/station';

/** The refusal `failure` maps to, checked to carry only parameters its code declares. */
function refusalOf(failure: unknown): StationError {
  const refusal = toStationError(failure);
  expect(refusal, String(failure)).toBeInstanceOf(StationError);
  const spec: { params?: readonly string[]; details?: readonly string[] } = refusals[refusal!.code as RefusalCode];
  const declared = new Set([...(spec.params ?? []), ...(spec.details ?? [])]);
  for (const name of Object.keys(refusal!.params)) expect(declared.has(name), `${refusal!.code}: ${name}`).toBe(true);
  return refusal!;
}

function uriFailure(uri: string): unknown {
  try {
    createPrinterFromUri(uri, os.tmpdir(), builtInPrinterCatalog);
  } catch (error) {
    return error;
  }
  throw new Error(`${uri} made a printer`);
}

describe('toStationError', () => {
  it('keeps a StationError as it is', () => {
    const refusal = new StationError('wrong-item', 'x', { barcode: '1' });
    expect(toStationError(refusal)).toBe(refusal);
  });

  it('maps label errors: an uncovered character names it, its code point and its field', () => {
    expect(refusalOf(uncoveredCharacterError('𠮷', 'receiver.name'))).toMatchObject({
      code: 'label-uncovered-character',
      params: { character: '𠮷', codePoint: 'U+20BB7', field: 'receiver.name' },
    });
    expect(refusalOf(new LabelError('barcode', 'bad code'))).toMatchObject({ code: 'label-barcode-invalid' });
    expect(refusalOf(new LabelError('unknown-template', 'none'))).toMatchObject({ code: 'template-not-found' });
  });

  it("maps the printer URI's problems from the real URI parser to printer-settings refusals", () => {
    expect(refusalOf(uriFailure('tcp://'))).toMatchObject({
      code: 'printer-uri-invalid',
      params: { uri: 'tcp://', expected: 'tcp://HOST[:PORT]?profile=NAME' },
    });
    expect(refusalOf(uriFailure('lpt:1'))).toMatchObject({ code: 'printer-uri-invalid' });
    expect(refusalOf(uriFailure('tcp://10.0.0.5:9100'))).toMatchObject({
      code: 'printer-profile-missing',
      params: { uri: 'tcp://10.0.0.5:9100' },
    });
    const unknown = refusalOf(uriFailure('tcp://10.0.0.5:9100?profile=nope'));
    expect(unknown).toMatchObject({ code: 'printer-profile-unknown', params: { profile: 'nope' } });
    expect(String(unknown.params.known)).toContain('generic-zpl-203');
    expect(refusalOf(uriFailure('file:/tmp/x?dpi=150'))).toMatchObject({ code: 'printer-dpi-invalid' });
    expect(refusalOf(new PrintError('paper jam'))).toMatchObject({
      code: 'print-failed',
      params: { reason: 'paper jam' },
    });
  });

  it('maps pool, range and outbox errors from the real repositories', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-refusal-'));
    const db = openStationDatabase(dir);
    try {
      const pools = createNumberPoolRepository(db);
      let range: unknown;
      try {
        pools.addRange({
          carrier: 'SF',
          scheme: 'upu-s10',
          prefix: 'E',
          suffix: 'CN',
          from: 1,
          to: 10,
          source: 'supervisor',
          addedBy: 'amy',
          now: new Date().toISOString(),
        });
      } catch (error) {
        range = error;
      }
      expect(range).toBeInstanceOf(NumberRangeError);
      expect(String(refusalOf(range).params.problems)).toContain('prefix');

      let outbox: unknown;
      try {
        createOutboxSupervision({ db, clock: () => new Date() }).retry(42, 'amy', null);
      } catch (error) {
        outbox = error;
      }
      expect(outbox).toBeInstanceOf(OutboxActionError);
      expect(refusalOf(outbox)).toMatchObject({ code: 'outbox-item-not-found', params: { id: 42 } });
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(refusalOf(new PoolExhaustedError('SF'))).toMatchObject({
      code: 'pool-exhausted',
      params: { carrier: 'SF' },
    });
  });

  it.each([
    ['network', 'erp-unreachable'],
    ['server', 'erp-unreachable'],
    ['rate-limited', 'erp-unreachable'],
    ['auth', 'erp-auth-refused'],
    ['rejected', 'erp-rejected'],
    ['conflict', 'erp-conflict'],
    ['not-found', 'erp-not-found'],
  ] as const)('maps an ERP %s failure to %s', (kind, code) => {
    expect(refusalOf(new ErpError(kind, 'the ERP said no', 503))).toMatchObject({ code });
  });

  it('names a full disk (SQLite or the file system, also as a cause) as disk-full', () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const sqliteFull = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    expect(refusalOf(enospc)).toMatchObject({ code: 'disk-full', params: {} });
    expect(refusalOf(sqliteFull)).toMatchObject({ code: 'disk-full' });
    expect(refusalOf(new Error('could not save', { cause: enospc }))).toMatchObject({ code: 'disk-full' });
    expect(isDiskFull(new Error('other'))).toBe(false);
  });

  it('leaves everything else to be an internal failure (null)', () => {
    let enoent: unknown;
    try {
      readFileSync(path.join(os.tmpdir(), 'dockside-no-such-file.json'));
    } catch (error) {
      enoent = error;
    }
    expect(toStationError(enoent)).toBeNull();
    expect(toStationError(new TypeError('x is undefined'))).toBeNull();
    expect(toStationError('a string')).toBeNull();
    expect(toStationError(Object.assign(new Error('x'), { code: 'order-cancelled' }))).toBeNull();
  });
});
