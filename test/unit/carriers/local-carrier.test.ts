import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCarrierFor,
  createNumberPoolRepository,
  createNumberPools,
  ensureLocalPool,
  isTrackingNumber,
  LOCAL_CARRIER,
  NumberRangeError,
  type NumberPoolRepository,
} from '../../../src-main/carriers';
import { openStationDatabase } from '../../../src-main/store';

// One station database for the file: each test uses carriers of its own, so they never meet.
const dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-carriers-'));
let db: Database.Database;
let repository: NumberPoolRepository;
beforeAll(() => {
  db = openStationDatabase(dir);
  repository = createNumberPoolRepository(db);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const clock = () => new Date('2026-11-02T08:00:00Z');

describe('the local carrier', () => {
  it("takes the station's own block of ten million numbers once, and never resets it", () => {
    ensureLocalPool(repository, () => 0.5);
    expect(repository.get(LOCAL_CARRIER.code)).toEqual({
      carrier: 'DSX',
      prefix: 'DS',
      nextSerial: 5_000 * 1e7,
      endSerial: 5_000 * 1e7 + 9_999_999,
    });
    const first = repository.take(LOCAL_CARRIER.code);
    expect(isTrackingNumber(first)).toBe(true);
    ensureLocalPool(repository, () => 0);
    expect(repository.get(LOCAL_CARRIER.code)?.nextSerial).toBe(5_000 * 1e7 + 1);
  });

  it("gives an order its carrier's numbers when the station holds that carrier's ranges, else its own", () => {
    const carrierFor = createCarrierFor(repository);
    expect(carrierFor({ carrier: 'UPS' })).toBe('DSX');
    expect(carrierFor({})).toBe('DSX');
    createNumberPools({ repository, clock }).addRange({
      carrier: 'UPS',
      scheme: 'ups-1z',
      prefix: '1A2B3C01',
      from: 1,
      to: 5,
      addedBy: 'lead',
    });
    expect(carrierFor({ carrier: 'UPS' })).toBe('UPS');
    expect(carrierFor({ carrier: 'SF' })).toBe('DSX');
  });
});

describe('the offline pools', () => {
  it('adds a range in capitals, stamped with who and when, and says which carriers run low', () => {
    const pools = createNumberPools({ repository, clock });
    const range = pools.addRange({
      carrier: 'EMS',
      scheme: 'upu-s10',
      prefix: 'rb',
      suffix: 'cn',
      from: 10,
      to: 19,
      addedBy: 'lead',
    });
    expect(range).toMatchObject({
      prefix: 'RB',
      suffix: 'CN',
      source: 'supervisor',
      addedBy: 'lead',
      addedAt: '2026-11-02T08:00:00.000Z',
      nextSerial: 10,
    });
    expect(pools.overview().ranges).toContainEqual(range);
    expect(pools.overview().pools).toContainEqual({ carrier: 'EMS', scheme: 'upu-s10', remaining: 10, ranges: 1 });
    expect(pools.low(10)).toContainEqual({ carrier: 'EMS', remaining: 10, lowWater: 10 });
    expect(pools.low(9).map((low) => low.carrier)).not.toContain('EMS');
    expect(pools.low(1_000).map((low) => low.carrier)).not.toContain('DSX');
  });

  it('refuses a malformed range naming the field', () => {
    const pools = createNumberPools({ repository, clock });
    expect(() =>
      pools.addRange({ carrier: 'EMS', scheme: 'upu-s10', prefix: 'R1', suffix: 'CN', from: 1, to: 2, addedBy: 'x' }),
    ).toThrow(NumberRangeError);
    expect(pools.overview().ranges.filter((r) => r.prefix === 'R1')).toEqual([]);
  });
});
