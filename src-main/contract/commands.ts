import { z } from 'zod';
import { orderSummarySchema, packStateSchema, queueStatusSchema, stationInfoSchema } from './schemas';
import {
  numberRangeSchema,
  outboxItemDetailSchema,
  outboxItemSchema,
  poolAddInputSchema,
  poolSummarySchema,
  queueActionInputSchema,
  queueDiscardInputSchema,
  queueEditInputSchema,
  queueListInputSchema,
  queueSettingsSchema,
} from './queue-schemas';
import {
  printerSettingsSchema,
  printerSlotSchema,
  printersStatusSchema,
  printerTargetSchema,
  testPrintResultSchema,
} from './printers';
import { refusalCodeSchema, refusalParamsSchema } from './refusals';
import { commandBarcodesSchema, commandsSheetPdfSchema, sheetLanguageSchema } from './command-barcodes';
import {
  batchProgressSchema,
  orderDetailSchema,
  orderLabelSchema,
  ordersSearchInputSchema,
  ordersSearchOutputSchema,
  packQuantityInputSchema,
  printBatchInputSchema,
  stationSettingsInputSchema,
  stationSettingsSchema,
} from './shift-schemas';
import { uiSettingsInputSchema, uiSettingsSchema } from './ui-settings';

const empty = z.object({}).strict();

const erpTypeSchema = z.enum(['demo', 'rest', 'tryton']);

/** ERP settings as the settings screen shows them: credentials redacted or null when none is saved. */
const erpSettingsViewSchema = z.object({
  type: erpTypeSchema,
  url: z.string(),
  database: z.string(),
  user: z.string(),
  keyId: z.string(),
  apiKey: z.string().nullable(),
  secret: z.string().nullable(),
  password: z.string().nullable(),
  /** The ERP this running station uses; saved settings apply on the next start. */
  active: z.object({ kind: z.string(), url: z.string() }),
  /** True when command-line options or environment variables override the saved settings. */
  overridden: z.boolean(),
});

const credential = z.string().max(1000).optional();
const erpSettingsInputSchema = z
  .object({
    type: erpTypeSchema,
    url: z.string().max(1000).default(''),
    database: z.string().max(200).default(''),
    user: z.string().max(200).default(''),
    keyId: z.string().max(200).default(''),
    apiKey: credential,
    secret: credential,
    password: credential,
  })
  .strict();

const attentionOrderSchema = z.object({
  orderNo: z.string(),
  status: z.string(),
  receiverName: z.string(),
  city: z.string(),
  pulledAt: z.string(),
  duplicateOf: z.string().nullable(),
  issues: z.array(z.object({ code: z.string(), field: z.string(), message: z.string() })),
});

// ---- label templates (templates:*) ----
const templateName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/)
  .max(64);
