import type { BatchProgress } from '../contract';
import type { Logger } from '../platform';
import type { PrintBatchesRepository, PrintBatchItem, PrintJobsRepository, StoredOrder } from '../store';
import type { ClaimService } from './claim-service';
import { internalFailure } from './internal-failure';
import { createOrderRefresh, type OrderRefreshDeps } from './pack/order-refresh';
import { createPackPrinting, resolvePackTemplate, type PackPrintingDeps } from './pack/pack-printing';
import { createBenchState, type OpenOrder } from './pack/pack-state';
import { toStationError } from './refusal-from-failure';
import { StationError } from './station-error';

/** Batch printing of waybills (批量打单) for orders a supervisor selected on the Orders screen. */
export interface BatchPrintService {
  /**
   * Starts one batch: every order whose label is not out yet gets one print job (its own idempotency key, its own
   * tracking number from the carrier's numbers, as packing does), one after another in the background; orders
   * already printed, shipped, cancelled, kept aside or on the bench are skipped and named. Progress comes through
   * `onProgress`. A batch that meets a printer that cannot print stops: the orders after it stay unprinted.
   * @returns the batch as it starts (skips already settled)
   * @throws StationError `batch-running` while another batch prints
   */
  start(input: { orderNos: readonly string[]; requestedBy?: string | undefined }): BatchProgress;
  /** The newest batch, or null. */
  latest(): BatchProgress | null;
  /** Resolves when the running batch (if any) has ended. */
  idle(): Promise<void>;
  /** Lets the running batch finish the order it is printing and skip the rest (the station is stopping). */
  stop(): Promise<void>;
}

/** What batch printing works with: the packing print path, the order refresh and the claims. */
export interface BatchPrintDeps extends PackPrintingDeps, OrderRefreshDeps {
  batches: PrintBatchesRepository;
  jobs: PrintJobsRepository;
  claims: ClaimService;
  /** The order open on the bench now, which a batch leaves alone. */
  benchOrder: () => string | null;
  onProgress: (progress: BatchProgress) => void;
  logger: Logger;
}

/** Failures that stop a batch: the next order would meet them too (or the label may be out, to be looked at). */
const STOPPING = new Set(['printer-not-ready', 'print-unknown', 'disk-full', 'pool-exhausted', 'no-backup-printer']);

/** Label states after which a label may be out: printing again would be a second copy. */
const OUT = new Set(['sent', 'confirmed', 'unknown']);

