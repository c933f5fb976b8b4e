import type Database from 'better-sqlite3';

/** A parcel shipped at this station, found by the tracking number on its label. */
export interface ShippedLabel {
  orderNo: string;
  trackingNumber: string;
  shippedAt: string;
}

/** An order line a scanned code matches by its product barcode or its SKU. */
export interface ItemOwner {
  orderNo: string;
  sku: string;
}

/**
 * What a scanned code is, looked up in the station's own data: the bench asks before it says "not found", so the
 * packer hears what the code actually was (another order, a shipped parcel's label, an item).
 */
export interface ScanLookup {
  /** The stored order number `code` names, ignoring case (`so-100007` → `SO-100007`), or null. */
  orderNumber(code: string): string | null;
  /** The shipment whose tracking number is `code` (ignoring case), or null. */
  shippedLabel(code: string): ShippedLabel | null;
  /** An order line whose barcode or SKU is `code`, open orders first, or null. */
  itemOwner(code: string): ItemOwner | null;
}

/** Creates the scan look-up over an open station database. */
export function createScanLookup(db: Database.Database): ScanLookup {
  // The exact match uses the primary key; the case-blind one scans, and runs only when the exact one missed.
  const orderExact = db.prepare('SELECT order_no FROM orders WHERE order_no = ?').pluck();
  const orderNoCase = db.prepare('SELECT order_no FROM orders WHERE order_no = ? COLLATE NOCASE LIMIT 1').pluck();
  const shipmentColumns = 'order_no AS orderNo, tracking_number AS trackingNumber, created_at AS shippedAt';
  const shipmentExact = db.prepare(`SELECT ${shipmentColumns} FROM shipments WHERE tracking_number = ?`);
  const shipmentNoCase = db.prepare(
    `SELECT ${shipmentColumns} FROM shipments WHERE tracking_number = ? COLLATE NOCASE LIMIT 1`,
  );
  const item = db.prepare(`
    SELECT o.order_no AS orderNo, json_extract(l.value, '$.sku') AS sku
    FROM orders o, json_each(o.payload, '$.lines') l
    WHERE json_extract(l.value, '$.barcode') = @code OR json_extract(l.value, '$.sku') = @code
    ORDER BY o.local_state = 'open' DESC, o.order_no
    LIMIT 1`);

  return {
    orderNumber(code) {
      return ((orderExact.get(code) ?? orderNoCase.get(code)) as string | undefined) ?? null;
    },
    shippedLabel(code) {
      return ((shipmentExact.get(code) ?? shipmentNoCase.get(code)) as ShippedLabel | undefined) ?? null;
    },
    itemOwner(code) {
      return (item.get({ code }) as ItemOwner | undefined) ?? null;
    },
  };
}
