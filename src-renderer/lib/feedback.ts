import type { PackState } from '../../src-main/contract';
import type { SoundName } from './volume';

/**
 * Which tone a pack state change deserves, or null. Pure, so it can be tested without audio: a new shipment plays
 * `done`, a new error or refused scan plays `refused`, a new accepted scan or command plays `accepted`. One change
 * plays at most one tone; the first state after loading plays none.
 */
export function soundForChange(prev: PackState | null, next: PackState): SoundName | null {
  // The first state after loading is not news: it was already announced when it happened.
  if (prev === null) return null;
  if (next.lastShipped && !sameShipment(prev.lastShipped, next.lastShipped)) return 'done';
  const newError = next.error !== null && (prev.error === null || !sameError(prev.error, next.error));
  const newScan = next.lastScan !== null && !sameScan(prev.lastScan, next.lastScan);
  if (newError || (newScan && next.lastScan?.verdict === 'refused')) return 'refused';
  if (newScan) return 'accepted';
  return null;
}

type Shipped = NonNullable<PackState['lastShipped']>;
type Scan = NonNullable<PackState['lastScan']>;
type Err = NonNullable<PackState['error']>;

function sameShipment(a: Shipped | null, b: Shipped): boolean {
  return a !== null && a.orderNo === b.orderNo && a.trackingNumber === b.trackingNumber;
}

function sameScan(a: Scan | null, b: Scan): boolean {
  return a !== null && a.at === b.at && a.code === b.code && a.verdict === b.verdict;
}

function sameError(a: Err, b: Err): boolean {
  return a.code === b.code && a.message === b.message && JSON.stringify(a.params) === JSON.stringify(b.params);
}
