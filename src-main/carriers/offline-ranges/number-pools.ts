import type { NumberScheme } from './carrier-numbers';
import type { NumberPoolRepository, NumberRange, PoolSummary } from './number-pool-repository';

/** A range as a supervisor (or the ERP) enters it: letters in either case, from a supervisor unless said. */
export interface RangeRequest {
  carrier: string;
  scheme: NumberScheme;
  prefix: string;
  suffix?: string | undefined;
  from: number;
  to: number;
  source?: 'erp' | 'supervisor' | undefined;
  /** Who entered it (recorded with the range). */
  addedBy: string;
}

/** A carrier whose numbers left are at or below the low-water mark. */
export interface LowPool {
  carrier: string;
  remaining: number;
  lowWater: number;
}

/** The offline tracking-number pools as supervisors see them: what is left, adding ranges, what runs low. */
export interface NumberPools {
  /** Numbers left per carrier, and every range (oldest first). */
  overview(): { pools: PoolSummary[]; ranges: NumberRange[] };
  /**
   * Adds a carrier range (prefix and suffix in capitals), refused when malformed or overlapping another range.
   * @throws NumberRangeError naming the field that is wrong
   */
  addRange(request: RangeRequest): NumberRange;
  /** Carriers with `lowWater` numbers or fewer left. */
  low(lowWater: number): LowPool[];
}

/**
 * The offline pools' use cases, over their repository. The Queue screen (`pool:*` commands) and
 * `dockside pool` both go through here.
 */
export function createNumberPools({
  repository,
  clock,
}: {
  repository: NumberPoolRepository;
  clock: () => Date;
}): NumberPools {
  return {
    overview: () => ({ pools: repository.summaries(), ranges: repository.listRanges() }),
    addRange: (request) =>
      repository.addRange({
        carrier: request.carrier,
        scheme: request.scheme,
        // Prefixes and country codes are capitals on the label; a supervisor may type them in lower case.
        prefix: request.prefix.toUpperCase(),
        suffix: (request.suffix ?? '').toUpperCase(),
        from: request.from,
        to: request.to,
        source: request.source ?? 'supervisor',
        addedBy: request.addedBy,
        now: clock().toISOString(),
      }),
    low: (lowWater) =>
      repository
        .summaries()
        .filter((pool) => pool.remaining <= lowWater)
        .map(({ carrier, remaining }) => ({ carrier, remaining, lowWater })),
  };
}
