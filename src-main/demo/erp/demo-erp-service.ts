import { createHash } from 'node:crypto';
import type { OrderStatus } from '../../domain';
import type { DemoErpRepository, DemoOrderRecord } from './demo-erp-repository';
import type { ApiOrder, ApiOrderPage, ApiShipmentRequest, ApiShipmentResponse, ApiStock } from '../../erp/api-schema';
import { HttpError } from './http-io';

/** How long a claim holds an order for one station. */
export const CLAIM_LEASE_MS = 5 * 60_000;
/** Page size of `GET /orders` when the caller gives none, and the largest it may ask for. */
export const DEFAULT_PAGE_SIZE = 50;
/** Largest page `GET /orders` serves. */
export const MAX_PAGE_SIZE = 200;

/** A successful answer of the service: status code and JSON body. */
export interface ServiceAnswer<T> {
  status: number;
  body: T;
}

/** The demo ERP's behaviour, independent of HTTP. Refusals are thrown as {@link HttpError}. */
export interface DemoErpService {
  listOrders(query: { status?: OrderStatus | undefined; cursor?: string | undefined; limit: number }): ApiOrderPage;
  getOrder(orderNo: string): ApiOrder;
  claim(orderNo: string, stationId: string): { orderNo: string; claimedBy: string; leaseUntil: string };
  ship(request: ApiShipmentRequest, idempotencyKey: string): ServiceAnswer<ApiShipmentResponse>;
  getStock(sku: string): ApiStock;
}

