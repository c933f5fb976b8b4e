// The spooler transport and the raw-printer addon against a real CUPS scheduler (Debian's cupsd, private to this
// file, on 127.0.0.1) whose raw queues deliver to loopback TCP printers in this process. Skips, saying why, where
// CUPS or the built addon is missing; under DOCKSIDE_REQUIRE_CUPS=1 (.ci/run) it must run.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrintError } from '../../../src-main/printers/printer';
import { createSpooler, rawPrinterModulePath } from '../../../src-main/printers/transports/spooler';
import type { RawPrinterModule } from '../../../native/raw-printer';
import {
  cupsTestSkipReason,
  freePort,
  startLoopbackPrinter,
  startPrivateCups,
  type LoopbackPrinter,
  type PrivateCups,
} from '../../helpers/cups';
import { runCli } from '../../helpers/cli';
import { decodeZpl } from '../../helpers/printer-decoders';
import { chineseOrder } from '../../fixtures/orders';

const spooler = createSpooler();
const availability = spooler.availability();
const skipReason = cupsTestSkipReason(availability.available ? null : availability.reason);
if (skipReason) console.log(skipReason);

/** Every byte value, then a few hundred KB of noise: what a raw queue must pass through untouched. */
function testPayload(): Buffer {
  const everyByte = Buffer.from(Array.from({ length: 256 }, (_, value) => value));
  return Buffer.concat([everyByte, randomBytes(300 * 1024), everyByte]);
}

