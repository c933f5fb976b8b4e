import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErpError } from '../../../src-main/erp';
import type { ErpConnector, ShipmentConfirmation } from '../../../src-main/erp';
import { createRestConnector } from '../../../src-main/erp/rest/rest-connector';
import { parseRetryAfter } from '../../../src-main/erp/rest';

/** What the tiny ERP stand-in answers next, and what it saw. */
type Responder = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const API_KEY = 'sk-very-secret-123';
let server: Server;
let baseUrl: string;
let respond: Responder;
let seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Responder =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
const erpError = (status: number, message: string, headers: Record<string, string> = {}) =>
  json(status, { error: { code: `e${status}`, message } }, headers);

const validOrder = {
  orderNo: 'SO-100001',
  status: 'pending',
  version: 1,
  createdAt: '2025-03-01T08:00:00.000Z',
  updatedAt: '2025-03-01T08:00:00.000Z',
  receiver: {
    name: '张伟',
    phone: '13800138000',
    country: 'CN',
    province: '广东省',
    city: '深圳市',
    address: '科技园南路 18 号',
  },
  sender: {
    name: 'Dockside 示例仓',
    phone: '0571-88886666',
    country: 'CN',
    city: '杭州市',
    address: '文一西路 998 号',
  },
  lines: [{ lineNo: 1, sku: 'DS-1001', name: '无线鼠标 Wireless Mouse', barcode: '6901234567892', quantity: 1 }],
  trackingNumber: null,
  shipments: [],
};

const confirmation: ShipmentConfirmation = {
  orderNo: 'SO-100001',
  orderVersion: 1,
  trackingNumber: 'DS000000000017',
  carrier: 'DSX',
  shippedAt: '2025-03-01T09:00:00.000Z',
  lines: [{ lineNo: 1, sku: 'DS-1001', quantity: 1 }],
  stationId: 'bench-1',
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      respond(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
  respond = json(200, validOrder);
});

const connector = (extra: Partial<Parameters<typeof createRestConnector>[0]> = {}): ErpConnector =>
  createRestConnector({ baseUrl, apiKey: API_KEY, timeoutMs: 2000, ...extra });

async function failure(call: Promise<unknown>): Promise<ErpError> {
  const error = await call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ErpError);
  const erpErr = error as ErpError;
  expect(erpErr.message).not.toContain(API_KEY);
  return erpErr;
}

