import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { clientMessageSchema, events, type EventName, type ServerMessage } from '../../contract';
import { silentLogger, type Logger } from '../../platform';
import { dispatchCommand } from '../../station/dispatch-command';
import type { StationApi } from '../../station/station-api';
import { setSecurityHeaders } from './security-headers';
import { contentTypeFor, resolveStaticFile } from './static-files';
import { authenticate, offeredTokens, tokenCookie, tokenCookieName } from './token-auth';

/** The web shell always binds the loopback interface: it is reachable from this PC only. */
const LOOPBACK = '127.0.0.1';
/** Largest WebSocket message accepted; a contract call is a few hundred bytes. */
const MAX_PAYLOAD_BYTES = 256 * 1024;
/** Calls one connection may have running at once; more is a misbehaving client. */
const MAX_IN_FLIGHT = 64;
/** A client that lets this much pile up unread is dropped rather than growing the station's memory. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const HEARTBEAT_MS = 30_000;
/**
 * Answers 204 to a request with the right token and 401 to one without, nothing else. A browser cannot read the
 * status of a refused WebSocket upgrade, so the renderer asks here to tell "the station refuses this tab" (its
 * token was rotated) from "the station is not there" (restarting).
 */
export const SESSION_PATH = '/session';

/** Options of {@link startWebShell}. */
export interface WebShellOptions {
  /** The core's handlers and events. */
  api: StationApi;
  /** The renderer build (dist/renderer) to serve. */
  rendererDir: string;
  /** Port to listen on; 0 or absent picks a free one. */
  port?: number;
  /** Only loopback is supported; any other value is ignored. */
  host?: '127.0.0.1';
  /**
   * Access token; a fresh random one (24 bytes, base64url) when absent. `dockside serve` passes the one kept in the
   * data directory (see web-access-files.ts), so a restart keeps open tabs signed in.
   */
  token?: string;
  /** Where failures that must not reach the browser are logged (the station's logger); default nowhere. */
  logger?: Logger | undefined;
}

/** A running web shell. */
export interface WebShell {
  /** The URL to open, token included: `http://127.0.0.1:PORT/?token=...`. */
  url: string;
  port: number;
  token: string;
  /** The bound socket address (always 127.0.0.1). */
  address(): AddressInfo;
  /** Unsubscribes from the core, closes every WebSocket and stops listening. */
  close(): Promise<void>;
}

