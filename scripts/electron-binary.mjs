// Electron's desktop binary, outside `npm install`: package.json's allowScripts denies electron's postinstall, so the
// install never depends on Electron's download host (docs/decisions/0015-install-without-electron-download.md).
// `npm start` and `npm run desktop:install` fetch the binary here instead, through electron's own installer
// (node_modules/electron/install.js, which downloads with @electron/get, checks the zip against the package's
// checksums.json and extracts it), so ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR, electron_config_cache and the other
// settings @electron/get reads keep working.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Where the binary comes from when no mirror is set (@electron/get's default). */
const DEFAULT_HOST = 'github.com';
/** The mirror the hints suggest: npmmirror's copy of Electron's releases, reachable from mainland China. */
export const SUGGESTED_MIRROR = 'https://npmmirror.com/mirrors/electron/';
/** After a failed attempt, `npm start` does not try again for this long (unless the mirror or proxy changes). */
export const RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * The electron package directory: DOCKSIDE_ELECTRON_DIR when set (the tests point it at a scratch install, so they
 * never touch this checkout's node_modules/electron), else the package Node resolves from this checkout; null when
 * the package is not installed (e.g. `npm ci --omit=dev`).
 */
export function electronPackageDir(env = process.env) {
  if (env.DOCKSIDE_ELECTRON_DIR) return path.resolve(env.DOCKSIDE_ELECTRON_DIR);
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The package's version (the binary version its installer fetches). */
export function electronVersion(dir) {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}

/** The path of the installed binary, or null when it was never downloaded (or only partly extracted). */
export function installedElectronBinary(dir) {
  const entry = path.join(dir, 'index.js');
  // electron's index.js resolves the binary from path.txt, which its installer writes last; it throws without it.
  delete require.cache[entry];
  try {
    const binary = require(entry);
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** The download host a person can recognise, without credentials or path. */
export function downloadHost(env = process.env) {
  const mirror = env.npm_config_electron_mirror || env.ELECTRON_MIRROR;
  if (!mirror) return DEFAULT_HOST;
  try {
    return new URL(mirror).host || mirror;
  } catch {
    return redact(mirror);
  }
}

/** Removes credentials from URLs in a text (proxy and mirror URLs may carry `user:password@`). */
export function redact(text) {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1');
}

const PROXY_KEYS = ['https_proxy', 'http_proxy', 'global_agent_https_proxy', 'global_agent_http_proxy'];

function envValue(env, name) {
  const key = Object.keys(env).find((candidate) => candidate.toLowerCase() === name);
  return key ? env[key] : undefined;
}

/**
 * The environment for electron's installer. @electron/get only uses a proxy when ELECTRON_GET_USE_PROXY is set (then
 * global-agent reads HTTPS_PROXY, HTTP_PROXY and NO_PROXY), so it is set whenever a proxy is configured; npm's own
 * proxy settings (`npm config set https-proxy …`, which npm passes to scripts) count as one.
 */
function installerEnv(env, tmp) {
  const child = { ...env, TMPDIR: tmp, TMP: tmp, TEMP: tmp };
  delete child.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const npmProxy = env.npm_config_https_proxy || env.npm_config_proxy;
  if (npmProxy && !PROXY_KEYS.some((key) => envValue(env, key))) child.GLOBAL_AGENT_HTTPS_PROXY = npmProxy;
  if (PROXY_KEYS.some((key) => envValue(child, key))) child.ELECTRON_GET_USE_PROXY ??= '1';
  return child;
}

function treeSize(dir) {
  let total = 0;
  try {
    for (const name of readdirSync(dir, { recursive: true })) {
      try {
        total += statSync(path.join(dir, String(name))).size;
      } catch {
        // A file moved or removed between the listing and the stat: the next poll sees it.
      }
    }
  } catch {
    // The directory does not exist (yet).
  }
  return total;
}

/** The first line of the installer's error (it prints the stack), credentials removed. */
function installerReason(stderr) {
  const line = stderr
    .split('\n')
    .map((text) => text.trim())
    .find((text) => text && !text.startsWith('at '));
  const reason = line ? line.replace(/^(Request|HTTP|Read|Timeout)?Error: /, '') : 'the installer stopped';
  return redact(reason).slice(0, 200);
}

/**
 * Runs electron's own installer once. It gives up when neither the download (in a private temporary directory)
 * nor the extraction into the package's dist/ has moved for `idleTimeoutMs`: a blocked host fails in seconds, a
 * slow but working mirror is not cut off. `onProgress(bytes)` is called as data arrives.
 * Resolves `{ binary }` on success, `{ reason }` (one short phrase, no credentials) otherwise.
 */
export function downloadElectronBinary(dir, { env = process.env, idleTimeoutMs = 20_000, onProgress } = {}) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-electron-'));
  const dist = path.join(dir, 'dist');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(dir, 'install.js')], {
      cwd: dir,
      env: installerEnv(env, tmp),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let timedOut = false;
    let lastSize = -1;
    let lastChange = Date.now();
    child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
    const poll = setInterval(() => {
      const size = treeSize(tmp) + treeSize(dist);
      if (size !== lastSize) {
        if (lastSize >= 0 && size > 0) onProgress?.(size);
        lastSize = size;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > idleTimeoutMs) {
        timedOut = true;
        child.kill('SIGKILL');
      }
    }, 250);
    const finish = (result) => {
      clearInterval(poll);
      rmSync(tmp, { recursive: true, force: true });
      resolve(result);
    };
    child.on('error', (error) => finish({ reason: redact(error.message) }));
    child.on('close', (code) => {
      const binary = code === 0 ? installedElectronBinary(dir) : null;
      if (binary) return finish({ binary });
      if (timedOut) return finish({ reason: `no answer for ${Math.round(idleTimeoutMs / 1000)} s` });
      finish({ reason: code === 0 ? 'the installer finished without a binary' : installerReason(stderr) });
    });
  });
}

/** Where the last failed attempt is remembered: node_modules/.cache/dockside, next to the electron package. */
function failureFile(dir) {
  return path.join(path.dirname(dir), '.cache', 'dockside', 'electron-download.json');
}

/** A digest of the settings a download depends on, so new settings retry at once (values are never stored). */
function settingsDigest(env) {
  const keys = Object.keys(env)
    .filter((key) =>
      /^(electron_|npm_config_electron_|global_agent_|npm_config_(https_)?proxy$|(https?|no)_proxy$)/i.test(key),
    )
    .sort();
  return createHash('sha256')
    .update(JSON.stringify(keys.map((key) => [key, env[key]])))
    .digest('hex');
}

/** Remembers a failed attempt (when, why, for which settings). */
export function recordFailure(dir, reason, env = process.env, now = Date.now()) {
  const file = failureFile(dir);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      JSON.stringify({ failedAt: new Date(now).toISOString(), reason, settings: settingsDigest(env) }),
    );
  } catch {
    // Not remembering only means the next start tries again.
  }
}