const templateRefSchema = z.object({ name: z.string(), version: z.number().int() });
/** A label template as JSON (sizes in mm): loosely typed here, validated by the label engine in the station. */
const templateBodySchema = z.looseObject({
  name: z.string(),
  widthMm: z.number(),
  heightMm: z.number(),
  elements: z.array(z.looseObject({ type: z.string() })),
});
const templateSummarySchema = z.object({
  name: z.string(),
  version: z.number().int(),
  versions: z.number().int(),
  builtIn: z.boolean(),
  description: z.string().nullable(),
  widthMm: z.number(),
  heightMm: z.number(),
  savedAt: z.string().nullable(),
  note: z.string().nullable(),
  active: z.boolean(),
});
const templateWarningSchema = z.object({
  elementId: z.string().optional(),
  field: z.string().optional(),
  /** text-cut, text-below-minimum, lines-left-out, names-cut: translated by the screen with `params`. */
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The same in English (logs, the CLI). */
  message: z.string(),
});
/** One problem of the template check (see src-main/labels/template-check.ts). */
const templateProblemSchema = z.object({
  code: z.string(),
  blocking: z.boolean(),
  requiredField: z.string().optional(),
  elementId: z.string().optional(),
  orderNo: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
/** Whether a template may be used for packing, and why not. */
const templateCheckSchema = z.object({
  passes: z.boolean(),
  samples: z.number().int(),
  problems: z.array(templateProblemSchema),
});
const templateVersionInfoSchema = z.object({
  version: z.number().int(),
  builtIn: z.boolean(),
  savedAt: z.string().nullable(),
  note: z.string().nullable(),
  active: z.boolean(),
  passes: z.boolean(),
  blocking: z.number().int(),
});

/**
 * Every command the renderer (or any shell) may call, declared once: `feature:verb`, one object argument, zod
 * schemas for input and output. Shells validate input against these before a handler runs.
 */
export const commands = {
  'station:info': { input: empty, output: stationInfoSchema },
  'pack:state': { input: empty, output: packStateSchema },
  /** One scan from the scanner (or typed and entered): an order number, an item barcode or a command barcode. */
  'pack:scan': {
    input: z.object({ code: z.string().min(1).max(256) }).strict(),
    output: packStateSchema,
  },
  /** Confirms the printed parcel: the shipment is recorded and queued for the ERP. */
  'pack:confirm': { input: empty, output: packStateSchema },
  /** Drops the order being packed without shipping it. */
  'pack:cancel': { input: empty, output: packStateSchema },
  /** Acknowledges the refusal on screen so the line can go on. */
  'pack:acknowledge': { input: empty, output: packStateSchema },
  'orders:list': {
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(orderSummarySchema),
  },
  'queue:status': { input: empty, output: queueStatusSchema },
  /** Pulls pending orders and drains the outbox once; a call while a sync runs joins it. */
  'sync:now': {
    input: empty,
    output: z.object({
      pulled: z.number().int(),
      uploaded: z.number().int(),
      failed: z.number().int(),
      depth: z.number().int(),
    }),
  },
  /** Built-in and saved label templates (newest version each), the packing template, the bindable fields. */
  'templates:list': {
    input: empty,
    output: z.object({
      templates: z.array(templateSummarySchema),
      active: templateRefSchema,
      fields: z.array(z.string()),
    }),
  },
  /** One template version (the newest when `version` is omitted). */
  'templates:get': {
    input: z.object({ name: templateName, version: z.number().int().min(1).optional() }).strict(),
    output: templateRefSchema.extend({
      builtIn: z.boolean(),
      template: templateBodySchema,
      savedAt: z.string().nullable(),
      note: z.string().nullable(),
    }),
  },
  /** Saves a template as a new version of its name (never an overwrite); `name` renames it first. */
  'templates:save': {
    input: z
      .object({ template: z.unknown(), name: templateName.optional(), note: z.string().max(500).optional() })
      .strict(),
    output: templateRefSchema,
  },
  /** Renders an unsaved template with a local order (or the sample order): the 1-bit raster as a PNG data URL. */
  'templates:preview': {
    input: z
      .object({
        template: z.unknown(),
        orderNo: z.string().min(1).max(64).optional(),
        dpi: z.number().int().min(72).max(600).optional(),
      })
      .strict(),
    output: z.object({
      png: z.string(),
      widthMm: z.number(),
      heightMm: z.number(),
      widthDots: z.number().int(),
      heightDots: z.number().int(),
      dpi: z.number().int(),
      orderNo: z.string(),
      warnings: z.array(templateWarningSchema),
      check: templateCheckSchema,
    }),
  },
  /** Sets the template packing uses from the next opened order on (the newest version when none is given). */
  'templates:setActive': {
    input: z.object({ name: templateName, version: z.number().int().min(1).optional() }).strict(),
    output: templateRefSchema,
  },
  /** Checks an unsaved template with the sample order and the check orders (what `templates:setActive` requires). */
  'templates:check': {
    input: z.object({ template: z.unknown() }).strict(),
    output: templateCheckSchema,
  },
  /** Every version of a template, newest first, with whether it is active and whether it passes the check. */
  'templates:versions': {
    input: z.object({ name: templateName }).strict(),
    output: z.object({ name: z.string(), versions: z.array(templateVersionInfoSchema) }),
  },
  /** Saves an older version's body again as the newest version (the history stays; packing is not switched). */
  'templates:restore': {
    input: z
      .object({ name: templateName, version: z.number().int().min(1), note: z.string().max(500).optional() })
      .strict(),
    output: templateRefSchema,
  },
  /** A template version as a JSON file's text. */
  'templates:export': {
    input: z.object({ name: templateName, version: z.number().int().min(1).optional() }).strict(),
    output: z.object({ fileName: z.string(), json: z.string(), name: z.string(), version: z.number().int() }),
  },
  /** Validates a template file's text and saves it as a new version of its name. */
  'templates:import': {
    input: z.object({ json: z.string().min(2).max(2_000_000), note: z.string().max(500).optional() }).strict(),
    output: templateRefSchema,
  },
  // ---- ERP settings and order intake (erp:*, orders:attention) ----
  /** The saved ERP settings; credentials only redacted (`••••1234`), never in full. */
  'erp:getSettings': { input: empty, output: erpSettingsViewSchema },
  /** Saves ERP settings (they apply on the next start). Absent credential = keep the saved one, '' = remove it. */
  'erp:saveSettings': { input: erpSettingsInputSchema, output: erpSettingsViewSchema },
  /** Tries the given settings (credentials left out = the saved ones) with one small read from the ERP. */
  'erp:testConnection': {
    input: erpSettingsInputSchema,
    output: z.object({
      ok: z.boolean(),
      /** English, for logs and the CLI. */
      message: z.string(),
      ms: z.number().int().nonnegative(),
      /** Why the test failed, for the screen to say in the person's language. */
      refusal: z.object({ code: refusalCodeSchema, params: refusalParamsSchema }).optional(),
    }),
  },
  /** Orders intake kept aside ("needs attention"), each with its reasons; never printed until fixed in the ERP. */
  'orders:attention': {
    input: z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    output: z.object({ total: z.number().int(), orders: z.array(attentionOrderSchema) }),
  },
  // ---- After the shipment: courier handover, delivery status, fees (handover:*, tracking:*, fees:*) ----
  /** Hands shipped parcels to the courier (已揽收); all or none. The ERP learns of it through the outbox. */
  'handover:confirm': {
    input: z
      .object({
        carrier: z.string().trim().min(1).max(64).optional(),
        trackingNumbers: z.array(z.string().trim().min(1).max(64)).min(1).max(500),
      })
      .strict(),
    output: z.object({
      handoverId: z.string(),
      carrier: z.string(),
      parcels: z.number().int(),
      /** False when the ERP cannot take handovers: recorded at the station only. */
      toErp: z.boolean(),
    }),
  },
  /**
   * Checks one scanned parcel for the handover list: shipped here and not handed over yet. The code may be the
   * waybill's tracking number or the order number of a parcel shipped here (`matchedBy` says which).
   */
  'handover:check': {
    input: z.object({ trackingNumber: z.string().trim().min(1).max(64) }).strict(),
    output: z.object({
      trackingNumber: z.string(),
      orderNo: z.string(),
      carrier: z.string(),
      matchedBy: z.enum(['tracking', 'order']).optional(),
    }),
  },
  /** Parcels handed over since a time (default: the last 24 hours), newest first. */
  'handover:list': {
    input: z.object({ since: z.iso.datetime({ offset: true }).optional() }).strict(),
    output: z.array(
      z.object({
        handoverId: z.string(),
        carrier: z.string(),
        orderNo: z.string(),
        trackingNumber: z.string(),
        handedOverAt: z.string(),
        queued: z.boolean(),
      }),
    ),
  },
  /** Queues a parcel's delivery status for the ERP (any spelling the status table knows). */
  'tracking:report': {
    input: z
      .object({
        trackingNumber: z.string().trim().min(1).max(64),
        status: z.string().trim().min(1).max(64),
        at: z.string().max(40).optional(),
        detail: z.string().max(500).optional(),
      })
      .strict(),
    output: z.object({ status: z.string(), queued: z.boolean() }),
  },
  /** Queues a parcel's fee (freight, insurance, surcharge) for the ERP's reconciliation. */
  'fees:post': {
    input: z
      .object({
        trackingNumber: z.string().trim().min(1).max(64),
        amount: z.number().nonnegative().max(1_000_000),
        currency: z.string().trim().length(3).optional(),
        kind: z.enum(['freight', 'insurance', 'surcharge']).optional(),
      })
      .strict(),
    output: z.object({ queued: z.boolean() }),
  },
  // ---- outbox supervision and tracking-number pools (queue:*, pool:*) ----
  /** Outbox items in one state, with the count of every state. */
  'queue:list': {
    input: queueListInputSchema,
    output: z.object({ items: z.array(outboxItemSchema), counts: z.record(z.string(), z.number().int()) }),
  },
  /** One item's drill-down: payload, receipt or reason, audit trail. */
  'queue:item': { input: z.object({ id: z.number().int().positive() }).strict(), output: outboxItemDetailSchema },
  /** Sends a rejected or conflict item again as it is (audited). */
  'queue:retry': { input: queueActionInputSchema, output: outboxItemDetailSchema },
  /** Corrects a rejected or conflict item's write-back and sends it again, same idempotency key (audited). */
  'queue:editRetry': { input: queueEditInputSchema, output: outboxItemDetailSchema },
  /** Drops a rejected or conflict item with a reason; it stays in the archive and the audit. */
  'queue:discard': { input: queueDiscardInputSchema, output: outboxItemDetailSchema },
  /** Reads the queue settings, changing those given. */
  'queue:settings': { input: queueSettingsSchema.partial().strict(), output: queueSettingsSchema },
  /** Tracking numbers left per carrier, and every range. */
  'pool:list': {
    input: empty,
    output: z.object({ pools: z.array(poolSummarySchema), ranges: z.array(numberRangeSchema) }),
  },
  /** Adds a carrier's tracking-number range (refused with the field named when malformed or overlapping). */
  'pool:add': { input: poolAddInputSchema, output: numberRangeSchema },
  // ---- printers (printers:*) and the print paths of packing ----
  /** The primary and backup printer and the printer profiles this build knows. */
  'printers:list': { input: empty, output: printerSettingsSchema },
  /** Saves the printers (checked first: URI and profile must make a printer); packing uses them from the next job. */
  'printers:save': {
    input: z.object({ primary: printerSlotSchema, backup: printerSlotSchema.nullable().default(null) }).strict(),
    output: printerSettingsSchema,
  },
  /** Asks both printers for their status now. */
  'printers:status': { input: empty, output: printersStatusSchema },
  /** Prints the sample waybill on one printer (status first, once, never retried). */
  'printers:testPrint': { input: z.object({ target: printerTargetSchema }).strict(), output: testPrintResultSchema },
  /** Prints a label that failed with nothing sent again: on the primary printer (fixed) or on the backup. */
  'pack:retryPrint': { input: z.object({ target: printerTargetSchema }).strict(), output: packStateSchema },
  /** An explicit second copy of the printed label, recorded with who and why. */
  'pack:reprint': {
    input: z
      .object({ reason: z.string().trim().min(1).max(200), requestedBy: z.string().trim().min(1).max(100).optional() })
      .strict(),
    output: packStateSchema,
  },
  // ---- command barcodes (commands:*) ----
  /** Every command barcode (CONFIRM, REPRINT, CANCEL) with its names, what it does and its barcode as SVG. */
  'commands:list': { input: empty, output: commandBarcodesSchema },
  /** The printable A4 sheet of every command barcode, as a PDF. */
  'commands:sheetPdf': {
    input: z.object({ lang: sheetLanguageSchema.default('both') }).strict(),
    output: commandsSheetPdfSchema,
  },
  // ---- a shift: quantity entry, the Orders screen, batch printing, the station's name ----
  /** The quantity prompt of a line of many units: set the typed count, apply it (Enter), or cancel it. */
  'pack:quantity': { input: packQuantityInputSchema, output: packStateSchema },
  /** Local orders by order number, tracking number, the phone's last 4 digits or receiver name, with filters. */
  'orders:search': { input: ordersSearchInputSchema, output: ordersSearchOutputSchema },
  /** One order with its shipment history: the shipment and every print job. */
  'orders:detail': {
    input: z.object({ orderNo: z.string().trim().min(1).max(64) }).strict(),
    output: orderDetailSchema,
  },
  /** The label of one print job, drawn again from the stored order and the template version it printed with. */
  'orders:label': {
    input: z.object({ orderNo: z.string().trim().min(1).max(64), jobId: z.string().trim().min(1).max(64) }).strict(),
    output: orderLabelSchema,
  },
  /**
   * Prints the waybills of the given orders as one batch (批量打单), in the background: progress comes as
   * `batch:changed`. Orders whose label is out already are skipped and named: a second copy needs a reprint.
   */
  'print:batch': { input: printBatchInputSchema, output: batchProgressSchema },
  /** The newest batch and how it got on (null before the first). */
  'print:batchStatus': { input: empty, output: batchProgressSchema.nullable() },
  /** Reads the station's own settings (its name, the quantity prompt), changing those given. */
  'station:settings': { input: stationSettingsInputSchema, output: stationSettingsSchema },
  // ---- the station's screen settings (language, volume, scanner timing), kept by the station ----
  /** The screen settings the station keeps for every browser and window showing it. */
  'station:uiSettings': { input: empty, output: uiSettingsSchema },
  /** Saves the settings given (the others stay) and tells every open screen (`uiSettings:changed`). */
  'station:saveUiSettings': { input: uiSettingsInputSchema, output: uiSettingsSchema },
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = z.infer<Commands[N]['output']>;

/** True when `name` is a declared command: shells refuse anything else before looking further. */
export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}
