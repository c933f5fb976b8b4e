import type { z } from 'zod';
import { commands, isCommandName, type CallResult, type RefusalCode } from '../contract';
import { silentLogger, type Logger } from '../platform';
import type { StationApi } from './station-api';
import { internalFailure } from './internal-failure';
import { StationError } from './station-error';

/** Optional parts of {@link dispatchCommand}. */
export interface DispatchOptions {
  /**
   * Where a failure that ends as `internal` is logged, with its stack and correlation id. Default: the station's
   * own logger (`api.logger`), else a silent one.
   */
  logger?: Logger | undefined;
  /** A fresh correlation id; default 10 random base64url characters. */
  newCorrelationId?: (() => string) | undefined;
}

const MAX_ISSUES_IN_MESSAGE = 5;

/**
 * Runs one command arriving from outside the core (Electron IPC, the web shell's WebSocket) with every check the
 * boundary owes: refuses names the contract does not declare (`unknown-command`), validates the input against the
 * command's zod schema (`invalid-input`, naming the offending field), calls the handler and validates its output
 * against the contract. It never throws. A {@link StationError} (a deliberate refusal with a declared code) crosses
 * as it is; anything else (a Node or SQLite error, a bug, an output that breaks the contract) is logged with its
 * stack as `{ err, correlationId, command }` and reaches the caller as `internal` with only that correlation id.
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
      { code: typeof name === 'string' ? name.slice(0, 64) : '' },
    );
  }
  const command = commands[name];
  const parsed = command.input.safeParse(input === undefined ? {} : input);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error.issues);
    return fail('invalid-input', `Invalid input for "${name}": ${issues}`, { command: name, issues });
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
    if (error instanceof StationError) {
      return { ok: false, error: { code: error.code, message: error.message, params: { ...error.params } } };
    }
    const refusal = internalFailure(
      error,
      options.logger ?? api.logger ?? silentLogger,
      { command: name },
      options.newCorrelationId,
    );
    const { correlationId } = refusal.params as { correlationId: string };
    return { ok: false, error: { code: 'internal', message: refusal.message, params: refusal.params, correlationId } };
  }
}

function fail(code: RefusalCode, message: string, params: Record<string, string | number> = {}): CallResult {
  return { ok: false, error: { code, message, params } };
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
