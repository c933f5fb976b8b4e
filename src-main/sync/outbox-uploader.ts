import { ErpError, type ErpConnector, type ErpErrorKind } from '../erp';
import type { Outbox, OutboxItem, OutboxOutcome } from '../store';
import { backoffDelayMs } from './backoff';
import { uploadOutboxItem } from './upload-item';

/** What one drain achieved. */
export interface DrainResult {
  uploaded: number;
  failed: number;
  remaining: number;
  /** Set when the drain stopped early because the ERP refused the station's credentials or was unreachable. */
  stoppedBy: string | null;
  /** What stopped it: `auth` (credentials or signature refused: pause until settings change) or a retryable kind. */
  stoppedKind: ErpErrorKind | null;
  /** Write-backs the ERP refused for good in this drain (parked for a supervisor), with its reason. */
  refused: RefusedUpload[];
}

/** One write-back the ERP answered with a permanent refusal. */
export interface RefusedUpload {
  /** The order it belongs to. */
  aggregate: string;
  state: 'rejected' | 'conflict';
  reason: string;
}

/** Uploads the outbox to the ERP. */
export interface OutboxUploader {
  /**
   * Uploads due items until none are left or the ERP is unreachable. A call while a drain runs joins that drain.
   * @param options.force - ignore the backoff schedule (an explicit "sync now")
   */
  drain(options?: { force?: boolean }): Promise<DrainResult>;
}

/**
 * How the uploader treats each kind of ERP failure (SYNC-04, docs/requirements.md):
 * - `network`, `rate-limited`: the ERP is away or asks us to slow down. The item is retried after its backoff (or
 *   the ERP's Retry-After) and the drain stops: the rest would fail the same way.
 * - `server` (5xx): this item is retried after its backoff (or Retry-After); other orders go on, so one order that
 *   trips an ERP bug does not hold up the others.
 * - `auth` (401, 403): the drain stops and the caller pauses the queue; the item stays pending, nothing is dropped.
 * - `rejected`, `not-found` (400, 404, 422): parked as `rejected` with the ERP's reason for a supervisor.
 * - `conflict` (409, 412): parked as `conflict` for a supervisor.
 */
export type FailureAction = 'retry-stop' | 'retry-continue' | 'pause' | 'reject' | 'conflict';

/** The failure class of an ERP error kind (see {@link FailureAction}). */
export function failureAction(kind: ErpErrorKind): FailureAction {
  switch (kind) {
    case 'network':
    case 'rate-limited':
      return 'retry-stop';
    case 'server':
      return 'retry-continue';
    case 'auth':
      return 'pause';
    case 'conflict':
      return 'conflict';
    default:
      return 'reject';
  }
}

/**
 * Creates the uploader. Each item goes with its own idempotency key, so a retry after an ambiguous failure (the
 * ERP committed but the answer was lost) can never create a second shipment. Items go in batches: each batch holds
 * at most one item per order (the oldest), so up to `concurrency` of them upload at once without ever
 * overtaking an earlier item of the same order; a batch's outcomes are committed in one transaction.
 */
export function createOutboxUploader({
  outbox,
  connector,
  clock,
  random,
  onProgress,
  onOutcome,
  batchSize = 100,
  concurrency = 8,
}: {
  outbox: Outbox;
  connector: ErpConnector;
  clock: () => Date;
  random: () => number;
  onProgress?: () => void;
  /** Told of every ERP call's outcome: true = the ERP answered, false = it could not be reached. */
  onOutcome?: (reachable: boolean, message: string | null) => void;
  batchSize?: number;
  /** Uploads in flight at once (each for a different order). */
  concurrency?: number;
}): OutboxUploader {
  let running: Promise<DrainResult> | null = null;

  async function run(force: boolean): Promise<DrainResult> {
    let uploaded = 0;
    let failed = 0;
    let stoppedBy: string | null = null;
    let stoppedKind: ErpErrorKind | null = null;
    const refused: RefusedUpload[] = [];
    // Items that failed retryably in this drain: not tried again before the next drain.
    const retried: number[] = [];

    const upload = async (item: OutboxItem): Promise<OutboxOutcome> => {
      try {
        const receipt = await uploadOutboxItem(connector, item);
        uploaded++;
        onOutcome?.(true, null);
        return { id: item.id, result: 'acked', response: receipt };
      } catch (error) {
        const erpError = error instanceof ErpError ? error : new ErpError('network', (error as Error).message);
        failed++;
        const action = failureAction(erpError.kind);
        if (action === 'reject' || action === 'conflict') {
          const state = action === 'reject' ? 'rejected' : 'conflict';
          refused.push({ aggregate: item.aggregate, state, reason: erpError.message });
          onOutcome?.(true, null);
          return { id: item.id, result: state, error: erpError.message };
        }
        onOutcome?.(erpError.kind !== 'network', erpError.message);
        retried.push(item.id);
        if (action !== 'retry-continue') {
          stoppedBy ??= erpError.message;
          stoppedKind ??= erpError.kind;
        }
        // An auth refusal keeps the item due right away: once the credentials are fixed it goes first.
        const delay = action === 'pause' ? 0 : (erpError.retryAfterMs ?? backoffDelayMs(item.attempts, random));
        return {
          id: item.id,
          result: 'retry',
          error: erpError.message,
          nextAttemptAt: new Date(clock().getTime() + delay).toISOString(),
        };
      }
    };

    while (!stoppedBy) {
      const batch = outbox.due(batchSize, force, retried);
      if (batch.length === 0) break;
      const outcomes: OutboxOutcome[] = [];
      let next = 0;
      const worker = async () => {
        // Once the ERP is away or refuses us, no new upload starts; those in flight finish and are recorded.
        while (next < batch.length && !stoppedBy) {
          const item = batch[next++]!;
          outcomes.push(await upload(item));
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, worker));
      outbox.record(outcomes);
      onProgress?.();
    }
    return { uploaded, failed, remaining: outbox.stats().depth, stoppedBy, stoppedKind, refused };
  }

  return {
    drain(options = {}) {
      if (!running) {
        running = run(options.force ?? false).finally(() => {
          running = null;
        });
      }
      return running;
    },
  };
}
