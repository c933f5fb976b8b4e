import type { PrintersStatus, PrinterStatusView } from '../contract';
import type { Logger } from '../platform';
import type { Connectivity } from '../sync';

/**
 * Logs the ERP link going down (warn, with the reason the screen shows), its reason changing while down (info) and
 * the link coming back (info). Returns the unsubscribe.
 */
export function logConnectivityChanges(connectivity: Connectivity, logger: Logger): () => void {
  let wasOnline = connectivity.online;
  return connectivity.onChange(() => {
    if (!connectivity.online && wasOnline) {
      logger.warn({ reason: connectivity.lastError }, 'the ERP cannot be reached');
    } else if (!connectivity.online) {
      // A new reason while still down (refused instead of unreachable): worth a line, not an alarm.
      logger.info({ reason: connectivity.lastError }, 'the ERP still fails');
    } else if (!wasOnline) {
      logger.info({ lastSuccessAt: connectivity.lastSuccessAt }, 'the ERP answers again');
    }
    wasOnline = connectivity.online;
  });
}

/**
 * A `printers:changed` listener that logs each printer whose state changed: warn when it cannot take a job
 * (paper out, head open, unreachable), info when it is ready again.
 */
export function printerChangeLogger(logger: Logger): (status: PrintersStatus) => void {
  const lastState = new Map<string, PrinterStatusView['state']>();
  return (status) => {
    for (const [slot, view] of [
      ['primary', status.primary],
      ['backup', status.backup],
    ] as const) {
      if (!view) continue;
      const before = lastState.get(slot);
      lastState.set(slot, view.state);
      if (before === view.state) continue;
      const fields = { slot, uri: view.uri, state: view.state, condition: view.condition, detail: view.message };
      if (view.state === 'ready' || view.state === 'unsupported') {
        if (before !== undefined) logger.info(fields, 'printer ready');
      } else {
        logger.warn(fields, 'printer cannot print');
      }
    }
  };
}