/**
 * Serves the renderer build over HTTP on 127.0.0.1 and carries the contract over a WebSocket at `/ws`
 * (see contract/wire.ts). Every request needs the token: as `?token=` on the first page load (answered
 * with an HttpOnly SameSite=Strict cookie and a redirect that drops it from the address bar), as the
 * `dockside_token_PORT` cookie, or as `Authorization: Bearer`. The WebSocket upgrade also requires the shell's own
 * Origin, which stops other web sites from talking to the station through the packer's browser.
 */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const { api, rendererDir } = options;
  const token = options.token ?? randomBytes(24).toString('base64url');
  if (token.length === 0) {
    throw new Error('The web shell token must not be empty.');
  }
  const logger = (options.logger ?? options.api.logger ?? silentLogger).child({ component: 'web-shell' });
  let port = 0;

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES, perMessageDeflate: false });
  const server = createServer((req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      logger.error({ err: error, method: req.method, path: safePath(req.url) }, 'HTTP request failed');
      if (!res.headersSent) {
        sendText(res, 500, 'The station could not answer this request.');
      } else {
        res.destroy();
      }
    });
  });
  server.on('clientError', (_error, socket) => {
    socket.destroy();
  });

  const isOwnHost = (host: string | undefined): boolean =>
    host === `${LOOPBACK}:${port}` || host === `localhost:${port}`;
  const isOwnOrigin = (origin: string | undefined): boolean =>
    origin === `http://${LOOPBACK}:${port}` || origin === `http://localhost:${port}`;

  function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
    setSecurityHeaders(res, port);
    res.writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(res.req.method === 'HEAD' ? undefined : text);
  }

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed.', { Allow: 'GET, HEAD' });
      return;
    }
    // A Host check defeats DNS rebinding: a foreign name that resolves to 127.0.0.1 is not us.
    if (!isOwnHost(req.headers.host)) {
      sendText(res, 421, 'Open the station at the address it printed.');
      return;
    }
    const url = parseRequestUrl(req.url);
    if (url === null) {
      sendText(res, 400, 'Bad request.');
      return;
    }
    const source = authenticate(token, offeredTokens(req, url, tokenCookieName(port)));
    if (source === null) {
      sendText(
        res,
        401,
        'Not authorised. Open the link the station printed when it started (`dockside web-link` prints it again).',
        { 'WWW-Authenticate': 'Bearer' },
      );
      return;
    }
    if (url.pathname === SESSION_PATH) {
      setSecurityHeaders(res, port);
      res.writeHead(204, { 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    if (source === 'query') {
      // Keep the token out of the address bar, history and any Referer; the cookie carries it from now on.
      url.searchParams.delete('token');
      const rest = url.searchParams.toString();
      setSecurityHeaders(res, port);
      res.writeHead(302, {
        Location: rest ? `/?${rest}` : '/',
        'Set-Cookie': tokenCookie(token, port),
        'Cache-Control': 'no-store',
        'Content-Length': 0,
      });
      res.end();
      return;
    }
    const file = await resolveStaticFile(rendererDir, url.pathname);
    if (file === null) {
      if (url.pathname === '/') {
        sendText(res, 503, 'The station screen is not built. Run `npm run build` and restart the station.');
      } else {
        sendText(res, 404, 'Not found.');
      }
      return;
    }
    const body = await readFile(file);
    const isHtml = file.endsWith('.html');
    setSecurityHeaders(res, port);
    res.writeHead(200, {
      'Content-Type': contentTypeFor(file),
      'Content-Length': body.length,
      // index.html names the hashed bundles of this build; it must never be served from a stale cache.
      'Cache-Control': isHtml ? 'no-store' : 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = parseRequestUrl(req.url);
    if (url === null || url.pathname !== '/ws') {
      refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    if (!isOwnHost(req.headers.host)) {
      refuseUpgrade(socket, 421, 'Misdirected Request');
      return;
    }
    if (!isOwnOrigin(req.headers.origin)) {
      refuseUpgrade(socket, 403, 'Forbidden');
      return;
    }
    if (authenticate(token, offeredTokens(req, url, tokenCookieName(port))) === null) {
      refuseUpgrade(socket, 401, 'Unauthorized');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      wss.emit('connection', ws, req);
    });
  });

  const aliveFlags = new WeakMap<WebSocket, () => boolean>();
  wss.on('connection', (ws: WebSocket) => {
    let inFlight = 0;
    let alive = true;
    aliveFlags.set(ws, () => {
      const was = alive;
      alive = false;
      return was;
    });
    ws.on('pong', () => {
      alive = true;
    });
    ws.on('error', () => ws.terminate());
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) {
        ws.close(1003, 'Text messages only');
        return;
      }
      let message: unknown;
      try {
        message = JSON.parse(rawToString(data));
      } catch {
        ws.close(1008, 'Invalid JSON');
        return;
      }
      const parsed = clientMessageSchema.safeParse(message);
      if (!parsed.success) {
        const id = messageId(message);
        if (id === null) {
          ws.close(1008, 'Invalid message');
        } else {
          send(ws, {
            type: 'result',
            id,
            ok: false,
            error: { code: 'invalid-message', message: 'The message does not follow the wire protocol.' },
          });
        }
        return;
      }
      const { id, name, input } = parsed.data;
      if (inFlight >= MAX_IN_FLIGHT) {
        send(ws, {
          type: 'result',
          id,
          ok: false,
          error: { code: 'busy', message: 'Too many calls at once; wait for answers before sending more.' },
        });
        return;
      }
      inFlight += 1;
      void dispatchCommand(api, name, input, { logger }).then((result) => {
        inFlight -= 1;
        send(ws, { type: 'result', id, ...result });
      });
    });
  });

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (aliveFlags.get(ws)?.() === false) {
        ws.terminate();
        continue;
      }
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  function send(ws: WebSocket, message: ServerMessage): void {
    sendRaw(ws, JSON.stringify(message));
  }

  function sendRaw(ws: WebSocket, text: string): void {
    if (ws.readyState !== WebSocket.OPEN) {
      return;
    }
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      ws.terminate();
      return;
    }
    ws.send(text);
  }

  const unsubscribes = (Object.keys(events) as EventName[]).map((name) =>
    api.events.on(name, (payload: unknown) => {
      let text: string;
      try {
        text = JSON.stringify({ type: 'event', name, payload } satisfies ServerMessage);
      } catch (error) {
        logger.error({ err: error, event: name }, 'event could not be serialised');
        return;
      }
      for (const ws of wss.clients) {
        sendRaw(ws, text);
      }
    }),
  );

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, LOOPBACK, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    clearInterval(heartbeat);
    unsubscribes.forEach((unsubscribe) => unsubscribe());
    throw error;
  }
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${LOOPBACK}:${port}/?token=${encodeURIComponent(token)}`,
    port,
    token,
    address: () => server.address() as AddressInfo,
    close() {
      closing ??= (async () => {
        clearInterval(heartbeat);
        unsubscribes.forEach((unsubscribe) => unsubscribe());
        const clients = [...wss.clients];
        await Promise.all(
          clients.map(
            (ws) =>
              new Promise<void>((resolve) => {
                if (ws.readyState === WebSocket.CLOSED) {
                  resolve();
                  return;
                }
                const timer = setTimeout(() => {
                  ws.terminate();
                  resolve();
                }, 500);
                ws.once('close', () => {
                  clearTimeout(timer);
                  resolve();
                });
                ws.close(1001, 'Station shutting down');
              }),
          ),
        );
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        await new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}

/** The path of a request URL without its query, which may carry the access token. */
function safePath(raw: string | undefined): string {
  return parseRequestUrl(raw)?.pathname ?? '(unparseable)';
}

function parseRequestUrl(raw: string | undefined): URL | null {
  try {
    return new URL(raw ?? '/', `http://${LOOPBACK}`);
  } catch {
    return null;
  }
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  // Tell an honest client why, then drop the socket whether or not it reads the answer.
  const timer = setTimeout(() => socket.destroy(), 1_000);
  timer.unref();
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => {
    clearTimeout(timer);
    socket.destroy();
  });
}

function rawToString(data: RawData): string {
  if (Buffer.isBuffer(data)) {
    return data.toString('utf8');
  }
  if (Array.isArray(data)) {
    return Buffer.concat(data).toString('utf8');
  }
  return Buffer.from(data).toString('utf8');
}

/** The id of a message that failed validation, when it has a usable one, so the error can be answered. */
function messageId(message: unknown): number | null {
  if (typeof message !== 'object' || message === null) {
    return null;
  }
  const id = (message as { id?: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}
