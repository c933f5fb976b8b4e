import { z } from 'zod';
import { refusalCodeSchema, refusalParamsSchema } from './refusals';

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

/**
 * Codes of the refusals and failures a packer can see on the packing screen: every refusal code (contract/refusals),
 * since any use case may end in the station's own problems (disk full, internal). The renderer translates them.
 */
export const packErrorCodeSchema = refusalCodeSchema;
export type PackErrorCode = z.infer<typeof packErrorCodeSchema>;

export const packErrorSchema = z.object({
  code: packErrorCodeSchema,
  /** English text for logs and the CLI; the UI uses code + params. */
  message: z.string(),
  params: refusalParamsSchema.default({}),
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
  /**
   * The quantity prompt of a line of many units: its item was scanned once, the packer types how many go in and
   * confirms by scanning the item again (or Enter). `count` is what was typed so far.
   */
  quantityPrompt: z
    .object({
      lineNo: z.number().int(),
      sku: z.string(),
      name: z.string(),
      barcode: z.string(),
      required: z.number().int(),
      scanned: z.number().int(),
      count: z.number().int().nullable(),
    })
    .nullable()
    .optional(),
  /** The open order's waybill was printed in a batch beforehand: packing it prints no second label. */
  preprinted: z.object({ trackingNumber: z.string(), jobId: z.string() }).nullable().optional(),
  /** The last explicit reprint of the parcel shipped last (after confirm): its copy's print job. */
  lastReprint: z
    .object({ orderNo: z.string(), trackingNumber: z.string(), jobId: z.string(), at: z.string() })
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
  /** The name a supervisor gave the station (the header shows it); null until one is set. */
  name: z.string().nullable().optional(),
});
export type StationInfo = z.infer<typeof stationInfoSchema>;
