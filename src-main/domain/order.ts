/**
 * The station's internal order model. Every connector maps the ERP's shape into this one (erp/intake), so the
 * rest of the station never sees an ERP's quirks.
 */

/** Where an order is in its life, as the station understands it. */
export type OrderStatus = 'pending' | 'claimed' | 'shipped' | 'cancelled';

/** A postal address. Chinese addresses fill province/city/district; international ones city and postcode. */
export interface Address {
  name: string;
  phone: string;
  company?: string | undefined;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  province?: string | undefined;
  city: string;
  district?: string | undefined;
  /** Street, building, room: everything below the district. */
  address: string;
  postcode?: string | undefined;
}

/** One line of an order: a product and how many of it go into the parcel. */
export interface OrderLine {
  lineNo: number;
  sku: string;
  name: string;
  /** The barcode printed on the product (EAN-13, UPC-A, or the SKU itself). */
  barcode: string;
  quantity: number;
}

/** A shipment the ERP already holds for an order. */
export interface ShipmentRecord {
  id: string;
  trackingNumber: string;
  carrier: string;
  shippedAt: string;
  weightKg?: number | undefined;
}

/** An order as the station works with it. */
export interface Order {
  orderNo: string;
  status: OrderStatus;
  /** The ERP's version of the order, bumped on every change there. */
  version: number;
  createdAt: string;
  updatedAt: string;
  receiver: Address;
  sender: Address;
  lines: OrderLine[];
  carrier?: string | undefined;
  weightKg?: number | undefined;
  trackingNumber?: string | null | undefined;
  shipments: ShipmentRecord[];
  note?: string | undefined;
}

/** Total number of units an order asks for. */
export function totalUnits(order: Pick<Order, 'lines'>): number {
  return order.lines.reduce((sum, line) => sum + line.quantity, 0);
}
