import {
  callResultSchema,
  commands,
  events,
  type CommandInput,
  type CommandName,
  type CommandOutput,
  type DocksideBridge,
  type EventName,
  type EventPayload,
  type ServerMessage,
  type WireError,
} from '../../src-main/contract';

/**
 * The only way the renderer reaches the core. Over Electron IPC when the preload exposed `window.dockside`,
 * otherwise over the web shell's WebSocket at `/ws`.
 */

/**
 * `open`: calls go through. `connecting`: first connect. `lost`: the socket dropped and we are retrying.
 * `refused`: the station is there but refuses this tab's token (it was rotated); retrying continues, so the tab
 * comes back by itself once the new link was opened in this browser (it sets the cookie for every tab).
 */
export type ConnectionState = 'connecting' | 'open' | 'lost' | 'refused';

/** What the station says about this tab's access: let in, refused (401), or no answer at all. */
export type AccessProbe = 'ok' | 'refused' | 'unreachable';

/**
 * A failed call: `code` is stable (a refusal code from the core, or `disconnected` / `connection-lost` /
 * `bad-output`), `params` fill its translation, `correlationId` names the station's log line of an `internal` one.
 * `message` is English, for the console; screens translate the code instead.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
  readonly correlationId: string | undefined;
  constructor(
    code: string,
    message: string,
    params: Readonly<Record<string, string | number>> = {},
    correlationId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.params = params;
    this.correlationId = correlationId;
  }
}

/** An ApiError from a wire error as the core sent it (or a thrown value that looks nothing like one). */
function apiErrorFrom(error: unknown): ApiError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Partial<WireError>;
  const params = typeof e.params === 'object' && e.params !== null ? e.params : {};
  return new ApiError(
    typeof e.code === 'string' ? e.code : 'internal',
    typeof e.message === 'string' ? e.message : String(error),
    params,
    typeof e.correlationId === 'string' ? e.correlationId : undefined,
  );
}

/** The typed client of the contract. */
export interface Api {
  /** Which transport was picked. */
  readonly transport: 'ipc' | 'ws';
  invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>>;
  on<N extends EventName>(name: N, cb: (payload: EventPayload<N>) => void): () => void;
  /** Current connection state. */
  connection(): ConnectionState;
  /** Called on every connection state change; `reconnected` is true when a dropped socket came back. */
  onConnection(cb: (state: ConnectionState, reconnected: boolean) => void): () => void;
  /** Closes the socket for good (tests, page unload). */
  close(): void;
}

/** Minimal WebSocket surface the client uses (the browser's WebSocket satisfies it). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

/** Everything `createApi` takes from the page; injectable for tests. */
export interface ApiEnvironment {
  bridge?: DocksideBridge | undefined;
  location: { protocol: string; host: string; search: string; pathname: string; hash: string };
  history?: { replaceState(data: unknown, unused: string, url?: string): void } | undefined;
  sessionStorage?:
    | { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem?(key: string): void }
    | undefined;
  createSocket: (url: string) => SocketLike;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  random?: () => number;
  /**
   * Asks the web shell's `/session` (with the same token as the socket) whether this tab is let in. A browser hides
   * why a WebSocket upgrade failed, so this is how a 401 is told from a station that is not there. Without it, a
   * refusal looks like a lost connection.
   */
  probe?: ((url: string) => Promise<AccessProbe>) | undefined;
}

/** Where the web shell's token is kept for the tab's lifetime. */
export const TOKEN_STORAGE_KEY = 'dockside.token';

const SOCKET_OPEN = 1;
const BACKOFF_MIN_MS = 500;
const BACKOFF_MAX_MS = 10_000;
/** How often a refused tab checks whether the new link was opened (in this or another tab of the browser). */
const REFUSED_RETRY_MS = 3_000;

/**
 * Moves `?token=…` from the address bar into sessionStorage (so it is not left in history or shared by copying
 * the URL) and returns the stored token, if any.
 */
export function captureToken(env: Pick<ApiEnvironment, 'location' | 'history' | 'sessionStorage'>): string | null {
  const params = new URLSearchParams(env.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    env.sessionStorage?.setItem(TOKEN_STORAGE_KEY, fromUrl);
    params.delete('token');
    const rest = params.toString();
    env.history?.replaceState(null, '', `${env.location.pathname}${rest ? `?${rest}` : ''}${env.location.hash}`);
  }
  return env.sessionStorage?.getItem(TOKEN_STORAGE_KEY) ?? fromUrl ?? null;
}

