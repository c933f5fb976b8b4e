import { z } from 'zod';
import type { Order, OrderStatus } from '../../domain';
import type { ApiOrder } from '../api-schema';
import { toOrder } from '../intake';
import { trytonIso, trytonTimeMs } from './tryton-values';

/**
 * How Tryton 6.0 customer shipments (`stock.shipment.out`) and their outgoing moves become the station's orders.
 * The shapes below are what `read`/`search_read` answer for {@link SHIPMENT_FIELDS} and {@link MOVE_FIELDS}: a
 * dotted field `a.b` comes back as the key `a.` holding `{id, b}` (a list of them through a One2Many).
 */

/** The customer shipment states the station treats as waiting to be packed. */
export const PENDING_STATES = ['waiting', 'assigned', 'picked'] as const;

const ADDRESS_FIELDS = ['party_name', 'name', 'street', 'postal_code', 'city', 'country.code', 'subdivision.name'];
const PARTY_FIELDS = ['name', 'phone', 'mobile'];
const under = (prefix: string, fields: string[]) => fields.map((field) => `${prefix}.${field}`);

/** Fields read of every shipment. */
export const SHIPMENT_FIELDS = [
  'number',
  'state',
  'create_date',
  'write_date',
  'effective_date',
  'reference',
  'outgoing_moves',
  'carrier.rec_name',
  ...under('customer', PARTY_FIELDS),
  ...under('delivery_address', ADDRESS_FIELDS),
  ...under('warehouse.address', [...ADDRESS_FIELDS, ...under('party', PARTY_FIELDS)]),
  ...under('company.party', PARTY_FIELDS),
  ...under('company.party.addresses', ADDRESS_FIELDS),
  'packages.shipping_reference',
];

/** Fields read of every outgoing move. */
export const MOVE_FIELDS = [
  'product.code',
  'product.name',
  'product.identifiers.code',
  'product.identifiers.type',
  'quantity',
  'state',
  'create_date',
  'write_date',
];

const optionalText = z.string().nullable().optional();
const timestamp = z.unknown().optional();
const relation = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object({ id: z.number(), ...shape })
    .nullable()
    .optional();

const partySchema = relation({ name: optionalText, phone: optionalText, mobile: optionalText });
const addressShape = {
  party_name: optionalText,
  name: optionalText,
  street: optionalText,
  postal_code: optionalText,
  city: optionalText,
  'country.': relation({ code: optionalText }),
  'subdivision.': relation({ name: optionalText }),
};
const addressSchema = relation(addressShape);

/** One shipment as read with {@link SHIPMENT_FIELDS}. */
export const trytonShipmentSchema = z.object({
  id: z.number().int(),
  number: optionalText,
  state: z.string(),
  create_date: timestamp,
  write_date: timestamp,
  effective_date: timestamp,
  reference: optionalText,
  outgoing_moves: z.array(z.number().int()),
  'carrier.': relation({ rec_name: optionalText }),
  'customer.': partySchema,
  'delivery_address.': addressSchema,
  'warehouse.': relation({ 'address.': relation({ ...addressShape, 'party.': partySchema }) }),
  'company.': relation({
    'party.': relation({
      name: optionalText,
      phone: optionalText,
      mobile: optionalText,
      'addresses.': z.array(z.object({ id: z.number(), ...addressShape })).optional(),
    }),
  }),
  'packages.': z
    .array(z.object({ id: z.number().int(), shipping_reference: optionalText }))
    .nullable()
    .optional(),
});
export type TrytonShipment = z.infer<typeof trytonShipmentSchema>;

/** One outgoing move as read with {@link MOVE_FIELDS}. */
export const trytonMoveSchema = z.object({
  id: z.number().int(),
  quantity: z.number(),
  state: z.string(),
  create_date: timestamp,
  write_date: timestamp,
  'product.': relation({
    code: optionalText,
    name: optionalText,
    'identifiers.': z
      .array(z.object({ id: z.number(), code: optionalText, type: optionalText }))
      .nullable()
      .optional(),
  }),
});
export type TrytonMove = z.infer<typeof trytonMoveSchema>;

type Address = z.infer<typeof addressSchema>;

/** Tryton shipment state → the station's order status. */
export function statusOfState(state: string): OrderStatus {
  if (state === 'done') return 'shipped';
  if (state === 'cancelled') return 'cancelled';
  return 'pending';
}

/** The SKU of a move's product: its code, else a stable stand-in from the product id. */
export function skuOf(move: TrytonMove): string {
  const product = move['product.'];
  return product?.code?.trim() || `product-${product?.id ?? move.id}`;
}

