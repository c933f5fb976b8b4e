import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RawPrinterModule, SpoolerJob, SpoolerPrinter } from '../../../native/raw-printer';
import { findAppRoot } from '../../platform/app-paths';
import { PrintError } from '../printer';
import type { PrinterTransport, TransportResult } from './transport';

export type { SpoolerJob, SpoolerPrinter } from '../../../native/raw-printer';

/** Whether the OS spooler can be used here; `reason` is shown in printer settings when it cannot. */
export type SpoolerAvailability = { available: true; backend: string } | { available: false; reason: string };

/** How long a spooler transport follows its job before it answers `sent`, and how often it asks. */
export interface SpoolerTransportOptions {
  /** Give up following the job after this long and report `sent` (default 30 s). */
  timeoutMs?: number;
  /** Pause between two job-state reads (default 500 ms). */
  pollIntervalMs?: number;
  /** The clock the timeout is measured on (default Date.now). */
  now?: () => number;
}

/** The OS spooler seen through the raw-printer addon, loaded once on first use. */
export interface Spooler {
  availability(): SpoolerAvailability;
  /** @throws PrintError when the addon is missing or the spooler cannot be reached */
  listPrinters(): Promise<SpoolerPrinter[]>;
  /** A transport for one queue; creating it never fails, sending explains what is missing. */
  createTransport(name: string, options?: SpoolerTransportOptions): PrinterTransport;
}

/**
 * Where the addon's JavaScript entry lives: native/raw-printer under the application root. The root is found by
 * walking up from this module, which works from the sources (vitest), the esbuild bundle in dist/main and the asar
 * of the packaged app (where electron-builder unpacks the .node beside it).
 */
export function rawPrinterModulePath(appRoot: string = findAppRoot()): string {
  return path.join(appRoot, 'native', 'raw-printer', 'index.js');
}

type Loaded = { ok: true; addon: RawPrinterModule } | { ok: false; reason: string };

function loadAddon(modulePath: string): Loaded {
  const binary = path.join(path.dirname(modulePath), 'build', 'Release', 'raw_printer.node');
  if (!existsSync(binary)) {
    return {
      ok: false,
      reason: `the OS print spooler needs the raw-printer add-on, which is not built (${binary} is missing; run \`npm run build:native\`)`,
    };
  }
  try {
    // createRequire with a path known only at run time: the bundler leaves it alone and Node loads it from disk.
    return { ok: true, addon: createRequire(import.meta.url)(modulePath) as RawPrinterModule };
  } catch (error) {
    return { ok: false, reason: `the raw-printer add-on cannot be loaded: ${(error as Error).message}` };
  }
}

const defaultTimeoutMs = 30_000;
const defaultPollIntervalMs = 500;
// Job states after which the spooler will do nothing more with the job by itself.
const failedStates = new Set(['canceled', 'aborted']);
// States that wait for a person (a held job, a stopped queue): following them until the timeout gains nothing.
const waitingStates = new Set(['held', 'stopped']);

function errorCode(error: unknown): string | undefined {
  return (error as { code?: unknown }).code as string | undefined;
}

function describeQueue(printer: SpoolerPrinter): string {
  const details = [printer.message, ...printer.reasons.filter((reason) => reason !== printer.message)].filter(Boolean);
  return details.length > 0 ? ` (${details.join('; ')})` : '';
}

/**
 * Builds a spooler over the addon at `modulePath` (by default the one shipped with Dockside). The addon is loaded
 * on first use, so a station where it is not built starts normally and only spooler printers report why they
 * cannot print.
 */
