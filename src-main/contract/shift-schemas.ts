import { z } from 'zod';

/**
 * Schemas of a shift's supervisor tools: the Orders screen (search, history, labels), batch printing of waybills
 * (批量打单), the quantity prompt and the station's own settings (its name).
 */

/**
 * Where an order stands on the Orders screen: `pending` (to pack), `attention` (kept aside by intake), `packing`
 * (opened at a bench), `printed` (waybill out, parcel not confirmed: a batch-printed order), `shipped`, `cancelled`.
 */
export const orderStandingSchema = z.enum(['pending', 'attention', 'packing', 'printed', 'shipped', 'cancelled']);
export type OrderStandingView = z.infer<typeof orderStandingSchema>;

export const ordersSearchInputSchema = z
  .object({
    /** Order number (or its start), tracking number, the phone's last 4 digits, or the receiver name's start. */
    query: z.string().trim().max(100).default(''),
    status: orderStandingSchema.nullable().default(null),
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

/** One order on the list. The phone is masked: nobody browsing the list needs the number. */
export const orderRowSchema = z.object({
  orderNo: z.string(),
  status: orderStandingSchema,
  receiverName: z.string(),
  phoneMasked: z.string(),
  city: z.string(),
  units: z.number().int(),
  lines: z.number().int(),
  trackingNumber: z.string().nullable(),
  issues: z.number().int(),
  updatedAt: z.string(),
});
export type OrderRow = z.infer<typeof orderRowSchema>;

export const ordersSearchOutputSchema = z.object({
  total: z.number().int(),
  /** How many orders of each standing the query finds (all orders when the query is empty). */
  counts: z.record(orderStandingSchema, z.number().int()),
  items: z.array(orderRowSchema),
});

/** One print job of an order: the first label, a reprint, a copy on the backup printer, a batch label. */
export const orderPrintSchema = z.object({
  jobId: z.string(),
  trackingNumber: z.string(),
  printer: z.string(),
  /** The template version it was drawn with, `name@vN`. */
  template: z.string(),
  state: z.enum(['queued', 'sent', 'confirmed', 'unknown', 'failed']),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** The job this one is a copy of (a reprint, or a copy after a failure); null for the first label. */
  reprintOf: z.string().nullable(),
  requestedBy: z.string().nullable(),
  reason: z.string().nullable(),
  /** What the printer or transport said (English, for supervisors). */
  detail: z.string().nullable(),
  /** The batch that printed it, when one did. */
  batchId: z.string().nullable(),
});
export type OrderPrint = z.infer<typeof orderPrintSchema>;

export const orderDetailSchema = z.object({
  orderNo: z.string(),
  status: orderStandingSchema,
  version: z.number().int(),
  receiver: z.object({
    name: z.string(),
    phoneMasked: z.string(),
    country: z.string(),
    province: z.string().optional(),
    city: z.string(),
    district: z.string().optional(),
    address: z.string(),
  }),
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      sku: z.string(),
      name: z.string(),
      barcode: z.string(),
      quantity: z.number(),
    }),
  ),
  note: z.string().optional(),
  issues: z.array(z.object({ code: z.string(), field: z.string(), message: z.string() })),
  trackingNumber: z.string().nullable(),
  /** The parcel shipped from this station, when it was. */
  shipment: z
    .object({
      trackingNumber: z.string(),
      carrier: z.string(),
      weightKg: z.number().nullable(),
      shippedAt: z.string(),
      printJobId: z.string().nullable(),
      /** True while its write-back still waits in the outbox. */
      queued: z.boolean(),
    })
    .nullable(),
  /** Every print job of the order, oldest first. */
  prints: z.array(orderPrintSchema),
});
export type OrderDetail = z.infer<typeof orderDetailSchema>;

export const orderLabelSchema = z.object({
  jobId: z.string(),
  trackingNumber: z.string(),
  template: z.string(),
  /** The 1-bit raster as a PNG data URL, drawn again from the stored order and the job's template version. */
  png: z.string(),
  widthMm: z.number(),
  heightMm: z.number(),
  dpi: z.number().int(),
});

/** How a batch of waybills is getting on; also the `batch:changed` event. */
export const batchProgressSchema = z.object({
  batchId: z.string(),
  state: z.enum(['running', 'done', 'stopped']),
  requestedBy: z.string(),
  total: z.number().int(),
  done: z.number().int(),
  printed: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  /** The order being printed now. */
  current: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  items: z.array(
    z.object({
      orderNo: z.string(),
      outcome: z.enum(['pending', 'printed', 'skipped', 'failed']),
      /**
       * Skipped: already-printed, shipped, cancelled, attention, packing, not-found, duplicate. Failed: the refusal
       * code (printer-not-ready, print-unknown, order-claimed, …). Pending after a stop: stopped.
       */
      reason: z.string().nullable(),
      trackingNumber: z.string().nullable(),
      jobId: z.string().nullable(),
    }),
  ),
});
export type BatchProgress = z.infer<typeof batchProgressSchema>;

export const printBatchInputSchema = z
  .object({
    orderNos: z.array(z.string().trim().min(1).max(64)).min(1).max(200),
    requestedBy: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

/** The quantity prompt's actions: `set` the typed count, `apply` it (Enter), `cancel` (scan one at a time). */
export const packQuantityInputSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('set'), count: z.number().int().min(0).max(100_000).nullable() }).strict(),
  z.object({ action: z.literal('apply'), count: z.number().int().min(0).max(100_000) }).strict(),
  z.object({ action: z.literal('cancel') }).strict(),
]);

/** A station name: 1–40 characters after trimming, no control characters. */
export const stationNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'no control characters');

export const stationSettingsSchema = z.object({
  name: z.string().nullable(),
  /** Lines of `quantityPromptMinUnits` or more units open the quantity prompt at their first scan. */
  quantityPrompt: z.boolean(),
  quantityPromptMinUnits: z.number().int(),
});
export type StationSettings = z.infer<typeof stationSettingsSchema>;

export const stationSettingsInputSchema = z
  .object({ name: stationNameSchema.optional(), quantityPrompt: z.boolean().optional() })
  .strict();