/** The barcode printed on a move's product: its EAN/UPC/GTIN identifier when it has one, else its SKU. */
export function barcodeOf(move: TrytonMove): string {
  const identifiers = move['product.']?.['identifiers.'] ?? [];
  const scannable = identifiers.find((identifier) =>
    ['ean', 'upc', 'gtin', 'isbn', 'ismn'].includes((identifier.type ?? '').toLowerCase()),
  );
  return scannable?.code?.trim() || skuOf(move);
}

/** The moves that make up the parcel: not cancelled, in the order they were created. */
export function parcelMoves(moves: readonly TrytonMove[]): TrytonMove[] {
  return moves.filter((move) => move.state !== 'cancelled').sort((a, b) => a.id - b.id);
}

/** Tracking numbers of a shipment's packages (their shipping references), in package order. */
export function trackingNumbersOf(shipment: TrytonShipment): { packageId: number; trackingNumber: string }[] {
  return (shipment['packages.'] ?? [])
    .filter((pkg) => !!pkg.shipping_reference?.trim())
    .sort((a, b) => a.id - b.id)
    .map((pkg) => ({ packageId: pkg.id, trackingNumber: pkg.shipping_reference!.trim() }));
}

/**
 * A value that changes whenever the shipment or one of its outgoing moves changes in Tryton: the latest
 * write (or create) time among them, in whole milliseconds.
 */
export function versionOf(shipment: TrytonShipment, moves: readonly TrytonMove[]): number {
  let latest = 0;
  for (const record of [shipment, ...moves]) {
    const at = trytonTimeMs(record.write_date) ?? trytonTimeMs(record.create_date) ?? 0;
    if (at > latest) latest = at;
  }
  return Math.floor(latest);
}

/** Maps one shipment and its outgoing moves into the station's order (through the shared intake mapping). */
export function shipmentToOrder(shipment: TrytonShipment, moves: readonly TrytonMove[]): Order {
  const status = statusOfState(shipment.state);
  const createdAt = trytonIso(shipment.create_date) ?? new Date(0).toISOString();
  const version = versionOf(shipment, moves);
  const updatedAt = version > 0 ? new Date(version).toISOString() : createdAt;
  const carrier = shipment['carrier.']?.rec_name?.trim() || undefined;
  const tracking = trackingNumbersOf(shipment);
  const shippedAt = trytonIso(shipment.effective_date) ?? updatedAt;
  const customer = shipment['customer.'];
  const delivery = shipment['delivery_address.'];

  const warehouseAddress = shipment['warehouse.']?.['address.'];
  const companyParty = shipment['company.']?.['party.'];
  const senderParty = warehouseAddress?.['party.'] ?? companyParty;
  const senderAddress: Address = warehouseAddress ?? companyParty?.['addresses.']?.[0];

  const api: ApiOrder = {
    orderNo: shipment.number?.trim() || `shipment-${shipment.id}`,
    status,
    version,
    createdAt,
    updatedAt,
    receiver: toApiAddress(delivery, delivery?.party_name || customer?.name, phoneOf(customer)),
    sender: toApiAddress(senderAddress, senderParty?.name ?? companyParty?.name, phoneOf(senderParty ?? companyParty)),
    lines: parcelMoves(moves).map((move, index) => ({
      lineNo: index + 1,
      sku: skuOf(move),
      name: move['product.']?.name?.trim() || skuOf(move),
      barcode: barcodeOf(move),
      quantity: move.quantity,
    })),
    carrier,
    trackingNumber: status === 'shipped' ? (tracking[0]?.trackingNumber ?? shipment.reference ?? null) : null,
    shipments:
      status === 'shipped'
        ? tracking.map(({ packageId, trackingNumber }) => ({
            id: `stock.package,${packageId}`,
            trackingNumber,
            carrier: carrier ?? '',
            shippedAt,
          }))
        : [],
  };
  return toOrder(api);
}

/** Mobile first: couriers text the receiver. */
function phoneOf(party: { phone?: string | null | undefined; mobile?: string | null | undefined } | null | undefined) {
  return party?.mobile?.trim() || party?.phone?.trim() || '';
}

function toApiAddress(address: Address, name: string | null | undefined, phone: string): ApiOrder['receiver'] {
  // Tryton's street is multi-line text; the building name is a separate field.
  const street = [address?.name, ...(address?.street ?? '').split(/\r?\n/)]
    .map((part) => part?.trim() ?? '')
    .filter(Boolean)
    .join(' ');
  return {
    name: name?.trim() ?? '',
    phone,
    country: address?.['country.']?.code?.trim().toUpperCase() ?? '',
    province: address?.['subdivision.']?.name?.trim() || undefined,
    city: address?.city?.trim() ?? '',
    address: street,
    postcode: address?.postal_code?.trim() || undefined,
  };
}
