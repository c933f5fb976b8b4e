// Builds the core (esbuild: CLI, Electron main, preload) and the renderer (vite) into dist/.
// Native modules stay external: they are loaded from node_modules at run time.
import { build } from 'esbuild';
import { cp, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { build as viteBuild } from 'vite';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outDir = path.join(root, 'dist', 'main');
const onlyMain = process.argv.includes('--main');

await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  external: ['better-sqlite3', '@napi-rs/canvas', 'electron', 'bufferutil', 'utf-8-validate'],
  // Source files locate their neighbours through import.meta.url; in the CommonJS bundle that is the bundle's
  // own URL, and the build copies those neighbours (migrations) next to it.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
};

await build({
  ...common,
  entryPoints: {
    cli: path.join(root, 'src-main/cli/main.ts'),
    'electron-main': path.join(root, 'src-main/shells/electron/main.ts'),
  },
  outdir: outDir,
  outExtension: { '.js': '.cjs' },
});
// A sandboxed preload must be a single CommonJS file that requires nothing but 'electron'.
// It has no __filename either, so it gets neither the banner nor the import.meta.url define.
await build({
  ...common,
  banner: {},
  define: {},
  entryPoints: { preload: path.join(root, 'src-main/shells/electron/preload.ts') },
  outdir: outDir,
  outExtension: { '.js': '.cjs' },
});
// Each SQLite file's migrations, under the folder name its opening module looks for next to itself.
const migrationDirs = {
  'src-main/store/migrations': 'migrations',
  'src-main/demo/erp/demo-erp-migrations': 'demo-erp-migrations',
};
for (const [from, to] of Object.entries(migrationDirs))
  await cp(path.join(root, from), path.join(outDir, to), { recursive: true });

if (!onlyMain) {
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}
