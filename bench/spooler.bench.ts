// spooler: milliseconds for raw jobs through a real CUPS scheduler (a private Debian cupsd on 127.0.0.1, a raw
// queue whose socket:// device is a loopback TCP printer in this process). `submit` is the addon's submitRawJob
// (the spooler holds every byte); `confirmed` is the spooler transport's send (pre-flight, submit, follow the job
// to completed, polling every 20 ms). The event loop's worst delay during the submits shows the calls run off it.
import { createRequire } from 'node:module';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { RawPrinterModule } from '../native/raw-printer';
import { createSpooler, rawPrinterModulePath } from '../src-main/printers/transports/spooler';
import { cupsUnavailableReason, startLoopbackPrinter, startPrivateCups } from '../test/helpers/cups';
import { percentile, report, round2 } from './stats';

const SMALL = Buffer.from(`^XA^FO50,50^A0N,40,40^FDSO-100001^FS^BY3^FO50,120^BCN,120,Y,N,N^FDDS000000000017^FS^XZ`);
const LARGE = Buffer.alloc(300 * 1024, 0xaa);

async function main(): Promise<void> {
  const spooler = createSpooler();
  const availability = spooler.availability();
  const missing = cupsUnavailableReason() ?? (availability.available ? null : availability.reason);
  if (missing) {
    report({ bench: 'spooler', skipped: missing });
    return;
  }
  const addon = createRequire(import.meta.url)(rawPrinterModulePath()) as RawPrinterModule;
  const cups = await startPrivateCups();
  const printer = await startLoopbackPrinter();
  try {
    addon.setServer(cups.server);
    await cups.addRawQueue('bench_raw', `socket://127.0.0.1:${printer.port}`);
    const transport = spooler.createTransport('bench_raw', { pollIntervalMs: 20, timeoutMs: 60_000 });

    const submitMs: number[] = [];
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    for (let i = 0; i < 40; i++) {
      const received = printer.nextJob();
      const start = performance.now();
      await addon.submitRawJob({ printer: 'bench_raw', title: `bench ${i}`, bytes: SMALL });
      submitMs.push(performance.now() - start);
      await received;
    }
    loop.disable();
    report({
      bench: 'spooler-submit',
      bytes: SMALL.length,
      n: submitMs.length,
      p50_ms: round2(percentile(submitMs, 50)),
      p99_ms: round2(percentile(submitMs, 99)),
      event_loop_max_delay_ms: round2(loop.max / 1e6),
    });

    for (const [label, bytes, n] of [
      ['small', SMALL, 20],
      ['300kb', LARGE, 10],
    ] as const) {
      const confirmedMs: number[] = [];
      for (let i = 0; i < n; i++) {
        const start = performance.now();
        const result = await transport.send({ jobId: `bench-${label}-${i}`, bytes });
        if (result.state !== 'confirmed') throw new Error(`job not confirmed: ${result.detail}`);
        confirmedMs.push(performance.now() - start);
      }
      report({
        bench: 'spooler-confirmed',
        job: label,
        bytes: bytes.length,
        n,
        p50_ms: round2(percentile(confirmedMs, 50)),
        p99_ms: round2(percentile(confirmedMs, 99)),
      });
    }
  } finally {
    addon.setServer(null);
    await printer.close();
    await cups.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`spooler bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
