import type { Address, Order } from '../domain';
import type { ApiOrder } from './api-schema';

/**
 * Maps an ERP order (already validated against the wire schema) into the station's internal model: strings
 * trimmed, phone numbers with full-width digits and signs turned into ASCII, country codes upper-cased.
 */
export function toOrder(api: ApiOrder): Order {
  return {
    orderNo: api.orderNo.trim(),
    status: api.status,
    version: api.version,
    createdAt: api.createdAt.trim(),
    updatedAt: api.updatedAt.trim(),
    receiver: toAddress(api.receiver),
    sender: toAddress(api.sender),
    lines: api.lines.map((line) => ({
      lineNo: line.lineNo,
      sku: line.sku.trim(),
      name: line.name.trim(),
      barcode: line.barcode.trim(),
      quantity: line.quantity,
    })),
    carrier: optionalTrim(api.carrier),
    weightKg: api.weightKg,
    trackingNumber: api.trackingNumber == null ? null : api.trackingNumber.trim() || null,
    shipments: api.shipments.map((shipment) => ({
      id: shipment.id.trim(),
      trackingNumber: shipment.trackingNumber.trim(),
      carrier: shipment.carrier.trim(),
      shippedAt: shipment.shippedAt.trim(),
      weightKg: shipment.weightKg,
    })),
    note: optionalTrim(api.note),
  };
}

/**
 * Turns full-width characters that phone numbers contain (digits, `+`, `-`, parentheses, the ideographic space)
 * into ASCII, and trims. Chinese input methods often produce `１３８００１３８０００`.
 */
export function normalizePhone(phone: string): string {
  return phone
    .replace(/[\uFF01-\uFF5E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

function toAddress(api: ApiOrder['receiver']): Address {
  return {
    name: api.name.trim(),
    phone: normalizePhone(api.phone),
    company: optionalTrim(api.company),
    country: api.country.trim().toUpperCase(),
    province: optionalTrim(api.province),
    city: api.city.trim(),
    district: optionalTrim(api.district),
    address: api.address.trim(),
    postcode: optionalTrim(api.postcode),
  };
}

/** Trims an optional string; one that trims to nothing counts as absent. */
function optionalTrim(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
