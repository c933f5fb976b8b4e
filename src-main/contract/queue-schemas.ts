import { z } from 'zod';

/** The states a supervisor can list outbox items by. */
export const outboxStateSchema = z.enum(['pending', 'rejected', 'conflict', 'acked', 'discarded']);
export type OutboxStateName = z.infer<typeof outboxStateSchema>;

/** What the ERP's refusal of a parked item is about (see station/parked-item-advice.ts). */
export const parkedReasonSchema = z.enum([
  'order-cancelled',
  'order-shipped',
  'order-changed',
  'order-claimed',
  'order-unknown',
  'shipment-missing',
  'tracking-mismatch',
  'already-handed-over',
  'not-supported',
  'invalid',
  'other',
]);
export type ParkedReason = z.infer<typeof parkedReasonSchema>;

/**
 * Why a rejected or conflict item waits for a supervisor, for the screen to say in the supervisor's language:
 * the reason, whether sending it again unchanged can help, and the ERP's own words (a detail, never the headline).
 */
export const parkedAdviceSchema = z.object({
  reason: parkedReasonSchema,
  retryCanHelp: z.boolean(),
  detail: z.string().nullable(),
});
export type ParkedAdvice = z.infer<typeof parkedAdviceSchema>;

/** One outbox item as a list row. */
export const outboxItemSchema = z.object({
  id: z.number().int(),
  orderNo: z.string(),
  kind: z.string(),
  state: outboxStateSchema,
  idempotencyKey: z.string(),
  attempts: z.number().int(),
  createdAt: z.string(),
  nextAttemptAt: z.string(),
  closedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  /** Set for rejected and conflict items (and discarded ones that were): what happened, whether a retry can help. */
  advice: parkedAdviceSchema.nullable().optional(),
});
export type OutboxItemView = z.infer<typeof outboxItemSchema>;

/** One audited supervisor action on an item. */
export const outboxAuditSchema = z.object({
  action: z.enum(['retry', 'edit-retry', 'discard']),
  actor: z.string(),
  at: z.string(),
  reason: z.string().nullable(),
  previousState: z.string(),
  previousError: z.string().nullable(),
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
});

/** An item's drill-down: the row, what it carries, the ERP's receipt or the discard reason, and its audit trail. */
export const outboxItemDetailSchema = outboxItemSchema.extend({
  payload: z.unknown(),
  response: z.unknown(),
  discardReason: z.string().nullable(),
  audit: z.array(outboxAuditSchema),
});
export type OutboxItemDetail = z.infer<typeof outboxItemDetailSchema>;

/** Who acts: a supervisor's name (there are no station logins; the name is recorded in the audit). */
const actor = z.string().trim().min(1).max(100);
const note = z.string().trim().max(500);

export const queueListInputSchema = z
  .object({
    state: outboxStateSchema,
    limit: z.number().int().min(1).max(500).default(50),
    offset: z.number().int().min(0).default(0),
  })
  .strict();

export const queueActionInputSchema = z
  .object({ id: z.number().int().positive(), by: actor, reason: note.optional() })
  .strict();

/** The write-back fields a supervisor may correct before retrying (the rest is what was packed and stays). */
export const shipmentEditSchema = z
  .object({
    trackingNumber: z.string().trim().min(1).max(64).optional(),
    carrier: z.string().trim().min(1).max(64).optional(),
    weightKg: z.number().nonnegative().max(10_000).optional(),
    orderVersion: z.number().int().nonnegative().optional(),
  })
  .strict()
  .refine((edit) => Object.keys(edit).length > 0, 'change at least one field');

export const queueEditInputSchema = z
  .object({ id: z.number().int().positive(), by: actor, reason: note.optional(), changes: shipmentEditSchema })
  .strict();

export const queueDiscardInputSchema = z
  .object({ id: z.number().int().positive(), by: actor, reason: note.min(1, 'say why it is discarded') })
  .strict();

/** Queue settings: alert threshold for the oldest pending item, archive retention, pool low-water mark. */
export const queueSettingsSchema = z.object({
  alertAfterMin: z.number().int().min(1).max(10_080),
  retentionDays: z.number().int().min(1).max(3650),
  lowWater: z.number().int().min(0).max(1_000_000),
});
export type QueueSettings = z.infer<typeof queueSettingsSchema>;

export const numberSchemeSchema = z.enum(['sscc', 'upu-s10', 'ups-1z']);

/** Numbers left for one carrier. */
export const poolSummarySchema = z.object({
  carrier: z.string(),
  scheme: z.enum(['sscc', 'upu-s10', 'ups-1z', 'station']),
  remaining: z.number().int(),
  ranges: z.number().int(),
});

export const numberRangeSchema = z.object({
  id: z.number().int(),
  carrier: z.string(),
  scheme: numberSchemeSchema,
  prefix: z.string(),
  suffix: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  nextSerial: z.number().int(),
  source: z.enum(['erp', 'supervisor']),
  addedBy: z.string(),
  addedAt: z.string(),
});

export const poolAddInputSchema = z
  .object({
    carrier: z.string().trim().min(1).max(64),
    scheme: numberSchemeSchema,
    prefix: z.string().trim().min(1).max(16),
    suffix: z.string().trim().max(2).default(''),
    from: z.number().int().nonnegative(),
    to: z.number().int().nonnegative(),
    by: actor,
    source: z.enum(['erp', 'supervisor']).default('supervisor'),
  })
  .strict();

/** A carrier whose pool is at or below the low-water mark. */
export const poolLowSchema = z.object({ carrier: z.string(), remaining: z.number().int(), lowWater: z.number().int() });
