import { ErpError } from '../connector';
import type { TrytonTarget } from './tryton-url';
import { describeFetchError } from '../fetch-error';

/** Options of {@link createTrytonClient}. */
export interface TrytonClientOptions {
  target: TrytonTarget;
  fetch?: typeof fetch | undefined;
  /** Per call, covering connect, headers and body. Default 10 000. */
  timeoutMs?: number | undefined;
  /** Language of Tryton's messages. Default `en`. */
  language?: string | undefined;
}

/** A Tryton `UserWarning`: a question the GUI asks ("continue anyway?") before a button goes on. */
export class TrytonWarning extends ErpError {
  constructor(
    readonly warningName: string,
    message: string,
  ) {
    super('rejected', message);
    this.name = 'TrytonWarning';
  }
}

/** JSON-RPC access to one Tryton database as one user. */
export interface TrytonClient {
  /**
   * Calls `model.<model>.<method>` with `args` followed by the user's context (company, language), logging in
   * first and again once when the session has expired. Every failure is an {@link ErpError}; a Tryton warning is a
   * {@link TrytonWarning}.
   */
  model<T = unknown>(model: string, method: string, ...args: unknown[]): Promise<T>;
  /**
   * Calls a button (`pick`, `pack`, `done`, …) on records, accepting Tryton's warnings the way a person clicking
   * "Yes" does (a `res.user.warning` record, then the button again), at most `maxWarnings` times.
   */
  button(model: string, method: string, ids: number[], maxWarnings?: number): Promise<unknown>;
  /** The logged-in user's id. */
  userId(): Promise<number>;
}

/** Default per-call timeout of the Tryton connector. */
export const TRYTON_TIMEOUT_MS = 10_000;

interface Session {
  userId: number;
  authorization: string;
  context: Record<string, unknown>;
}

