import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What the proxy does to one request:
 * - `pass`: forwards it untouched;
 * - `delay`: waits `delayMs`, then forwards it;
 * - `drop`: swallows the request (the ERP never sees it) and closes the connection without a word;
 * - `reset`: answers the request with a TCP RST (ECONNRESET at the station), never forwarded;
 * - `hang`: swallows the request and keeps the connection open until the station gives up (its timeout);
 * - `server-error`: answers 503 in the contract's error format, never forwarded;
 * - `commit-lost`: forwards it, lets the ERP commit and answer, then resets the station's connection instead of
 *   relaying the answer: the case idempotency keys exist for.
 */
export type Fault = 'pass' | 'delay' | 'drop' | 'reset' | 'hang' | 'server-error' | 'commit-lost';

/** Every fault kind, for tables and stats. */
export const FAULTS: readonly Fault[] = ['pass', 'delay', 'drop', 'reset', 'hang', 'server-error', 'commit-lost'];

/** One request as the policy sees it. */
export interface ProxiedRequest {
  method: string;
  /** Path and query, e.g. `/api/v1/shipments`. */
  path: string;
  /** 1-based count of requests the proxy has seen. */
  seq: number;
}

/** Chooses the fault for each request. */
export type FaultPolicy = (request: ProxiedRequest) => Fault;

/** A running fault proxy on 127.0.0.1. */
export interface FaultProxy {
  /** `http://127.0.0.1:PORT`: give this to the station as its ERP URL. */
  url: string;
  port: number;
  /** How often each fault was applied so far. */
  stats(): Record<Fault, number>;
  setPolicy(policy: FaultPolicy): void;
  close(): Promise<void>;
}

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions {
  /** The ERP behind the proxy: `http://127.0.0.1:PORT`. */
  target: string;
  policy?: FaultPolicy;
  /** How long `delay` waits. Default 200 ms. */
  delayMs?: number;
}

/**
 * Starts an HTTP proxy on 127.0.0.1 between the station and its ERP that injects network and server faults per
 * request, as real networks and ERPs produce them: at the TCP level (RST, a closed connection, silence) and the
 * HTTP level (503, slow answers, an answer lost after the ERP committed).
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  if (target.hostname !== '127.0.0.1' && target.hostname !== 'localhost')
    throw new Error(`the fault proxy only forwards to loopback, not ${target.hostname}`);
  let policy: FaultPolicy = options.policy ?? (() => 'pass');
  const delayMs = options.delayMs ?? 200;
  const counts = Object.fromEntries(FAULTS.map((fault) => [fault, 0])) as Record<Fault, number>;
  const sockets = new Set<Socket>();
  let seq = 0;

  const forward = (
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host, connection: 'close' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });

  const relay = async (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> => {
    try {
      const answer = await forward(req, body);
      const headers = { ...answer.headers };
      delete headers.connection;
      delete headers['transfer-encoding'];
      headers['content-length'] = String(answer.body.length);
      res.writeHead(answer.status, headers);
      res.end(answer.body);
    } catch (error) {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'bad-gateway', message: `proxy: ${(error as Error).message}` } }));
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const fault = policy({ method: req.method ?? 'GET', path: req.url ?? '/', seq: ++seq });
    counts[fault]++;
    switch (fault) {
      case 'pass':
        return relay(req, res, body);
      case 'delay':
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return relay(req, res, body);
      case 'drop':
        req.socket.destroy();
        return;
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case 'hang':
        // Nothing: the station's own timeout ends it; close() cleans up.
        return;
      case 'server-error':
        res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' });
        res.end(JSON.stringify({ error: { code: 'unavailable', message: 'injected: the ERP is overloaded' } }));
        return;
      case 'commit-lost':
        try {
          await forward(req, body);
        } finally {
          req.socket.resetAndDestroy();
        }
        return;
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A reset or dropped connection raises on this side too; it is the point, not a failure.
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats: () => ({ ...counts }),
    setPolicy(next) {
      policy = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A seeded random policy: each request gets a fault drawn with the given weights (the rest `pass`). Only calls
 * under `/api/v1/` other than `/health` are touched.
 */
export function randomFaults(weights: Partial<Record<Fault, number>>, random: () => number): FaultPolicy {
  const entries = Object.entries(weights) as [Fault, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  if (total > 1) throw new Error(`fault weights add up to ${total}; they must leave room for pass (at most 1)`);
  return ({ path }) => {
    if (!path.startsWith('/api/v1/') || path.startsWith('/api/v1/health')) return 'pass';
    let roll = random();
    for (const [fault, weight] of entries) {
      if (roll < weight) return fault;
      roll -= weight;
    }
    return 'pass';
  };
}

/** A small seeded PRNG (mulberry32), so a failing chaos run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Wraps a policy so every fault kind is injected at least once early on, whatever the dice say: among the first
 * ERP calls, every `spacing`-th one gets the next kind not yet used. Keeps small runs covering every kind.
 */
export function everyFaultOnce(inner: FaultPolicy, spacing = 3): FaultPolicy {
  const owed = FAULTS.filter((fault) => fault !== 'pass');
  let eligible = 0;
  return (request) => {
    if (!request.path.startsWith('/api/v1/') || request.path.startsWith('/api/v1/health')) return 'pass';
    eligible++;
    if (owed.length > 0 && eligible % spacing === 0) return owed.shift()!;
    return inner(request);
  };
}
