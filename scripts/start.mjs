// `npm start`: the desktop window where an Electron binary is installed; otherwise the web shell, whose URL is
// printed and opened in the default browser when a display is present. Extra arguments go to the station
// (e.g. `npm start -- --erp http://erp:8780 --printer file:/tmp/labels`).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    // The electron package exports the path of its binary; it throws when the binary was never downloaded.
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
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

const electron = electronBinary();
if (electron) {
  const child = spawn(electron, [root, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Electron is not installed here; starting the web shell (the same screen, in your browser).');
  const child = spawn(process.execPath, [path.join(root, 'bin', 'dockside.cjs'), 'serve', ...args], {
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  let opened = false;
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    const url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(chunk.toString())?.[1];
    if (url && !opened && hasDisplay()) {
      opened = true;
      openInBrowser(url);
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