/** Creates the batch print service. */
export function createBatchPrintService(deps: BatchPrintDeps): BatchPrintService {
  // The batch's own bench: what pack printing reports there is read per order, never shown on the packer's screen.
  const bench = createBenchState();
  const printing = createPackPrinting(deps, bench);
  const refresh = createOrderRefresh(deps);
  const now = () => deps.clock().toISOString();
  let running: { id: string; current: string | null; done: Promise<void> } | null = null;
  let stopping = false;

  deps.batches.stopInterrupted(now());

  function progressOf(batchId: string): BatchProgress {
    const batch = deps.batches.get(batchId)!;
    const items = deps.batches.items(batchId);
    const count = (outcome: PrintBatchItem['outcome']) => items.filter((i) => i.outcome === outcome).length;
    return {
      batchId,
      state: batch.state,
      requestedBy: batch.requestedBy,
      total: batch.total,
      done: items.length - count('pending'),
      printed: count('printed'),
      skipped: count('skipped'),
      failed: count('failed'),
      current: running?.id === batchId ? running.current : null,
      createdAt: batch.createdAt,
      finishedAt: batch.finishedAt,
      items: items.map((i) => ({
        orderNo: i.orderNo,
        outcome: i.outcome,
        reason: i.reason,
        trackingNumber: i.trackingNumber,
        jobId: i.jobId,
      })),
    };
  }

  /** Why an order gets no label in this batch, or null when it should get one. */
  function skipReason(stored: StoredOrder | null): { reason: string; trackingNumber: string | null } | null {
    if (!stored) return { reason: 'not-found', trackingNumber: null };
    const order = stored.order;
    if (order.status === 'cancelled') return { reason: 'cancelled', trackingNumber: null };
    if (stored.localState === 'shipped' || order.status === 'shipped') {
      return { reason: 'shipped', trackingNumber: stored.trackingNumber ?? order.trackingNumber ?? null };
    }
    if (stored.issues.length > 0) return { reason: 'attention', trackingNumber: null };
    if (deps.benchOrder() === order.orderNo) return { reason: 'packing', trackingNumber: null };
    const out = deps.jobs.forOrder(order.orderNo).find((job) => OUT.has(job.state));
    if (out) return { reason: 'already-printed', trackingNumber: out.trackingNumber };
    return null;
  }

  function settle(batchId: string, item: PrintBatchItem, outcome: 'printed' | 'skipped' | 'failed', more: object) {
    deps.batches.settle({
      batchId,
      position: item.position,
      outcome,
      reason: null,
      jobId: null,
      trackingNumber: null,
      orderVersion: null,
      now: now(),
      ...more,
    });
  }

  /** Prints one order's label through the packing print path; returns the refusal code that stops the batch. */
  async function printOne(
    batchId: string,
    item: PrintBatchItem,
    template: OpenOrder['template'],
  ): Promise<string | null> {
    let stored: StoredOrder;
    try {
      // Online, the ERP's copy first: an order cancelled or changed there is seen before its label prints.
      stored = await refresh.load(item.orderNo);
    } catch (failure) {
      const refusal = toStationError(failure);
      settle(batchId, item, refusal?.code === 'order-not-found' ? 'skipped' : 'failed', {
        reason: refusal?.code === 'order-not-found' ? 'not-found' : (refusal?.code ?? 'internal'),
      });
      return null;
    }
    const skip = skipReason(stored);
    if (skip) {
      settle(batchId, item, 'skipped', skip);
      return null;
    }
    let claimed = false;
    const cur: OpenOrder = {
      stored,
      progress: [],
      job: null,
      attempt: null,
      label: null,
      template,
      renderFailed: false,
      quantityPrompt: null,
      oneByOne: new Set(),
      preprinted: false,
    };
    try {
      // Another station packing it stops this order here, as it would stop a packer.
      await deps.claims.claim(stored.order.orderNo);
      claimed = true;
      bench.printIssue = null;
      await printing.print(cur, 'primary');
      settle(batchId, item, 'printed', {
        jobId: cur.attempt ?? cur.job!.id,
        trackingNumber: cur.job!.trackingNumber,
        orderVersion: stored.order.version,
      });
      return null;
    } catch (failure) {
      const refusal =
        toStationError(failure) ?? internalFailure(failure, deps.logger, { action: `print:batch ${batchId}` });
      const outcome =
        refusal.code === 'order-already-shipped' || refusal.code === 'order-cancelled' ? 'skipped' : 'failed';
      settle(batchId, item, outcome, {
        reason: outcome === 'skipped' ? (refusal.code === 'order-cancelled' ? 'cancelled' : 'shipped') : refusal.code,
        jobId: cur.attempt,
        trackingNumber: cur.job?.trackingNumber ?? null,
        orderVersion: stored.order.version,
      });
      return STOPPING.has(refusal.code) ? refusal.code : null;
    } finally {
      // The order stays free for whichever bench packs it; its label is known by its print job.
      if (claimed) deps.claims.release(stored.order.orderNo);
    }
  }

  async function run(batchId: string): Promise<void> {
    let stopped: string | null = null;
    try {
      const template = await resolvePackTemplate(deps.resolveTemplate);
      for (const item of deps.batches.items(batchId)) {
        if (item.outcome !== 'pending') continue;
        if (stopped || stopping) {
          stopped ??= 'stopped';
          settle(batchId, item, 'skipped', { reason: 'stopped' });
          continue;
        }
        running!.current = item.orderNo;
        deps.onProgress(progressOf(batchId));
        stopped = await printOne(batchId, item, template);
        running!.current = null;
        deps.onProgress(progressOf(batchId));
      }
    } catch (failure) {
      // The template could not be read, or the database failed: what is left does not print.
      stopped = (toStationError(failure) ?? internalFailure(failure, deps.logger, { action: `print:batch ${batchId}` }))
        .code;
      for (const item of deps.batches.items(batchId)) {
        if (item.outcome === 'pending') settle(batchId, item, 'failed', { reason: stopped });
      }
    }
    deps.batches.finish(batchId, stopped ? 'stopped' : 'done', now());
    running = null;
    deps.onProgress(progressOf(batchId));
  }

  return {
    start({ orderNos, requestedBy }) {
      if (running) {
        throw new StationError('batch-running', `batch ${running.id} is still printing; wait for it to end`, {
          batchId: running.id,
        });
      }
      const id = deps.newId();
      deps.batches.create({ id, requestedBy: requestedBy ?? deps.operator, orderNos, now: now() });
      const seen = new Set<string>();
      // What can be told now is settled now: the answer already names the orders that will not print, and why.
      for (const item of deps.batches.items(id)) {
        if (seen.has(item.orderNo)) {
          settle(id, item, 'skipped', { reason: 'duplicate' });
          continue;
        }
        seen.add(item.orderNo);
        const skip = skipReason(deps.orders.get(item.orderNo));
        if (skip) settle(id, item, 'skipped', skip);
      }
      const started = { id, current: null as string | null, done: Promise.resolve() };
      running = started;
      // Off the caller's path: the screen follows the batch through its events.
      started.done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => run(id));
      return progressOf(id);
    },
    latest() {
      const batch = deps.batches.latest();
      return batch ? progressOf(batch.id) : null;
    },
    async idle() {
      await running?.done;
    },
    async stop() {
      stopping = true;
      await running?.done;
    },
  };
}

/**
 * How packing finds an order's batch label: the newest batch item that printed it, while the order is still the
 * version the label was drawn from and the job may be out (sent, confirmed, unknown). An order changed in the ERP
 * since gets a new label when packed (same tracking number), as any order does.
 */
export function batchLabelLookup(
  batches: Pick<PrintBatchesRepository, 'printedItemOf'>,
  jobs: Pick<PrintJobsRepository, 'get'>,
): (orderNo: string, version: number) => ReturnType<PrintJobsRepository['get']> {
  return (orderNo, version) => {
    const item = batches.printedItemOf(orderNo);
    if (!item?.jobId || item.orderVersion !== version) return null;
    const job = jobs.get(item.jobId);
    return job && OUT.has(job.state) ? job : null;
  };
}
