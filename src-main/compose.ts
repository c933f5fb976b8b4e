import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { StationInfo } from './contract';
import { createDemoErp } from './demo';
import { capabilitiesOf, createErpConnectorFromUrl, type ErpEndpoint } from './erp';
import { createCarrierFor, createNumberPoolRepository, createNumberPools, ensureLocalPool } from './carriers';
import { createCommandsSheetRenderer, createLabelRenderer } from './labels';
import {
  appVersion,
  assetsDir as defaultAssetsDir,
  findAppRoot,
  redactUrl,
  silentLogger,
  type Logger,
} from './platform';
import {
  builtInPrinterCatalog,
  createPrinterFromUri,
  createPrintQueue,
  type Printer,
  type PrinterCatalog,
  type PrinterTimeouts,
} from './printers';
import {
  createOrdersRepository,
  createOutbox,
  createOutboxSupervision,
  createScanLog,
  createScanLookup,
  createSettingsRepository,
  createShippingStore,
  createTemplatesRepository,
  createWritebacksStore,
  createPrintJobsRepository,
  openLockedStationDatabase,
  InstanceLockedError,
  DataDirError,
  type LockedStationDatabase,
  createClaimsRepository,
  createDatabaseBackups,
  recoverAfterCrash,
  createOrderSearchRepository,
  createPrintBatchesRepository,
} from './store';
import {
  createEventHub,
  createPackService,
  createCommandsService,
  createStationHandlers,
  createSyncService,
  createErpSettingsService,
  loadSavedErpSettings,
  erpEndpointOf,
  createTemplatesService,
  createWritebacksService,
  createQueueService,
  createPrintersService,
  createUiSettingsService,
  type PackService,
  type StationApi,
  type SyncService,
  createBackupScheduler,
  createClaimService,
  type BackupScheduler,
  logConnectivityChanges,
  printerChangeLogger,
  createOrdersService,
  createBatchPrintService,
  createStationSettingsService,
  batchLabelLookup,
  templateByRef,
  type PrintedLabel,
} from './station';
import { createConnectivity, createOrderPuller, createOutboxUploader } from './sync';

/** How a station is put together. Everything but `dataDir` has a working default. */
export interface StationConfig {
  /** The station's data folder: its SQLite file, the embedded demo ERP's file, the virtual printer's labels. */
  dataDir: string;
  /** `http(s)://…` for an ERP speaking docs/erp-api.yaml. Absent: the embedded demo ERP runs in-process. */
  erpUrl?: string | undefined;
  /** API key for the ERP (never logged, never shown back). */
  erpApiKey?: string | undefined;
  /** HMAC request signing for the ERP (DOCKSIDE_ERP_KEY_ID + DOCKSIDE_ERP_SECRET; never logged, never shown). */
  erpSigning?: { keyId: string; secret: string } | undefined;
  /** Printer URI; default `file:<dataDir>/labels`, the virtual printer. */
  printer?: string | undefined;
  /** Printer profiles and languages for `tcp:`/`usb:` printers (`?profile=NAME`); default: the built-in ones. */
  printerCatalog?: PrinterCatalog | undefined;
  /** Timeouts of network and device printers. */
  printerTimeouts?: PrinterTimeouts | undefined;
  /** Run the sync loop in the background (desktop and web shell); the CLI syncs explicitly instead. */
  background?: boolean | undefined;
  /** Timeout for each ERP call, ms. */
  erpTimeoutMs?: number | undefined;
  assetsDir?: string | undefined;
  clock?: (() => Date) | undefined;
  random?: (() => number) | undefined;
  fetch?: typeof fetch | undefined;
  newId?: (() => string) | undefined;
  /**
   * Where the station logs operational events and internal errors: the shells and the CLI pass the file logger of
   * the data directory (platform/file-logger.ts); default: nowhere.
   */
  logger?: Logger | undefined;
}

/** A running station: its contract API for shells, its services for the CLI, and how to shut it down. */
export interface Station {
  api: StationApi;
  pack: PackService;
  sync: SyncService;
  printer: Printer;
  info(): StationInfo;
  close(): Promise<void>;
  /** Backups of the station database: on demand, and on the schedule its settings set (background stations). */
  backups: BackupScheduler;
  /** The station's logger, for the shells to log what the renderer must not see. */
  logger: Logger;
}

