// `npm run build:native`: builds native/raw-printer with node-gyp. Kept out of `npm ci` on purpose: the addon is
// optional at run time and needs the CUPS headers (libcups2-dev) on Linux, which a plain install must not require.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const addonDir = path.join(root, 'native', 'raw-printer');

if (process.platform === 'linux' && !existsSync('/usr/include/cups/cups.h')) {
  console.error(
    'build:native: the CUPS headers are missing (/usr/include/cups/cups.h); on Debian: apt-get install libcups2-dev',
  );
  process.exit(1);
}

const args = [createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js'), 'rebuild', '--directory', addonDir];
// Use the headers installed beside this Node (Debian and NodeSource ship them) rather than downloading a tarball,
// unless npm already names a folder.
const localHeaders = path.resolve(path.dirname(process.execPath), '..');
if (!process.env.npm_config_nodedir && existsSync(path.join(localHeaders, 'include', 'node', 'node_api.h'))) {
  args.push(`--nodedir=${localHeaders}`);
}
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(result.status ?? 1);
