import { apiClaimResponseSchema, apiOrderPageSchema, apiOrderSchema, apiShipmentResponseSchema } from '../api-schema';
import type { ApiShipmentRequest } from '../api-schema';
import { ErpError } from '../connector';
import type { ErpConnector } from '../connector';
import { toOrder } from '../intake';
import { createRestClient } from './rest-client';

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
  /** Clock for `Retry-After` dates. Default: the system clock. */
  clock?: (() => Date) | undefined;
}

/**
 * The connector for ERPs speaking the generic REST contract (docs/erp-api.yaml), the demo ERP included. Every
 * answer is validated against the wire schemas; every failure is an {@link ErpError} classified by kind.
 */
export function createRestConnector(options: RestConnectorOptions): ErpConnector {
  const client = createRestClient(options);
  const orderPath = (orderNo: string) => `/orders/${encodeURIComponent(orderNo)}`;

  return {
    kind: 'rest',

    async pullPending(cursor, limit) {
      const page = await client.call({
        method: 'GET',
        path: '/orders',
        query: { status: 'pending', cursor, limit },
        schema: apiOrderPageSchema,
      });
      return { orders: page.orders.map(toOrder), nextCursor: page.nextCursor };
    },

    async getOrder(orderNo) {
      try {
        return toOrder(await client.call({ method: 'GET', path: orderPath(orderNo), schema: apiOrderSchema }));
      } catch (error) {
        if (error instanceof ErpError && error.kind === 'not-found') return null;
        throw error;
      }
    },

    async claim(orderNo, stationId) {
      await client.call({
        method: 'POST',
        path: `${orderPath(orderNo)}/claim`,
        body: { stationId },
        schema: apiClaimResponseSchema,
      });
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
  };
}
