import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer: an HTTP status with an optional error message and headers. */
export interface ScriptedAnswer {
  status: number;
  message?: string;
  headers?: Record<string, string>;
}

/** One POST /api/v1/shipments the scripted ERP received. */
export interface ReceivedShipment {
  orderNo: string;
  idempotencyKey: string;
  body: Record<string, unknown>;
}

/** A loopback HTTP server speaking the shipments part of docs/erp-api.yaml, answering what the test scripts. */
export interface ScriptedErp {
  url: string;
  received: ReceivedShipment[];
  /** Highest number of requests that were in flight at once, and whether two of one order ever overlapped. */
  maxInFlight: number;
  sameOrderOverlap: boolean;
  /** Queues answers for an order; when its queue is empty the shipment is accepted (201). */
  script(orderNo: string, ...answers: ScriptedAnswer[]): void;
  close(): Promise<void>;
}

/**
 * Starts the scripted ERP on 127.0.0.1. Accepted shipments are remembered by idempotency key and replayed, like
 * a real ERP that implements idempotency keys.
 */
export async function startScriptedErp(): Promise<ScriptedErp> {
  const scripts = new Map<string, ScriptedAnswer[]>();
  const accepted = new Map<string, unknown>();
  const inFlight = new Map<string, number>();
  let current = 0;
  const state: ScriptedErp = {
    url: '',
    received: [],
    maxInFlight: 0,
    sameOrderOverlap: false,
    script(orderNo, ...answers) {
      scripts.set(orderNo, [...(scripts.get(orderNo) ?? []), ...answers]);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const orderNo = String(body.orderNo);
      const key = String(req.headers['idempotency-key']);
      state.received.push({ orderNo, idempotencyKey: key, body });
      current++;
      state.maxInFlight = Math.max(state.maxInFlight, current);
      if ((inFlight.get(orderNo) ?? 0) > 0) state.sameOrderOverlap = true;
      inFlight.set(orderNo, (inFlight.get(orderNo) ?? 0) + 1);
      // Answer on a later tick so that concurrent requests really overlap.
      setTimeout(() => {
        current--;
        inFlight.set(orderNo, inFlight.get(orderNo)! - 1);
        const answer = scripts.get(orderNo)?.shift();
        if (answer) {
          res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
          res.end(JSON.stringify({ error: { code: `http-${answer.status}`, message: answer.message ?? 'scripted' } }));
          return;
        }
        const receipt = accepted.get(key) ?? {
          shipment: {
            id: `SH-${accepted.size + 1}`,
            trackingNumber: String(body.trackingNumber),
            carrier: String(body.carrier),
            shippedAt: String(body.shippedAt),
          },
          orderNo,
          status: 'shipped',
          replayed: false,
        };
        const replayed = accepted.has(key);
        accepted.set(key, receipt);
        res.writeHead(replayed ? 200 : 201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ...(receipt as object), replayed }));
      }, 2);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
