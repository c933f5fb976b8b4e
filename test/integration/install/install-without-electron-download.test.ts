// The install path where Electron's download host is unreachable (docs/decisions/0015): a scratch project with the
// repository's allowScripts installs electron (types, no binary) with `npm install`, and `npm start`'s script then
// tries the download once, starts the web shell saying why in one line, serves the station, and stops cleanly. The
// host is a closed port on 127.0.0.1, so the result is the same on a machine that could reach GitHub. The scratch
// electron package is the one start.mjs and desktop-install.mjs use (DOCKSIDE_ELECTRON_DIR): this checkout's
// node_modules/electron is never touched. Needs npm >= 11.19 (allowScripts) and a warm npm cache (npm ci filled it).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startElectronReleaseMirror } from '../../helpers/electron-release-mirror';
import { closedPort } from '../../helpers/net';
import { repoRoot } from '../../helpers/paths';

const repoPackage = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  allowScripts: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version: string }>;
};
const electronVersion = lock.packages['node_modules/electron']!.version;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-install-'));
const electronDir = path.join(tmp, 'project', 'node_modules', 'electron');
let unreachable: string;

/**
 * The environment of a fresh machine whose Electron host is unreachable: no ELECTRON_SKIP_BINARY_DOWNLOAD, no
 * proxy, nothing inherited from an outer `npm test` (npm_* variables other than the cache location), an empty
 * Electron download cache, no display (no browser opens).
 */
function freshEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) && key !== 'npm_config_cache') continue;
    if (/^(electron_|global_agent_)|^(https?|no|all)_proxy$/i.test(key)) continue;
    if (key === 'DISPLAY' || key === 'WAYLAND_DISPLAY') continue;
    env[key] = value;
  }
  return { ...env, ELECTRON_MIRROR: unreachable, electron_config_cache: path.join(tmp, 'electron-cache'), ...extra };
}

/** `npm install` in a scratch project that depends on electron only, with the given package.json extras. */
function npmInstall(dir: string, extras: Record<string, unknown>) {
  rmSync(dir, { recursive: true, force: true });
  spawnSync('mkdir', ['-p', dir]);
  const manifest = {
    name: 'install-probe',
    version: '0.0.0',
    private: true,
    devDependencies: { electron: electronVersion },
  };
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ ...manifest, ...extras }, null, 2));
  const npmrc = path.join(repoRoot, '.npmrc');
  if (existsSync(npmrc)) writeFileSync(path.join(dir, '.npmrc'), readFileSync(npmrc));
  return spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd: dir,
    env: freshEnv(),
    encoding: 'utf8',
    timeout: 50_000,
  });
}

interface Run {
  code: number | null;
  output: string;
}

