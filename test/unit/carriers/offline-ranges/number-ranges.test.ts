import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createNumberPoolRepository,
  isValidCarrierNumber,
  NumberRangeError,
  PoolExhaustedError,
  type NewNumberRange,
  type NumberPoolRepository,
} from '../../../../src-main/carriers';
import { openStationDatabase } from '../../../../src-main/store';

let dir: string;
let db: Database.Database;
let pools: NumberPoolRepository;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-ranges-'));
  db = openStationDatabase(dir);
  pools = createNumberPoolRepository(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const range = (overrides: Partial<NewNumberRange>): NewNumberRange => ({
  carrier: 'UPS',
  scheme: 'ups-1z',
  prefix: '999AA101',
  suffix: '',
  from: 1,
  to: 3,
  source: 'supervisor',
  addedBy: 'Li Wei',
  now: '2026-11-27T08:00:00.000Z',
  ...overrides,
});

describe('carrier number ranges', () => {
  it('issues from the oldest range first, then the next, each number with its check digit, then refuses', () => {
    pools.addRange(range({ from: 1, to: 2 }));
    pools.addRange(range({ from: 10, to: 10, source: 'erp' }));
    const issued = [pools.take('UPS'), pools.take('UPS'), pools.take('UPS')];
    expect(issued).toEqual(['1Z999AA1010000001' + issued[0]!.slice(-1), expect.any(String), expect.any(String)]);
    expect(issued.map((n) => n.slice(10, 17))).toEqual(['0000001', '0000002', '0000010']);
    expect(issued.every((n) => isValidCarrierNumber('ups-1z', n))).toBe(true);
    expect(() => pools.take('UPS')).toThrow(PoolExhaustedError);
    expect(pools.summaries()).toContainEqual({ carrier: 'UPS', scheme: 'ups-1z', remaining: 0, ranges: 2 });
  });

  it('counts what is left per carrier, the station pool included', () => {
    pools.ensure({ carrier: 'DSX', prefix: 'DS', nextSerial: 100, endSerial: 149 });
    pools.addRange(range({ carrier: 'POST', scheme: 'upu-s10', prefix: 'RB', suffix: 'CN', from: 0, to: 999 }));
    pools.take('POST');
    pools.take('DSX');
    expect(pools.summaries()).toEqual([
      { carrier: 'POST', scheme: 'upu-s10', remaining: 999, ranges: 1 },
      { carrier: 'DSX', scheme: 'station', remaining: 49, ranges: 1 },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM issued_numbers').get()).toEqual({ n: 2 });
  });

  it('refuses a malformed range, naming the field, and an overlapping one', () => {
    expect(() => pools.addRange(range({ prefix: 'ABC' }))).toThrow(/prefix: UPS 1Z needs/);
    expect(() => pools.addRange(range({ from: 5, to: 4 }))).toThrow(/to: must be a whole number from 5/);
    expect(() => pools.addRange(range({ to: 10_000_000 }))).toThrow(/to: .*9999999/);
    expect(() => pools.addRange(range({ carrier: '' }))).toThrow(/carrier:/);
    pools.addRange(range({ from: 100, to: 200 }));
    // Same numbers under another carrier code would still repeat.
    expect(() => pools.addRange(range({ carrier: 'UPS2', from: 200, to: 300 }))).toThrow(NumberRangeError);
    expect(() => pools.addRange(range({ from: 50, to: 100 }))).toThrow(
      /overlaps the range 100-200 already added for UPS/,
    );
    expect(pools.addRange(range({ from: 201, to: 300 })).nextSerial).toBe(201);
    expect(pools.listRanges()).toHaveLength(2);
  });
});
