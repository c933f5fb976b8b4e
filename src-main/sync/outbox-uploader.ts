import { ErpError, type ErpConnector, type ErpErrorKind } from '../erp';
import type { Outbox } from '../store';
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
 * Creates the uploader. Each item goes with its own idempotency key, so a retry after an ambiguous failure (the
 * ERP committed but the answer was lost) can never create a second shipment.
 */
export function createOutboxUploader({
  outbox,
  connector,
  clock,
  random,
  onProgress,
  onOutcome,
  batchSize = 50,
}: {
  outbox: Outbox;
  connector: ErpConnector;
  clock: () => Date;
  random: () => number;
  onProgress?: () => void;
  /** Told of every ERP call's outcome: true = the ERP answered, false = it could not be reached. */
  onOutcome?: (reachable: boolean, message: string | null) => void;
  batchSize?: number;
}): OutboxUploader {
  let running: Promise<DrainResult> | null = null;

  async function run(force: boolean): Promise<DrainResult> {
    let uploaded = 0;
    let failed = 0;
    let stoppedBy: string | null = null;
    let stoppedKind: ErpErrorKind | null = null;
    const refused: RefusedUpload[] = [];
    const attempted = new Set<number>();
    for (;;) {
      const batch = outbox.due(batchSize, force).filter((item) => !attempted.has(item.id));
      if (batch.length === 0) break;
      for (const item of batch) {
        attempted.add(item.id);
        try {
          const receipt = await uploadOutboxItem(connector, item);
          outbox.markAcked(item.id, receipt);
          uploaded++;
          onOutcome?.(true, null);
        } catch (error) {
          const erpError = error instanceof ErpError ? error : new ErpError('network', (error as Error).message);
          failed++;
          if (erpError.kind === 'rejected' || erpError.kind === 'not-found') {
            outbox.markFailed(item.id, 'rejected', erpError.message);
            refused.push({ aggregate: item.aggregate, state: 'rejected', reason: erpError.message });
            onOutcome?.(true, null);
          } else if (erpError.kind === 'conflict') {
            outbox.markFailed(item.id, 'conflict', erpError.message);
            refused.push({ aggregate: item.aggregate, state: 'conflict', reason: erpError.message });
            onOutcome?.(true, null);
          } else {
            const delay = erpError.retryAfterMs ?? backoffDelayMs(item.attempts, random);
            outbox.markRetry(item.id, erpError.message, new Date(clock().getTime() + delay).toISOString());
            onOutcome?.(erpError.kind !== 'network', erpError.message);
            // The ERP is away or refusing us: the rest would fail the same way, so stop and keep them queued.
            // An auth refusal never drops or parks the item: it stays pending with its key for after the fix.
            stoppedBy = erpError.message;
            stoppedKind = erpError.kind;
          }
        }
        onProgress?.();
        if (stoppedBy) break;
      }
      if (stoppedBy) break;
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
