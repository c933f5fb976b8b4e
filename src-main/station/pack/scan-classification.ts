import { SCAN_COMMAND_CATALOGUE } from '../../domain';
import type { ScanLookup } from '../../store';
import { StationError } from '../station-error';

/**
 * Why a scan that opens no order was not an order, when the station's own data says what it was: the label of a
 * parcel shipped here, or an item of an order here. Null when the code is none of these (then it may still be an
 * order the ERP knows).
 */
export function idleScanRefusal(code: string, lookup: ScanLookup): StationError | null {
  const label = lookup.shippedLabel(code);
  if (label) {
    return new StationError(
      'scan-is-shipped-label',
      `${code} is the label of order ${label.orderNo}, shipped at ${label.shippedAt}; scan an order's pick list`,
      { trackingNumber: label.trackingNumber, orderNo: label.orderNo, shippedAt: label.shippedAt },
    );
  }
  const item = lookup.itemOwner(code);
  if (item) {
    return new StationError('scan-is-item', `${code} is an item (${item.sku}), not an order; scan an order first`, {
      barcode: code,
      sku: item.sku,
    });
  }
  return null;
}

/**
 * Why a scan that is no item of the open order was refused, when it is an order number known here: the open order
 * itself again, or another order (which waits until the open one is finished or cancelled). Null otherwise (then
 * it is a wrong item).
 */
export function packingScanRefusal(code: string, openOrderNo: string, lookup: ScanLookup): StationError | null {
  const orderNo = lookup.orderNumber(code);
  if (!orderNo) return null;
  if (orderNo === openOrderNo) {
    return new StationError('order-already-open', `order ${orderNo} is already open; scan its items`, { orderNo });
  }
  return new StationError(
    'another-order-open',
    `${orderNo} is another order: finish or cancel ${openOrderNo} first (scan CANCEL)`,
    { orderNo, openOrderNo },
  );
}

/** The refusal of a code with the command prefix that is no command of the catalogue. */
export function unknownCommandBarcode(code: string): StationError {
  const known = SCAN_COMMAND_CATALOGUE.map((entry) => entry.barcode).join(', ');
  return new StationError(
    'unknown-command-barcode',
    `unknown command barcode ${code}; the command barcodes are ${known}`,
    { code },
  );
}
