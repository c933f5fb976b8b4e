// labels: milliseconds per label (PDF + 203-dpi raster + PNG) for the generic-100x150 template with CJK text and a
// logo, one renderer (the font is parsed once), Chinese, Latin and 30-line orders in turn; then one 1,000-label
// batch PDF: its time and the process's peak RSS (sampled every 5 ms and the kernel's maxRSS, the larger).
import { performance } from 'node:perf_hooks';
import { createLabelRenderer } from '../src-main/labels';
import { assetsDir, findAppRoot } from '../src-main/platform';
import { chineseOrder, latinOrder, thirtyLineOrder } from '../test/fixtures/orders';
import { percentile, report, round2 } from './stats';

const WARMUP = 20;
const MEASURED = 300;
const BATCH = 1000;

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

  const batch = Array.from({ length: BATCH }, (_, i) => ({
    order: { ...orders[i % orders.length]!, orderNo: `SO-BENCH-${i}` },
    trackingNumber: `DS${String(200_000_000_000 + i).padStart(12, '0')}`,
  }));
  (globalThis as { gc?: () => void }).gc?.();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 5);
  const start = performance.now();
  const result = await renderer.renderBatch({ orders: batch, template: 'generic-100x150' });
  const batchSeconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  if (result.pages !== BATCH) throw new Error(`the batch has ${result.pages} pages, not ${BATCH}`);

  report({
    bench: 'labels',
    p50_ms: round2(percentile(samples, 50)),
    p99_ms: round2(percentile(samples, 99)),
    batch_1000_s: round2(batchSeconds),
    batch_peak_mb: round2(peakRss / 1024 / 1024),
    n: samples.length,
    pdf_kb_avg: round2(pdfBytes / samples.length / 1024),
    batch_pdf_mb: round2(result.pdf.length / 1024 / 1024),
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`labels bench failed: ${(error as Error).message}\n`);
  process.exit(1);
});
