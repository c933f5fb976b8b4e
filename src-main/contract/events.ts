import { z } from 'zod';
import { packStateSchema, queueStatusSchema, stationInfoSchema } from './schemas';
import { poolLowSchema } from './queue-schemas';
import { printersStatusSchema } from './printers';
import { batchProgressSchema } from './shift-schemas';
import { uiSettingsSchema } from './ui-settings';

/** Every event the core pushes to the renderer, declared once with its payload schema. */
export const events = {
  'pack:changed': packStateSchema,
  'queue:changed': queueStatusSchema,
  'orders:changed': z.object({ count: z.number().int() }),
  /** A carrier's offline tracking numbers ran down to the low-water mark. */
  'pool:low': poolLowSchema,
  /** A printer's status changed (paper out, back on line, ...). */
  'printers:changed': printersStatusSchema,
  /** A batch of waybills printed one more order, or ended. */
  'batch:changed': batchProgressSchema,
  /** The station's info changed (a supervisor renamed it). */
  'station:changed': stationInfoSchema,
  /** The station's screen settings changed (language, volume, scanner timing): every open screen applies them. */
  'uiSettings:changed': uiSettingsSchema,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.infer<Events[N]>;

/** True when `name` is a declared event. */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
