import { z } from 'zod';

/**
 * Wire schemas of the generic ERP REST contract (docs/erp-api.yaml). The demo ERP serves these shapes and the REST
 * connector validates every response against them, so a malformed ERP reply is an error that names the field.
 */

const text = (max: number) => z.string().max(max);

export const apiAddressSchema = z.object({
  name: text(200),
  phone: text(40),
  company: text(200).optional(),
  country: z.string().regex(/^[A-Z]{2}$/, 'country must be an ISO 3166-1 alpha-2 code'),
  province: text(100).optional(),
  city: text(100),
  district: text(100).optional(),
  address: text(500),
  postcode: text(20).optional(),
});

export const apiOrderLineSchema = z.object({
  lineNo: z.number().int().positive(),
  sku: text(64).min(1),
  name: text(500),
  barcode: text(64),
  quantity: z.number().int().positive().max(100_000),
});

export const apiShipmentSchema = z.object({
  id: text(64),
  trackingNumber: text(64),
  carrier: text(64),
  shippedAt: z.string(),
  weightKg: z.number().nonnegative().optional(),
  fee: z.number().nonnegative().optional(),
});

/** Delivery statuses on the wire (the station's one mapping table, src-main/domain/status-mapping.ts). */
export const apiDeliveryStatusSchema = z.enum([
  'pending',
  'picked-up',
  'in-transit',
  'out-for-delivery',
  'delivered',
  'exception',
  'cancelled',
]);

export const apiOrderStatusSchema = z.enum(['pending', 'claimed', 'shipped', 'cancelled']);

/** An order as `GET /api/v1/orders/{orderNo}` returns it, and as `dockside label --order FILE.json` reads it. */
export const apiOrderSchema = z.object({
  orderNo: z.string().min(1).max(64),
  status: apiOrderStatusSchema,
  version: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
  receiver: apiAddressSchema,
  sender: apiAddressSchema,
  lines: z.array(apiOrderLineSchema).max(1000),
  carrier: text(64).optional(),
  weightKg: z.number().nonnegative().optional(),
  trackingNumber: text(64).nullable().optional(),
  shipments: z.array(apiShipmentSchema).default([]),
  note: text(1000).optional(),
  /** Where the parcel is, once shipped (from handovers and tracking events). */
  deliveryStatus: apiDeliveryStatusSchema.optional(),
  /** Fees recorded for the order's parcels. */
  fees: z
    .array(
      z.object({
        kind: z.string(),
        amount: z.number(),
        currency: z.string(),
        trackingNumber: z.string(),
        postedAt: z.string(),
      }),
    )
    .optional(),
});
export type ApiOrder = z.infer<typeof apiOrderSchema>;

/** One page of `GET /api/v1/orders`. `nextCursor` is null on the last page. */
export const apiOrderPageSchema = z.object({
  orders: z.array(apiOrderSchema),
  nextCursor: z.string().nullable(),
});
export type ApiOrderPage = z.infer<typeof apiOrderPageSchema>;

/** Body of `POST /api/v1/shipments`; the `Idempotency-Key` header travels beside it. */
export const apiShipmentRequestSchema = z.object({
  orderNo: z.string().min(1).max(64),
  trackingNumber: z.string().min(1).max(64),
  carrier: z.string().min(1).max(64),
  weightKg: z.number().nonnegative().optional(),
  fee: z.number().nonnegative().optional(),
  /** The order version the station packed against; the ERP answers 409 when the order changed since. */
  orderVersion: z.number().int().nonnegative().optional(),
  shippedAt: z.string(),
  lines: z.array(
    z.object({ lineNo: z.number().int().positive(), sku: z.string(), quantity: z.number().int().positive() }),
  ),
  stationId: z.string().max(100).optional(),
});
export type ApiShipmentRequest = z.infer<typeof apiShipmentRequestSchema>;

export const apiShipmentResponseSchema = z.object({
  shipment: apiShipmentSchema,
  orderNo: z.string(),
  status: apiOrderStatusSchema,
  /** True when this key had already created the shipment and the ERP replayed its first answer. */
  replayed: z.boolean(),
});
export type ApiShipmentResponse = z.infer<typeof apiShipmentResponseSchema>;

export const apiStockSchema = z.object({
  sku: z.string(),
  name: z.string(),
  barcode: z.string(),
  onHand: z.number().int(),
});
export type ApiStock = z.infer<typeof apiStockSchema>;

export const apiClaimResponseSchema = z.object({
  orderNo: z.string(),
  claimedBy: z.string(),
  leaseUntil: z.string(),
});

/** Error body of every non-2xx answer. */
export const apiErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** A non-empty string of at most `max` characters. */
const required = (max: number) => z.string().trim().min(1).max(max);

/** Body of `POST /api/v1/handovers`: parcels the courier took from the bench (已揽收). */
export const apiHandoverRequestSchema = z.object({
  handoverId: required(64),
  carrier: required(64),
  handedOverAt: z.iso.datetime({ offset: true }),
  stationId: required(100),
  parcels: z
    .array(z.object({ orderNo: required(64), trackingNumber: required(64) }))
    .min(1)
    .max(500),
});
export type ApiHandoverRequest = z.infer<typeof apiHandoverRequestSchema>;

/** Body of `POST /api/v1/tracking-events`: a parcel's delivery status as the carrier reported it. */
export const apiTrackingEventRequestSchema = z.object({
  orderNo: required(64),
  trackingNumber: required(64),
  status: apiDeliveryStatusSchema,
  at: z.iso.datetime({ offset: true }),
  detail: text(500).optional(),
});
export type ApiTrackingEventRequest = z.infer<typeof apiTrackingEventRequestSchema>;

/** Body of `POST /api/v1/fees`: a cost of one parcel (freight, insurance, surcharge) for reconciliation. */
export const apiFeeRequestSchema = z.object({
  orderNo: required(64),
  trackingNumber: required(64),
  kind: z.enum(['freight', 'insurance', 'surcharge']),
  amount: z.number().nonnegative().max(1_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY'),
  postedAt: z.iso.datetime({ offset: true }),
});
export type ApiFeeRequest = z.infer<typeof apiFeeRequestSchema>;

/** Answer of the three write-back endpoints above. */
export const apiWritebackResponseSchema = z.object({
  id: z.string(),
  /** True when this Idempotency-Key had already recorded it and the ERP replayed its first answer. */
  replayed: z.boolean(),
});
export type ApiWritebackResponse = z.infer<typeof apiWritebackResponseSchema>;
