import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { EventName, PackState, QueueStatus, ServerMessage } from '../../../src-main/contract';
import { events } from '../../../src-main/contract';
import { startWebShell, type WebShell } from '../../../src-main/shells/web';
import type { CommandHandlers, EventSource, StationApi } from '../../../src-main/station/station-api';
import { fakeHandlers } from '../../helpers/fake-handlers';
import { memoryLogger, type MemoryLogger } from '../../helpers/memory-logger';

const idle: PackState = { phase: 'idle', order: null, error: null, lastScan: null, label: null, lastShipped: null };
const queue: QueueStatus = {
  online: true,
  depth: 0,
  oldestPendingAt: null,
  lastSyncAt: null,
  rejected: 0,
  conflict: 0,
  lastError: null,
};

/** A station core reduced to schema-valid answers and an event emitter the test drives. */
function fakeApi(): {
  api: StationApi;
  emit: (name: EventName, payload: unknown) => void;
  listenerCount: () => number;
} {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const handlers: CommandHandlers = fakeHandlers({
    'station:info': async () => ({
      version: '0.1.0',
      stationId: 'bench-1',
      erp: { kind: 'demo', url: 'http://127.0.0.1:1' },
      printer: 'file',
      dataDir: '/tmp/x',
    }),
    'pack:state': async () => idle,
    'pack:scan': async ({ code }) => ({ ...idle, lastScan: { code, verdict: 'refused', at: '2024-01-01T00:00:00Z' } }),
    'pack:confirm': async () => idle,
    'pack:cancel': async () => idle,
    'pack:acknowledge': async () => idle,
    'orders:list': async () => [],
    'queue:status': async () => queue,
    'sync:now': async () => Promise.reject(new Error('secret stack detail')),
  });

  const events: EventSource = {
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  };
  return {
    api: { handlers, events },
    emit: (name, payload) => listeners.get(name)?.forEach((listener) => listener(payload)),
    listenerCount: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
  };
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP GET: the path is sent exactly as given (no client-side normalisation of `..`). */
function get(port: number, rawPath: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket; resolves with the socket once open, or with the refusal (HTTP status or error). */
function connect(
  url: string,
  headers: Record<string, string>,
  origin?: string,
): Promise<{ ws: WebSocket } | { refused: number | string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers, ...(origin ? { origin } : {}) });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ refused: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', (error) => resolve({ refused: error.message }));
  });
}

function nextMessage(ws: WebSocket, match: (m: ServerMessage) => boolean = () => true): Promise<ServerMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer): void => {
      const message = JSON.parse(data.toString('utf8')) as ServerMessage;
      if (match(message)) {
        ws.off('message', onMessage);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
    ws.once('close', (code) => reject(new Error(`closed ${code}`)));
  });
}

