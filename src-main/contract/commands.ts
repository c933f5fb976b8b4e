import { z } from 'zod';
import { orderSummarySchema, packStateSchema, queueStatusSchema, stationInfoSchema } from './schemas';

const empty = z.object({}).strict();

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
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = z.infer<Commands[N]['output']>;

/** True when `name` is a declared command: shells refuse anything else before looking further. */
export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}