describe('REST connector: requests', () => {
  it('pulls pending orders with status, cursor and limit, sending the API key as a bearer token', async () => {
    respond = json(200, { orders: [validOrder], nextCursor: 'abc' });
    const page = await connector().pullPending('c1', 20);
    expect(page.nextCursor).toBe('abc');
    expect(page.orders[0]?.orderNo).toBe('SO-100001');
    const url = new URL(seen[0]!.url, baseUrl);
    expect(url.pathname).toBe('/api/v1/orders');
    expect(Object.fromEntries(url.searchParams)).toEqual({ status: 'pending', cursor: 'c1', limit: '20' });
    expect(seen[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('leaves the cursor out on the first page and keeps a base URL that already ends in /api/v1', async () => {
    respond = json(200, { orders: [], nextCursor: null });
    await connector({ baseUrl: `${baseUrl}/api/v1/` }).pullPending(null, 5);
    expect(seen[0]!.url).toBe('/api/v1/orders?status=pending&limit=5');
  });

  it('sends the Idempotency-Key and the body on confirmShipment', async () => {
    respond = json(201, {
      shipment: {
        id: 'SH-000001',
        trackingNumber: 'DS000000000017',
        carrier: 'DSX',
        shippedAt: confirmation.shippedAt,
      },
      orderNo: 'SO-100001',
      status: 'shipped',
      replayed: false,
    });
    const receipt = await connector().confirmShipment(confirmation, 'key-1');
    expect(receipt).toEqual({ shipmentId: 'SH-000001', trackingNumber: 'DS000000000017', replayed: false });
    expect(seen[0]!.method).toBe('POST');
    expect(seen[0]!.url).toBe('/api/v1/shipments');
    expect(seen[0]!.headers['idempotency-key']).toBe('key-1');
    expect(JSON.parse(seen[0]!.body)).toMatchObject({ orderNo: 'SO-100001', orderVersion: 1, stationId: 'bench-1' });
  });

  it('claims with the station id and percent-encodes the order number', async () => {
    respond = json(200, { orderNo: 'SO/1', claimedBy: 'bench-1', leaseUntil: '2025-03-01T09:05:00.000Z' });
    await connector().claim('SO/1', 'bench-1');
    expect(seen[0]!.url).toBe('/api/v1/orders/SO%2F1/claim');
    expect(JSON.parse(seen[0]!.body)).toEqual({ stationId: 'bench-1' });
  });

  it('returns null from getOrder on 404', async () => {
    respond = erpError(404, 'order SO-9 does not exist');
    await expect(connector().getOrder('SO-9')).resolves.toBeNull();
  });
});

describe('REST connector: error classification', () => {
  const cases: { status: number; kind: ErpError['kind'] }[] = [
    { status: 500, kind: 'server' },
    { status: 502, kind: 'server' },
    { status: 503, kind: 'server' },
    { status: 401, kind: 'auth' },
    { status: 403, kind: 'auth' },
    { status: 400, kind: 'rejected' },
    { status: 422, kind: 'rejected' },
    { status: 409, kind: 'conflict' },
    { status: 404, kind: 'not-found' },
  ];
  for (const { status, kind } of cases) {
    it(`maps HTTP ${status} to '${kind}' with the ERP's message and status`, async () => {
      respond = erpError(status, `the ERP says ${status}`);
      const error = await failure(connector().confirmShipment(confirmation, 'k'));
      expect(error.kind).toBe(kind);
      expect(error.status).toBe(status);
      expect(error.message).toContain(`the ERP says ${status}`);
      expect(error.retryable).toBe(kind === 'server');
    });
  }

  it("maps 429 to 'rate-limited' with retryAfterMs from Retry-After seconds", async () => {
    respond = erpError(429, 'slow down', { 'retry-after': '7' });
    const error = await failure(connector().pullPending(null, 10));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBe(7000);
    expect(error.retryable).toBe(true);
  });

  it('reads Retry-After as an HTTP date too', () => {
    const now = new Date('2025-03-01T08:00:00.000Z');
    expect(parseRetryAfter('Sat, 01 Mar 2025 08:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it("maps a refused connection to 'network'", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(connector({ baseUrl: `http://127.0.0.1:${port}` }).pullPending(null, 10));
    expect(error.kind).toBe('network');
    expect(error.retryable).toBe(true);
  });

  it("maps a timeout to 'network'", async () => {
    respond = (_req, res) => {
      setTimeout(() => json(200, validOrder)(_req, res, ''), 1000);
    };
    const error = await failure(connector({ timeoutMs: 100 }).getOrder('SO-100001'));
    expect(error.kind).toBe('network');
    expect(error.message).toContain('100 ms');
  });

  it('names the field of a malformed answer', async () => {
    respond = json(200, { ...validOrder, receiver: { ...validOrder.receiver, country: 'China' } });
    const error = await failure(connector().getOrder('SO-100001'));
    expect(error.kind).toBe('server');
    expect(error.message).toContain('receiver.country');
  });

  it('calls a non-JSON 2xx answer malformed', async () => {
    respond = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>proxy login</html>');
    };
    const error = await failure(connector().pullPending(null, 10));
    expect(error.kind).toBe('server');
    expect(error.message).toContain('not JSON');
  });

  it('never repeats the API key, even when the ERP echoes it', async () => {
    respond = erpError(401, `bad key ${API_KEY}`);
    const error = await failure(connector().pullPending(null, 10));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('***');
  });

  it('keeps the status text when the error body is not the contract shape', async () => {
    respond = (_req, res) => {
      res.writeHead(502, 'Bad Gateway', { 'content-type': 'text/plain' });
      res.end('upstream down');
    };
    const error = await failure(connector().pullPending(null, 10));
    expect(error.kind).toBe('server');
    expect(error.message).toContain('Bad Gateway');
  });
});
