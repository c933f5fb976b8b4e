import type { OrderSummary, StationInfo } from '../contract';
import { totalUnits } from '../domain';
import type { OrdersRepository } from '../store';
import type { PackService } from './pack/pack-service';
import type { CommandHandlers } from './station-api';
import type { ErpSettingsService } from './erp-settings-service';
import type { SyncService } from './sync-service';
import type { TemplatesService } from './templates-service';
import type { WritebacksService } from './writebacks-service';
import type { QueueService } from './queue-service';
import type { PrintersService } from './printers-service';
import type { CommandsService } from './commands-service';
import type { OrdersService } from './orders-service';
import type { BatchPrintService } from './batch-print-service';
import type { StationSettingsService } from './station-settings-service';
import type { UiSettingsService } from './ui-settings-service';
import { withRefusals } from './refusal-from-failure';
import { StationError } from './station-error';

/** Binds every contract command to the station's services. */
export function createStationHandlers({
  pack,
  sync,
  orders,
  info,
  templates,
  erpSettings,
  writebacks,
  queue,
  printers,
  commands,
  orderHistory,
  batchPrint,
  stationSettings,
  uiSettings,
}: {
  pack: PackService;
  sync: SyncService;
  orders: OrdersRepository;
  info: () => StationInfo;
  templates: TemplatesService;
  /** ERP settings screen; absent in stations built without one (the commands then refuse). */
  erpSettings?: ErpSettingsService | undefined;
  /** Handover, delivery status and fees; absent in stations built without them (the commands then refuse). */
  writebacks?: WritebacksService | undefined;
  /** Outbox supervision and tracking-number pools; absent in stations built without them (the commands refuse). */
  queue?: QueueService | undefined;
  /** Printer settings and status; absent in stations built without them (the commands then refuse). */
  printers?: PrintersService | undefined;
  /** Command barcodes and their sheet; absent in stations built without them (the commands then refuse). */
  commands?: CommandsService | undefined;
  /** The Orders screen's search and history; absent in stations built without it (the commands then refuse). */
  orderHistory?: OrdersService | undefined;
  /** Batch printing of waybills; absent in stations built without it (the commands then refuse). */
  batchPrint?: BatchPrintService | undefined;
  /** The station's name and quantity prompt; absent in stations built without them (the command then refuses). */
  stationSettings?: StationSettingsService | undefined;
  /** The screens' settings the station keeps; absent in stations built without them (the commands then refuse). */
  uiSettings?: UiSettingsService | undefined;
}): CommandHandlers {
  const ordersService = (): OrdersService => orderHistory ?? unavailable('orders', 'order search and history');
  const batchService = (): BatchPrintService => batchPrint ?? unavailable('batch-print', 'batch printing');
  const stationService = (): StationSettingsService =>
    stationSettings ?? unavailable('station-settings', 'station settings');
  const queueService = (): QueueService => queue ?? unavailable('queue', 'queue supervision');
  const printersService = (): PrintersService => printers ?? unavailable('printers', 'printer settings');
  const settingsService = (): ErpSettingsService => erpSettings ?? unavailable('erp-settings', 'ERP settings');
  const commandsService = (): CommandsService => commands ?? unavailable('commands', 'command barcodes');
  const writebacksService = (): WritebacksService => writebacks ?? unavailable('writebacks', 'handovers and fees');
  const uiSettingsService = (): UiSettingsService => uiSettings ?? unavailable('ui-settings', 'screen settings');
  // Lower layers' failures leave every handler as refusals (or, when they are none, as internal failures).
  return withRefusals({
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
    'templates:check': async ({ template }) => templates.check(template),
    'templates:versions': async ({ name }) => templates.versions(name),
    'templates:restore': async ({ name, version, note }) => templates.restore({ name, version, note }),
    'templates:export': async ({ name, version }) => {
      const file = await templates.exportJson(name, version);
      return { fileName: file.fileName, json: file.json, ...file.ref };
    },
    'templates:import': async ({ json, note }) => templates.importJson(json, note),
    'handover:confirm': async (input) => writebacksService().handover(input),
    'handover:check': async ({ trackingNumber }) => writebacksService().checkParcel(trackingNumber),
    'handover:list': async ({ since }) => writebacksService().handoversSince(since),
    'tracking:report': async (input) => writebacksService().reportStatus(input),
    'fees:post': async (input) => writebacksService().postFee(input),
    'queue:list': async (input) => queueService().list(input),
    'queue:item': async ({ id }) => queueService().detail(id),
    'queue:retry': async (input) => queueService().retry(input),
    'queue:editRetry': async (input) => queueService().editAndRetry(input),
    'queue:discard': async (input) => queueService().discard(input),
    'queue:settings': async (input) => queueService().settings(input),
    'pool:list': async () => queueService().pools(),
    'pool:add': async (input) => queueService().addRange(input),
    'printers:list': async () => printersService().list(),
    'printers:save': async (input) => printersService().save(input),
    'printers:status': async () => printersService().status(),
    'printers:testPrint': async ({ target }) => printersService().testPrint(target),
    'pack:retryPrint': async ({ target }) => pack.retryPrint(target),
    'pack:reprint': async ({ reason, requestedBy }) => pack.reprint({ reason, requestedBy }),
    'commands:list': async () => commandsService().list(),
    'commands:sheetPdf': async ({ lang }) => commandsService().sheetPdf(lang ?? 'both'),
    'pack:quantity': async (input) => pack.quantity(input),
    'orders:search': async (input) => ordersService().search(input),
    'orders:detail': async ({ orderNo }) => ordersService().detail(orderNo),
    'orders:label': async ({ orderNo, jobId }) => ordersService().label(orderNo, jobId),
    'print:batch': async (input) => batchService().start(input),
    'print:batchStatus': async () => batchService().latest(),
    'station:settings': async (input) => stationService().update(input),
    'station:uiSettings': async () => uiSettingsService().get(),
    'station:saveUiSettings': async (input) => uiSettingsService().save(input),
  });
}

function unavailable(feature: string, what: string): never {
  throw new StationError('unavailable', `${what} are not available here`, { feature });
}
