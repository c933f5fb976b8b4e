import { ErpError } from '../../erp';
import type { OrdersRepository, StoredOrder } from '../../store';
import type { Connectivity, OrderPuller } from '../../sync';
import { StationError } from '../station-error';
import { isDiskFull, toStationError } from '../refusal-from-failure';
import type { OpenOrder } from './pack-state';

/** Reads orders for packing: the local copy, refreshed from the ERP whenever it answers. */
export interface OrderRefresh {
  /**
   * Finds the order locally and, when the ERP answers, refreshes it first so a cancellation there is seen.
   * @throws StationError `order-not-found`, or `disk-full` when the refreshed order cannot be stored
   */
  load(orderNo: string): Promise<StoredOrder>;
  /**
   * Online, right before printing and before confirming: re-reads the order from the ERP. Returns the refusal
   * when it was cancelled or changed since it was opened (a printed label is named for voiding), null when the
   * opened order stands. Offline (or when the ERP does not answer) the snapshot stands.
   */
  recheck(cur: OpenOrder): Promise<StationError | null>;
}

/** What the order refresh works with. */
export interface OrderRefreshDeps {
  orders: OrdersRepository;
  puller: OrderPuller;
  connectivity: Connectivity;
  clock: () => Date;
}

/**
 * Only the ERP's own failures say it is unreachable: a failure of the station itself (its disk is full) is
 * rethrown as the refusal it is and leaves the connectivity as it was.
 */
function rethrowLocal(failure: unknown): void {
  if (failure instanceof StationError) throw failure;
  if (isDiskFull(failure)) throw toStationError(failure) ?? failure;
}

/** Creates the order refresh. */
export function createOrderRefresh(deps: OrderRefreshDeps): OrderRefresh {
  const now = () => deps.clock().toISOString();
  const offline = (failure: unknown) =>
    deps.connectivity.failed(failure instanceof Error ? failure.message : String(failure));

  async function load(orderNo: string): Promise<StoredOrder> {
    let stored = deps.orders.get(orderNo);
    if (deps.connectivity.online || !stored) {
      try {
        const fresh = await deps.puller.pullOne(orderNo);
        deps.connectivity.succeeded(now());
        stored = fresh ?? stored;
        if (!fresh && !stored)
          throw new StationError('order-not-found', `order ${orderNo} is unknown to the ERP`, { orderNo });
      } catch (failure) {
        rethrowLocal(failure);
        if (failure instanceof ErpError && !failure.retryable && failure.kind !== 'auth') throw failure;
        offline(failure);
        if (!stored) {
          throw new StationError(
            'order-not-found',
            `order ${orderNo} is not in the local store and the ERP cannot be reached to fetch it`,
            { orderNo },
          );
        }
      }
    }
    if (!stored) throw new StationError('order-not-found', `order ${orderNo} is unknown`, { orderNo });
    return stored;
  }

  async function recheck(cur: OpenOrder): Promise<StationError | null> {
    if (!deps.connectivity.online) return null;
    const opened = cur.stored.order;
    let fresh: StoredOrder | null;
    try {
      fresh = await deps.puller.pullOne(opened.orderNo);
    } catch (failure) {
      rethrowLocal(failure);
      offline(failure);
      return null;
    }
    if (!fresh || (fresh.order.status !== 'cancelled' && fresh.order.version === opened.version)) return null;
    const label = cur.job && cur.label ? `; void label ${cur.job.trackingNumber}` : '';
    if (fresh.order.status === 'cancelled') {
      return new StationError(
        'order-cancelled',
        `order ${opened.orderNo} was cancelled in the ERP${label}; do not ship it`,
        { orderNo: opened.orderNo },
      );
    }
    return new StationError(
      'order-changed',
      `order ${opened.orderNo} changed in the ERP (version ${opened.version} → ${fresh.order.version})${label}; scan the order again`,
      { orderNo: opened.orderNo, trackingNumber: cur.job?.trackingNumber ?? '' },
    );
  }

  return { load, recheck };
}
