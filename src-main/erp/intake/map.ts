import { createHash } from 'node:crypto';
import { toOrderStatus, type Address, type Order, type OrderLine, type ShipmentRecord } from '../../domain';
import type { ApiOrder } from '../api-schema';
import type { IntakeIssue } from './issues';
import { parseDimensionsCm, parseWeightKg, type DimensionsCm } from './units';

/**
 * What the map stage learned beyond the order itself: problems the order model cannot hold (an unknown status, a
 * missing order number), the ERP's own record id and parcel dimensions. Kept beside the order object (never
 * inside it, so it is never stored in its JSON) until the puller runs the rest of the pipeline.
 */
export interface IntakeMeta {
  issues: IntakeIssue[];
  erpId: string | null;
  dimensionsCm?: DimensionsCm | undefined;
}

const metas = new WeakMap<Order, IntakeMeta>();

/** Attaches what mapping learned to an order (see {@link intakeMetaOf}). */
export function withIntakeMeta(order: Order, meta: IntakeMeta): Order {
  metas.set(order, meta);
  return order;
}

/** What the map stage learned about `order`, or nothing when it came straight from a strict mapper. */
export function intakeMetaOf(order: Order): IntakeMeta {
  return metas.get(order) ?? { issues: [], erpId: null };
}

/**
 * Maps an ERP order already validated against the strict wire schema into the station's internal model: strings
 * trimmed, phone numbers with full-width digits and signs turned into ASCII, country codes upper-cased.
 * Standardization proper (addresses, phones, units) happens later in the pipeline, the same for every connector.
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

type Raw = Record<string, unknown>;

const isObject = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string field, numbers accepted (ERPs send ids and postcodes as either); anything else is ''. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

function optionalText(value: unknown): string | undefined {
  const result = text(value);
  return result === '' ? undefined : result;
}

function integer(value: unknown): number | null {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : NaN;
  return Number.isInteger(n) ? n : null;
}

function rawAddress(value: unknown): Address {
  const a = isObject(value) ? value : {};
  return {
    name: text(a.name),
    phone: text(a.phone ?? a.mobile ?? a.tel),
    company: optionalText(a.company),
    country: text(a.country),
    province: optionalText(a.province ?? a.state),
    city: text(a.city),
    district: optionalText(a.district),
    address: text(a.address ?? a.street),
    postcode: optionalText(a.postcode ?? a.zip ?? a.postalCode),
  };
}

/**
 * The lenient map stage for ERPs speaking docs/erp-api.yaml: reads whatever came (strings or numbers, Chinese or
 * English statuses, weights with units) without throwing. What it cannot make sense of becomes an issue on the
 * order, so the order is kept in "needs attention" instead of failing the whole page. An order without a number
 * gets a stable stand-in (`NO-NUMBER-<hash>`) so it is still stored and shown.
 */
export function mapRawOrder(raw: unknown): Order {
  const issues: IntakeIssue[] = [];
  const o = isObject(raw) ? raw : {};
  if (!isObject(raw))
    issues.push({ code: 'malformed-order', field: '(order)', message: 'the ERP sent an order that is not an object' });

  let orderNo = text(o.orderNo).trim();
  if (orderNo === '') {
    orderNo = `NO-NUMBER-${createHash('sha256')
      .update(JSON.stringify(raw ?? null))
      .digest('hex')
      .slice(0, 10)}`;
    issues.push({
      code: 'missing-order-number',
      field: 'orderNo',
      message: 'the ERP sent an order without an order number',
    });
  }

  const rawStatus = o.status;
  let status = toOrderStatus(typeof rawStatus === 'number' ? rawStatus : text(rawStatus));
  if (status === null) {
    issues.push({
      code: 'unknown-status',
      field: 'status',
      message: `order status "${text(rawStatus)}" is not one the station knows`,
    });
    status = 'pending';
  }

  if (!isObject(o.receiver))
    issues.push({ code: 'missing-receiver', field: 'receiver', message: 'the order has no receiver' });

  const lines: OrderLine[] = [];
  const rawLines = Array.isArray(o.lines) ? o.lines : [];
  if (!Array.isArray(o.lines) && o.lines !== undefined)
    issues.push({ code: 'malformed-order', field: 'lines', message: 'order lines are not a list' });
  rawLines.forEach((line, index) => {
    const l = isObject(line) ? line : {};
    const quantity = integer(l.quantity ?? l.qty);
    lines.push({
      lineNo: integer(l.lineNo) ?? index + 1,
      sku: text(l.sku),
      name: text(l.name),
      barcode: text(l.barcode),
      quantity: quantity ?? 0,
    });
  });

  let weightKg: number | undefined;
  const weight = parseWeightKg(o.weightKg ?? o.weight);
  if (weight === null)
    issues.push({
      code: 'invalid-weight',
      field: 'weight',
      message: `weight "${text(o.weightKg ?? o.weight) || JSON.stringify(o.weight)}" cannot be read`,
    });
  else weightKg = weight;

  const dimensions = parseDimensionsCm(o.dimensions);
  if (dimensions === null)
    issues.push({ code: 'invalid-dimensions', field: 'dimensions', message: 'parcel dimensions cannot be read' });

  const shipments: ShipmentRecord[] = (Array.isArray(o.shipments) ? o.shipments : []).filter(isObject).map((s) => ({
    id: text(s.id),
    trackingNumber: text(s.trackingNumber),
    carrier: text(s.carrier),
    shippedAt: text(s.shippedAt),
    weightKg: typeof s.weightKg === 'number' ? s.weightKg : undefined,
  }));

  const order: Order = {
    orderNo,
    status,
    version: Math.max(0, integer(o.version) ?? 0),
    createdAt: text(o.createdAt).trim(),
    updatedAt: text(o.updatedAt ?? o.createdAt).trim(),
    receiver: rawAddress(o.receiver),
    sender: rawAddress(o.sender),
    lines,
    carrier: optionalText(o.carrier),
    weightKg,
    trackingNumber: optionalText(o.trackingNumber) ?? null,
    shipments,
    note: optionalText(o.note),
  };
  const erpId = optionalText(o.erpId ?? o.id) ?? null;
  return withIntakeMeta(order, { issues, erpId, dimensionsCm: dimensions ?? undefined });
}
