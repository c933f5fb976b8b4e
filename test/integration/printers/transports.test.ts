import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createTcpTransport } from '../../../src-main/printers/transports/tcp';
import { TransportError } from '../../../src-main/printers/transports/transport-error';
import { createUsbTransport, usbOpenErrorMessage } from '../../../src-main/printers/transports/usb';
import { parseZplHostStatus, statusProtocolFor } from '../../../src-main/printers/status';
import { startPrinterEmulator, type PrinterEmulator } from '../../helpers/printer-emulator';

const ZPL_JOB = Buffer.from('^XA^FO50,50^A0N,40,40^FDHello^FS^XZ', 'latin1');

async function rejection(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TransportError) return error;
    throw error;
  }
  throw new Error('expected the promise to reject');
}

describe('raw TCP transport against the printer emulator', () => {
  let emulator: PrinterEmulator | null = null;
  afterEach(async () => {
    await emulator?.close();
    emulator = null;
  });

  it('delivers a job in paced chunks, byte for byte', async () => {
    emulator = await startPrinterEmulator('zpl');
    const transport = createTcpTransport({ host: '127.0.0.1', port: emulator.port, chunkBytes: 7 });
    const result = await transport.send({ jobId: 'j1', bytes: ZPL_JOB });
    expect(result.state).toBe('sent');
    const [job] = await emulator.waitForJobs(1);
    expect(job!.bytes.equals(ZPL_JOB)).toBe(true);
    expect(job!.complete).toBe(true);
  });

  it('asks for status on its own connection and reads the whole ~HS reply', async () => {
    emulator = await startPrinterEmulator('zpl');
    emulator.set({ paperOut: true });
    const transport = createTcpTransport({ host: '127.0.0.1', port: emulator.port });
    const protocol = statusProtocolFor('zpl')!;
    const reply = await transport.query!(protocol.query, { timeoutMs: 5000, complete: protocol.complete });
    expect(parseZplHostStatus(reply!).paperOut).toBe(true);
    expect(emulator.jobBytes).toBe(0);
  });

  it('says "nothing sent" when the printer refuses the connection', async () => {
    emulator = await startPrinterEmulator('zpl');
    await emulator.offline();
    const transport = createTcpTransport({ host: '127.0.0.1', port: emulator.port });
    const error = await rejection(transport.send({ jobId: 'j2', bytes: ZPL_JOB }));
    expect(error.mayHavePrinted).toBe(false);
    expect(error.message).toContain(`tcp://127.0.0.1:${emulator.port}`);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('gives up on a printer that accepts but never reads, saying it may have printed', async () => {
    emulator = await startPrinterEmulator('zpl');
    emulator.stall(true);
    const transport = createTcpTransport({
      host: '127.0.0.1',
      port: emulator.port,
      writeTimeoutMs: 300,
      totalTimeoutMs: 3000,
      chunkPauseMs: 0,
      chunkBytes: 256 * 1024,
    });
    // Larger than the kernel buffers on both ends, so the writes must stall.
    const big = Buffer.alloc(32 * 1024 * 1024, 0x41);
    const error = await rejection(transport.send({ jobId: 'j3', bytes: big }));
    expect(error.mayHavePrinted).toBe(true);
    expect(error.message).toMatch(/stopped reading|took longer/);
    expect(error.message).toContain('job j3');
  });

  it('reports a connection dropped mid-job as "may have printed"', async () => {
    emulator = await startPrinterEmulator('zpl');
    emulator.dropAfter(1000);
    const transport = createTcpTransport({ host: '127.0.0.1', port: emulator.port, chunkBytes: 512, chunkPauseMs: 2 });
    const job = Buffer.concat([Buffer.from('^XA^FD'), Buffer.alloc(2_000_000, 0x41), Buffer.from('^FS^XZ')]);
    const error = await rejection(transport.send({ jobId: 'j4', bytes: job }));
    expect(error.mayHavePrinted).toBe(true);
    expect(emulator.jobs.every((j) => !j.complete)).toBe(true);
  });

  it('returns null when a printer stays silent to a status query', async () => {
    const silent = net.createServer((socket) => socket.on('data', () => undefined));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const transport = createTcpTransport({ host: '127.0.0.1', port });
    expect(await transport.query!(Buffer.from('~HS'), { timeoutMs: 200 })).toBeNull();
    silent.close();
  });
});

describe('USB device file transport', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-usb-'));

  it('writes the job to the device file', async () => {
    const device = path.join(dir, 'lp0');
    writeFileSync(device, '');
    const result = await createUsbTransport({ device }).send({ jobId: 'u1', bytes: ZPL_JOB });
    expect(result.state).toBe('sent');
    expect(readFileSync(device).equals(ZPL_JOB)).toBe(true);
  });

  it('says how to fix a missing device, and that nothing was sent', async () => {
    const device = path.join(dir, 'lp9');
    const error = await rejection(createUsbTransport({ device }).send({ jobId: 'u2', bytes: ZPL_JOB }));
    expect(error.mayHavePrinted).toBe(false);
    expect(error.message).toContain(`${device} does not exist`);
    expect(error.message).toContain('plugged in');
  });

  it('says which group or udev rule fixes EACCES', () => {
    const message = usbOpenErrorMessage('/dev/usb/lp0', 'EACCES');
    expect(message).toContain('"lp" group');
    expect(message).toContain('udev');
  });

  it('ends in a timeout, not a hang, when the device stops taking data (a FIFO nobody drains)', async () => {
    const fifo = path.join(dir, 'lp-fifo');
    execFileSync('mkfifo', [fifo]);
    // A reader that opens the FIFO and never reads: the pipe buffer fills like a stalled printer's.
    const reader = await import('node:fs/promises').then((fs) => fs.open(fifo, 'r+'));
    try {
      const transport = createUsbTransport({ device: fifo, writeTimeoutMs: 200, totalTimeoutMs: 2000 });
      const error = await rejection(transport.send({ jobId: 'u3', bytes: Buffer.alloc(4 * 1024 * 1024, 0x41) }));
      expect(error.mayHavePrinted).toBe(true);
      expect(error.message).toContain('stopped taking data');
    } finally {
      await reader.close();
      rmSync(fifo);
    }
  });
});