/** Builds the JSON-RPC client of the Tryton connector. */
export function createTrytonClient(options: TrytonClientOptions): TrytonClient {
  const { target } = options;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? TRYTON_TIMEOUT_MS;
  const language = options.language ?? 'en';
  // Messages name the server and database, never the password (not even when a server echoes it back).
  const scrub = (text: string): string => text.split(target.password).join('***');
  let nextId = 1;
  let session: Promise<Session> | null = null;

  /** One POST to the database endpoint; returns the `result` or throws an ErpError. */
  async function post(method: string, params: unknown[], authorization?: string): Promise<unknown> {
    const what = `Tryton ${target.display} ${method}`;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (authorization) headers.authorization = authorization;
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(target.endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify({ id: nextId++, method, params }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new ErpError('network', scrub(`${what} failed: ${describeFetchError(error, timeoutMs)}`));
    }
    if (response.status === 401) {
      throw new ErpError('auth', `${what}: Tryton refused user ${JSON.stringify(target.login)} (401)`, 401);
    }
    if (response.status === 403) {
      throw new ErpError('auth', `${what}: not allowed for user ${JSON.stringify(target.login)} (403)`, 403);
    }
    if (response.status === 429) {
      throw new ErpError('rate-limited', `${what}: too many requests (429); Tryton throttles failed logins`, 429);
    }
    if (response.status >= 500) {
      throw new ErpError('server', scrub(`${what} answered ${response.status}`), response.status);
    }
    if (response.status !== 200) {
      throw new ErpError(
        'server',
        `${what} answered ${response.status}; is ${target.display} a Tryton server?`,
        response.status,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ErpError('server', `${what} answered with a body that is not JSON; is this a Tryton server?`, 200);
    }
    if (typeof body !== 'object' || body === null || (!('result' in body) && !('error' in body))) {
      throw new ErpError('server', `${what} answered JSON that is not a JSON-RPC reply`, 200);
    }
    if ('error' in body && body.error != null) throw faultToError(what, body.error, scrub);
    return (body as { result: unknown }).result;
  }

  async function login(): Promise<Session> {
    let result: unknown;
    try {
      result = await post('common.db.login', [target.login, { password: target.password }, language]);
    } catch (error) {
      if (error instanceof ErpError && error.kind === 'auth' && error.status === 401) {
        throw new ErpError(
          'auth',
          `Tryton ${target.display} refused the login of user ${JSON.stringify(target.login)}; check the user and password in the ERP URL`,
          401,
        );
      }
      throw error;
    }
    if (!Array.isArray(result) || typeof result[0] !== 'number' || typeof result[1] !== 'string') {
      throw new ErpError('server', `Tryton ${target.display} answered the login with an unexpected value`);
    }
    const [userId, key] = result as [number, string];
    const authorization = `Session ${Buffer.from(`${target.login}:${userId}:${key}`).toString('base64')}`;
    const preferences = await post('model.res.user.get_preferences', [true, {}], authorization);
    if (typeof preferences !== 'object' || preferences === null) {
      throw new ErpError('server', `Tryton ${target.display} answered the user preferences with an unexpected value`);
    }
    // The context (company, language) goes with every call; record rules filter by company.
    const context: Record<string, unknown> = {};
    for (const [key2, value] of Object.entries(preferences)) {
      if (!key2.includes('.')) context[key2] = value;
    }
    return { userId, authorization, context };
  }

  function currentSession(): Promise<Session> {
    if (!session) {
      session = login();
      // A failed login is not cached: the next call tries again.
      session.catch(() => {
        session = null;
      });
    }
    return session;
  }

  async function model<T>(modelName: string, method: string, ...args: unknown[]): Promise<T> {
    const rpc = `model.${modelName}.${method}`;
    for (let attempt = 0; ; attempt++) {
      const active = await currentSession();
      try {
        return (await post(rpc, [...args, active.context], active.authorization)) as T;
      } catch (error) {
        // An expired session answers 401: log in again once.
        if (attempt === 0 && error instanceof ErpError && error.kind === 'auth' && error.status === 401) {
          if (session) session = null;
          continue;
        }
        throw error;
      }
    }
  }

  return {
    model,
    async button(modelName, method, ids, maxWarnings = 5) {
      for (let round = 0; ; round++) {
        try {
          return await model(modelName, method, ids);
        } catch (error) {
          if (!(error instanceof TrytonWarning) || round >= maxWarnings) throw error;
          const { userId } = await currentSession();
          await model('res.user.warning', 'create', [{ user: userId, name: error.warningName, always: false }]);
        }
      }
    },
    async userId() {
      return (await currentSession()).userId;
    },
  };
}

/**
 * Maps a JSON-RPC `error` of Tryton 6.0 to an ErpError: `["UserError", [message, description, domain]]` →
 * `rejected`, `["UserWarning", [name, message, description]]` → {@link TrytonWarning},
 * `["ConcurrencyException", message]` → `conflict`, `["LoginException", …]` → `auth`, a missing database → `auth`
 * (the URL is wrong), anything else (`[str(exception), traceback]`) → `server`.
 */
export function faultToError(what: string, fault: unknown, scrub: (text: string) => string = (t) => t): ErpError {
  const [type, args] = Array.isArray(fault) ? (fault as unknown[]) : [fault, undefined];
  const list = Array.isArray(args) ? (args as unknown[]) : [args];
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  switch (type) {
    case 'UserError': {
      const message = [text(list[0]), text(list[1])].filter(Boolean).join(' ');
      return new ErpError('rejected', scrub(`${what}: Tryton refused: ${message || 'no message'}`));
    }
    case 'UserWarning': {
      const name = text(list[0]);
      return new TrytonWarning(name, scrub(`${what}: Tryton asks to confirm: ${text(list[1]) || name}`));
    }
    case 'ConcurrencyException':
      return new ErpError(
        'conflict',
        scrub(`${what}: the record changed in Tryton meanwhile: ${text(list[0]) || 'concurrent change'}`),
      );
    case 'LoginException':
      return new ErpError('auth', `${what}: Tryton asks for more login information (${text(list[0])})`);
    default: {
      const message = text(type);
      if (/^Database '.*' doesn't exist!?$/.test(message)) {
        // The server's message names its file path; the person needs the database name from the URL.
        return new ErpError('auth', `${what}: Tryton has no such database; check the database name in the ERP URL`);
      }
      // A Python exception's text; its traceback stays on the server.
      const firstLine = message.split('\n')[0]?.slice(0, 300) ?? '';
      return new ErpError('server', scrub(`${what}: Tryton failed: ${firstLine || 'unknown error'}`));
    }
  }
}