/** Forgets the last failed attempt (after a success). */
export function clearFailure(dir) {
  rmSync(failureFile(dir), { force: true });
}

/** The last failed attempt when it was recent and made with the same settings, else null. */
export function recentFailure(dir, env = process.env, now = Date.now()) {
  try {
    const failure = JSON.parse(readFileSync(failureFile(dir), 'utf8'));
    const age = now - Date.parse(failure.failedAt);
    if (failure.settings !== settingsDigest(env) || !(age >= 0 && age < RETRY_AFTER_MS)) return null;
    return { ageMs: age, reason: String(failure.reason) };
  } catch {
    return null;
  }
}

/** "under a minute ago", "3 min ago", "2 h ago": when the last attempt failed, for the one-line notice. */
export function ago(ms) {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'under a minute ago';
  return minutes < 60 ? `${minutes} min ago` : `${Math.floor(minutes / 60)} h ago`;
}

/**
 * Progress for a terminal: `onProgress` writes the megabytes so far on one line and `done` ends that line; both do
 * nothing when stdout is not a terminal (a log file gets no carriage returns).
 */
export function terminalProgress(stream = process.stdout) {
  if (!stream.isTTY) return { onProgress: undefined, done: () => {} };
  let shown = false;
  return {
    onProgress: (bytes) => {
      shown = true;
      stream.write(`\r  ${Math.round(bytes / 1e6)} MB`);
    },
    done: () => shown && stream.write('\n'),
  };
}

/** How to get the desktop app, in one phrase (the same command works in every shell). */
export const DESKTOP_INSTALL_HINT = `npm run desktop:install -- --mirror ${SUGGESTED_MIRROR} (or with HTTPS_PROXY set)`;
