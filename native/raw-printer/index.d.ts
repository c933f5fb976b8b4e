/** Which spooler the addon was built for. */
export type SpoolerBackend = 'cups' | 'winspool';

/** A print queue of the operating system. */
export interface SpoolerPrinter {
  name: string;
  /** The user's (or the system's) default printer. */
  isDefault: boolean;
  /** `stopped`: the queue holds jobs without printing them (disabled, paused, offline, out of paper...). */
  state: 'idle' | 'processing' | 'stopped';
  /** False when the queue rejects new jobs (CUPS `cupsreject`, a Windows queue being deleted). */
  accepting: boolean;
  /** The spooler's own words about the queue, often empty. */
  message: string;
  /** IPP printer-state-reasons keywords, e.g. `paused`, `media-empty`, `offline-report`; `none` is left out. */
  reasons: string[];
}

/** The IPP job states; winspool status bits are mapped onto them. */
export type SpoolerJobState = 'pending' | 'held' | 'processing' | 'stopped' | 'canceled' | 'aborted' | 'completed';

export interface SpoolerJob {
  id: number;
  state: SpoolerJobState;
  /** The spooler's own words about the job or its printer, often empty. */
  message: string;
  /** IPP job-state-reasons keywords, e.g. `job-completed-successfully`, `job-printing`; `none` is left out. */
  reasons: string[];
}

export interface RawJob {
  /** The queue name as listed by {@link listPrinters}. */
  printer: string;
  /** Shown in the spooler's job list; 1-255 bytes of UTF-8, no control characters. */
  title: string;
  /** The job, already in the printer's language (ZPL, TSPL, ESC/POS...); 1 byte to 64 MiB, sent unchanged. */
  bytes: Uint8Array;
}

/**
 * Error codes of rejected promises: `ERR_RAW_PRINTER_NOT_FOUND` (no such printer or job),
 * `ERR_RAW_PRINTER_UNREACHABLE` (the spooler service cannot be reached), `ERR_RAW_PRINTER_REFUSED` (the queue does
 * not accept jobs), `ERR_RAW_PRINTER_FAILED` (anything else). Bad arguments throw `ERR_INVALID_ARG_TYPE` (TypeError)
 * or `ERR_INVALID_ARG_VALUE` (RangeError).
 */
export type RawPrinterErrorCode =
  'ERR_RAW_PRINTER_NOT_FOUND' | 'ERR_RAW_PRINTER_UNREACHABLE' | 'ERR_RAW_PRINTER_REFUSED' | 'ERR_RAW_PRINTER_FAILED';

export const backend: SpoolerBackend;

/** Lists the spooler's queues. Runs off the JavaScript thread. */
export function listPrinters(): Promise<SpoolerPrinter[]>;

/**
 * Queues one raw job (no driver, no filter) and resolves with the spooler's job id once the spooler holds all of
 * it. A job whose bytes could not all be sent is cancelled, so no half job is left in the queue.
 */
export function submitRawJob(job: RawJob): Promise<number>;

/** Reads one job's state. On Windows a job that has left the queue is `completed` with reason `job-no-longer-in-queue`. */
export function getJobState(query: { printer: string; jobId: number }): Promise<SpoolerJob>;

/**
 * CUPS only: the scheduler to talk to (`host`, `host:port` or a socket path); null returns to libcups' default
 * (CUPS_SERVER, client.conf, the local socket). Applies to every later call from any thread. No effect on Windows.
 */
export function setServer(server: string | null): void;

/** The shape of the module, for code that loads it at run time. */
export interface RawPrinterModule {
  backend: SpoolerBackend;
  listPrinters: typeof listPrinters;
  submitRawJob: typeof submitRawJob;
  getJobState: typeof getJobState;
  setServer: typeof setServer;
}
