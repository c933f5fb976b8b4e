import os from 'node:os';
import { createNumberPoolRepository, NumberRangeError, openStationDatabase } from '../../store';
import type { NumberScheme } from '../../domain';
import { CliError } from '../cli-error';
import { out, outJson } from '../io';
import { resolveDataDir } from '../options';

/** Scheme names the command line accepts, with their short forms. */
const SCHEMES: Record<string, NumberScheme> = {
  sscc: 'sscc',
  'upu-s10': 'upu-s10',
  s10: 'upu-s10',
  'ups-1z': 'ups-1z',
  '1z': 'ups-1z',
};

function serial(name: string, value: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new CliError(`--${name} must be a whole number, got "${value}"`, 2);
  return Number(value);
}

/**
 * `dockside pool add`: a supervisor enters a carrier's tracking-number range for offline use. Refused with the
 * field named when malformed or when it overlaps a range already added.
 */
export async function poolAddCommand(options: {
  data?: string;
  carrier: string;
  scheme: string;
  prefix: string;
  suffix?: string;
  from: string;
  to: string;
  by?: string;
  json?: boolean;
}): Promise<void> {
  const scheme = SCHEMES[options.scheme.toLowerCase()];
  if (!scheme) throw new CliError(`--scheme must be sscc, upu-s10 (s10) or ups-1z (1z), got "${options.scheme}"`, 2);
  const db = openStationDatabase(resolveDataDir(options));
  try {
    const pools = createNumberPoolRepository(db);
    const range = pools.addRange({
      carrier: options.carrier,
      scheme,
      prefix: options.prefix.toUpperCase(),
      suffix: (options.suffix ?? '').toUpperCase(),
      from: serial('from', options.from),
      to: serial('to', options.to),
      source: 'supervisor',
      addedBy: options.by ?? os.userInfo().username,
      now: new Date().toISOString(),
    });
    const remaining = pools.summaries().find((s) => s.carrier === range.carrier)?.remaining ?? 0;
    if (options.json) return outJson({ range, remaining });
    out(`added ${range.scheme} range ${range.from}-${range.to} for ${range.carrier}; ${remaining} numbers left`);
  } catch (error) {
    if (error instanceof NumberRangeError) throw new CliError(error.message, 2);
    throw error;
  } finally {
    db.close();
  }
}

/** `dockside pool list`: numbers left per carrier, and every range. */
export async function poolListCommand(options: { data?: string; json?: boolean }): Promise<void> {
  const db = openStationDatabase(resolveDataDir(options));
  try {
    const pools = createNumberPoolRepository(db);
    const summaries = pools.summaries();
    const ranges = pools.listRanges();
    if (options.json) return outJson({ pools: summaries, ranges });
    for (const s of summaries) out(`${s.carrier} (${s.scheme}): ${s.remaining} left in ${s.ranges} range(s)`);
    for (const r of ranges)
      out(`  #${r.id} ${r.carrier} ${r.scheme} ${r.prefix}[${r.from}-${r.to}]${r.suffix} next ${r.nextSerial}`);
  } finally {
    db.close();
  }
}
