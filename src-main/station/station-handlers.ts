import type { OrderSummary, StationInfo } from '../contract';
import { totalUnits } from '../domain';
import type { OrdersRepository } from '../store';
import type { PackService } from './pack-service';
import type { CommandHandlers } from './station-api';
import type { ErpSettingsService } from './erp-settings-service';
import type { SyncService } from './sync-service';
import type { TemplatesService } from './templates-service';
import type { PrintersService } from './printers-service';

/** Binds every contract command to the station's services. */
export function createStationHandlers({
  pack,
  sync,
  orders,
  info,
  templates,
  erpSettings,
  printers,
}: {
  pack: PackService;
  sync: SyncService;
  orders: OrdersRepository;
  info: () => StationInfo;
  templates: TemplatesService;
  /** ERP settings screen; absent in stations built without one (the commands then refuse). */
  erpSettings?: ErpSettingsService | undefined;
  /** Printer settings and status; absent in stations built without them (the commands then refuse). */
  printers?: PrintersService | undefined;
}): CommandHandlers {
  const printersService = (): PrintersService => {
    if (!printers) throw Object.assign(new Error('printer settings are not available here'), { code: 'unavailable' });
    return printers;
  };
  const settingsService = (): ErpSettingsService => {
    if (!erpSettings) throw Object.assign(new Error('ERP settings are not available here'), { code: 'unavailable' });
    return erpSettings;
  };
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
    'erp:getSettings': async () => settingsService().get(),
    'erp:saveSettings': async (input) => settingsService().save(input),
    'erp:testConnection': async (input) => settingsService().test(input),
    'orders:attention': async ({ limit }) => ({
      total: orders.countAttention(),
      orders: orders.listAttention(limit ?? 200).map((stored) => ({
        orderNo: stored.order.orderNo,
        status: stored.order.status,
        receiverName: stored.order.receiver.name,
        city: stored.order.receiver.city,
        pulledAt: stored.pulledAt,
        duplicateOf: stored.duplicateOf,
        issues: stored.issues,
      })),
    }),
    'sync:now': async () => {
      const result = await sync.syncNow();
      return { pulled: result.pulled, uploaded: result.uploaded, failed: result.failed, depth: result.depth };
    },
    'templates:list': async () => templates.list(),
    'templates:get': async ({ name, version }) => templates.get(name, version),
    'templates:save': async ({ template, name, note }) => templates.save({ template, name, note }),
    'templates:preview': async ({ template, orderNo, dpi }) => templates.preview({ template, orderNo, dpi }),
    'templates:setActive': async ({ name, version }) => templates.setActive({ name, version }),
    'templates:export': async ({ name, version }) => {
      const file = await templates.exportJson(name, version);
      return { fileName: file.fileName, json: file.json, ...file.ref };
    },
    'templates:import': async ({ json, note }) => templates.importJson(json, note),
    'printers:list': async () => printersService().list(),
    'printers:save': async (input) => printersService().save(input),
    'printers:status': async () => printersService().status(),
    'printers:testPrint': async ({ target }) => printersService().testPrint(target),
    'pack:retryPrint': async ({ target }) => pack.retryPrint(target),
    'pack:reprint': async ({ reason, requestedBy }) => pack.reprint({ reason, requestedBy }),
  };
}
