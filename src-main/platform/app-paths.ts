import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The application root (the folder with Dockside's package.json), found by walking up from this module. Works from
 * the sources (tests), from the esbuild bundle in dist/main, and inside Electron's asar.
 */
export function findAppRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = path.dirname(from);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'dockside') return dir;
      } catch {
        // Not ours or unreadable: keep walking.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the Dockside application folder above ${from}`);
    dir = parent;
  }
}

/** Where the built renderer lives. */
export function rendererDir(appRoot: string = findAppRoot()): string {
  return path.join(appRoot, 'dist', 'renderer');
}

/** The shipped assets (fonts, templates, logo). */
export function assetsDir(appRoot: string = findAppRoot()): string {
  return path.join(appRoot, 'assets');
}

/**
 * The per-user data folder, the same one Electron calls userData, so the CLI and the desktop app share a station:
 * `%APPDATA%\Dockside` on Windows, `~/Library/Application Support/Dockside` on macOS, `$XDG_CONFIG_HOME/Dockside`
 * (default `~/.config/Dockside`) elsewhere.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Dockside');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Dockside');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Dockside');
}

/** The version in Dockside's package.json. */
export function appVersion(appRoot: string = findAppRoot()): string {
  return (JSON.parse(readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as { version: string }).version;
}
