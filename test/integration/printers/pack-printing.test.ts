import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStation, type Station } from '../../../src-main/compose';
import type { PackState, PrintersStatus } from '../../../src-main/contract';
import { scanCommandBarcode } from '../../../src-main/domain';
import { startPrinterEmulator, type PrinterEmulator } from '../../helpers/printer-emulator';
import { testPrinterCatalog } from '../../helpers/test-printer-catalog';

// Packing with a network printer: the embedded demo ERP, a real SQLite file, two emulated ZPL printers.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-pack-print-'));
let station: Station;
let primary: PrinterEmulator;
let backup: PrinterEmulator;

beforeAll(async () => {
  primary = await startPrinterEmulator('zpl');
  backup = await startPrinterEmulator('zpl');
  station = await createStation({
    dataDir: path.join(tmp, 'station'),
    printerCatalog: testPrinterCatalog,
    printerTimeouts: { connectTimeoutMs: 1000, writeTimeoutMs: 2000, totalTimeoutMs: 5000, statusTimeoutMs: 1000 },
  });
  await station.sync.syncNow();
});
afterAll(async () => {
  await station.close();
  await primary.close();
  await backup.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function packNextOrder(): Promise<PackState> {
  const [summary] = (await station.api.handlers['orders:list']({ limit: 100 })).filter(
    (o) => o.status === 'pending' && o.issues.length === 0,
  );
  let state = await station.pack.scan(summary!.orderNo);
  for (const line of state.order!.lines) {
    for (let unit = 0; unit < line.quantity; unit++) state = await station.pack.scan(line.barcode);
  }
  return state;
}

describe('packing with a tcp:// printer and a backup', () => {
  it('saves the printers, refusing an unknown profile without changing anything', async () => {
    await expect(
      station.api.handlers['printers:save']({
        primary: { uri: primary.uri, profile: 'no-such-printer' },
        backup: null,
      }),
    ).rejects.toThrow(/unknown profile "no-such-printer"; known: test-zpl-203/);
    const saved = await station.api.handlers['printers:save']({
      primary: { uri: primary.uri, profile: 'test-zpl-203' },
      backup: { uri: backup.uri, profile: 'test-zpl-203' },
    });
    expect(saved.primary).toEqual({ uri: primary.uri, profile: 'test-zpl-203' });
    expect(saved.profiles.map((p) => p.name)).toEqual(['test-zpl-203']);
  });

  it('prints real ZPL of the label at the profile dpi', async () => {
    const state = await packNextOrder();
    expect(state).toMatchObject({ phase: 'printed', error: null, printIssue: null });
    const [job] = await primary.waitForJobs(1);
    // 100 x 150 mm at 203 dpi: 799 x 1199 dots.
    expect(job!.bytes.subarray(0, 40).toString('latin1')).toMatch(/^\^XA\^PW799\^LL1199\^FO0,0\^GFA,/);
    await station.pack.confirm();
  });

  it('stops on paper out before sending and offers the backup printer, which prints exactly one copy', async () => {
    primary.set({ paperOut: true });
    const before = primary.jobBytes;
    let state = await packNextOrder();
    expect(state.error).toMatchObject({ code: 'printer-not-ready', params: { condition: 'paper-out' } });
    expect(state.printIssue).toMatchObject({ state: 'failed', condition: 'paper-out', backup: backup.uri });
    expect(state.label).toBeNull();
    expect(primary.jobBytes).toBe(before);

    state = await station.api.handlers['pack:retryPrint']({ target: 'backup' });
    expect(state).toMatchObject({ phase: 'printed', error: null, printIssue: null });
    await backup.waitForJobs(1);
    // Retrying again is refused: the label printed; only an explicit reprint makes another copy.
    state = await station.api.handlers['pack:retryPrint']({ target: 'backup' });
    expect(state.error?.code).toBe('nothing-to-retry');
    expect(backup.jobs).toHaveLength(1);

    primary.set({ paperOut: false });
    state = await station.api.handlers['pack:reprint']({ reason: 'label torn', requestedBy: 'li.wei' });
    expect(state.error).toBeNull();
    await primary.waitForJobs(2);
    expect(primary.jobs).toHaveLength(2);
    state = await station.pack.scan(scanCommandBarcode('confirm'));
    expect(state.phase).toBe('idle');
  });

  it('ends a connection dropped mid-label in "may have printed": shown, never resent, reprint only on command', async () => {
    primary.dropAfter(500);
    const before = primary.jobs.filter((j) => j.complete).length;
    let state = await packNextOrder();
    expect(state.error?.code).toBe('print-unknown');
    expect(state.phase).toBe('printed');
    expect(state.printIssue).toMatchObject({ state: 'unknown', backup: null });
    state = await station.api.handlers['pack:retryPrint']({ target: 'backup' });
    expect(state.error?.code).toBe('nothing-to-retry');
    expect(primary.jobs.filter((j) => j.complete)).toHaveLength(before);
    expect(backup.jobs).toHaveLength(1);
    primary.dropAfter(null);
    const total = primary.jobs.length;
    state = await station.pack.scan(scanCommandBarcode('reprint'));
    expect(state).toMatchObject({ error: null, printIssue: null });
    await primary.waitForJobs(total + 1);
    expect(primary.jobs.filter((j) => j.complete)).toHaveLength(before + 1);
    state = await station.pack.confirm();
    expect(state.phase).toBe('idle');
  });

  it('reports status and publishes a change when the printer runs out of paper', async () => {
    const seen: PrintersStatus[] = [];
    station.api.events.on('printers:changed', (status) => seen.push(status));
    let status = await station.api.handlers['printers:status']({});
    expect(status.primary).toMatchObject({ uri: primary.uri, state: 'ready' });
    primary.set({ headOpen: true });
    status = await station.api.handlers['printers:status']({});
    expect(status.primary).toMatchObject({ state: 'not-ready', condition: 'head-open' });
    expect(seen.at(-1)?.primary.condition).toBe('head-open');
    primary.set({ headOpen: false });
  });

  it('prints a test label on the backup printer', async () => {
    const result = await station.api.handlers['printers:testPrint']({ target: 'backup' });
    expect(result.state).toBe('confirmed');
    await backup.waitForJobs(2);
  });
});
