import type { QueueStatus } from '../contract';
import type { Outbox, SettingsRepository } from '../store';
import { ErpError } from '../erp';
import type { Connectivity, OrderPuller, OutboxUploader, RefusedUpload } from '../sync';

/** The outcome of one "sync now". */
export interface SyncResult {
  pulled: number;
  uploaded: number;
  failed: number;
  depth: number;
  /** Why the sync could not finish (the ERP was unreachable or refused us), or null. */
  error: string | null;
  /** Write-backs the ERP refused for good during this sync (now waiting for a supervisor). */
  refused: RefusedUpload[];
}

/** Keeps orders flowing in and write-backs flowing out, on a timer and on demand. */
export interface SyncService {
  /** One pull and one drain; lifts an authentication pause first. A call while a sync runs joins it. */
  syncNow(): Promise<SyncResult>;
  /** Drains the outbox only (after a confirm). */
  drain(force?: boolean): Promise<SyncResult>;
  queueStatus(): QueueStatus;
  /** Starts the background loop; `stop` ends it. */
  start(intervals: { pullMs: number; drainMs: number }): void;
  stop(): void;
}

const LAST_SYNC_KEY = 'sync.lastSuccessAt';

/** Creates the sync service over the puller, the uploader and the outbox. */
export function createSyncService({
  puller,
  uploader,
  outbox,
  settings,
  connectivity,
  clock,
  onQueueChanged,
  onOrdersChanged,
  health,
  afterDrain,
}: {
  puller: OrderPuller;
  uploader: OutboxUploader;
  outbox: Outbox;
  settings: SettingsRepository;
  connectivity: Connectivity;
  clock: () => Date;
  onQueueChanged: (status: QueueStatus) => void;
  onOrdersChanged: (count: number) => void;
  /** The alert threshold and low pools shown with the queue status. */
  health?:
    (() => { alertAfterMin: number; lowPools: { carrier: string; remaining: number; lowWater: number }[] }) | undefined;
  /** Housekeeping after each drain (purging archived items past their retention). */
  afterDrain?: (() => void) | undefined;
}): SyncService {
  let running: Promise<SyncResult> | null = null;
  const timers: NodeJS.Timeout[] = [];
  // Set when the ERP refused the station's credentials or signature: retrying with the same ones cannot help, so
  // the background loop stops calling until the settings change (a restart) or someone asks "sync now".
  let pausedBy: string | null = null;

  function pauseForAuth(message: string): void {
    pausedBy = `the ERP refused the station's credentials: ${message}. Uploads are paused until the ERP settings are fixed (then restart or Sync now); queued shipments are kept.`;
    connectivity.failed(pausedBy);
  }

  function queueStatus(): QueueStatus {
    const stats = outbox.stats();
    return {
      online: connectivity.online,
      depth: stats.depth,
      oldestPendingAt: stats.oldestPendingAt,
      lastSyncAt: settings.get(LAST_SYNC_KEY),
      rejected: stats.rejected,
      conflict: stats.conflict,
      lastError: pausedBy ?? connectivity.lastError,
      paused: pausedBy !== null,
      ...healthOf(stats.oldestPendingAt),
    };
  }

  function healthOf(oldestPendingAt: string | null): Partial<QueueStatus> {
    if (!health) return {};
    const { alertAfterMin, lowPools } = health();
    const stale = oldestPendingAt !== null && clock().getTime() - Date.parse(oldestPendingAt) > alertAfterMin * 60_000;
    return { alertAfterMin, stale, lowPools };
  }

  function succeeded(): void {
    const at = clock().toISOString();
    settings.set(LAST_SYNC_KEY, at);
    connectivity.succeeded(at);
  }

  async function drain(force = false): Promise<SyncResult> {
    if (pausedBy && !force) {
      onQueueChanged(queueStatus());
      return { pulled: 0, uploaded: 0, failed: 0, depth: outbox.stats().depth, error: pausedBy, refused: [] };
    }
    const result = await uploader.drain({ force });
    afterDrain?.();
    if (!result.stoppedBy && result.uploaded + result.failed > 0) succeeded();
    if (result.stoppedKind === 'auth' && result.stoppedBy) pauseForAuth(result.stoppedBy);
    else if (result.stoppedBy) connectivity.failed(result.stoppedBy);
    onQueueChanged(queueStatus());
    return {
      pulled: 0,
      uploaded: result.uploaded,
      failed: result.failed,
      depth: result.remaining,
      error: result.stoppedKind === 'auth' ? pausedBy : result.stoppedBy,
      refused: result.refused,
    };
  }

  async function run(): Promise<SyncResult> {
    let pulled = 0;
    try {
      pulled = await puller.pullAll();
      succeeded();
      onOrdersChanged(pulled);
    } catch (error) {
      if (error instanceof ErpError && error.kind === 'auth') pauseForAuth(error.message);
      else connectivity.failed((error as Error).message);
      onQueueChanged(queueStatus());
      const message = pausedBy ?? (error as Error).message;
      return { pulled: 0, uploaded: 0, failed: 0, depth: outbox.stats().depth, error: message, refused: [] };
    }
    const drained = await drain(true);
    return { ...drained, pulled };
  }

  const quiet = (work: () => Promise<unknown>) => () => {
    // Background failures are already recorded in connectivity and shown in the queue status.
    work().catch(() => undefined);
  };

  return {
    syncNow() {
      // An explicit sync is the person saying "try again": lift the pause; a new refusal sets it again.
      pausedBy = null;
      running ??= run().finally(() => {
        running = null;
      });
      return running;
    },
    drain,
    queueStatus,
    start({ pullMs, drainMs }) {
      timers.push(
        setInterval(
          quiet(() => (pausedBy ? Promise.resolve() : (running ??= run().finally(() => (running = null))))),
          pullMs,
        ),
      );
      timers.push(
        setInterval(
          quiet(() => (!pausedBy && outbox.stats().depth > 0 ? drain(false) : Promise.resolve())),
          drainMs,
        ),
      );
      for (const timer of timers) timer.unref();
      quiet(() => this.syncNow())();
    },
    stop() {
      timers.splice(0).forEach(clearInterval);
    },
  };
}
