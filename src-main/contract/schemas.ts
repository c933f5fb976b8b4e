import { z } from 'zod';

/**
 * Payload schemas shared by commands and events. The renderer imports these (through contract/index) to type what
 * it shows; nothing here may import anything but zod.
 */

export const addressViewSchema = z.object({
  name: z.string(),
  phone: z.string(),
  country: z.string(),
  province: z.string().optional(),
  city: z.string(),
  district: z.string().optional(),
  address: z.string(),
});

export const packLineSchema = z.object({
  lineNo: z.number().int(),
  sku: z.string(),
  name: z.string(),
  barcode: z.string(),
  quantity: z.number().int(),
  scanned: z.number().int(),
});
export type PackLine = z.infer<typeof packLineSchema>;

/** Codes of the refusals and failures a packer can see. The renderer translates them; params fill the text. */
export const packErrorCodeSchema = z.enum([
  'order-not-found',
  'order-cancelled',
  'order-changed',
  'order-already-shipped',
  'order-invalid',
  'wrong-item',
  'over-scan',
  'print-failed',
  'not-ready-to-confirm',
  'confirm-first',
  'nothing-to-reprint',
  'ime-active',
  'unknown-command',
  'internal',
  'printer-not-ready',
  'print-unknown',
  'nothing-to-retry',
  'no-backup-printer',
  'order-claimed',
  'disk-full',
]);
export type PackErrorCode = z.infer<typeof packErrorCodeSchema>;

export const packErrorSchema = z.object({
  code: packErrorCodeSchema,
  /** English text for logs and the CLI; the UI uses code + params. */
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export type PackError = z.infer<typeof packErrorSchema>;

/**
 * The packing screen's whole state. `idle`: waiting for an order scan. `packing`: scanning items. `printed`:
 * the waybill is out and waits for the packer's confirm. After confirm the station is idle again and
 * `lastShipped` tells what just went out.
 */
export const packStateSchema = z.object({
  phase: z.enum(['idle', 'packing', 'printed']),
  order: z
    .object({
      orderNo: z.string(),
      version: z.number().int(),
      receiver: addressViewSchema,
      lines: z.array(packLineSchema),
      note: z.string().optional(),
    })
    .nullable(),
  /** Set while a refusal or failure waits to be acknowledged; the line stops until then. */
  error: packErrorSchema.nullable(),
  lastScan: z
    .object({ code: z.string(), verdict: z.enum(['accepted', 'refused', 'command']), at: z.string() })
    .nullable(),
  label: z
    .object({
      trackingNumber: z.string(),
      /** The 1-bit raster that went to the printer, as a PNG data URL: what the packer sees is what printed. */
      previewPng: z.string(),
      printer: z.string(),
      widthMm: z.number(),
      heightMm: z.number(),
    })
    .nullable(),
  lastShipped: z.object({ orderNo: z.string(), trackingNumber: z.string(), queued: z.boolean() }).nullable(),
  /**
   * The last print job did not surely print. `failed`: nothing was sent (printer off, out of paper, ...): the packer
   * may print it again or on `backup`. `unknown`: it may have printed: only an explicit reprint makes another copy.
   */
  printIssue: z
    .object({
      jobId: z.string(),
      state: z.enum(['failed', 'unknown']),
      condition: z.string().nullable(),
      message: z.string(),
      printer: z.string(),
      backup: z.string().nullable(),
    })
    .nullable()
    .optional(),
});
export type PackState = z.infer<typeof packStateSchema>;

export const queueStatusSchema = z.object({
  online: z.boolean(),
  depth: z.number().int(),
  oldestPendingAt: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  rejected: z.number().int(),
  conflict: z.number().int(),
  lastError: z.string().nullable(),
  /** True while uploads are paused because the ERP refused the station's credentials (see lastError). */
  paused: z.boolean().optional(),
  /** Minutes after which the oldest pending item raises the alert (a setting). */
  alertAfterMin: z.number().int().optional(),
  /** True when the oldest pending item is older than `alertAfterMin`. */
  stale: z.boolean().optional(),
  /** Carriers whose offline tracking numbers are at or below the low-water mark. */
  lowPools: z
    .array(z.object({ carrier: z.string(), remaining: z.number().int(), lowWater: z.number().int() }))
    .optional(),
});
export type QueueStatus = z.infer<typeof queueStatusSchema>;

export const orderSummarySchema = z.object({
  orderNo: z.string(),
  status: z.enum(['pending', 'claimed', 'shipped', 'cancelled']),
  receiverName: z.string(),
  city: z.string(),
  units: z.number().int(),
  trackingNumber: z.string().nullable(),
  issues: z.array(z.string()),
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;

export const stationInfoSchema = z.object({
  version: z.string(),
  stationId: z.string(),
  erp: z.object({ kind: z.enum(['demo', 'rest', 'tryton']), url: z.string() }),
  printer: z.string(),
  dataDir: z.string(),
});
export type StationInfo = z.infer<typeof stationInfoSchema>;
