/**
 * Timing check for the label engine (not a test; timings are measured, not asserted). Renders 200 labels
 * (PDF + 203-dpi raster + PNG) with one renderer and prints a bench JSON line with p50/p99 per label.
 *
 *   npx esbuild test/integration/labels/label-timing.ts --bundle --platform=node --format=esm \
 *     --packages=external --outfile=node_modules/.cache/dockside/label-timing.mjs \
 *     && node node_modules/.cache/dockside/label-timing.mjs
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLabelRenderer } from '../../../src-main/labels';
import { chineseOrder, latinOrder, thirtyLineOrder } from '../../fixtures/orders';

const assetsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../assets');
// When bundled into node_modules/.cache/dockside the relative path changes; accept an override.
const renderer = createLabelRenderer({ assetsDir: process.env.DOCKSIDE_ASSETS ?? assetsDir });
const orders = [chineseOrder, latinOrder, thirtyLineOrder];
const count = Number(process.argv[2] ?? 200);

const warmup = 20;
const times: number[] = [];
let pdfBytes = 0;
for (let i = 0; i < count + warmup; i++) {
  const order = orders[i % orders.length] ?? chineseOrder;
  const trackingNumber = `DS${String(100000000000 + i).padStart(12, '0')}`;
  const t0 = performance.now();
  const label = await renderer.render({ order, trackingNumber, dpi: 203 });
  const ms = performance.now() - t0;
  if (i >= warmup) {
    times.push(ms);
    pdfBytes += label.pdf.length;
  }
}
times.sort((a, b) => a - b);
const pick = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
console.log(
  JSON.stringify({
    bench: 'labels',
    labels: times.length,
    dpi: 203,
    p50_ms: Number(pick(0.5).toFixed(2)),
    p99_ms: Number(pick(0.99).toFixed(2)),
    max_ms: Number((times.at(-1) ?? NaN).toFixed(2)),
    mean_pdf_bytes: Math.round(pdfBytes / times.length),
  }),
);
