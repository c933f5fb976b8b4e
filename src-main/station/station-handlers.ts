import type { OrderSummary, StationInfo } from '../contract';
import { totalUnits } from '../domain';
import type { OrdersRepository } from '../store';
import type { PackService } from './pack-service';
import type { CommandHandlers } from './station-api';
import type { SyncService } from './sync-service';

/** Binds every contract command to the station's services. */
export function createStationHandlers({
  pack,
  sync,
  orders,
  info,
}: {
  pack: PackService;
  sync: SyncService;
  orders: OrdersRepository;
  info: () => StationInfo;
}): CommandHandlers {
  return {
    'station:info': async () => info(),
    'pack:state': async () => pack.state(),
    'pack:scan': async ({ code }) => pack.scan(code),
    'pack:confirm': async () => pack.confirm(),
    'pack:cancel': async () => pack.cancel(),
    'pack:acknowledge': async () => pack.acknowledge(),
    'orders:list': async ({ limit }) =>
      orders.list(limit ?? 100).map((stored): OrderSummary => ({
        orderNo: stored.order.orderNo,
        status: stored.localState === 'shipped' ? 'shipped' : stored.order.status,
        receiverName: stored.order.receiver.name,
        city: stored.order.receiver.city,
        units: totalUnits(stored.order),
        trackingNumber: stored.trackingNumber ?? stored.order.trackingNumber ?? null,
        issues: stored.issues.map((issue) => issue.message),
      })),
    'queue:status': async () => sync.queueStatus(),
    'sync:now': async () => {
      const result = await sync.syncNow();
      return { pulled: result.pulled, uploaded: result.uploaded, failed: result.failed, depth: result.depth };
    },
  };
}