export function createSpooler({ modulePath }: { modulePath?: string } = {}): Spooler {
  let loaded: Loaded | undefined;
  const load = (): Loaded => (loaded ??= loadAddon(modulePath ?? rawPrinterModulePath()));
  const addonOrThrow = (uri: string): RawPrinterModule => {
    const result = load();
    if (!result.ok) throw new PrintError(`${uri}: ${result.reason}`);
    return result.addon;
  };

  async function listPrinters(): Promise<SpoolerPrinter[]> {
    const addon = addonOrThrow('spooler');
    try {
      return await addon.listPrinters();
    } catch (error) {
      throw new PrintError(`cannot list the OS printers: ${(error as Error).message}`, { cause: error });
    }
  }

  function createTransport(name: string, options: SpoolerTransportOptions = {}): PrinterTransport {
    const uri = `spooler:${name}`;
    const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    const pollIntervalMs = options.pollIntervalMs ?? defaultPollIntervalMs;
    const now = options.now ?? Date.now;

    /**
     * PRN-03 (docs/requirements.md): look at the queue before sending, so a stopped or refusing queue means
     * "not printed".
     */
    async function preflight(addon: RawPrinterModule): Promise<void> {
      let printers: SpoolerPrinter[];
      try {
        printers = await addon.listPrinters();
      } catch (error) {
        throw new PrintError(
          `${uri}: cannot reach the OS print spooler, nothing was sent: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      const printer = printers.find((candidate) => candidate.name === name);
      if (!printer) throw new PrintError(`${uri}: the OS spooler has no printer queue named "${name}"`);
      if (printer.state === 'stopped') {
        throw new PrintError(`${uri}: the queue is stopped${describeQueue(printer)}, nothing was sent`);
      }
      if (!printer.accepting) {
        throw new PrintError(`${uri}: the queue is not accepting jobs${describeQueue(printer)}, nothing was sent`);
      }
    }

    async function submit(addon: RawPrinterModule, jobId: string, bytes: Uint8Array): Promise<number> {
      // The title is what the spooler's job list shows; the job id is ours, cleaned of anything a spooler dislikes.
      const title = `Dockside ${Array.from(jobId, (c) => (c < ' ' || c === '\u007f' ? '?' : c)).join('')}`.slice(
        0,
        120,
      );
      try {
        return await addon.submitRawJob({ printer: name, title, bytes });
      } catch (error) {
        const code = errorCode(error);
        const what =
          code === 'ERR_RAW_PRINTER_NOT_FOUND'
            ? `the OS spooler has no printer queue named "${name}"`
            : code === 'ERR_RAW_PRINTER_REFUSED'
              ? 'the queue refused the job'
              : code === 'ERR_RAW_PRINTER_UNREACHABLE'
                ? 'cannot reach the OS print spooler'
                : 'the OS spooler did not take the job';
        throw new PrintError(`${uri}: ${what}, nothing was printed: ${(error as Error).message}`, { cause: error });
      }
    }

    /** Follows the job until the spooler says it is done, failed, or waits for a person; or until the timeout. */
    async function follow(addon: RawPrinterModule, spoolerJobId: number): Promise<TransportResult> {
      const deadline = now() + timeoutMs;
      for (;;) {
        let last: SpoolerJob;
        try {
          last = await addon.getJobState({ printer: name, jobId: spoolerJobId });
        } catch (error) {
          // The spooler holds the bytes; not knowing what it did with them is "sent", never a failure to resend.
          return {
            state: 'sent',
            detail: `${uri}: job ${spoolerJobId} queued; its state cannot be read: ${(error as Error).message}`,
          };
        }
        const note = last.message ? `: ${last.message}` : '';
        if (last.state === 'completed') {
          return { state: 'confirmed', detail: `${uri}: job ${spoolerJobId} completed` };
        }
        if (failedStates.has(last.state)) {
          throw new PrintError(`${uri}: the spooler ${last.state} job ${spoolerJobId}${note}`);
        }
        if (waitingStates.has(last.state)) {
          return {
            state: 'sent',
            detail: `${uri}: job ${spoolerJobId} is ${last.state} in the queue${note}; it prints when the queue resumes`,
          };
        }
        if (now() + pollIntervalMs > deadline) {
          return {
            state: 'sent',
            detail: `${uri}: job ${spoolerJobId} still ${last.state} after ${Math.round(timeoutMs / 1000)} s${note}`,
          };
        }
        await sleep(pollIntervalMs);
      }
    }

    return {
      uri,
      async send({ jobId, bytes }) {
        const addon = addonOrThrow(uri);
        await preflight(addon);
        const spoolerJobId = await submit(addon, jobId, bytes);
        return follow(addon, spoolerJobId);
      },
    };
  }

  return {
    availability() {
      const result = load();
      return result.ok
        ? { available: true, backend: result.addon.backend }
        : { available: false, reason: result.reason };
    },
    listPrinters,
    createTransport,
  };
}

let shared: Spooler | undefined;
const sharedSpooler = (): Spooler => (shared ??= createSpooler());

/** Whether the OS spooler can be used on this station (the shipped addon is built and loads). */
export function spoolerAvailability(): SpoolerAvailability {
  return sharedSpooler().availability();
}

/**
 * The OS print queues, with state and default flag.
 * @throws PrintError when the addon is missing or the spooler cannot be reached
 */
export function listSpoolerPrinters(): Promise<SpoolerPrinter[]> {
  return sharedSpooler().listPrinters();
}

/** A transport that submits raw jobs to the OS queue `name` (URI `spooler:NAME`) and follows them to completion. */
export function createSpoolerTransport(name: string, options?: SpoolerTransportOptions): PrinterTransport {
  return sharedSpooler().createTransport(name, options);
}
