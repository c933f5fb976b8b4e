// `npm run desktop:install [-- --mirror URL]`: downloads Electron's desktop binary, which `npm install` leaves out
// (docs/decisions/0015-install-without-electron-download.md), through electron's own installer. ELECTRON_MIRROR,
// HTTPS_PROXY / HTTP_PROXY (or npm's proxy setting) and @electron/get's other settings are honoured; `--mirror` is
// ELECTRON_MIRROR for shells where `VAR=value command` does not work. Exit 0 when the binary is installed, 1 when not.
import {
  SUGGESTED_MIRROR,
  clearFailure,
  downloadElectronBinary,
  downloadHost,
  electronPackageDir,
  electronVersion,
  installedElectronBinary,
  recordFailure,
  terminalProgress,
} from './electron-binary.mjs';

const USAGE = `Usage: npm run desktop:install [-- --mirror URL]
Downloads Electron's binary for the desktop app (npm start then opens it instead of the web shell).
  --mirror URL   where to download from, e.g. ${SUGGESTED_MIRROR} (default: ELECTRON_MIRROR, else GitHub)
A proxy is taken from HTTPS_PROXY / HTTP_PROXY or npm's https-proxy setting.`;

function fail(message) {
  console.error(message);
  process.exit(1);
}

function mirrorFrom(argv) {
  if (argv.length === 0) return null;
  if (argv[0] === '--help' || argv[0] === '-h') {
    console.log(USAGE);
    process.exit(0);
  }
  const value = argv[0] === '--mirror' ? argv[1] : argv[0].startsWith('--mirror=') ? argv[0].slice(9) : null;
  if (!value || argv.length > (argv[0] === '--mirror' ? 2 : 1)) fail(`desktop:install: unexpected arguments\n${USAGE}`);
  let url;
  try {
    url = new URL(value);
  } catch {
    fail(`desktop:install: --mirror must be an http(s) URL such as ${SUGGESTED_MIRROR}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    fail(`desktop:install: --mirror must be an http(s) URL such as ${SUGGESTED_MIRROR}`);
  // @electron/get appends "<version>/<file>" to the mirror as it is, so the mirror ends with a slash.
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

const mirror = mirrorFrom(process.argv.slice(2));
const env = mirror ? { ...process.env, ELECTRON_MIRROR: mirror } : process.env;
if (mirror) delete env.npm_config_electron_mirror;

const dir = electronPackageDir(env);
if (!dir) fail('desktop:install: the electron package is not installed; run npm install first.');
const installed = installedElectronBinary(dir);
if (installed) {
  console.log(`Electron's binary is already installed (${installed}); npm start opens the desktop app.`);
  process.exit(0);
}

const version = electronVersion(dir);
const host = downloadHost(env);
console.log(`Downloading Electron ${version} from ${host} ...`);
const progress = terminalProgress();
const result = await downloadElectronBinary(dir, { env, idleTimeoutMs: 60_000, onProgress: progress.onProgress });
progress.done();
if (result.binary) {
  clearFailure(dir);
  console.log(`Electron ${version} installed (${result.binary}); npm start now opens the desktop app.`);
} else {
  recordFailure(dir, result.reason, env);
  fail(
    `Electron's binary could not be downloaded from ${host}: ${result.reason}. ` +
      `Try a mirror (npm run desktop:install -- --mirror ${SUGGESTED_MIRROR}) or a proxy (HTTPS_PROXY=http://host:port).`,
  );
}
