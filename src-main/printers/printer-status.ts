import type { PrinterProfile } from './profile';
import {
  blockingCondition,
  statusProtocolFor,
  StatusReplyError,
  type BlockingCondition,
  type PrinterStatus,
} from './status';
import { PrintError } from './printer';
import type { PrinterTransport } from './transports/transport';

/**
 * A printer's answer to "can you take a job?". `ready`: yes. `not-ready`: it answered with a blocking condition.
 * `unreachable`: no connection. `no-answer`: connected but silent or garbled (some printers go silent in error
 * states, so this counts as not ready). `unsupported`: the printer cannot be asked.
 */
export interface StatusReading {
  state: 'ready' | 'not-ready' | 'unreachable' | 'no-answer' | 'unsupported';
  condition: BlockingCondition | null;
  status: PrinterStatus | null;
  /** Says what was found, naming the printer; safe to show a person. */
  message: string;
}

/** True when a job may be sent after this reading (ready, or a printer that cannot be asked). */
export function mayPrint(reading: StatusReading): boolean {
  return reading.state === 'ready' || reading.state === 'unsupported';
}

/** Asks the printer behind `transport` for its status in its profile's language, bounded by `timeoutMs`. */
export async function readPrinterStatus(
  transport: PrinterTransport,
  profile: PrinterProfile,
  timeoutMs: number,
): Promise<StatusReading> {
  const protocol = profile.statusSupport ? statusProtocolFor(profile.language) : null;
  if (!protocol || !transport.query) {
    return {
      state: 'unsupported',
      condition: null,
      status: null,
      message: `printer ${transport.uri} (${profile.name}) cannot report its status`,
    };
  }
  let reply: Uint8Array | null;
  try {
    reply = await transport.query(protocol.query, { timeoutMs, complete: protocol.complete });
  } catch (error) {
    const reason = error instanceof PrintError ? error.reason : (error as Error).message;
    return { state: 'unreachable', condition: 'offline', status: null, message: reason };
  }
  if (!reply) {
    return {
      state: 'no-answer',
      condition: null,
      status: null,
      message: `printer ${transport.uri} did not answer a status query within ${timeoutMs} ms`,
    };
  }
  try {
    const status = protocol.parse(reply);
    const condition = blockingCondition(status);
    return condition
      ? { state: 'not-ready', condition, status, message: `printer ${transport.uri} reports ${condition}` }
      : { state: 'ready', condition: null, status, message: `printer ${transport.uri} is ready` };
  } catch (error) {
    if (!(error instanceof StatusReplyError)) throw error;
    return { state: 'no-answer', condition: null, status: null, message: `printer ${transport.uri}: ${error.message}` };
  }
}
