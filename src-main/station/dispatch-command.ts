import type { z } from 'zod';
import { commands, isCommandName, type CallResult, type CommandName, type WireError } from '../contract';
import type { StationApi } from './station-api';

/** Optional hooks for {@link dispatchCommand}. */
export interface DispatchOptions {
  /**
   * Called with the original exception whenever a call ends as `internal`, so the shell can log what the
   * renderer must not see (stack traces, file paths).
   */
  onInternalError?: (error: unknown, command: CommandName) => void;
}

const MAX_ISSUES_IN_MESSAGE = 5;

/**
 * Runs one command arriving from outside the core (Electron IPC, the web shell's WebSocket) with every check the
 * boundary owes: refuses names the contract does not declare (`unknown-command`), validates the input against the
 * command's zod schema (`invalid-input`, naming the offending field), calls the handler and validates its output
 * against the contract (`internal` if it does not match). It never throws: an error object carrying a string
 * `code` keeps its code and message (a deliberate, user-facing refusal); anything else becomes `internal` with a
 * message that reveals nothing about the process.
 *
 * An `undefined` input counts as `{}`, so commands without arguments may be called without one.
 */
export async function dispatchCommand(
  api: StationApi,
  name: unknown,
  input: unknown,
  options: DispatchOptions = {},
): Promise<CallResult> {
  if (!isCommandName(name)) {
    return fail(
      'unknown-command',
      `Unknown command ${describeName(name)}. Update the station or the screen so both speak the same version.`,
    );
  }
  const command = commands[name];
  const parsed = command.input.safeParse(input === undefined ? {} : input);
  if (!parsed.success) {
    return fail('invalid-input', `Invalid input for "${name}": ${describeIssues(parsed.error.issues)}`);
  }
  try {
    const handler = api.handlers[name] as unknown;
    if (typeof handler !== 'function') {
      throw new Error(`No handler registered for "${name}"`);
    }
    const output: unknown = await (handler as (input: unknown) => Promise<unknown>)(parsed.data);
    const checked = command.output.safeParse(output);
    if (!checked.success) {
      throw new Error(
        `Handler for "${name}" returned output that breaks the contract: ${describeIssues(checked.error.issues)}`,
      );
    }
    return { ok: true, output: checked.data };
  } catch (error: unknown) {
    const coded = codedError(error);
    if (coded) {
      return { ok: false, error: coded };
    }
    try {
      options.onInternalError?.(error, name);
    } catch {
      // A failing logger must not turn a handled failure into an escaping one.
    }
    return fail(
      'internal',
      `The station could not run "${name}". Try again; if it keeps failing, restart the station and check its log.`,
    );
  }
}

function fail(code: string, message: string): CallResult {
  return { ok: false, error: { code, message } };
}

function describeName(name: unknown): string {
  if (typeof name === 'string') {
    return JSON.stringify(name.length > 64 ? `${name.slice(0, 64)}…` : name);
  }
  return `(a ${name === null ? 'null' : typeof name} instead of a name)`;
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, MAX_ISSUES_IN_MESSAGE).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(input)';
    return `${path}: ${issue.message}`;
  });
  const more = issues.length > MAX_ISSUES_IN_MESSAGE ? ` (+${issues.length - MAX_ISSUES_IN_MESSAGE} more)` : '';
  return shown.join('; ') + more;
}

/** An error deliberately raised with a stable `code` (e.g. a domain refusal) crosses the boundary as it is. */
function codedError(error: unknown): WireError | null {
  if (typeof error !== 'object' || error === null) {
    return null;
  }
  try {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code !== 'string' || code.length === 0) {
      return null;
    }
    return { code, message: typeof message === 'string' ? message : code };
  } catch {
    // A hostile getter on the thrown value: treat it as an unknown failure.
    return null;
  }
}