describe('web shell', () => {
  let rendererDir: string;
  let shell: WebShell;
  let fake: ReturnType<typeof fakeApi>;
  let origin: string;
  let auth: Record<string, string>;
  let log: MemoryLogger;

  beforeAll(async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'dockside-web-shell-'));
    rendererDir = path.join(root, 'renderer');
    await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
    await writeFile(
      path.join(rendererDir, 'index.html'),
      '<!doctype html><title>Dockside</title><script type="module" src="./assets/app.js"></script>',
    );
    await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log("dockside");');
    await writeFile(path.join(rendererDir, 'assets', 'app.css'), 'body{}');
    // A secret next to (outside) the renderer dir: traversal must never reach it.
    await writeFile(path.join(root, 'secret.txt'), 'TOP-SECRET');
  });

  afterAll(async () => {
    await rm(path.dirname(rendererDir), { recursive: true, force: true });
  });

  beforeEach(async () => {
    fake = fakeApi();
    log = memoryLogger();
    shell = await startWebShell({ api: fake.api, rendererDir, port: 0, logger: log.logger });
    origin = `http://127.0.0.1:${shell.port}`;
    auth = { Cookie: `dockside_token_${shell.port}=${shell.token}` };
  });

  afterEach(async () => {
    await shell.close();
  });

  it('binds 127.0.0.1 only, on a random port, with a fresh random token', async () => {
    expect(shell.address().address).toBe('127.0.0.1');
    expect(shell.port).toBeGreaterThan(0);
    expect(shell.url).toBe(`http://127.0.0.1:${shell.port}/?token=${shell.token}`);
    expect(shell.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const other = await startWebShell({ api: fake.api, rendererDir });
    try {
      expect(other.token).not.toBe(shell.token);
      expect(other.port).not.toBe(shell.port);
    } finally {
      await other.close();
    }
  });

  it('refuses a request without a token with 401, security headers included', async () => {
    const reply = await get(shell.port, '/');
    expect(reply.status).toBe(401);
    expect(reply.body).not.toContain('Dockside</title>');
    expect(reply.headers['content-security-policy']).toContain("default-src 'self'");
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a wrong token in the query, the cookie or the header with 401', async () => {
    expect((await get(shell.port, '/?token=wrong')).status).toBe(401);
    expect((await get(shell.port, '/', { Cookie: `dockside_token_${shell.port}=wrong` })).status).toBe(401);
    expect((await get(shell.port, '/', { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await get(shell.port, `/?token=${shell.token}x`)).status).toBe(401);
  });

  it('answers ?token= with a 302 to / and an HttpOnly SameSite=Strict cookie', async () => {
    const reply = await get(shell.port, `/?token=${shell.token}`);
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe('/');
    const cookie = String(reply.headers['set-cookie']);
    expect(cookie).toContain(`dockside_token_${shell.port}=${shell.token}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    // The token persists per data directory: the cookie outlives a browser restart (400 days, Chromium's limit).
    expect(cookie).toContain(`Max-Age=${400 * 24 * 60 * 60}`);
  });

  it("ignores another station's cookie: each port has its own", async () => {
    expect((await get(shell.port, '/', { Cookie: `dockside_token_${shell.port + 1}=${shell.token}` })).status).toBe(
      401,
    );
    expect((await get(shell.port, '/', { Cookie: `dockside_token=${shell.token}` })).status).toBe(401);
  });

  it('answers /session with 204 for the right token and 401 for a stale one, so a tab can tell a refusal', async () => {
    const ok = await get(shell.port, '/session', auth);
    expect(ok.status).toBe(204);
    expect(ok.headers['cache-control']).toBe('no-store');
    // The query form does not redirect here: the renderer checks the token it would give the WebSocket.
    expect((await get(shell.port, `/session?token=${shell.token}`)).status).toBe(204);
    expect((await get(shell.port, '/session', { Cookie: `dockside_token_${shell.port}=old` })).status).toBe(401);
    expect((await get(shell.port, '/session')).status).toBe(401);
    expect((await get(shell.port, '/session', { ...auth, Host: `evil.example:${shell.port}` })).status).toBe(421);
  });

  it('accepts the token it is given, so a restart with the kept token keeps a tab signed in', async () => {
    const token = 'kept-token-kept-token-kept-token-0';
    const port = shell.port;
    await shell.close();
    shell = await startWebShell({ api: fake.api, rendererDir, port, token });
    expect(shell.port).toBe(port);
    expect((await get(port, '/session', { Cookie: `dockside_token_${port}=${token}` })).status).toBe(204);
    expect((await get(port, '/session', auth)).status).toBe(401);
  });

  it('never redirects off-site, whatever the path of the token link', async () => {
    const reply = await get(shell.port, `//evil.example/?token=${shell.token}`);
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe('/');
  });

  it('serves index.html with the cookie: 200, CSP, nosniff, no-referrer, no-store', async () => {
    const reply = await get(shell.port, '/', auth);
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>Dockside</title>');
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['content-security-policy']).toBe(
      `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:${shell.port} ws://localhost:${shell.port}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'`,
    );
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it('accepts an Authorization: Bearer token and serves assets with their content types', async () => {
    const js = await get(shell.port, '/assets/app.js', { Authorization: `Bearer ${shell.token}` });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const css = await get(shell.port, '/assets/app.css', auth);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['content-security-policy']).toBeDefined();
    expect((await get(shell.port, '/assets/missing.js', auth)).status).toBe(404);
    expect((await get(shell.port, '/assets', auth)).status).toBe(404);
  });

  it.each([
    '/../../etc/passwd',
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/..%5csecret.txt',
    '/assets/%00app.js',
    '/%E0%A4%A',
  ])('refuses directory traversal: %s', async (rawPath) => {
    const reply = await get(shell.port, rawPath, auth);
    expect([400, 403, 404]).toContain(reply.status);
    expect(reply.body).not.toContain('TOP-SECRET');
    expect(reply.body).not.toContain('root:');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const reply = await get(shell.port, '/', { ...auth, Host: `evil.example:${shell.port}` });
    expect(reply.status).toBe(421);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: shell.port, path: '/', method: 'POST', headers: auth }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('x');
    });
    expect(status).toBe(405);
  });

  it('refuses a WebSocket without a token', async () => {
    const result = await connect(`ws://127.0.0.1:${shell.port}/ws`, {}, origin);
    expect(result).toEqual({ refused: 401 });
  });

  it('refuses a WebSocket with a wrong token', async () => {
    const result = await connect(
      `ws://127.0.0.1:${shell.port}/ws`,
      { Cookie: `dockside_token_${shell.port}=nope` },
      origin,
    );
    expect(result).toEqual({ refused: 401 });
  });

  it('refuses a WebSocket with a foreign or missing Origin (cross-site WebSocket hijacking)', async () => {
    const url = `ws://127.0.0.1:${shell.port}/ws`;
    expect(await connect(url, auth, 'https://evil.example')).toEqual({ refused: 403 });
    expect(await connect(url, auth, `http://127.0.0.1:${shell.port + 1}`)).toEqual({ refused: 403 });
    expect(await connect(url, auth)).toEqual({ refused: 403 });
  });

  it('refuses a WebSocket on another path', async () => {
    expect(await connect(`ws://127.0.0.1:${shell.port}/other`, auth, origin)).toEqual({ refused: 404 });
  });

  describe('with an authorised WebSocket', () => {
    let ws: WebSocket;

    beforeEach(async () => {
      const result = await connect(`ws://127.0.0.1:${shell.port}/ws`, auth, origin);
      if (!('ws' in result)) {
        throw new Error(`connection refused: ${String(result.refused)}`);
      }
      ws = result.ws;
    });

    afterEach(() => {
      ws.terminate();
    });

    async function invoke(id: number, name: string, input: unknown): Promise<ServerMessage> {
      const reply = nextMessage(ws, (m) => m.type === 'result' && m.id === id);
      ws.send(JSON.stringify({ type: 'invoke', id, name, input }));
      return reply;
    }

    it('accepts localhost as its own origin too', async () => {
      const result = await connect(`ws://127.0.0.1:${shell.port}/ws`, auth, `http://localhost:${shell.port}`);
      expect('ws' in result).toBe(true);
      if ('ws' in result) result.ws.terminate();
    });

    it('answers pack:state with the result', async () => {
      expect(await invoke(1, 'pack:state', {})).toEqual({ type: 'result', id: 1, ok: true, output: idle });
    });

    it('answers invalid input with invalid-input', async () => {
      const reply = await invoke(2, 'pack:scan', { code: '' });
      expect(reply).toMatchObject({ type: 'result', id: 2, ok: false, error: { code: 'invalid-input' } });
    });

    it('answers an unknown command with unknown-command', async () => {
      const reply = await invoke(3, 'admin:shell', {});
      expect(reply).toMatchObject({ type: 'result', id: 3, ok: false, error: { code: 'unknown-command' } });
    });

    it('answers a failing handler with internal, without the exception text', async () => {
      const reply = await invoke(4, 'sync:now', {});
      expect(reply).toMatchObject({ type: 'result', id: 4, ok: false, error: { code: 'internal' } });
      expect(JSON.stringify(reply)).not.toContain('secret stack detail');
      // The log has what the client must not: the command and the error with its stack, under the same id.
      const correlationId = (reply as { error: { correlationId: string } }).error.correlationId;
      expect(correlationId).toMatch(/^[\w-]{10}$/);
      const lines = log.lines();
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({
        level: 'error',
        component: 'web-shell',
        command: 'sync:now',
        correlationId,
        msg: 'command sync:now failed',
      });
      expect((lines[0]!.err as { stack: string }).stack).toContain('secret stack detail');
    });

    it('pushes emitted events to the client, and stops after close', async () => {
      const event = nextMessage(ws, (m) => m.type === 'event');
      fake.emit('queue:changed', { ...queue, depth: 3 });
      expect(await event).toEqual({ type: 'event', name: 'queue:changed', payload: { ...queue, depth: 3 } });
      // One listener per declared event.
      expect(fake.listenerCount()).toBe(Object.keys(events).length);
      await shell.close();
      expect(fake.listenerCount()).toBe(0);
    });

    it('answers a schema-breaking message that has an id with an error', async () => {
      const reply = nextMessage(ws, (m) => m.type === 'result' && m.id === 5);
      ws.send(JSON.stringify({ type: 'call', id: 5 }));
      expect(await reply).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    });

    it('closes with 1008 on bad JSON, and keeps serving others', async () => {
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      ws.send('{not json');
      expect(await closed).toBe(1008);
      const again = await connect(`ws://127.0.0.1:${shell.port}/ws`, auth, origin);
      expect('ws' in again).toBe(true);
      if ('ws' in again) again.ws.terminate();
    });

    it('closes with 1008 on a message without a usable id', async () => {
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      ws.send(JSON.stringify(['invoke']));
      expect(await closed).toBe(1008);
    });

    it('drops a message larger than the cap (1009) without crashing', async () => {
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      ws.send(JSON.stringify({ type: 'invoke', id: 9, name: 'pack:scan', input: { code: 'x'.repeat(300 * 1024) } }));
      expect(await closed).toBe(1009);
      expect((await get(shell.port, '/', auth)).status).toBe(200);
    });
  });
});
