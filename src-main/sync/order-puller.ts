import type { Order } from '../domain';
import { ErpError, runIntake, type ErpConnector } from '../erp';
import type { DuplicatePolicy, OrdersRepository, StoredOrder } from '../store';

/** Pulls pending orders page by page into the local store, running intake on each one on the way in. */
export interface OrderPuller {
  /** Pulls the pending orders the ERP offers after the saved cursor; returns how many were stored. */
  pullAll(): Promise<number>;
  /** Fetches one order and stores it; null when the ERP does not know it. */
  pullOne(orderNo: string): Promise<StoredOrder | null>;
}

/** Where the puller keeps its position in the ERP's order list between pulls (the station's settings table). */
export interface CursorStore {
  get(): string | null;
  set(cursor: string | null): void;
}

/**
 * Creates the order puller. Every order goes through intake (map → standardize → validate, see erp/intake); one
 * that fails is stored with its reasons ("needs attention"), never dropped. Each page is stored in one
 * transaction. Pulls are incremental: the cursor of the last page is kept (in `cursor`), so the next pull starts
 * there instead of at the beginning; an ERP that no longer accepts it (400) is asked from the start again.
 */
export function createOrderPuller({
  connector,
  orders,
  clock,
  pageSize = 200,
  cursor: cursorStore,
  duplicates,
}: {
  connector: ErpConnector;
  orders: OrdersRepository;
  clock: () => Date;
  pageSize?: number;
  /** Keeps the cursor between pulls; without it every pull starts from the beginning. */
  cursor?: CursorStore | undefined;
  duplicates?: DuplicatePolicy | undefined;
}): OrderPuller {
  const store = (found: Order[]) => orders.upsertMany(found.map(runIntake), clock().toISOString(), duplicates);

  async function pullFrom(start: string | null): Promise<number> {
    let cursor = start;
    let count = 0;
    // A cursor that repeats would loop forever against a misbehaving ERP; stop at the first repeat.
    const seen = new Set<string>();
    for (;;) {
      const page = await connector.pullPending(cursor, pageSize);
      count += store(page.orders);
      // The last page answers no next cursor: keep the one that fetched it, so the next pull re-reads only it.
      if (page.nextCursor === null || seen.has(page.nextCursor)) break;
      seen.add(page.nextCursor);
      cursor = page.nextCursor;
      cursorStore?.set(cursor);
    }
    return count;
  }

  return {
    async pullAll() {
      const start = cursorStore?.get() || null;
      try {
        return await pullFrom(start);
      } catch (error) {
        if (start !== null && error instanceof ErpError && error.kind === 'rejected') {
          cursorStore?.set(null);
          return pullFrom(null);
        }
        throw error;
      }
    },
    async pullOne(orderNo) {
      const order = await connector.getOrder(orderNo);
      if (!order) return null;
      const result = runIntake(order);
      orders.upsertMany([result], clock().toISOString(), duplicates);
      return orders.get(result.order.orderNo);
    },
  };
}
