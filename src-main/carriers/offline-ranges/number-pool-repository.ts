import type Database from 'better-sqlite3';
import { formatCarrierNumber, maxSerial, rangeFormatProblems, type NumberScheme } from './carrier-numbers';
import { formatTrackingNumber } from './station-numbers';

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

/** A carrier's range of tracking numbers, fetched from the carrier or ERP while online or entered by a supervisor. */
export interface NumberRange {
  id: number;
  carrier: string;
  scheme: NumberScheme;
  prefix: string;
  suffix: string;
  from: number;
  to: number;
  nextSerial: number;
  source: 'erp' | 'supervisor';
  addedBy: string;
  addedAt: string;
}

/** What a new range needs. */
export type NewNumberRange = Omit<NumberRange, 'id' | 'nextSerial' | 'addedAt'> & { now: string };

/** How many numbers a carrier has left, over all its ranges (or its station pool). */
export interface PoolSummary {
  carrier: string;
  /** The carrier's numbering scheme; `station` for the station's own DS numbers. */
  scheme: NumberScheme | 'station';
  remaining: number;
  ranges: number;
}

/** Raised when a new range is malformed or overlaps numbers another range already holds. */
export class NumberRangeError extends Error {
  constructor(
    message: string,
    /** Each problem on its own, `field: what is wrong` (English). */
    readonly problems: readonly string[] = [message],
  ) {
    super(message);
    this.name = 'NumberRangeError';
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
  /** True when a supervisor (or the ERP) added number ranges for this carrier. */
  hasRanges(carrier: string): boolean;
  /**
   * Adds a carrier range after checking its format, its bounds, and that it shares no number with any range
   * already added (whatever the carrier): a number can then never be issued twice.
   * @throws NumberRangeError saying which field is wrong
   */
  addRange(range: NewNumberRange): NumberRange;
  /** Every carrier range, oldest first. */
  listRanges(): NumberRange[];
  /** Numbers left per carrier (ranges and the station's own pool). */
  summaries(): PoolSummary[];
}

interface RangeRow {
  id: number;
  carrier: string;
  scheme: NumberScheme;
  prefix: string;
  suffix: string;
  first_serial: number;
  last_serial: number;
  next_serial: number;
  source: 'erp' | 'supervisor';
  added_by: string;
  added_at: string;
}

const toRange = (row: RangeRow): NumberRange => ({
  id: row.id,
  carrier: row.carrier,
  scheme: row.scheme,
  prefix: row.prefix,
  suffix: row.suffix,
  from: row.first_serial,
  to: row.last_serial,
  nextSerial: row.next_serial,
  source: row.source,
  addedBy: row.added_by,
  addedAt: row.added_at,
});

/** Creates the number-pool repository over an open station database. */
export function createNumberPoolRepository(db: Database.Database): NumberPoolRepository {
  const get = db.prepare('SELECT carrier, prefix, next_serial, end_serial FROM number_pools WHERE carrier = ?');
  const ensure = db.prepare(
    'INSERT INTO number_pools (carrier, prefix, next_serial, end_serial) VALUES (?, ?, ?, ?) ON CONFLICT (carrier) DO NOTHING',
  );
  const advance = db.prepare(
    'UPDATE number_pools SET next_serial = next_serial + 1 WHERE carrier = ? AND next_serial <= end_serial RETURNING prefix, next_serial - 1 AS serial',
  );
  const hasRanges = db.prepare('SELECT 1 FROM number_ranges WHERE carrier = ? LIMIT 1');
  // The oldest range with numbers left; advancing it and reading the serial is one statement.
  const advanceRange = db.prepare(`
    UPDATE number_ranges SET next_serial = next_serial + 1
    WHERE id = (SELECT id FROM number_ranges WHERE carrier = ? AND next_serial <= last_serial ORDER BY id LIMIT 1)
    RETURNING id, carrier, scheme, prefix, suffix, first_serial, last_serial, next_serial - 1 AS next_serial,
      source, added_by, added_at`);
  const recordIssued = db.prepare('INSERT INTO issued_numbers (tracking_number, carrier, range_id) VALUES (?, ?, ?)');
  const overlapping = db.prepare(`
    SELECT carrier, first_serial, last_serial FROM number_ranges
    WHERE scheme = ? AND prefix = ? AND suffix = ? AND first_serial <= ? AND last_serial >= ? LIMIT 1`);
  const insertRange = db.prepare(`
    INSERT INTO number_ranges
      (carrier, scheme, prefix, suffix, first_serial, last_serial, next_serial, source, added_by, added_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`);
  const listRanges = db.prepare('SELECT * FROM number_ranges ORDER BY id');
  const rangeSummaries = db.prepare(`
    SELECT carrier, min(scheme) AS scheme, sum(last_serial - next_serial + 1) AS remaining, count(*) AS ranges
    FROM number_ranges GROUP BY carrier ORDER BY carrier`);
  const stationSummaries = db.prepare(`
    SELECT carrier, 'station' AS scheme, end_serial - next_serial + 1 AS remaining, 1 AS ranges FROM number_pools
    WHERE carrier NOT IN (SELECT carrier FROM number_ranges) ORDER BY carrier`);

  const takeFromRange = (carrier: string): string => {
    const row = advanceRange.get(carrier) as RangeRow | undefined;
    if (!row) throw new PoolExhaustedError(carrier);
    const number = formatCarrierNumber(row, row.next_serial);
    recordIssued.run(number, carrier, row.id);
    return number;
  };

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
    hasRanges: (carrier) => hasRanges.get(carrier) !== undefined,
    take(carrier) {
      // A carrier with ranges of its own uses them; otherwise the station's own pool (DS numbers).
      if (hasRanges.get(carrier) !== undefined) return takeFromRange(carrier);
      const row = advance.get(carrier) as { prefix: string; serial: number } | undefined;
      if (!row) throw new PoolExhaustedError(carrier);
      const number = formatTrackingNumber(row.prefix, row.serial);
      recordIssued.run(number, carrier, null);
      return number;
    },
    addRange: db.transaction((range: NewNumberRange): NumberRange => {
      const problems = rangeFormatProblems(range);
      if (!/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/.test(range.carrier))
        problems.unshift(`carrier: 1-64 letters, digits, space, dot, dash or underscore, got "${range.carrier}"`);
      if (problems.length === 0) {
        const max = maxSerial(range);
        if (!Number.isSafeInteger(range.from) || range.from < 0 || range.from > max)
          problems.push(`from: must be a whole number from 0 to ${max}, got ${range.from}`);
        if (!Number.isSafeInteger(range.to) || range.to < range.from || range.to > max)
          problems.push(`to: must be a whole number from ${range.from} to ${max}, got ${range.to}`);
      }
      if (problems.length > 0) throw new NumberRangeError(`invalid number range: ${problems.join('; ')}`, problems);
      const clash = overlapping.get(range.scheme, range.prefix, range.suffix, range.to, range.from) as
        { carrier: string; first_serial: number; last_serial: number } | undefined;
      if (clash) {
        throw new NumberRangeError(
          `invalid number range: from-to: ${range.from}-${range.to} overlaps the range ${clash.first_serial}-${clash.last_serial} already added for ${clash.carrier}; numbers must never repeat`,
        );
      }
      return toRange(
        insertRange.get(
          range.carrier,
          range.scheme,
          range.prefix,
          range.suffix,
          range.from,
          range.to,
          range.from,
          range.source,
          range.addedBy,
          range.now,
        ) as RangeRow,
      );
    }),
    listRanges() {
      return (listRanges.all() as RangeRow[]).map(toRange);
    },
    summaries() {
      return [...rangeSummaries.all(), ...stationSummaries.all()] as PoolSummary[];
    },
  };
}
