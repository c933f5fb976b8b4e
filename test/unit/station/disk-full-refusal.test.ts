import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StationError, toStationError } from '../../../src-main/station';
import { fillDisk } from '../../helpers/disk-full';

const thrown = (work: () => void): unknown => {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
};

describe('toStationError and a full disk', () => {
  it("names SQLite's full database as the station's full disk", () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (v TEXT)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    fillDisk(db, () => insert.run('x'.repeat(100)));
    const failure = thrown(() => insert.run('y'.repeat(200)));
    expect((failure as { code: string }).code).toBe('SQLITE_FULL');
    expect(toStationError(failure)).toMatchObject({ code: 'disk-full', params: {} });
    expect(toStationError(failure)?.message).toMatch(/^the station's disk is full: free space/);
    db.close();
  });

  it('names a file write with no space left (ENOSPC, also as the cause of another error) the same way', () => {
    const failure = thrown(() => writeFileSync('/dev/full', 'label'));
    expect((failure as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(toStationError(failure)?.code).toBe('disk-full');
    expect(toStationError(new Error('printing failed', { cause: failure }))?.code).toBe('disk-full');
  });

  it('passes a refusal through and names nothing else', () => {
    const refusal = new StationError('wrong-item', 'not in the order', { barcode: '1' });
    expect(toStationError(refusal)).toBe(refusal);
    expect(toStationError(Object.assign(new Error('no such file'), { code: 'ENOENT' }))).toBeNull();
    expect(toStationError('SQLITE_FULL')).toBeNull();
  });
});
