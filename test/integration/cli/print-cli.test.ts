import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLabelRenderer } from '../../../src-main/labels';
import { assetsDir } from '../../../src-main/platform';
import { chineseOrder } from '../../fixtures/orders';
import { runCli } from '../../helpers/cli';
import { decodeTspl, decodeZpl } from '../../helpers/printer-decoders';
import { startPrinterEmulator, type PrinterEmulator } from '../../helpers/printer-emulator';

// `dockside print` and `dockside printers list|status` as a person runs them, against the printer emulator.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-print-cli-'));
const file = (name: string) => path.join(tmp, name);
let emulator: PrinterEmulator | null = null;

beforeAll(async () => {
  writeFileSync(file('order.json'), JSON.stringify({ ...chineseOrder, trackingNumber: 'DS000000000017' }));
  // A 100 x 150 mm label PDF as a carrier would send it.
  const label = await createLabelRenderer({ assetsDir: assetsDir() }).render({
    order: chineseOrder,
    trackingNumber: 'DS000000000017',
    dpi: 203,
  });
  writeFileSync(file('label.pdf'), label.pdf);
  writeFileSync(file('not-a.pdf'), 'hello');
});
afterEach(async () => {
  await emulator?.close();
  emulator = null;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('dockside print', () => {
  it('prints an order waybill as ZPL at the profile dpi', async () => {
    emulator = await startPrinterEmulator('zpl');
    const run = await runCli([
      'print',
      '--printer',
      emulator.uri,
      '--profile',
      'generic-zpl-300',
      '--order',
      file('order.json'),
      '--data',
      file('data'),
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/confirmed/);
    const [job] = await emulator.waitForJobs(1);
    expect(decodeZpl(job!.bytes, 300).raster.width).toBe(Math.round((100 * 300) / 25.4));
  });

  it('rasterizes a PDF at the printer dpi and prints it as TSPL', async () => {
    emulator = await startPrinterEmulator('tspl');
    const run = await runCli([
      'print',
      '--printer',
      `${emulator.uri}?profile=generic-tspl-203`,
      '--file',
      file('label.pdf'),
      '--json',
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { results: { state: string }[] };
    expect(report.results.map((r) => r.state)).toEqual(['confirmed']);
    const [job] = await emulator.waitForJobs(1);
    const raster = decodeTspl(job!.bytes, 203).raster;
    // pdftoppm rounds the page size up to whole dots: within one dot of 100 x 150 mm.
    expect(Math.abs(raster.width - (100 * 203) / 25.4)).toBeLessThanOrEqual(1);
    expect(Math.abs(raster.height - (150 * 203) / 25.4)).toBeLessThanOrEqual(1);
    // The label's content survived: some dots are black, most are white.
    const black = raster.data.reduce((n, byte) => n + bitCount(byte), 0);
    expect(black).toBeGreaterThan(1000);
    expect(black).toBeLessThan(raster.width * raster.height * 0.5);
  });

  it('writes PDF + PNG for a file: printer', async () => {
    const run = await runCli(['print', '--printer', `file:${file('out')}`, '--file', file('label.pdf')]);
    expect(run.code).toBe(0);
    expect(readdirSync(file('out')).sort()).toEqual(['label.pdf', 'label.png']);
  });

  it('exits 1 with "not printed" when the printer is out of paper, and sends nothing', async () => {
    emulator = await startPrinterEmulator('zpl');
    emulator.set({ paperOut: true });
    const run = await runCli([
      'print',
      '--printer',
      `${emulator.uri}?profile=generic-zpl-203`,
      '--order',
      file('order.json'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not printed: .*paper-out/);
    expect(emulator.jobBytes).toBe(0);
  });

  it('refuses a file that is not a PDF, an unknown profile and an OS queue that does not exist', async () => {
    const notPdf = await runCli(['print', '--printer', `file:${file('out2')}`, '--file', file('not-a.pdf')]);
    expect(notPdf.code).toBe(2);
    expect(notPdf.stderr).toContain('is not a PDF file');
    const unknown = await runCli(['print', '--printer', 'tcp://127.0.0.1:9?profile=nope', '--file', file('label.pdf')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown profile "nope"');
    // An OS queue that does not exist: refused before anything is sent, naming the queue (whether the addon is
    // built, the spooler unreachable or the queue unknown, the message says which).
    const spooler = await runCli([
      'print',
      '--printer',
      'spooler:NoSuchQueue?profile=generic-zpl-203',
      '--file',
      file('label.pdf'),
    ]);
    expect(spooler.code).toBe(1);
    expect(spooler.stderr).toMatch(/^dockside: .*NoSuchQueue/);
    expect(spooler.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('dockside printers', () => {
  it('status reports ready, then paper out with exit 1', async () => {
    emulator = await startPrinterEmulator('escpos');
    const ready = await runCli(['printers', 'status', emulator.uri, '--profile', 'generic-escpos-203', '--json']);
    expect(ready.code).toBe(0);
    expect(JSON.parse(ready.stdout)).toMatchObject({ state: 'ready', condition: null });
    emulator.set({ paperOut: true });
    const out = await runCli(['printers', 'status', `${emulator.uri}?profile=generic-escpos-203`]);
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/not-ready \(offline\)/);
    expect(emulator.jobBytes).toBe(0);
  });

  it('status of a switched-off printer says it is unreachable', async () => {
    emulator = await startPrinterEmulator('zpl');
    await emulator.offline();
    const run = await runCli(['printers', 'status', `${emulator.uri}?profile=generic-zpl-203`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('unreachable');
    expect(run.stdout).toContain('ECONNREFUSED');
  });

  it('list shows the default virtual printer and says OS queues are not available here', async () => {
    const run = await runCli(['printers', 'list', '--data', file('fresh'), '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      primary: { uri: `file:${path.join(file('fresh'), 'labels')}`, profile: null },
      backup: null,
      osQueues: null,
    });
  });
});

function bitCount(byte: number): number {
  let n = 0;
  for (let b = byte; b; b >>= 1) n += b & 1;
  return n;
}
