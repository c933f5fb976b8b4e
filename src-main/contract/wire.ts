import { z } from 'zod';

/**
 * Messages on the web shell's WebSocket. Electron IPC carries the same invoke/result pairs through ipcRenderer.
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

export type ServerMessage =
  | { type: 'result'; id: number; ok: true; output: unknown }
  | { type: 'result'; id: number; ok: false; error: WireError }
  | { type: 'event'; name: string; payload: unknown };
