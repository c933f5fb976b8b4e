// Bundled and run by scripts/render-label-samples.mjs (see there for the command line).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUILT_IN_TEMPLATE_NAMES, createLabelRenderer } from '../src-main/labels';
import { chineseOrder, latinOrder } from '../test/fixtures/orders';

async function main(): Promise<void> {
  const root = process.cwd();
  const [outArg, ...names] = process.argv.slice(2);
  const outDir = path.resolve(root, outArg ?? 'docs/screenshots/labels');
  mkdirSync(outDir, { recursive: true });
  const renderer = createLabelRenderer({
    assetsDir: path.join(root, 'assets'),
    now: () => new Date(2025, 10, 20, 9, 5),
  });
  const samples = [
    ['cn', chineseOrder, 'DS000000000017'],
    ['latin', latinOrder, 'DS000000000024'],
  ] as const;
  for (const template of names.length > 0 ? names : BUILT_IN_TEMPLATE_NAMES) {
    for (const [suffix, order, trackingNumber] of samples) {
      const label = await renderer.render({ order, trackingNumber, template, dpi: 203 });
      const file = path.join(outDir, `${template}-${suffix}.png`);
      writeFileSync(file, label.png);
      const warnings = label.warnings.map((w) => `${w.elementId}: ${w.message}`).join('; ');
      process.stdout.write(
        `${path.relative(root, file)}: ${label.raster.width}x${label.raster.height} dots, PNG ${label.png.length} B, ` +
          `PDF ${label.pdf.length} B${warnings ? `; warnings: ${warnings}` : ''}\n`,
      );
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`render-label-samples: ${(error as Error).message}\n`);
  process.exit(1);
});
