// Renders every built-in label template for a Chinese and a Latin order to 203-dpi PNGs (the raster that prints):
//   node scripts/render-label-samples.mjs [OUT_DIR] [TEMPLATE...]
// OUT_DIR defaults to docs/screenshots/labels; files are <template>-<cn|latin>.png. The TypeScript part
// (scripts/render-label-samples.ts) is bundled with esbuild, as bench/run.mjs does for benchmarks.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outfile = path.join(root, 'dist', 'scripts', 'render-label-samples.cjs');
await build({
  entryPoints: [path.join(root, 'scripts', 'render-label-samples.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  external: ['@napi-rs/canvas'],
});
const result = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
