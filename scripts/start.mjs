// `npm start`: the desktop window where Electron's binary is installed. Where it is not (the install never
// downloads it, see docs/decisions/0015-install-without-electron-download.md), it tries once to fetch it through
// electron's own installer (ELECTRON_MIRROR and HTTPS_PROXY honoured, giving up after 20 s without progress, and not
// again for a day after a failure unless the mirror or proxy changes); otherwise it starts the web shell and says in
// one line why and how to get the desktop app. The web shell's URL is printed and opened in the default browser when
// a display is present. Extra arguments go to the station
// (e.g. `npm start -- --erp http://erp:8780 --printer file:/tmp/labels`).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DESKTOP_INSTALL_HINT,
  ago,
  clearFailure,
  downloadElectronBinary,
  downloadHost,
  electronPackageDir,
  installedElectronBinary,
  recentFailure,
  recordFailure,
  terminalProgress,
} from './electron-binary.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);

/** Resolves `{ binary }` for the desktop shell, or `{ reason }` why the web shell starts instead. */
async function desktopBinary() {
  const dir = electronPackageDir();
  if (!dir) return { reason: 'the electron package is not installed (npm install installs it)' };
  const installed = installedElectronBinary(dir);
  if (installed) return { binary: installed };
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD)
    return { reason: "ELECTRON_SKIP_BINARY_DOWNLOAD is set, so Electron's binary is not downloaded" };
  const failure = recentFailure(dir);
  if (failure) return { reason: `Electron's binary could not be downloaded ${ago(failure.ageMs)} (${failure.reason})` };
  const host = downloadHost();
  console.log(`Electron's binary is not installed; downloading it once from ${host} ...`);
  const progress = terminalProgress();
  const result = await downloadElectronBinary(dir, { onProgress: progress.onProgress });
  progress.done();
  if (result.binary) {
    clearFailure(dir);
    console.log('Electron installed; opening the desktop app.');
    return result;
  }
  recordFailure(dir, result.reason);
  return { reason: `Electron's binary could not be downloaded from ${host} (${result.reason})` };
}

function hasDisplay() {
  if (process.platform === 'win32' || process.platform === 'darwin') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function openInBrowser(url) {
  const [command, commandArgs] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  const child = spawn(command, commandArgs, { stdio: 'ignore', detached: true });
  child.on('error', () => console.log(`Open ${url} in a browser.`));
  child.unref();
}

function startDesktop(binary) {
  const child = spawn(binary, [root, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

function startWebShell(reason) {
  console.log(
    `Starting the web shell instead of the desktop app: ${reason}. For the desktop app: ${DESKTOP_INSTALL_HINT}.`,
  );
  const child = spawn(process.execPath, [path.join(root, 'bin', 'dockside.cjs'), 'serve', ...args], {
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  // The URL is read from whole lines: a chunk may end inside the token.
  let pending = '';
  let opened = false;
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (opened) return;
    pending += chunk.toString();
    const url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)\r?\n/.exec(pending)?.[1];
    if (url) {
      opened = true;
      pending = '';
      if (hasDisplay()) openInBrowser(url);
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const desktop = await desktopBinary();
if (desktop.binary) startDesktop(desktop.binary);
else startWebShell(desktop.reason);
