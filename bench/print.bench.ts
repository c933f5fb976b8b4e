// print: milliseconds from an already rendered label (generic-100x150 with CJK text and the logo, 203 dpi) to the
// last byte received by a local TCP server over loopback, per printer language: encode, connect, write, half-close,
// and the server seeing the end of the stream. Plus the bytes one label takes in that language. One connection per
// job, as printers on port 9100 take them. The real TCP transport lives in printers/transports; this measures the
// languages with the plainest socket code so the numbers are the encoders' and the loopback's.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { createLabelRenderer } from '../src-main/labels';
import { assetsDir, findAppRoot } from '../src-main/platform';
import { LANGUAGES, type EncodeInput } from '../src-main/printers';
import { chineseOrder } from '../test/fixtures/orders';
import { percentile, report, round2 } from './stats';

const WARMUP = 20;
const MEASURED = 300;

/** A sink on 127.0.0.1 that counts each connection's bytes and reports the count when the client half-closes. */
async function startSink(onJob: (bytes: number) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer((socket) => {
    let received = 0;
    socket.on('data', (chunk: Buffer) => (received += chunk.length));
    socket.on('end', () => {
      onJob(received);
      socket.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function main(): Promise<void> {
  const renderer = createLabelRenderer({ assetsDir: assetsDir(findAppRoot()) });
  const label = await renderer.render({ order: chineseOrder, trackingNumber: 'DS000000000017', dpi: 203 });
  const input: EncodeInput = { raster: label.raster, pdf: label.pdf, widthMm: label.widthMm, heightMm: label.heightMm };

  let waiting: ((bytes: number) => void) | undefined;
  const sink = await startSink((bytes) => waiting?.(bytes));

  for (const language of LANGUAGES) {
    const samples: number[] = [];
    let bytesPerLabel = 0;
    for (let i = 0; i < WARMUP + MEASURED; i++) {
      const received = new Promise<number>((resolve) => (waiting = resolve));
      const start = performance.now();
      const bytes = language.encode(input);
      const socket = net.connect(sink.port, '127.0.0.1');
      socket.on('error', (error) => {
        throw error;
      });
      socket.end(bytes);
      const got = await received;
      const elapsed = performance.now() - start;
      socket.destroy();
      if (got !== bytes.length) throw new Error(`${language.name}: the server got ${got} of ${bytes.length} bytes`);
      if (i >= WARMUP) samples.push(elapsed);
      bytesPerLabel = bytes.length;
    }
    report({
      name: 'print',
      lang: language.name,
      p50_ms: round2(percentile(samples, 50)),
      p99_ms: round2(percentile(samples, 99)),
      bytes: bytesPerLabel,
      n: samples.length,
    });
  }
  await sink.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`print bench failed: ${(error as Error).message}\n`);
  process.exit(1);
});
