import { z } from 'zod';
import {
  apiClaimResponseSchema,
  apiOrderSchema,
  apiShipmentResponseSchema,
  apiWritebackResponseSchema,
} from '../api-schema';
import type { ApiFeeRequest, ApiHandoverRequest, ApiShipmentRequest, ApiTrackingEventRequest } from '../api-schema';
import { ErpError } from '../connector';
import type { ErpConnector, ErpWritebacks } from '../connector';
import { mapRawOrder } from '../intake';
import { createRestClient } from './rest-client';
import type { SigningKey } from './signing';

/** Options of {@link createRestConnector}. */
export interface RestConnectorOptions {
  /** Where the ERP lives: `http(s)://host[:port][/prefix]`; the contract's `/api/v1` is appended unless present. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer KEY`; never appears in error messages. */
  apiKey?: string | undefined;
  /** Injected fetch (tests, proxies). Default: the global fetch. */
  fetch?: typeof fetch | undefined;
  /** Per call, covering connect, headers and body. Default 10 000 ms. */
  timeoutMs?: number | undefined;
  /** Clock for `Retry-After` dates and signature timestamps. Default: the system clock. */
  clock?: (() => Date) | undefined;
  /** Signs every request with HMAC-SHA256 (headers `X-Dockside-*`); the secret never appears in messages. */
  signing?: SigningKey | undefined;
}

// Orders are read leniently, one by one (intake's map stage): one malformed order must not fail its whole page; it
// is kept with its reasons in "needs attention" instead.
const lenientPageSchema = z.object({ orders: z.array(z.unknown()), nextCursor: z.string().nullable() });
// A single order asked for by number is checked against the contract (a malformed answer names its field), then
// goes through the same map stage as a page's orders.
const checkedOrderSchema = apiOrderSchema.loose();

/**
 * The connector for ERPs speaking the generic REST contract (docs/erp-api.yaml), the demo ERP included. Every
 * answer is validated against the wire schemas; every failure is an {@link ErpError} classified by kind.
 */
export function createRestConnector(options: RestConnectorOptions): ErpConnector & ErpWritebacks {
  const client = createRestClient(options);
  const orderPath = (orderNo: string) => `/orders/${encodeURIComponent(orderNo)}`;
  const writeback = (path: string, body: unknown, idempotencyKey: string) =>
    client.call({
      method: 'POST',
      path,
      headers: { 'idempotency-key': idempotencyKey },
      body,
      schema: apiWritebackResponseSchema,
    });

  return {
    kind: 'rest',
    // The contract has an endpoint for each (docs/erp-api.yaml); an ERP that lacks one answers 404 and the item is
    // parked as rejected with that reason.
    capabilities: { handover: true, trackingStatus: true, fees: true },

    async pullPending(cursor, limit) {
      const page = await client.call({
        method: 'GET',
        path: '/orders',
        query: { status: 'pending', cursor, limit },
        schema: lenientPageSchema,
      });
      return { orders: page.orders.map(mapRawOrder), nextCursor: page.nextCursor };
    },

    async getOrder(orderNo) {
      try {
        return mapRawOrder(await client.call({ method: 'GET', path: orderPath(orderNo), schema: checkedOrderSchema }));
      } catch (error) {
        if (error instanceof ErpError && error.kind === 'not-found') return null;
        throw error;
      }
    },

    async claim(orderNo, stationId) {
      const lease = await client.call({
        method: 'POST',
        path: `${orderPath(orderNo)}/claim`,
        body: { stationId },
        schema: apiClaimResponseSchema,
      });
      return { leaseUntil: lease.leaseUntil };
    },

    async confirmShipment(request, idempotencyKey) {
      const body: ApiShipmentRequest = {
        orderNo: request.orderNo,
        trackingNumber: request.trackingNumber,
        carrier: request.carrier,
        weightKg: request.weightKg,
        fee: request.fee,
        orderVersion: request.orderVersion,
        shippedAt: request.shippedAt,
        lines: request.lines.map(({ lineNo, sku, quantity }) => ({ lineNo, sku, quantity })),
        stationId: request.stationId,
      };
      const answer = await client.call({
        method: 'POST',
        path: '/shipments',
        headers: { 'idempotency-key': idempotencyKey },
        body,
        schema: apiShipmentResponseSchema,
      });
      return {
        shipmentId: answer.shipment.id,
        trackingNumber: answer.shipment.trackingNumber,
        replayed: answer.replayed,
      };
    },

    confirmHandover(request, idempotencyKey) {
      const body: ApiHandoverRequest = {
        handoverId: request.handoverId,
        carrier: request.carrier,
        handedOverAt: request.handedOverAt,
        stationId: request.stationId,
        parcels: request.parcels.map(({ orderNo, trackingNumber }) => ({ orderNo, trackingNumber })),
      };
      return writeback('/handovers', body, idempotencyKey);
    },

    reportTrackingStatus(request, idempotencyKey) {
      const body: ApiTrackingEventRequest = {
        orderNo: request.orderNo,
        trackingNumber: request.trackingNumber,
        status: request.status,
        at: request.at,
        detail: request.detail,
      };
      return writeback('/tracking-events', body, idempotencyKey);
    },

    postFee(request, idempotencyKey) {
      const body: ApiFeeRequest = {
        orderNo: request.orderNo,
        trackingNumber: request.trackingNumber,
        kind: request.kind,
        amount: request.amount,
        currency: request.currency,
        postedAt: request.postedAt,
      };
      return writeback('/fees', body, idempotencyKey);
    },
  };
}
