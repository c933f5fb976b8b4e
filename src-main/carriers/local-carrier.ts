import type { Order } from '../domain';
import type { NumberPoolRepository } from './offline-ranges';

/** The station's own carrier code and tracking-number prefix for locally issued numbers. */
export const LOCAL_CARRIER = { code: 'DSX', prefix: 'DS' } as const;

/** Serials in the block of station numbers each station takes for itself. */
const BLOCK_SIZE = 1e7;

/**
 * Gives the station its pool of its own numbers the first time it starts (an existing pool is kept: numbers are
 * never reissued). Each station takes its own block of ten million at random, so two stations never issue the
 * same number.
 */
export function ensureLocalPool(pools: Pick<NumberPoolRepository, 'ensure'>, random: () => number): void {
  const block = 1 + Math.floor(random() * 9_999);
  pools.ensure({
    carrier: LOCAL_CARRIER.code,
    prefix: LOCAL_CARRIER.prefix,
    nextSerial: block * BLOCK_SIZE,
    endSerial: block * BLOCK_SIZE + BLOCK_SIZE - 1,
  });
}

/**
 * Which carrier's number an order gets: the carrier it asks for when the station holds that carrier's ranges
 * (a number with its check digit), otherwise the station's own.
 */
export function createCarrierFor(
  pools: Pick<NumberPoolRepository, 'hasRanges'>,
): (order: Pick<Order, 'carrier'>) => string {
  return (order) => (order.carrier && pools.hasRanges(order.carrier) ? order.carrier : LOCAL_CARRIER.code);
}
