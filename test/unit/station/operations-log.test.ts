import { describe, expect, it } from 'vitest';
import type { PrinterStatusView } from '../../../src-main/contract';
import { logConnectivityChanges, printerChangeLogger } from '../../../src-main/station';
import { createConnectivity } from '../../../src-main/sync';
import { memoryLogger } from '../../helpers/memory-logger';

const view = (state: PrinterStatusView['state'], condition: string | null = null): PrinterStatusView => ({
  uri: 'tcp://10.0.0.5:9100',
  state,
  condition,
  message: state === 'ready' ? 'ready' : `not ready: ${condition}`,
  checkedAt: '2026-03-01T08:00:00.000Z',
});

describe('operational events in the log', () => {
  it('logs the ERP going away once, a new reason as info, and its return', () => {
    const { logger, lines } = memoryLogger();
    const connectivity = createConnectivity();
    const stop = logConnectivityChanges(connectivity, logger);
    connectivity.succeeded('2026-03-01T08:00:00.000Z');
    connectivity.failed('connect ECONNREFUSED 10.0.0.9:8000');
    connectivity.failed('connect ECONNREFUSED 10.0.0.9:8000');
    connectivity.failed('the ERP answered 503');
    connectivity.succeeded('2026-03-01T08:05:00.000Z');
    stop();
    connectivity.failed('after unsubscribing');
    expect(lines().map(({ level, msg, reason }) => ({ level, msg, reason }))).toEqual([
      { level: 'warn', msg: 'the ERP cannot be reached', reason: 'connect ECONNREFUSED 10.0.0.9:8000' },
      { level: 'info', msg: 'the ERP still fails', reason: 'the ERP answered 503' },
      { level: 'info', msg: 'the ERP answers again', reason: undefined },
    ]);
  });

  it('logs a printer that cannot print, and when it is ready again, not every unchanged reading', () => {
    const { logger, lines } = memoryLogger();
    const log = printerChangeLogger(logger);
    log({ primary: view('ready'), backup: null });
    log({ primary: view('not-ready', 'paper-out'), backup: view('ready') });
    log({ primary: view('not-ready', 'paper-out'), backup: view('ready') });
    log({ primary: view('ready'), backup: view('unreachable', 'offline') });
    expect(lines().map(({ level, msg, slot, condition }) => ({ level, msg, slot, condition }))).toEqual([
      { level: 'warn', msg: 'printer cannot print', slot: 'primary', condition: 'paper-out' },
      { level: 'info', msg: 'printer ready', slot: 'primary', condition: null },
      { level: 'warn', msg: 'printer cannot print', slot: 'backup', condition: 'offline' },
    ]);
  });
});
