import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDemoErpDb } from './demo-erp-db';
import { createDemoErpRepository, type DemoErpRepository } from './demo-erp-repository';
import { createDemoErpRouter } from './demo-erp-router';
import { createDemoErpService } from './demo-erp-service';
import { createDemoWritebackService, type DemoWritebackService } from './demo-erp-writebacks';
import { createDemoWritebacksRepository } from './demo-writebacks-repository';
import { DEFAULT_ORDER_COUNT, DEFAULT_SEED, generateSeedData } from './seed-data';

/** Options of {@link createDemoErp}. */
export interface DemoErpOptions {
  /** The demo ERP's own SQLite file; seeded only when new. */
  dbPath: string;
  /** PRNG seed of the seed data. Default 1. */
  seed?: number | undefined;
  /** Number of seeded orders. Default 50. */
  orders?: number | undefined;
  /** When set, every route but `/api/v1/health` wants `Authorization: Bearer KEY`. */
  apiKey?: string | undefined;
  /** The ERP's notion of now (timestamps, claim leases, signature skew). Default: the system clock. */
  clock?: (() => Date) | undefined;
  /**
   * When set, every route but `/api/v1/health` wants requests signed with this shared secret (HMAC-SHA256, see
   * docs/erp-api.yaml): a bad signature, a timestamp more than 5 minutes off and a replayed nonce are refused 401.
   */
  secret?: string | undefined;
  /** The key id signed requests must name. Default `dockside`. */
  keyId?: string | undefined;
}

/** Key id the demo ERP expects when started with a secret and no key id. */
export const DEFAULT_DEMO_KEY_ID = 'dockside';

/** A running (or ready to run) demo ERP. */
export interface DemoErp {
  /**
   * Starts serving on 127.0.0.1 (never another interface).
   * @param port - 0 or omitted picks a free port
   * @returns the bound port and the base URL (`http://127.0.0.1:PORT`; the API lives under `/api/v1`)
   */
  listen(port?: number): Promise<{ port: number; url: string }>;
  /** Handles one request in-process, e.g. from another `node:http` server or a test. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /**
   * Test switch: the next `count` requests (health excepted) are answered 429 with `Retry-After: retryAfterS`.
   */
  throttle(count: number, retryAfterS: number): void;
  /**
   * Test switch: while on, every request (health excepted) is answered 403, as an ERP does when the station's
   * credentials are valid but lack the permission (an administrator revoked it).
   */
  forbid(on: boolean): void;
  /** Stops the server (if listening) and closes the database file. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Creates the sandbox ERP that speaks docs/erp-api.yaml. Opens (and, when new, seeds) its SQLite file right away,
 * so its state survives restarts.
 */
export function createDemoErp(options: DemoErpOptions): DemoErp {
  const clock = options.clock ?? (() => new Date());
  const db = openDemoErpDb(options.dbPath);
  const repo = createDemoErpRepository(db);
  let writebacks: DemoWritebackService;
  try {
    writebacks = createDemoWritebackService(repo, createDemoWritebacksRepository(db), clock);
    seedIfNew(repo, options, clock);
  } catch (error) {
    repo.close();
    throw error;
  }
  let throttled = { count: 0, retryAfterS: 1 };
  let forbidden = false;
  const handle = createDemoErpRouter(createDemoErpService(repo, clock), {
    apiKey: options.apiKey,
    signing: options.secret ? { keyId: options.keyId ?? DEFAULT_DEMO_KEY_ID, secret: options.secret } : undefined,
    now: clock,
    writebacks,
    throttle: () => {
      if (throttled.count <= 0) return null;
      throttled.count--;
      return throttled.retryAfterS;
    },
    forbidden: () => forbidden,
  });
  let server: Server | null = null;
  let closed = false;

  return {
    handle,
    throttle: (count, retryAfterS) => {
      throttled = { count, retryAfterS };
    },
    forbid: (on) => {
      forbidden = on;
    },
    listen: (port = 0) =>
      new Promise((resolve, reject) => {
        if (closed) return reject(new Error('demo ERP is closed'));
        if (server) return reject(new Error('demo ERP is already listening'));
        const created = createServer((req, res) => void handle(req, res));
        created.once('error', reject);
        created.listen(port, '127.0.0.1', () => {
          created.off('error', reject);
          server = created;
          const bound = (created.address() as AddressInfo).port;
          resolve({ port: bound, url: `http://127.0.0.1:${bound}` });
        });
      }),
    close: async () => {
      if (closed) return;
      closed = true;
      const running = server;
      server = null;
      if (running) {
        await new Promise<void>((resolve) => {
          running.close(() => resolve());
          running.closeAllConnections();
        });
      }
      repo.close();
    },
  };
}

function seedIfNew(repo: DemoErpRepository, options: DemoErpOptions, clock: () => Date): void {
  repo.transaction(() => {
    if (repo.isSeeded()) return;
    const seed = options.seed ?? DEFAULT_SEED;
    const orders = options.orders ?? DEFAULT_ORDER_COUNT;
    const data = generateSeedData({ seed, orders, now: clock() });
    for (const stock of data.stock) repo.insertStock(stock);
    for (const order of data.orders) repo.insertOrder(order);
    repo.markSeeded(JSON.stringify({ seed, orders, at: clock().toISOString() }));
  });
}
