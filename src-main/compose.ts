import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { StationInfo } from './contract';
import { createDemoErp } from './erp/demo';
import { createRestConnector } from './erp/rest/rest-connector';
import { createTrytonConnector, isTrytonUrl, trytonUrlFromParts } from './erp/tryton';
import { capabilitiesOf, type ErpConnector, type ErpWritebacks } from './erp';
import { createLabelRenderer } from './labels';
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
  createNumberPoolRepository,
  createOrdersRepository,
  createOutbox,
  createOutboxSupervision,
  createScanLog,
  createSettingsRepository,
  createShippingStore,
  createTemplatesRepository,
  createWritebacksStore,
  createPrintJobsRepository,
  openStationDatabase,
  acquireInstanceLock,
  createClaimsRepository,
  createDatabaseBackups,
  recoverAfterCrash,
} from './store';
import {
  createEventHub,
  createPackService,
  createStationHandlers,
  createSyncService,
  createErpSettingsService,
  loadSavedErpSettings,
  createTemplatesService,
  createWritebacksService,
  createQueueService,
  createPrintersService,
  type ErpSettings,
  type PackService,
  type StationApi,
  type SyncService,
  createBackupScheduler,
  createClaimService,
  type BackupScheduler,
  logConnectivityChanges,
  printerChangeLogger,
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

/** The station's own carrier code and tracking-number prefix for locally issued numbers. */
export const LOCAL_CARRIER = { code: 'DSX', prefix: 'DS' } as const;

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
  const lock = acquireInstanceLock(config.dataDir);
  let db: ReturnType<typeof openStationDatabase>;
  try {
    db = openStationDatabase(config.dataDir);
  } catch (error) {
    logger.error({ err: error }, 'the station database could not be opened');
    lock.release();
    throw error;
  }
  const closers: (() => Promise<void> | void)[] = [
    () => lock.release(),
    () => {
      db.close();
    },
  ];
  try {
    const recovery = recoverAfterCrash(db, clock().toISOString());
    if (recovery.unknownPrints.length > 0)
      logger.warn({ jobs: recovery.unknownPrints }, 'labels were being sent when the station last stopped');
    const settings = createSettingsRepository(db);
    const stationId = settings.get('station.id') ?? newId();
    settings.set('station.id', stationId);

    let erpKind: StationInfo['erp']['kind'] = 'rest';
    let erpUrl: string;
    // Command line and environment win; otherwise what the settings screen saved (applied at start only).
    const saved = config.erpUrl ? null : loadSavedErpSettings(settings, config.dataDir);
    const useSaved = saved !== null && saved.type !== 'demo' && saved.url !== '';
    let erpApiKey = config.erpApiKey;
    let erpSigning = config.erpSigning;
    if (saved && useSaved) {
      erpApiKey = saved.apiKey;
      erpSigning = saved.keyId && saved.secret ? { keyId: saved.keyId, secret: saved.secret } : undefined;
    }
    if (config.erpUrl || useSaved) {
      erpUrl = config.erpUrl ?? (saved!.type === 'tryton' ? trytonUrlOf(saved!) : saved!.url);
    } else {
      const demo = createDemoErp({ dbPath: path.join(config.dataDir, 'demo-erp.sqlite') });
      const { url } = await demo.listen(0);
      closers.push(() => demo.close());
      erpUrl = url;
      erpKind = 'demo';
    }
    const tryton = isTrytonUrl(erpUrl);
    if (tryton) erpKind = 'tryton';
    if (!tryton && !/^https?:\/\//.test(erpUrl))
      throw new Error(
        `ERP URL ${redactUrl(erpUrl)} is not supported; use http(s)://host[:port] or tryton://user:password@host:port/database`,
      );
    const connector: ErpConnector & Partial<ErpWritebacks> = tryton
      ? createTrytonConnector({ url: erpUrl, fetch: config.fetch, timeoutMs: config.erpTimeoutMs ?? 10_000 })
      : createRestConnector({
          baseUrl: erpUrl,
          apiKey: erpApiKey,
          signing: erpSigning,
          fetch: config.fetch,
          timeoutMs: config.erpTimeoutMs ?? 5_000,
        });

    const orders = createOrdersRepository(db);
    const outbox = createOutbox({ db, clock });
    const pools = createNumberPoolRepository(db);
    // Each station takes its own block of ten million numbers, so two stations never issue the same one.
    const block = 1 + Math.floor(random() * 9_999);
    pools.ensure({
      carrier: LOCAL_CARRIER.code,
      prefix: LOCAL_CARRIER.prefix,
      nextSerial: block * 1e7,
      endSerial: block * 1e7 + 9_999_999,
    });
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
      pools,
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

    const pack = createPackService({
      claims,
      orders,
      shipping,
      scanLog: createScanLog(db),
      puller,
      connectivity,
      labels,
      printQueue,
      printers: () => printers.current(),
      stationId,
      operator: `packer@${stationId}`,
      logger: logger.child({ component: 'pack' }),
      // An order asking for a carrier whose ranges the station holds gets that carrier's numbers (with its check
      // digit); any other order gets the station's own.
      carrierFor: (order) => (order.carrier && pools.hasRanges(order.carrier) ? order.carrier : LOCAL_CARRIER.code),
      clock,
      newId,
      onChange: (state) => hub.emit('pack:changed', state),
      isShipmentQueued: (orderNo) => outbox.hasPending(orderNo),
      resolveTemplate: () => templates.resolveActive(),
      onShipmentQueued: () => {
        hub.emit('queue:changed', sync.queueStatus());
        for (const low of queue.lowPools()) hub.emit('pool:low', low);
        if (config.background) {
          // Upload right away when the ERP is there; the packer never waits for it.
          void sync.drain(false).then(() => pack.refreshLastShipped());
        }
      },
    });

    const info = (): StationInfo => ({
      version: appVersion(findAppRoot()),
      stationId,
      erp: { kind: erpKind, url: redactUrl(erpUrl) },
      printer: printers.current().primary.uri,
      dataDir: config.dataDir,
    });
    const erpSettings = createErpSettingsService({
      settings,
      dataDir: config.dataDir,
      active: { kind: erpKind, url: redactUrl(erpUrl) },
      overridden: config.erpUrl !== undefined,
      connectorFor: (s) =>
        s.type === 'tryton'
          ? createTrytonConnector({ url: trytonUrlOf(s), fetch: config.fetch, timeoutMs: 10_000 })
          : createRestConnector({
              baseUrl: s.type === 'demo' ? erpUrl : s.url,
              apiKey: s.type === 'demo' ? undefined : s.apiKey,
              signing: s.type !== 'demo' && s.keyId && s.secret ? { keyId: s.keyId, secret: s.secret } : undefined,
              fetch: config.fetch,
              timeoutMs: 5_000,
            }),
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

/** The connector URL for saved Tryton settings (server, database, user and password are separate fields there). */
function trytonUrlOf(s: ErpSettings): string {
  return trytonUrlFromParts({ server: s.url, database: s.database, user: s.user, password: s.password ?? '' });
}
