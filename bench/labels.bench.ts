// labels: milliseconds per label (PDF + 203-dpi raster + PNG) for the 100x150 template with CJK text and a logo,
// one renderer (the font is parsed once), Chinese, Latin and 30-line orders in turn.
import { performance } from 'node:perf_hooks';
import { createLabelRenderer } from '../src-main/labels';
import { assetsDir, findAppRoot } from '../src-main/platform';
import { chineseOrder, latinOrder, thirtyLineOrder } from '../test/fixtures/orders';
import { percentile, report, round2 } from './stats';

const WARMUP = 20;
const MEASURED = 300;

async function main(): Promise<void> {
  const renderer = createLabelRenderer({ assetsDir: assetsDir(findAppRoot()) });
  const orders = [chineseOrder, latinOrder, thirtyLineOrder];
  const samples: number[] = [];
  let pdfBytes = 0;
  for (let i = 0; i < WARMUP + MEASURED; i++) {
    const trackingNumber = `DS${String(100_000_000_000 + i).padStart(12, '0')}`;
    const start = performance.now();
    const label = await renderer.render({ order: orders[i % orders.length]!, trackingNumber, dpi: 203 });
    const elapsed = performance.now() - start;
    if (i >= WARMUP) {
      samples.push(elapsed);
      pdfBytes += label.pdf.length;
    }
  }
  report({
    bench: 'labels',
    p50_ms: round2(percentile(samples, 50)),
    p99_ms: round2(percentile(samples, 99)),
    n: samples.length,
    pdf_kb_avg: round2(pdfBytes / samples.length / 1024),
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`labels bench failed: ${(error as Error).message}\n`);
  process.exit(1);
});
