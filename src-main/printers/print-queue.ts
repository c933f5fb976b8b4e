import type { PrintJobRecord, PrintJobsRepository, PrintJobState } from '../store';
import { PrintError, type PrintableLabel, type Printer } from './printer';
import { mayPrint } from './printer-status';
import type { BlockingCondition } from './status';
import { TransportError } from './transports/transport-error';

/** How a job ended. `nothingSent` is true only when certainly no byte reached a printer (safe to print elsewhere). */
export interface PrintResult {
  jobId: string;
  state: Exclude<PrintJobState, 'queued'>;
  /** What happened, naming the printer; safe to show the packer. */
  detail: string;
  /** The printer condition that stopped the job before sending (paper out, offline, ...). */
  condition: BlockingCondition | null;
  nothingSent: boolean;
}

/** One job to deliver: its label (rendered at the printer's dpi) and the printer. */
export interface PrintRequest {
  jobId: string;
  /** A file-safe name for printers that write files. */
  baseName: string;
  label: PrintableLabel;
  printer: Printer;
}

/** Where a delivery records its progress: the job table for packing, nothing for a test label. */
interface Ledger {
  /** Marks the job sent before the first byte leaves; false = it is not queued any more, do not send. */
  claim(bytes: number | null): boolean;
  finish(state: PrintResult['state'], detail: string): void;
}

/**
 * Delivers one job at most once: status first where the printer can tell (not ready → `failed`, nothing sent),
 * then one write, then status again to learn whether the printer took it. Never retries.
 */
async function deliver(request: PrintRequest, ledger: Ledger): Promise<PrintResult> {
  const { printer, jobId } = request;
  const result = (state: PrintResult['state'], detail: string, condition: BlockingCondition | null = null) => {
    ledger.finish(state, detail);
    return { jobId, state, detail, condition, nothingSent: state === 'failed' };
  };
  if (printer.readStatus) {
    const before = await printer.readStatus();
    if (!mayPrint(before)) {
      const condition = before.condition ?? (before.state === 'no-answer' ? 'offline' : 'error');
      return result('failed', before.message, condition);
    }
  }
  if (!ledger.claim(null)) {
    return {
      jobId,
      state: 'sent',
      detail: `job ${jobId} was already sent; not sending it again`,
      condition: null,
      nothingSent: false,
    };
  }
  let outcome;
  try {
    outcome = await printer.print({ jobId, baseName: request.baseName, label: request.label });
  } catch (error) {
    const reason = error instanceof PrintError ? error.reason : (error as Error).message;
    if (error instanceof TransportError && error.mayHavePrinted) return result('unknown', reason);
    if (error instanceof TransportError || error instanceof PrintError) return result('failed', reason);
    // An unexpected failure after the claim: the bytes may have left.
    return result('unknown', reason);
  }
  if (outcome.state === 'confirmed' || !printer.readStatus) return result(outcome.state, outcome.detail);
  const after = await printer.readStatus();
  if (after.state === 'ready') return result('confirmed', `${outcome.detail}; the printer took it and reports ready`);
  if (after.state === 'unsupported') return result('sent', outcome.detail);
  return result(
    'unknown',
    `${outcome.detail}, but afterwards: ${after.message}; check the label before reprinting`,
    after.condition,
  );
}

/** The station's print queue: persisted jobs, delivered at most once each. */
export interface PrintQueue {
  /** Delivers a job recorded as `queued`. A job in any other state is not sent again. */
  run(request: PrintRequest): Promise<PrintResult>;
  /**
   * Records and delivers another copy of job `of` (same order and tracking number): a reprint, or the label on the
   * backup printer after the first one failed. Always a person's explicit action, logged with who and why.
   */
  printAgain(
    request: Omit<PrintRequest, 'jobId'> & {
      id: string;
      of: string;
      requestedBy: string;
      reason: string;
      /** The template version the copy is drawn with, when it is not the original's (nothing printed before). */
      template?: string | undefined;
    },
  ): Promise<PrintResult & { job: PrintJobRecord }>;
  /**
   * Records that a queued job will not be sent (its label could not be rendered): `failed`, nothing sent, so
   * another copy may be printed. A job past `queued` is left as it is.
   */
  abandon(jobId: string, detail: string): void;
  get(jobId: string): PrintJobRecord | null;
}

/** Creates the print queue over the print job repository. */
export function createPrintQueue({ jobs, clock }: { jobs: PrintJobsRepository; clock: () => Date }): PrintQueue {
  const now = () => clock().toISOString();
  const ledgerFor = (jobId: string): Ledger => ({
    claim: (bytes) => jobs.claimForSending(jobId, bytes, now()),
    finish: (state, detail) => jobs.finish(jobId, state, detail, now()),
  });
  const run = async (request: PrintRequest): Promise<PrintResult> => {
    const job = jobs.get(request.jobId);
    if (!job) throw new PrintError(`print job ${request.jobId} is not recorded`);
    if (job.state !== 'queued') {
      return {
        jobId: job.id,
        state: job.state,
        detail: `job ${job.id} is already ${job.state}; a new copy needs a reprint`,
        condition: null,
        nothingSent: false,
      };
    }
    jobs.setProfile(job.id, request.printer.profile?.name ?? null);
    return deliver(request, ledgerFor(job.id));
  };
  return {
    run,
    async printAgain({ id, of, requestedBy, reason, template, ...request }) {
      const job = jobs.queueAgain({
        id,
        of,
        template: template ?? null,
        printer: request.printer.uri,
        profile: request.printer.profile?.name ?? null,
        requestedBy,
        reason,
        now: now(),
      });
      const result = await run({ ...request, jobId: job.id });
      return { ...result, job: jobs.get(job.id)! };
    },
    abandon(jobId, detail) {
      if (jobs.get(jobId)?.state === 'queued') jobs.finish(jobId, 'failed', detail, now());
    },
    get: (jobId) => jobs.get(jobId),
  };
}

/**
 * Delivers a label that belongs to no order (a test label, `dockside print`) with the same rules: status first,
 * one write, status after. Nothing is persisted.
 */
export function printOnce(request: PrintRequest): Promise<PrintResult> {
  let claimed = false;
  return deliver(request, {
    claim: () => (claimed ? false : (claimed = true)),
    finish: () => undefined,
  });
}