describe.skipIf(skipReason !== null)('raw jobs through a real CUPS scheduler', () => {
  let cups: PrivateCups | undefined;
  let printer: LoopbackPrinter;
  let stalled: LoopbackPrinter;
  let addon: RawPrinterModule;
  const follow = { pollIntervalMs: 100, timeoutMs: 60_000 };

  beforeAll(async () => {
    expect(availability, 'the raw-printer addon must be built (npm run build:native)').toMatchObject({
      available: true,
    });
    // The same module instance the spooler loaded: setServer points every later libcups call at our cupsd.
    addon = createRequire(import.meta.url)(rawPrinterModulePath()) as RawPrinterModule;
    cups = await startPrivateCups();
    addon.setServer(cups.server);
    printer = await startLoopbackPrinter();
    stalled = await startLoopbackPrinter({ stall: true });
    await cups.addRawQueue('dock_raw', `socket://127.0.0.1:${printer.port}`);
    await cups.addRawQueue('dock_paused', `socket://127.0.0.1:${printer.port}`);
    await cups.addRawQueue('dock_closed', `socket://127.0.0.1:${printer.port}`);
    await cups.addRawQueue('dock_stall', `socket://127.0.0.1:${stalled.port}`);
    await cups.client('/usr/sbin/lpadmin', ['-d', 'dock_raw']);
    await cups.client('/usr/sbin/cupsdisable', ['-r', 'out of labels', 'dock_paused']);
    await cups.client('/usr/sbin/cupsreject', ['-r', 'closed for maintenance', 'dock_closed']);
  });

  afterAll(async () => {
    addon?.setServer(null);
    await cups?.stop();
    await printer?.close();
    await stalled?.close();
  });

  it('lists the queues with their default flag, state and acceptance', async () => {
    const printers = await spooler.listPrinters();
    const byName = new Map(printers.map((entry) => [entry.name, entry]));
    expect([...byName.keys()].sort()).toEqual(['dock_closed', 'dock_paused', 'dock_raw', 'dock_stall']);
    expect(byName.get('dock_raw')).toMatchObject({ isDefault: true, state: 'idle', accepting: true });
    expect(byName.get('dock_stall')).toMatchObject({ isDefault: false });
  });

  it('delivers every byte unchanged and reports the job completed', async () => {
    const payload = testPayload();
    const received = printer.nextJob();
    const transport = spooler.createTransport('dock_raw', follow);
    expect(transport.uri).toBe('spooler:dock_raw');

    const result = await transport.send({ jobId: 'J-1', bytes: payload });

    expect(result.state).toBe('confirmed');
    expect(result.detail).toMatch(/^spooler:dock_raw: job \d+ completed$/);
    const bytes = await received;
    expect(bytes.length).toBe(payload.length);
    expect(bytes.equals(payload)).toBe(true);
    const jobId = Number(/job (\d+)/.exec(result.detail)?.[1]);
    const state = await addon.getJobState({ printer: 'dock_raw', jobId });
    expect(state).toMatchObject({ id: jobId, state: 'completed' });
  });

  it('submits through the addon directly and follows the job to completed', async () => {
    const received = printer.nextJob();
    const jobId = await addon.submitRawJob({ printer: 'dock_raw', title: '面单 SO-1', bytes: Buffer.from('^XA^XZ') });
    expect(Number.isInteger(jobId) && jobId > 0).toBe(true);
    expect((await received).toString()).toBe('^XA^XZ');
    let state = await addon.getJobState({ printer: 'dock_raw', jobId });
    // The bytes are at the printer; the scheduler marks the job completed when the backend exits.
    while (state.state !== 'completed') {
      expect(['pending', 'processing']).toContain(state.state);
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = await addon.getJobState({ printer: 'dock_raw', jobId });
    }
    const jobs = await cups!.client('/usr/bin/lpstat', ['-W', 'completed', '-o', 'dock_raw']);
    expect(jobs).toContain(`dock_raw-${jobId}`);
  });

  it('fails clearly for a queue that does not exist', async () => {
    await expect(
      addon.submitRawJob({ printer: 'no_such_queue', title: 't', bytes: Buffer.from('x') }),
    ).rejects.toMatchObject({ code: 'ERR_RAW_PRINTER_NOT_FOUND', message: 'no CUPS printer named "no_such_queue"' });
    const send = spooler.createTransport('no_such_queue', follow).send({ jobId: 'J-2', bytes: Buffer.from('x') });
    await expect(send).rejects.toBeInstanceOf(PrintError);
    await expect(send).rejects.toThrow(
      'spooler:no_such_queue: the OS spooler has no printer queue named "no_such_queue"',
    );
    await expect(addon.getJobState({ printer: 'dock_raw', jobId: 999_999 })).rejects.toMatchObject({
      code: 'ERR_RAW_PRINTER_NOT_FOUND',
    });
  });

  it('reports a disabled queue as stopped and sends nothing to it', async () => {
    const listed = (await spooler.listPrinters()).find((entry) => entry.name === 'dock_paused');
    expect(listed).toMatchObject({ state: 'stopped', accepting: true, message: 'out of labels' });
    expect(listed?.reasons).toContain('paused');

    const send = spooler.createTransport('dock_paused', follow).send({ jobId: 'J-3', bytes: Buffer.from('x') });
    await expect(send).rejects.toThrow(
      /^spooler:dock_paused: the queue is stopped \(out of labels; paused\), nothing was sent$/,
    );
    expect(await cups!.client('/usr/bin/lpstat', ['-o', 'dock_paused'])).toBe('');
  });

  it('reports a queue that rejects jobs, from the list, the addon and the transport', async () => {
    const listed = (await spooler.listPrinters()).find((entry) => entry.name === 'dock_closed');
    expect(listed).toMatchObject({ state: 'idle', accepting: false });

    await expect(
      addon.submitRawJob({ printer: 'dock_closed', title: 't', bytes: Buffer.from('x') }),
    ).rejects.toMatchObject({
      code: 'ERR_RAW_PRINTER_REFUSED',
    });
    await expect(
      spooler.createTransport('dock_closed', follow).send({ jobId: 'J-4', bytes: Buffer.from('x') }),
    ).rejects.toThrow(/^spooler:dock_closed: the queue is not accepting jobs/);
  });

  it('answers "sent", not "confirmed", when the printer never finishes the job', async () => {
    const transport = spooler.createTransport('dock_stall', { pollIntervalMs: 100, timeoutMs: 1_500 });
    const result = await transport.send({ jobId: 'J-5', bytes: Buffer.from('^XA^FDstuck^FS^XZ') });
    expect(result.state).toBe('sent');
    expect(result.detail).toMatch(/^spooler:dock_stall: job \d+ still (pending|processing) after 2 s/);
    const jobId = Number(/job (\d+)/.exec(result.detail)?.[1]);
    await cups!.client('/usr/bin/cancel', [`dock_stall-${jobId}`]);
  });

  it('keeps the job in the queue and answers "sent" when the printer cannot be reached', async () => {
    const closedPort = await freePort();
    await cups!.addRawQueue('dock_unplugged', `socket://127.0.0.1:${closedPort}`);
    const transport = spooler.createTransport('dock_unplugged', { pollIntervalMs: 100, timeoutMs: 3_000 });
    const result = await transport.send({ jobId: 'J-6', bytes: Buffer.from('^XA^XZ') });
    // The bytes are with the spooler, which keeps retrying the device: not confirmed, not failed, and still queued.
    expect(result.state).toBe('sent');
    expect(result.detail).toMatch(/^spooler:dock_unplugged: job \d+ still (pending|processing) after 3 s: \S/);
    const jobId = Number(/job (\d+)/.exec(result.detail)?.[1]);
    expect(await cups!.client('/usr/bin/lpstat', ['-o', 'dock_unplugged'])).toContain(`dock_unplugged-${jobId}`);
    await cups!.client('/usr/bin/cancel', [`dock_unplugged-${jobId}`]);
  });

  it('prints a waybill through spooler:QUEUE?profile=NAME from the built CLI: ZPL that decodes to the label', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-spooler-print-'));
    try {
      const orderFile = path.join(dir, 'order.json');
      writeFileSync(orderFile, JSON.stringify({ ...chineseOrder, trackingNumber: 'DS000000000042' }));
      const received = printer.nextJob();
      const run = await runCli(
        [
          'print',
          '--printer',
          'spooler:dock_raw?profile=generic-zpl-203',
          '--order',
          orderFile,
          '--template',
          'generic-100x150',
          '--json',
        ],
        { CUPS_SERVER: cups!.server },
      );
      expect(run.code, run.stderr).toBe(0);
      const decoded = decodeZpl(await received, 203);
      // The whole 100 x 150 mm label at 203 dpi went through CUPS as one raw ZPL job.
      expect(decoded.raster.width).toBe(Math.round((100 * 203) / 25.4));
      expect(decoded.raster.height).toBe(Math.round((150 * 203) / 25.4));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists the queues from the built CLI, which finds the addon from dist/ and CUPS through CUPS_SERVER', async () => {
    const run = await runCli(['os-printers', '--json'], { CUPS_SERVER: cups!.server });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const listed = JSON.parse(run.stdout) as { backend: string; printers: { name: string; state: string }[] };
    expect(listed.backend).toBe('cups');
    expect(listed.printers).toContainEqual(expect.objectContaining({ name: 'dock_paused', state: 'stopped' }));

    const text = await runCli(['os-printers'], { CUPS_SERVER: cups!.server });
    expect(text.stdout).toContain('spooler:dock_raw\tidle, accepting, default');
  });
});