/**
 * The composition root: builds every service once from its dependencies. Shells and the CLI call this; tests may
 * call it too with a temporary data directory.
 */
export async function createStation(config: StationConfig): Promise<Station> {
  const clock = config.clock ?? (() => new Date());
  const random = config.random ?? Math.random;
  const newId = config.newId ?? randomUUID;
  const logger = config.logger ?? silentLogger;
  // The lock comes first: a second process must never open the database (or the embedded ERP's) at all.
  let stationDb: LockedStationDatabase;
  try {
    stationDb = openLockedStationDatabase(config.dataDir);
  } catch (error) {
    // Another process holding the directory is no fault of the database, and a directory that cannot be used
    // cannot hold the log either (the refusal says what is wrong); anything else goes to the log.
    if (!(error instanceof InstanceLockedError || error instanceof DataDirError))
      logger.error({ err: error }, 'the station database could not be opened');
    throw error;
  }
  const { db } = stationDb;
  const closers: (() => Promise<void> | void)[] = [() => stationDb.close()];
  try {
    const recovery = recoverAfterCrash(db, clock().toISOString());
    if (recovery.unknownPrints.length > 0)
      logger.warn({ jobs: recovery.unknownPrints }, 'labels were being sent when the station last stopped');
    const settings = createSettingsRepository(db);
    const stationId = settings.get('station.id') ?? newId();
    settings.set('station.id', stationId);

    // One way to reach an ERP, for the running connector and for the settings screen's connection test alike.
    const connectErp = (endpoint: ErpEndpoint) =>
      createErpConnectorFromUrl(endpoint, { fetch: config.fetch, timeoutMs: config.erpTimeoutMs });
    let endpoint: ErpEndpoint;
    let embeddedDemo = false;
    // Command line and environment win; otherwise what the settings screen saved (applied at start only).
    const saved = config.erpUrl ? null : loadSavedErpSettings(settings, config.dataDir);
    const savedEndpoint = saved && saved.url !== '' ? erpEndpointOf(saved) : null;
    if (config.erpUrl) {
      endpoint = { url: config.erpUrl, apiKey: config.erpApiKey, signing: config.erpSigning };
    } else if (savedEndpoint) {
      endpoint = savedEndpoint;
    } else {
      const demo = createDemoErp({ dbPath: path.join(config.dataDir, 'demo-erp.sqlite') });
      const { url } = await demo.listen(0);
      closers.push(() => demo.close());
      endpoint = { url };
      embeddedDemo = true;
    }
    const erpUrl = endpoint.url;
    const { kind, connector } = connectErp(endpoint);
    const erpKind: StationInfo['erp']['kind'] = embeddedDemo ? 'demo' : kind;

    const orders = createOrdersRepository(db);
    const outbox = createOutbox({ db, clock });
    const pools = createNumberPoolRepository(db);
    ensureLocalPool(pools, random);
    const printJobs = createPrintJobsRepository(db);
    const shipping = createShippingStore({ db, outbox, pools, jobs: printJobs });
    const catalog = config.printerCatalog ?? builtInPrinterCatalog;
    const assetsDir = config.assetsDir ?? defaultAssetsDir(findAppRoot());
    const labels = createLabelRenderer({ assetsDir });
    const templates = createTemplatesService({
      repository: createTemplatesRepository(db),
      settings,
      assetsDir,
      labels,
      orders,
      clock,
      stationId,
    });
    const hub = createEventHub();
    const printQueue = createPrintQueue({ jobs: printJobs, clock });
    const logPrinterChange = printerChangeLogger(logger.child({ component: 'printers' }));
    const printers = createPrintersService({
      settings,
      build: (uri) => createPrinterFromUri(uri, process.cwd(), catalog, config.printerTimeouts),
      profiles: () => {
        const names = catalog?.profileNames() ?? [];
        return names.flatMap((name) => catalog?.profile(name) ?? []);
      },
      labels,
      defaultUri: `file:${path.join(config.dataDir, 'labels')}`,
      override: config.printer,
      clock,
      onChange: (status) => {
        logPrinterChange(status);
        hub.emit('printers:changed', status);
      },
    });
    const printer = printers.current().primary;
    const connectivity = createConnectivity({ lastSuccessAt: settings.get('sync.lastSuccessAt') });
    const cursorKey = `sync.pullCursor:${erpKind === 'demo' ? 'demo' : redactUrl(erpUrl)}`;
    const puller = createOrderPuller({
      connector,
      orders,
      clock,
      cursor: { get: () => settings.get(cursorKey), set: (cursor) => settings.set(cursorKey, cursor ?? '') },
    });
    const uploader = createOutboxUploader({ outbox, connector, clock, random });
    // Declared before the sync service so its status can show queue health; its changes are announced below.
    let announceQueue = (): void => undefined;
    const queue = createQueueService({
      outbox,
      supervision: createOutboxSupervision({ db, clock }),
      pools: createNumberPools({ repository: pools, clock }),
      settings,
      clock,
      onChanged: () => announceQueue(),
    });
    const sync = createSyncService({
      puller,
      uploader,
      outbox,
      settings,
      connectivity,
      clock,
      onQueueChanged: (status) => hub.emit('queue:changed', status),
      onOrdersChanged: () => hub.emit('orders:changed', { count: orders.countOpen() }),
      health: () => ({ alertAfterMin: queue.settings().alertAfterMin, lowPools: queue.lowPools() }),
      afterDrain: () => queue.purgeExpired(),
    });
    announceQueue = () => {
      hub.emit('queue:changed', sync.queueStatus());
      if (config.background) void sync.drain(false);
    };
    connectivity.onChange(() => hub.emit('queue:changed', sync.queueStatus()));
    logConnectivityChanges(connectivity, logger.child({ component: 'sync' }));

    const claims = createClaimService({
      connector,
      claims: createClaimsRepository(db),
      connectivity,
      stationId,
      clock,
    });
    const backups = createBackupScheduler({
      backups: createDatabaseBackups(db, config.dataDir),
      settings,
      clock,
      onError: (message, error) => logger.child({ component: 'backup' }).error({ err: error }, message),
    });
    closers.push(() => backups.stop());
    if (config.background) backups.start(15 * 60_000);

    // A shift's tools: the Orders screen's search and history, batch printing, the station's name.
    const orderSearch = createOrderSearchRepository(db);
    const batches = createPrintBatchesRepository(db);
    const loadTemplate = templateByRef(templates);
    const printedLabelOf = (orderNo: string): PrintedLabel | null => {
      const stored = orders.get(orderNo);
      const first = printJobs.firstOfOrder(orderNo);
      if (!stored || !first) return null;
      // Drawn again with the template of the label the parcel was confirmed with.
      const confirmedWith = orderSearch.shipmentOf(orderNo)?.printJobId;
      const template = (confirmedWith ? printJobs.get(confirmedWith)?.template : null) ?? first.template;
      return { stored, job: first, template };
    };
    let info = (): StationInfo => {
      throw new Error('station info read before the station was built');
    };
    const stationSettings = createStationSettingsService({
      settings,
      onChanged: () => hub.emit('station:changed', info()),
    });

    const pack = createPackService({
      claims,
      orders,
      shipping,
      scanLog: createScanLog(db),
      lookup: createScanLookup(db),
      puller,
      connectivity,
      labels,
      printQueue,
      printers: () => printers.current(),
      stationId,
      operator: `packer@${stationId}`,
      logger: logger.child({ component: 'pack' }),
      carrierFor: createCarrierFor(pools),
      clock,
      newId,
      onChange: (state) => hub.emit('pack:changed', state),
      isShipmentQueued: (orderNo) => outbox.hasPending(orderNo),
      resolveTemplate: () => templates.resolveActive(),
      quantityPrompt: () => stationSettings.quantityPrompt(),
      batchLabelOf: batchLabelLookup(batches, printJobs),
      printedLabelOf,
      templateByRef: loadTemplate,
      onShipmentQueued: () => {
        hub.emit('queue:changed', sync.queueStatus());
        for (const low of queue.lowPools()) hub.emit('pool:low', low);
        if (config.background) {
          // Upload right away when the ERP is there; the packer never waits for it.
          void sync.drain(false).then(() => pack.refreshLastShipped());
        }
      },
    });

    info = (): StationInfo => ({
      version: appVersion(findAppRoot()),
      stationId,
      erp: { kind: erpKind, url: redactUrl(erpUrl) },
      printer: printers.current().primary.uri,
      dataDir: config.dataDir,
      name: stationSettings.name(),
    });
    const orderHistory = createOrdersService({
      search: orderSearch,
      orders,
      jobs: printJobs,
      batches,
      labels,
      templateByRef: loadTemplate,
      dpiOf: (uri, profile) => {
        const known = profile ? catalog?.profile(profile)?.dpi : undefined;
        if (known) return known;
        try {
          return createPrinterFromUri(uri, process.cwd(), catalog).dpi;
        } catch {
          // A printer that was removed or renamed since: its labels are drawn at the common thermal dpi.
          return 203;
        }
      },
      isShipmentQueued: (orderNo) => outbox.hasPending(orderNo),
    });
    const batchPrint = createBatchPrintService({
      batches,
      jobs: printJobs,
      orders,
      puller,
      connectivity,
      claims,
      shipping,
      labels,
      printQueue,
      printers: () => printers.current(),
      resolveTemplate: () => templates.resolveActive(),
      carrierFor: createCarrierFor(pools),
      operator: `supervisor@${stationId}`,
      clock,
      newId,
      benchOrder: () => pack.state().order?.orderNo ?? null,
      onProgress: (progress) => {
        hub.emit('batch:changed', progress);
        for (const low of queue.lowPools()) hub.emit('pool:low', low);
      },
      logger: logger.child({ component: 'batch-print' }),
    });
    // Before the database closes: the batch ends after the label it is printing.
    closers.push(() => batchPrint.stop());
    const erpSettings = createErpSettingsService({
      settings,
      dataDir: config.dataDir,
      active: { kind: erpKind, url: redactUrl(erpUrl) },
      overridden: config.erpUrl !== undefined,
      connectorFor: (s) => connectErp(erpEndpointOf(s) ?? { url: erpUrl }).connector,
    });
    const writebacks = createWritebacksService({
      store: createWritebacksStore({ db, outbox }),
      capabilities: capabilitiesOf(connector),
      stationId,
      clock,
      newId,
      onQueued: () => {
        hub.emit('queue:changed', sync.queueStatus());
        if (config.background) void sync.drain(false);
      },
    });
    const uiSettings = createUiSettingsService({
      settings,
      onChange: (saved) => hub.emit('uiSettings:changed', saved),
    });
    const handlers = createStationHandlers({
      pack,
      sync,
      orders,
      info,
      templates,
      erpSettings,
      writebacks,
      queue,
      printers,
      commands: createCommandsService({ sheets: createCommandsSheetRenderer({ assetsDir }) }),
      orderHistory,
      batchPrint,
      stationSettings,
      uiSettings,
    });
    const started = info();
    logger.info(
      {
        version: started.version,
        stationId,
        dataDir: config.dataDir,
        erp: started.erp,
        printer: started.printer,
        background: config.background === true,
      },
      'station started',
    );
    closers.unshift(() => logger.info({ stationId }, 'station stopped'));
    if (config.background) {
      sync.start({ pullMs: 30_000, drainMs: 5_000 });
      closers.push(() => sync.stop());
      // The settings screen and the packer see paper-out and off-line as it happens.
      closers.push(printers.watch(10_000));
    }
    return {
      api: { handlers, events: hub, logger: config.logger ?? silentLogger },
      pack,
      sync,
      printer,
      info,
      backups,
      logger,
      async close() {
        for (const close of closers.reverse()) await close();
      },
    };
  } catch (error) {
    logger.error({ err: error }, 'the station could not start');
    for (const close of closers.reverse()) await close();
    throw error;
  }
}
