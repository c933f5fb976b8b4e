import { z } from 'zod';
import { packStateSchema, queueStatusSchema } from './schemas';
import { poolLowSchema } from './queue-schemas';
import { printersStatusSchema } from './printers';

/** Every event the core pushes to the renderer, declared once with its payload schema. */
export const events = {
  'pack:changed': packStateSchema,
  'queue:changed': queueStatusSchema,
  'orders:changed': z.object({ count: z.number().int() }),
  /** A carrier's offline tracking numbers ran down to the low-water mark. */
  'pool:low': poolLowSchema,
  /** A printer's status changed (paper out, back on line, ...). */
  'printers:changed': printersStatusSchema,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.infer<Events[N]>;

/** True when `name` is a declared event. */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