/** Builds the service over the demo ERP's repository and clock. */
export function createDemoErpService(repo: DemoErpRepository, clock: () => Date): DemoErpService {
  const nowIso = () => clock().toISOString();

  const requireOrder = (orderNo: string): DemoOrderRecord => {
    const order = repo.getOrder(orderNo);
    if (!order) throw new HttpError(404, 'order-not-found', `order ${orderNo} does not exist`);
    return order;
  };

  return {
    listOrders: ({ status, cursor, limit }) => {
      const afterSeq = cursor === undefined ? 0 : decodeCursor(cursor);
      const now = nowIso();
      // One row more than asked tells whether another page exists without a second query.
      const rows = repo.listOrders({ status, now, afterSeq, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        orders: page.map((order) => toApiOrder(order, now)),
        nextCursor: rows.length > limit && last ? encodeCursor(last.seq) : null,
      };
    },

    getOrder: (orderNo) => toApiOrder(requireOrder(orderNo), nowIso()),

    claim: (orderNo, stationId) =>
      repo.transaction(() => {
        const order = requireOrder(orderNo);
        const now = clock();
        if (order.status !== 'pending') {
          throw new HttpError(
            409,
            `order-${order.status}`,
            `order ${orderNo} is ${order.status} and cannot be claimed`,
          );
        }
        if (order.claimedBy !== null && order.claimedBy !== stationId && isLive(order.leaseUntil, now.toISOString())) {
          throw new HttpError(
            409,
            'claimed',
            `order ${orderNo} is claimed by station ${order.claimedBy} until ${order.leaseUntil}`,
          );
        }
        const leaseUntil = new Date(now.getTime() + CLAIM_LEASE_MS).toISOString();
        repo.setClaim(orderNo, stationId, leaseUntil);
        return { orderNo, claimedBy: stationId, leaseUntil };
      }),

    ship: (request, idempotencyKey) =>
      repo.transaction(() => {
        const requestHash = hashRequest(request);
        const replay = replayOf<ApiShipmentResponse>(repo, idempotencyKey, requestHash);
        if (replay) return replay;

        const order = requireOrder(request.orderNo);
        const now = nowIso();
        if (order.status === 'cancelled')
          throw new HttpError(409, 'order-cancelled', `order ${order.orderNo} is cancelled`);
        if (order.status === 'shipped') {
          throw new HttpError(
            409,
            'order-shipped',
            `order ${order.orderNo} is already shipped (${order.trackingNumber ?? 'no tracking number'})`,
          );
        }
        if (request.orderVersion !== undefined && request.orderVersion !== order.version) {
          throw new HttpError(
            409,
            'version-conflict',
            `order ${order.orderNo} is at version ${order.version}, the request was packed against version ${request.orderVersion}`,
          );
        }
        if (order.claimedBy !== null && order.claimedBy !== request.stationId && isLive(order.leaseUntil, now)) {
          throw new HttpError(409, 'claimed', `order ${order.orderNo} is claimed by station ${order.claimedBy}`);
        }
        const lines = request.lines.length > 0 ? request.lines : order.lines;
        for (const line of lines) {
          const ordered = order.lines.find((candidate) => candidate.lineNo === line.lineNo);
          if (!ordered || ordered.sku !== line.sku) {
            throw new HttpError(
              422,
              'line-mismatch',
              `lines: line ${line.lineNo} (${line.sku}) is not a line of order ${order.orderNo}`,
            );
          }
          if (line.quantity > ordered.quantity) {
            throw new HttpError(
              422,
              'line-mismatch',
              `lines: line ${line.lineNo} ships ${line.quantity}, the order asks for ${ordered.quantity}`,
            );
          }
        }

        const shipment = repo.insertShipment({
          orderNo: order.orderNo,
          trackingNumber: request.trackingNumber,
          carrier: request.carrier,
          shippedAt: request.shippedAt,
          weightKg: request.weightKg,
          fee: request.fee,
          stationId: request.stationId,
          createdAt: now,
        });
        repo.markShipped(order.orderNo, request.trackingNumber, now);
        for (const line of lines) repo.deductStock(line.sku, line.quantity);
        const body: ApiShipmentResponse = {
          shipment: dropUndefined(shipment),
          orderNo: order.orderNo,
          status: 'shipped',
          replayed: false,
        };
        repo.storeResponse(idempotencyKey, { requestHash, statusCode: 201, responseJson: JSON.stringify(body) }, now);
        return { status: 201, body };
      }),

    getStock: (sku) => {
      const stock = repo.getStock(sku);
      if (!stock) throw new HttpError(404, 'sku-not-found', `SKU ${sku} does not exist`);
      return stock;
    },
  };
}

/** The order as the contract shows it; a pending order under a live claim shows as `claimed`. */
function toApiOrder(order: DemoOrderRecord, now: string): ApiOrder {
  const status: OrderStatus = order.status === 'pending' && isLive(order.leaseUntil, now) ? 'claimed' : order.status;
  return dropUndefined({
    orderNo: order.orderNo,
    status,
    version: order.version,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    receiver: dropUndefined(order.receiver),
    sender: dropUndefined(order.sender),
    lines: order.lines,
    carrier: order.carrier,
    weightKg: order.weightKg,
    trackingNumber: order.trackingNumber ?? null,
    shipments: order.shipments.map(dropUndefined),
    note: order.note,
  });
}

function isLive(leaseUntil: string | null, now: string): boolean {
  return leaseUntil !== null && leaseUntil > now;
}

/** Cursors are opaque to clients: base64url of the last row's position. */
function encodeCursor(seq: number): string {
  return Buffer.from(`o:${seq}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^o:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new HttpError(400, 'bad-request', 'cursor: not a cursor this server issued');
  return Number(match[1]);
}

/**
 * The first answer stored under an Idempotency-Key, again with `replayed: true`; undefined when the key is new.
 * Call inside the transaction that would record the request.
 * @throws HttpError 422 when the key was used with a different request body
 */
export function replayOf<T extends { replayed: boolean }>(
  repo: DemoErpRepository,
  idempotencyKey: string,
  requestHash: string,
): ServiceAnswer<T> | undefined {
  const stored = repo.getStoredResponse(idempotencyKey);
  if (!stored) return undefined;
  if (stored.requestHash !== requestHash) {
    throw new HttpError(
      422,
      'idempotency-key-reused',
      'this Idempotency-Key was already used with a different request body',
    );
  }
  const first = JSON.parse(stored.responseJson) as T;
  return { status: stored.statusCode, body: { ...first, replayed: true } };
}

/** A stable hash of a request body: same fields and values give the same hash whatever their key order. */
export function hashRequest(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Leaves out keys whose value is undefined, so JSON bodies carry no `"x": undefined` holes. */
function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
