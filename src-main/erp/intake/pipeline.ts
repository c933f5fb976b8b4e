import { createHash } from 'node:crypto';
import type { Order } from '../../domain';
import type { IntakeIssue } from './issues';
import { intakeMetaOf } from './map';
import { standardizeOrder } from './standardize';
import type { DimensionsCm } from './units';
import { validateIntake } from './validate';

/** An order after intake: standardized, with every reason it needs attention (empty = ready to pack). */
export interface IntakeResult {
  order: Order;
  issues: IntakeIssue[];
  /** The ERP's own record id when it sent one (duplicates by ERP id are flagged). */
  erpId: string | null;
  /** Same receiver and same items give the same key (duplicates within a window are flagged); null without either. */
  dupKey: string | null;
  dimensionsCm?: DimensionsCm | undefined;
}

/**
 * Runs standardize → validate on an order a connector mapped (the map stage is the connector's). The same for
 * every connector; never throws for bad data: whatever is wrong ends up in `issues`.
 */
export function runIntake(mapped: Order): IntakeResult {
  const meta = intakeMetaOf(mapped);
  let standardized: { order: Order; issues: IntakeIssue[] };
  try {
    standardized = standardizeOrder(mapped);
  } catch (error) {
    // A bug in a standardizer must not lose the order: keep it as mapped, with the failure as its reason.
    standardized = {
      order: mapped,
      issues: [
        { code: 'malformed-order', field: '(order)', message: `standardization failed: ${(error as Error).message}` },
      ],
    };
  }
  const issues = validateIntake(standardized.order, [...meta.issues, ...standardized.issues]);
  return {
    order: standardized.order,
    issues,
    erpId: meta.erpId,
    dupKey: duplicateKey(standardized.order),
    dimensionsCm: meta.dimensionsCm,
  };
}

/** Receiver (name, phone, address) and items (SKU × quantity, sorted) hashed; null when either is empty. */
export function duplicateKey(order: Order): string | null {
  const r = order.receiver;
  if (!r.name || order.lines.length === 0) return null;
  const norm = (text: string | undefined) => (text ?? '').toLowerCase().replace(/\s+/g, '');
  const who = [r.name, r.phone, r.country, r.province, r.city, r.district, r.address].map(norm).join('|');
  const what = order.lines
    .map((line) => `${norm(line.sku)}x${line.quantity}`)
    .sort()
    .join(',');
  return createHash('sha1').update(`${who}#${what}`).digest('hex');
}