/** The WebSocket URL of the web shell, with the token as a query parameter when one is known. */
export function webSocketUrl(location: { protocol: string; host: string }, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}://${location.host}/ws${query}`;
}

/** The web shell's access check URL (see web-shell.ts SESSION_PATH), with the socket's token when one is known. */
export function sessionUrl(location: { protocol: string; host: string }, token: string | null): string {
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${location.protocol}//${location.host}/session${query}`;
}

/**
 * Reads the core's answer to one call, the contract's CallResult envelope, the same on both transports: the output,
 * or the core's refusal thrown as an ApiError with its code. Anything that is not an envelope is `bad-output`.
 */
export function unwrap(name: string, result: unknown): unknown {
  const parsed = callResultSchema.safeParse(result);
  if (!parsed.success) throw new ApiError('bad-output', `${name}: the core's answer is not a call result`);
  if (!parsed.data.ok) throw apiErrorFrom(parsed.data.error);
  return parsed.data.output;
}

/** Checks a command's output against its schema, so the UI never renders something the contract does not allow. */
function parseOutput<N extends CommandName>(name: N, output: unknown): CommandOutput<N> {
  const result = commands[name].output.safeParse(output);
  if (!result.success) throw new ApiError('bad-output', `${name}: the core answered with an unexpected shape`);
  return result.data as CommandOutput<N>;
}

/** A call's answer as the UI may use it: the envelope unwrapped, the output checked against the contract. */
function outputOf<N extends CommandName>(name: N, result: unknown): CommandOutput<N> {
  return parseOutput(name, unwrap(name, result));
}

function parsePayload<N extends EventName>(name: N, payload: unknown): EventPayload<N> | undefined {
  const result = events[name].safeParse(payload);
  return result.success ? (result.data as EventPayload<N>) : undefined;
}

type Listener = (payload: unknown) => void;