function run(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', script), ...args], { cwd: repoRoot, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** `node scripts/start.mjs --data DIR` until it prints the web shell's URL; resolves with what it printed. */
function startUntilServing(dataDir: string): Promise<{ child: ChildProcess; output: string; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'start.mjs'), '--data', dataDir], {
      cwd: repoRoot,
      env: freshEnv({ DOCKSIDE_ELECTRON_DIR: electronDir }),
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`start.mjs printed no URL in 40 s:\n${output}`));
    }, 40_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // A whole line: a chunk may end inside the token.
      const url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)\r?\n/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, output, url });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start.mjs exited with ${code} before serving:\n${output}`));
    });
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

beforeAll(async () => {
  unreachable = `http://127.0.0.1:${await closedPort()}/`;
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('installing and starting where Electron cannot be downloaded', () => {
  it('npm is new enough to read allowScripts (npm >= 11.19; Node 20 and 22 ship npm 10)', () => {
    const version = spawnSync('npm', ['--version'], { env: freshEnv(), encoding: 'utf8' }).stdout.trim();
    const [major = 0, minor = 0] = version.split('.').map(Number);
    expect(major > 11 || (major === 11 && minor >= 19), `npm ${version}: install npm 11.19 or later`).toBe(true);
  });

  it("the download host is really unreachable here: without allowScripts, electron's postinstall fails", () => {
    const result = npmInstall(path.join(tmp, 'control'), {});
    expect(result.status, result.stdout + result.stderr).not.toBe(0);
    expect(result.stderr).toMatch(/ECONNREFUSED 127\.0\.0\.1/);
  });

  it("the repository's allowScripts installs electron with its types and without its binary", () => {
    const result = npmInstall(path.dirname(path.dirname(electronDir)), { allowScripts: repoPackage.allowScripts });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/install scripts not yet covered/);
    expect(existsSync(path.join(electronDir, 'electron.d.ts'))).toBe(true);
    expect(existsSync(path.join(electronDir, 'path.txt'))).toBe(false);
  });

  it('npm start tries the download once, then serves the station in the browser, saying why in one line', async () => {
    const data = path.join(tmp, 'data');
    const { child, output, url } = await startUntilServing(data);
    try {
      expect(output).toContain("Electron's binary is not installed; downloading it once");
      const notice = output.split('\n').find((line) => line.startsWith('Starting the web shell'));
      expect(notice).toMatch(/could not be downloaded from 127\.0\.0\.1:\d+ \(connect ECONNREFUSED/);
      expect(notice).toContain('npm run desktop:install -- --mirror https://npmmirror.com/mirrors/electron/');
      // The token link answers with the token as a cookie and a redirect to the page (web-shell.ts).
      const link = await fetch(url, { redirect: 'manual' });
      expect(link.status).toBe(302);
      const cookie = link.headers.get('set-cookie')?.split(';')[0] ?? '';
      const page = await fetch(new URL(link.headers.get('location') ?? '/', url), { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Dockside</title>');
    } finally {
      expect(await stop(child)).toBe(0);
    }
  });

  it('the next start does not try again (same settings, within a day) and says when it failed', async () => {
    const { child, output } = await startUntilServing(path.join(tmp, 'data'));
    expect(await stop(child)).toBe(0);
    expect(output).not.toContain('downloading it once');
    expect(output).toMatch(
      /^Starting the web shell .*could not be downloaded under a minute ago \(connect ECONNREFUSED/m,
    );
  });

  it('desktop:install fails with exit 1, naming the host and the cause, never the credentials', async () => {
    const result = await run(
      'desktop-install.mjs',
      ['--mirror', unreachable.replace('//', '//mirror-user:m1rr0r-secret@')],
      freshEnv({
        DOCKSIDE_ELECTRON_DIR: electronDir,
        HTTPS_PROXY: unreachable.replace('//', '//proxy-user:pr0xy-secret@'),
        HTTP_PROXY: unreachable.replace('//', '//proxy-user:pr0xy-secret@'),
      }),
    );
    expect(result.code, result.output).toBe(1);
    expect(result.output).toMatch(/could not be downloaded from 127\.0\.0\.1:\d+: .*ECONNREFUSED/);
    expect(result.output).not.toMatch(/secret/);
  });

  it.runIf(process.platform === 'linux')(
    'desktop:install fetches from the mirror, and npm start then opens the desktop shell',
    async () => {
      const mirror = await startElectronReleaseMirror(electronVersion);
      try {
        const install = await run(
          'desktop-install.mjs',
          ['--mirror', mirror.url],
          freshEnv({ DOCKSIDE_ELECTRON_DIR: electronDir, electron_use_remote_checksums: '1' }),
        );
        expect(install.code, install.output).toBe(0);
        expect(install.output).toContain(`Electron ${electronVersion} installed`);
        expect(mirror.requests).toContain(
          `/v${electronVersion}/electron-v${electronVersion}-linux-${process.arch}.zip`,
        );
      } finally {
        await mirror.close();
      }
      const start = await run(
        'start.mjs',
        ['--data', path.join(tmp, 'data')],
        freshEnv({ DOCKSIDE_ELECTRON_DIR: electronDir }),
      );
      expect(start.code, start.output).toBe(0);
      expect(start.output).toContain(`fake electron: ${repoRoot} --data`);
      expect(start.output).not.toContain('web shell');
    },
  );
});
