import os from 'node:os';
import {
  createNumberPoolRepository,
  createNumberPools,
  NumberRangeError,
  type NumberPools,
  type NumberScheme,
} from '../../carriers';
import { CliError } from '../cli-error';
import { out, outJson } from '../io';
import { resolveDataDir } from '../options';
import { withStationDatabase } from '../station-database';

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
  const from = serial('from', options.from);
  const to = serial('to', options.to);
  await withPools(options, (pools) => {
    let range;
    try {
      range = pools.addRange({
        carrier: options.carrier,
        scheme,
        prefix: options.prefix,
        suffix: options.suffix,
        from,
        to,
        source: 'supervisor',
        addedBy: options.by ?? os.userInfo().username,
      });
    } catch (error) {
      if (error instanceof NumberRangeError) throw new CliError(error.message, 2);
      throw error;
    }
    const remaining = pools.overview().pools.find((s) => s.carrier === range.carrier)?.remaining ?? 0;
    if (options.json) return outJson({ range, remaining });
    out(`added ${range.scheme} range ${range.from}-${range.to} for ${range.carrier}; ${remaining} numbers left`);
  });
}

/** `dockside pool list`: numbers left per carrier, and every range. */
export async function poolListCommand(options: { data?: string; json?: boolean }): Promise<void> {
  await withPools(options, (pools) => {
    const { pools: summaries, ranges } = pools.overview();
    if (options.json) return outJson({ pools: summaries, ranges });
    for (const s of summaries) out(`${s.carrier} (${s.scheme}): ${s.remaining} left in ${s.ranges} range(s)`);
    for (const r of ranges)
      out(`  #${r.id} ${r.carrier} ${r.scheme} ${r.prefix}[${r.from}-${r.to}]${r.suffix} next ${r.nextSerial}`);
  });
}

/** The pools' use cases (the same the Queue screen's `pool:*` commands run) over the station in `--data`. */
function withPools(options: { data?: string }, work: (pools: NumberPools) => void): Promise<void> {
  return withStationDatabase(resolveDataDir(options), (db) =>
    work(createNumberPools({ repository: createNumberPoolRepository(db), clock: () => new Date() })),
  );
}
