// Runs the benchmarks: `npm run bench` runs all, `npm run bench -- NAME` runs one.
// Each bench/NAME.bench.ts is bundled with esbuild and run in its own Node process, so one benchmark's heap never
// colours another's numbers. Every benchmark prints one JSON line per result on stdout.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const benchDir = path.join(root, 'bench');
const outDir = path.join(root, 'dist', 'bench');
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const all = readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''))
  .sort();
const unknown = wanted.filter((name) => !all.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown benchmark ${unknown.join(', ')}; available: ${all.join(', ')}\n`);
  process.exit(2);
}
const names = wanted.length > 0 ? wanted : all;
// Bundled code finds each SQLite file's migrations next to the bundle, as in dist/main (scripts/build.mjs).
for (const [from, to] of [
  ['src-main/store/migrations', 'migrations'],
  ['src-main/demo/erp/demo-erp-migrations', 'demo-erp-migrations'],
]) {
  cpSync(path.join(root, from), path.join(outDir, to), { recursive: true });
}
let failed = false;
for (const name of names) {
  const outfile = path.join(outDir, `${name}.cjs`);
  await build({
    entryPoints: [path.join(benchDir, `${name}.bench.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    external: ['better-sqlite3', '@napi-rs/canvas'],
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  const result = spawnSync(process.execPath, ['--expose-gc', outfile], {
    stdio: ['ignore', 'inherit', 'inherit'],
    cwd: root,
  });
  if (result.status !== 0) {
    process.stderr.write(`bench: ${name} failed with exit code ${result.status}\n`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
