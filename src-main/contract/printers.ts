import { z } from 'zod';

/** A printer URI as typed in settings: `file:DIR`, `tcp://HOST[:PORT]`, `usb:/dev/usb/lpN`, `spooler:NAME`. */
const printerUri = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .regex(/^(file:|tcp:\/\/|usb:|spooler:)\S+$/, 'a printer URI starts with file:, tcp://, usb: or spooler:');
const profileName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/)
  .max(64);

/** One configured printer: where it is and which model profile it speaks (none for the file printer). */
export const printerSlotSchema = z.object({ uri: printerUri, profile: profileName.nullable().default(null) }).strict();

/** A printer model the station knows. */
export const printerProfileViewSchema = z.object({
  name: z.string(),
  model: z.string(),
  language: z.string(),
  dpi: z.number().int(),
  statusSupport: z.boolean(),
});

/** The printer settings screen: the station's primary and backup printer and the known profiles. */
export const printerSettingsSchema = z.object({
  primary: z.object({ uri: z.string(), profile: z.string().nullable() }),
  backup: z.object({ uri: z.string(), profile: z.string().nullable() }).nullable(),
  profiles: z.array(printerProfileViewSchema),
  /** True when the command line chose the primary printer (it wins over the saved one). */
  overridden: z.boolean(),
});

/** What a printer reported when last asked. */
export const printerStatusViewSchema = z.object({
  uri: z.string(),
  state: z.enum(['ready', 'not-ready', 'unreachable', 'no-answer', 'unsupported']),
  /** `paper-out`, `head-open`, `offline`, ... when not ready. */
  condition: z.string().nullable(),
  message: z.string(),
  checkedAt: z.string(),
});

/** Live status of both printers; also the payload of `printers:changed`. */
export const printersStatusSchema = z.object({
  primary: printerStatusViewSchema,
  backup: printerStatusViewSchema.nullable(),
});

export const printerTargetSchema = z.enum(['primary', 'backup']);

/** How a test label ended. */
export const testPrintResultSchema = z.object({
  state: z.enum(['sent', 'confirmed', 'unknown', 'failed']),
  detail: z.string(),
  condition: z.string().nullable(),
});

export type PrinterSettingsView = z.infer<typeof printerSettingsSchema>;
export type PrintersStatus = z.infer<typeof printersStatusSchema>;
export type PrinterStatusView = z.infer<typeof printerStatusViewSchema>;
