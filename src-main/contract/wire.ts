import { z } from 'zod';
import type { CallResult } from './bridge';
import { refusalCodeSchema, refusalParamsSchema } from './refusals';

/**
 * Messages on the web shell's WebSocket. Electron IPC carries the same call and the same {@link CallResult} through
 * ipcRenderer (see bridge.ts).
 */
export const clientMessageSchema = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  name: z.string().max(64),
  input: z.unknown(),
});
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/**
 * A failure as it crosses the boundary: a declared refusal code (contract/refusals) with the parameters its
 * translation needs, and an English message for logs and the CLI (never shown in a Chinese screen). An `internal`
 * failure carries only the correlation id that the station's log line also carries; nothing of the failure itself.
 */
export const wireErrorSchema = z.object({
  code: refusalCodeSchema,
  message: z.string(),
  /** Absent means none. */
  params: refusalParamsSchema.optional(),
  /** Set for `internal`: quote it to find the log line with the stack. */
  correlationId: z.string().optional(),
});
export type WireError = z.infer<typeof wireErrorSchema>;

/** Core → renderer on the WebSocket: the result of call `id` (the shared envelope), or a contract event. */
export type ServerMessage =
  ({ type: 'result'; id: number } & CallResult) | { type: 'event'; name: string; payload: unknown };
