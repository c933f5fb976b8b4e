import { z } from 'zod';
import { wireErrorSchema, type WireError } from './wire';

/**
 * The answer to one command call, the same on every transport: Electron IPC resolves `dockside:invoke` with it, and
 * the web shell's WebSocket sends it inside a `result` message. `output` is the command's output (validated by the
 * core against the contract); `error` is a refusal with a stable code and a message safe to show.
 *
 * Generic over the error so the error model can grow (parameters, a correlation id) without touching the envelope.
 */
export type CallResult<Error = WireError> = { ok: true; output: unknown } | { ok: false; error: Error };

/** Checks that something arriving from a transport is a {@link CallResult} before a client reads it. */
export const callResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), output: z.unknown() }),
  z.object({ ok: z.literal(false), error: wireErrorSchema }),
]) satisfies z.ZodType<CallResult>;

/**
 * What the Electron preload exposes to the renderer as `window.dockside`: these two functions and nothing else (SEC-03,
 * docs/requirements.md). `invoke` resolves with the {@link CallResult} of one command; `subscribe` calls back with each
 * payload of the named event (never with Electron's event object) and returns the function that stops it.
 */
export interface DocksideBridge {
  invoke(name: string, input: unknown): Promise<CallResult>;
  subscribe(name: string, callback: (payload: unknown) => void): () => void;
}
