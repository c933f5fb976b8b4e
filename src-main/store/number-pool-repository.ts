import type Database from 'better-sqlite3';
import { formatTrackingNumber } from '../domain';

/** A local range of tracking numbers for one carrier. */
export interface NumberPool {
  carrier: string;
  prefix: string;
  nextSerial: number;
  endSerial: number;
}

/** Raised when a carrier's local pool has no numbers left. */
export class PoolExhaustedError extends Error {
  constructor(readonly carrier: string) {
    super(`the tracking-number pool for ${carrier} is used up; add a new range`);
    this.name = 'PoolExhaustedError';
  }
}

/** Reads and consumes local tracking-number pools. */
export interface NumberPoolRepository {
  get(carrier: string): NumberPool | null;
  /** Creates the pool when the carrier has none; an existing pool is never reset (numbers are never reissued). */
  ensure(pool: NumberPool): void;
  /**
   * Takes the next number. Call inside the transaction that records its use, so a crash either keeps both or
   * neither, and a number is never issued twice.
   */
  take(carrier: string): string;
}

/** Creates the number-pool repository over an open station database. */
export function createNumberPoolRepository(db: Database.Database): NumberPoolRepository {
  const get = db.prepare('SELECT carrier, prefix, next_serial, end_serial FROM number_pools WHERE carrier = ?');
  const ensure = db.prepare(
    'INSERT INTO number_pools (carrier, prefix, next_serial, end_serial) VALUES (?, ?, ?, ?) ON CONFLICT (carrier) DO NOTHING',
  );
  const advance = db.prepare(
    'UPDATE number_pools SET next_serial = next_serial + 1 WHERE carrier = ? AND next_serial <= end_serial RETURNING prefix, next_serial - 1 AS serial',
  );
  return {
    get(carrier) {
      const row = get.get(carrier) as
        { carrier: string; prefix: string; next_serial: number; end_serial: number } | undefined;
      return row
        ? { carrier: row.carrier, prefix: row.prefix, nextSerial: row.next_serial, endSerial: row.end_serial }
        : null;
    },
    ensure(pool) {
      ensure.run(pool.carrier, pool.prefix, pool.nextSerial, pool.endSerial);
    },
    take(carrier) {
      const row = advance.get(carrier) as { prefix: string; serial: number } | undefined;
      if (!row) throw new PoolExhaustedError(carrier);
      return formatTrackingNumber(row.prefix, row.serial);
    },
  };
}
