import { validateOrder } from '../domain';
import type { ErpConnector } from '../erp';
import type { OrdersRepository } from '../store';

/** Pulls pending orders page by page into the local store, validating each one on the way in. */
export interface OrderPuller {
  /** Pulls every pending order the ERP offers; returns how many were stored. */
  pullAll(): Promise<number>;
  /** Fetches one order and stores it; null when the ERP does not know it. */
  pullOne(orderNo: string): Promise<ReturnType<OrdersRepository['get']>>;
}

/** Creates the order puller. Orders that fail validation are stored with their reasons, never dropped. */
export function createOrderPuller({
  connector,
  orders,
  clock,
  pageSize = 200,
}: {
  connector: ErpConnector;
  orders: OrdersRepository;
  clock: () => Date;
  pageSize?: number;
}): OrderPuller {
  return {
    async pullAll() {
      let cursor: string | null = null;
      let count = 0;
      // A cursor that repeats would loop forever against a misbehaving ERP; stop at the first repeat.
      const seen = new Set<string>();
      do {
        const page = await connector.pullPending(cursor, pageSize);
        const now = clock().toISOString();
        for (const order of page.orders) orders.upsert(order, validateOrder(order), now);
        count += page.orders.length;
        cursor = page.nextCursor;
        if (cursor !== null && seen.has(cursor)) break;
        if (cursor !== null) seen.add(cursor);
      } while (cursor !== null);
      return count;
    },
    async pullOne(orderNo) {
      const order = await connector.getOrder(orderNo);
      if (!order) return null;
      orders.upsert(order, validateOrder(order), clock().toISOString());
      return orders.get(orderNo);
    },
  };
}
