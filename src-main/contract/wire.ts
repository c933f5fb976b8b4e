import { z } from 'zod';
import type { CallResult } from './bridge';

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

/** A failure as it crosses the boundary: a stable code and a message safe to show. */
export const wireErrorSchema = z.object({ code: z.string(), message: z.string() });
export type WireError = z.infer<typeof wireErrorSchema>;

/** Core → renderer on the WebSocket: the result of call `id` (the shared envelope), or a contract event. */
export type ServerMessage =
  ({ type: 'result'; id: number } & CallResult) | { type: 'event'; name: string; payload: unknown };