/** Builds the client from explicit parts; {@link createApi} fills them from the page. */
export function createApiWith(env: ApiEnvironment): Api {
  const connectionListeners = new Set<(state: ConnectionState, reconnected: boolean) => void>();
  const eventListeners = new Map<string, Set<Listener>>();
  const on = <N extends EventName>(
    name: N,
    cb: (payload: EventPayload<N>) => void,
    subscribeRaw: (name: string, l: Listener) => () => void,
  ): (() => void) => {
    const wrapped: Listener = (raw) => {
      const payload = parsePayload(name, raw);
      if (payload !== undefined) cb(payload);
    };
    return subscribeRaw(name, wrapped);
  };

  if (env.bridge) {
    const bridge = env.bridge;
    return {
      transport: 'ipc',
      invoke: async (name, input) => {
        let result: unknown;
        try {
          result = await bridge.invoke(name, input);
        } catch {
          // The IPC call itself failed (no handler, a closed window); its text is Electron's, not for the screen.
          throw new ApiError('internal', `${name}: the station did not answer`);
        }
        return outputOf(name, result);
      },
      on: (name, cb) => on(name, cb, (n, l) => bridge.subscribe(n, l)),
      connection: () => 'open',
      onConnection: (cb) => {
        cb('open', false);
        return () => undefined;
      },
      close: () => undefined,
    };
  }

  let token = captureToken(env);
  let url = webSocketUrl(env.location, token);
  const random = env.random ?? Math.random;
  const pending = new Map<number, { resolve: (result: unknown) => void; reject: (e: ApiError) => void }>();
  let nextId = 1;
  let socket: SocketLike | null = null;
  let state: ConnectionState = 'connecting';
  let everOpened = false;
  let attempt = 0;
  let retryTimer: unknown = null;
  let closed = false;

  const setState = (next: ConnectionState, reconnected: boolean): void => {
    state = next;
    for (const cb of connectionListeners) cb(next, reconnected);
  };

  const dispatchEvent = (name: string, payload: unknown): void => {
    for (const l of eventListeners.get(name) ?? []) l(payload);
  };

  const retry = (ms: number): void => {
    if (closed) return;
    retryTimer = env.setTimeout(connect, ms);
  };

  const backoff = (): number => {
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** attempt);
    attempt += 1;
    return Math.round(base * (0.75 + random() * 0.5));
  };

  /** A socket that never opened: ask the station whether it refuses this tab or is simply not there. */
  const afterFailedOpen = async (probe: (url: string) => Promise<AccessProbe>): Promise<void> => {
    let verdict: AccessProbe;
    try {
      verdict = await probe(sessionUrl(env.location, token));
    } catch {
      verdict = 'unreachable';
    }
    if (closed) return;
    if (verdict === 'refused' && token !== null) {
      // A token kept by this tab from an older link: drop it, the cookie (set by the newest link) decides.
      env.sessionStorage?.removeItem?.(TOKEN_STORAGE_KEY);
      token = null;
      url = webSocketUrl(env.location, null);
      retry(0);
      return;
    }
    if (verdict === 'refused') {
      if (state !== 'refused') setState('refused', false);
      retry(REFUSED_RETRY_MS);
      return;
    }
    retry(backoff());
  };

  const connect = (): void => {
    retryTimer = null;
    const ws = env.createSocket(url);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      attempt = 0;
      const reconnected = everOpened;
      everOpened = true;
      setState('open', reconnected);
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return;
      let msg: ServerMessage;
      try {
        msg = JSON.parse(ev.data) as ServerMessage;
      } catch {
        return;
      }
      if (msg.type === 'event') {
        dispatchEvent(msg.name, msg.payload);
      } else if (msg.type === 'result') {
        const call = pending.get(msg.id);
        if (!call) return;
        pending.delete(msg.id);
        // The envelope itself: invoke reads it with the same unwrap as the IPC path.
        call.resolve(msg);
      }
    };
    ws.onerror = () => undefined;
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      // A call in flight may or may not have reached the core: say so instead of guessing or resending.
      for (const [id, call] of pending) {
        pending.delete(id);
        call.reject(new ApiError('connection-lost', 'The connection dropped before the station answered'));
      }
      if (closed) return;
      // A refused tab stays refused until the station lets it in; it does not flicker back to "reconnecting".
      if (state !== 'refused') setState(everOpened ? 'lost' : 'connecting', false);
      if (!opened && env.probe) {
        void afterFailedOpen(env.probe);
        return;
      }
      retry(backoff());
    };
  };

  connect();

  return {
    transport: 'ws',
    invoke: <N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> => {
      const ws = socket;
      if (!ws || ws.readyState !== SOCKET_OPEN) {
        return Promise.reject(new ApiError('disconnected', 'Not connected to the station'));
      }
      const id = nextId++;
      return new Promise<unknown>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ type: 'invoke', id, name, input }));
      }).then((result) => outputOf(name, result));
    },
    on: (name, cb) =>
      on(name, cb, (n, l) => {
        let set = eventListeners.get(n);
        if (!set) eventListeners.set(n, (set = new Set()));
        set.add(l);
        return () => set.delete(l);
      }),
    connection: () => state,
    onConnection: (cb) => {
      connectionListeners.add(cb);
      return () => connectionListeners.delete(cb);
    },
    close: () => {
      closed = true;
      if (retryTimer !== null) env.clearTimeout(retryTimer);
      socket?.close();
    },
  };
}

/** The page globals `createApi` reads, typed structurally so this file also compiles without DOM types. */
interface PageGlobals {
  dockside?: DocksideBridge;
  location: ApiEnvironment['location'];
  history: NonNullable<ApiEnvironment['history']>;
  sessionStorage: NonNullable<ApiEnvironment['sessionStorage']>;
  WebSocket: new (url: string) => SocketLike;
  fetch(url: string, init: { cache: 'no-store'; credentials: 'same-origin' }): Promise<{ status: number }>;
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(handle: number): void;
}

/**
 * The client for this page: Electron IPC when the preload exposed `window.dockside`, else the web shell's
 * WebSocket (`ws(s)://<host>/ws`, token from `?token=` kept in sessionStorage).
 */
export function createApi(): Api {
  const page = globalThis as unknown as PageGlobals;
  return createApiWith({
    bridge: page.dockside,
    location: page.location,
    history: page.history,
    sessionStorage: page.sessionStorage,
    createSocket: (url) => new page.WebSocket(url),
    setTimeout: (fn, ms) => page.setTimeout(fn, ms),
    clearTimeout: (h) => page.clearTimeout(h as number),
    probe: async (url) => {
      try {
        const reply = await page.fetch(url, { cache: 'no-store', credentials: 'same-origin' });
        if (reply.status === 401) return 'refused';
        return reply.status >= 200 && reply.status < 300 ? 'ok' : 'unreachable';
      } catch {
        return 'unreachable';
      }
    },
  });
}
