import { validateOrder, type Order } from '../../domain';
import type { IntakeIssue } from './issues';

/**
 * Carriers that price by weight at the counter and refuse a waybill without one: the freight (快运) services
 * and the demo's freight code. Parcels of other carriers are weighed at handover.
 */
export const CARRIERS_NEEDING_WEIGHT: ReadonlySet<string> = new Set([
  'DBL',
  'JDKY',
  'ANE',
  'KYSY',
  'SFKY',
  'ZTOKY',
  'YDKY',
  'BSKY',
  'DSX-FREIGHT',
]);

/**
 * The validate stage: the domain's printing rules (receiver, phone, address, lines, barcodes) plus intake's own
 * (a weight where the carrier needs one). Issues from earlier stages are merged in; one issue per code and field.
 */
export function validateIntake(order: Order, earlier: IntakeIssue[]): IntakeIssue[] {
  const issues: IntakeIssue[] = [...earlier, ...validateOrder(order)];
  if (
    order.carrier &&
    CARRIERS_NEEDING_WEIGHT.has(order.carrier.toUpperCase()) &&
    !(order.weightKg && order.weightKg > 0)
  ) {
    issues.push({
      code: 'missing-weight',
      field: 'weightKg',
      message: `carrier ${order.carrier} needs the parcel weight`,
    });
  }
  const seen = new Set<string>();
  return issues.filter((issue) => {
    // A missing phone makes "invalid phone" redundant; one reason per field is enough for the supervisor.
    const key = `${issue.field}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
