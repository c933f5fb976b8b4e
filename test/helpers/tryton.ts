import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './paths';

/**
 * A real Tryton 6.0 (Debian's `tryton-server`) for integration tests.
 *
 * - A seeded template database is built once per machine and cached under
 *   `os.tmpdir()/dockside-tryton-template-<trytond version>-<hash of the seed script and build steps>/`; a changed
 *   seed script builds a new one. Building takes about 20 s (trytond-admin, then scripts/tryton/seed.py).
 * - {@link startTryton} runs one trytond per test file on 127.0.0.1 with a free port, its SQLite databases in a
 *   temporary directory. {@link TrytonServer.newDatabase} copies the template to `<name>.sqlite`; the URL path
 *   selects the database, so each test gets its own without restarting the server.
 * - Where trytond is not installed, {@link trytonMissing} says why and the tests skip, except under CI (`CI` or
 *   `DOCKSIDE_REQUIRE_TRYTON` set, as .ci/run does), where a missing Tryton is a failure: .ci/run installs it.
 */

const run = promisify(execFile);

/** The admin login of every test database. */
export const TRYTON_ADMIN = { login: 'admin', password: 'admin' } as const;

/** Modules activated in the template (with their dependencies). */
const MODULES = ['sale', 'stock', 'stock_package', 'stock_package_shipping', 'carrier'];
const SEED_SCRIPT = path.join(repoRoot, 'scripts', 'tryton', 'seed.py');
/** Debian's interpreter: the trytond and proteus packages live there, not in another python3 on PATH. */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * Why Tryton tests cannot run here (null when they can). Under CI this is always null: the tests then fail loudly
 * instead of skipping.
 */
export const trytonMissing: string | null = (() => {
  if (process.env.CI || process.env.DOCKSIDE_REQUIRE_TRYTON) return null;
  const missing = ['trytond', 'trytond-admin'].filter((name) => !findOnPath(name));
  if (missing.length === 0 && existsSync('/usr/lib/python3/dist-packages/proteus')) return null;
  const reason =
    'Tryton tests skipped: trytond, trytond-admin or proteus is not installed ' +
    '(apt-get install --no-install-recommends tryton-server tryton-proteus tryton-modules-…, see .ci/run)';
  console.warn(reason);
  return reason;
})();

/** What the seed script reports about the template database. */
export interface TrytonSeed {
  company: number;
  warehouse: number;
  storage: number;
  products: Record<string, number>;
  shipments: Record<string, string>;
}

/** One test database on the running server. */
export interface TrytonDatabase {
  name: string;
  /** `tryton://admin:admin@127.0.0.1:PORT/<name>`: what `--erp` takes. */
  url: string;
  /** Calls JSON-RPC on this database as admin, with the admin's context appended to model calls. */
  rpc: TrytonRpc;
}

/** A minimal JSON-RPC caller for assertions, independent of the connector under test. */
export interface TrytonRpc {
  model<T = unknown>(model: string, method: string, ...args: unknown[]): Promise<T>;
  /** The same caller with `extra` merged into the context (e.g. `{ locations: [warehouse] }` for stock levels). */
  withContext(extra: Record<string, unknown>): TrytonRpc;
}

/** A running trytond. */
export interface TrytonServer {
  port: number;
  seed: TrytonSeed;
  newDatabase(name?: string): Promise<TrytonDatabase>;
  /** trytond's log so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

async function trytondVersion(): Promise<string> {
  const { stdout, stderr } = await run('trytond', ['--version']);
  return (stdout + stderr).trim().split(/\s+/).pop() ?? 'unknown';
}

function configText(dbDir: string, port: number): string {
  return [
    '[database]',
    'uri = sqlite://',
    `path = ${dbDir}`,
    'list = False',
    '[web]',
    `listen = 127.0.0.1:${port}`,
    '[session]',
    'timeout = 3600',
    '',
  ].join('\n');
}

/** The seeded template database file, built once per machine (and per seed script). */
export async function trytonTemplate(): Promise<{ file: string; seed: TrytonSeed }> {
  const version = await trytondVersion();
  const hash = createHash('sha256')
    .update(readFileSync(SEED_SCRIPT))
    .update(MODULES.join(','))
    .update(configText('', 0))
    .digest('hex')
    .slice(0, 12);
  const cacheDir = path.join(os.tmpdir(), `dockside-tryton-template-${version}-${hash}`);
  const file = path.join(cacheDir, 'template.sqlite');
  const seedFile = path.join(cacheDir, 'seed.json');
  if (existsSync(file) && existsSync(seedFile)) {
    return { file, seed: JSON.parse(readFileSync(seedFile, 'utf8')) as TrytonSeed };
  }

  // Built beside the cache and renamed into place whole, so a concurrent or interrupted build never leaves half a
  // template behind.
  const work = mkdtempSync(`${cacheDir}.build-`);
  try {
    const dbDir = path.join(work, 'db');
    mkdirSync(dbDir);
    const conf = path.join(work, 'trytond.conf');
    writeFileSync(conf, configText(dbDir, 8000));
    writeFileSync(path.join(dbDir, 'template.sqlite'), '');
    writeFileSync(path.join(work, 'adminpass'), `${TRYTON_ADMIN.password}\n`);
    const env = { ...process.env, TRYTONPASSFILE: path.join(work, 'adminpass') };
    await run(
      'trytond-admin',
      [
        '-c',
        conf,
        '-d',
        'template',
        '--all',
        '--email',
        'admin@example.com',
        '-u',
        ...MODULES,
        '--activate-dependencies',
      ],
      { env, cwd: work, maxBuffer: 64 * 1024 * 1024 },
    );
    const { stdout } = await run(PYTHON, ['-W', 'ignore', SEED_SCRIPT, conf, 'template'], {
      env,
      cwd: work,
      maxBuffer: 16 * 1024 * 1024,
    });
    const seed = JSON.parse(stdout.trim().split('\n').pop() ?? '') as TrytonSeed;
    const finished = path.join(work, 'template');
    mkdirSync(finished);
    copyFileSync(path.join(dbDir, 'template.sqlite'), path.join(finished, 'template.sqlite'));
    writeFileSync(path.join(finished, 'seed.json'), JSON.stringify(seed));
    try {
      renameSync(finished, cacheDir);
    } catch (error) {
      // Another process finished first: use its template.
      if (!existsSync(file)) throw error;
    }
    return { file, seed: JSON.parse(readFileSync(seedFile, 'utf8')) as TrytonSeed };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A JSON-RPC caller for one database, logged in as admin. */
export function trytonRpc(port: number, database: string): TrytonRpc {
  const session = trytonSession(port, database);
  const caller = (extra: Record<string, unknown>): TrytonRpc => ({
    async model<T>(model: string, method: string, ...args: unknown[]): Promise<T> {
      const { post, authorization, context } = await session();
      return (await post(`model.${model}.${method}`, [...args, { ...context, ...extra }], authorization)) as T;
    },
    withContext: (more) => caller({ ...extra, ...more }),
  });
  return caller({});
}

function trytonSession(port: number, database: string) {
  const endpoint = `http://127.0.0.1:${port}/${database}/`;
  let id = 0;
  let session: Promise<{
    post: typeof post;
    authorization: string;
    context: Record<string, unknown>;
  }> | null = null;
  const post = async (method: string, params: unknown[], authorization?: string): Promise<unknown> => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ id: ++id, method, params }),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${method}: HTTP ${response.status}`);
    const body = JSON.parse(text) as { result?: unknown; error?: unknown };
    if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error).slice(0, 500)}`);
    return body.result;
  };
  const login = async () => {
    const [userId, key] = (await post('common.db.login', [
      TRYTON_ADMIN.login,
      { password: TRYTON_ADMIN.password },
      'en',
    ])) as [number, string];
    const authorization = `Session ${Buffer.from(`${TRYTON_ADMIN.login}:${userId}:${key}`).toString('base64')}`;
    const preferences = (await post('model.res.user.get_preferences', [true, {}], authorization)) as Record<
      string,
      unknown
    >;
    const context = Object.fromEntries(Object.entries(preferences).filter(([k]) => !k.includes('.')));
    return { post, authorization, context };
  };
  return () => (session ??= login());
}

async function waitUntilReady(port: number, child: ChildProcess, log: () => string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`trytond exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 0, method: 'common.server.version', params: [] }),
        signal: AbortSignal.timeout(1_000),
      });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`trytond did not answer on 127.0.0.1:${port} within ${timeoutMs} ms:\n${log()}`);
}

/** Starts one trytond on 127.0.0.1 (a free port) serving copies of the seeded template. */
export async function startTryton(): Promise<TrytonServer> {
  const template = await trytonTemplate();
  const work = mkdtempSync(path.join(os.tmpdir(), 'dockside-trytond-'));
  const dbDir = path.join(work, 'db');
  mkdirSync(dbDir);
  const logFile = path.join(work, 'trytond.log');
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-4000) : '');

  let child: ChildProcess | null = null;
  let port = 0;
  // The port is free when chosen but could be taken before trytond binds it: try again with another.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    const conf = path.join(work, 'trytond.conf');
    writeFileSync(conf, configText(dbDir, port));
    const out = openSync(logFile, 'a');
    child = spawn('trytond', ['-c', conf], { cwd: work, stdio: ['ignore', out, out] });
    try {
      await waitUntilReady(port, child, log);
      break;
    } catch (error) {
      child.kill('SIGKILL');
      if (attempt >= 3) {
        rmSync(work, { recursive: true, force: true });
        throw error;
      }
    }
  }
  const server = child;
  let count = 0;

  return {
    port,
    seed: template.seed,
    log,
    async newDatabase(name) {
      const database = name ?? `t${++count}_${process.pid}`;
      copyFileSync(template.file, path.join(dbDir, `${database}.sqlite`));
      return {
        name: database,
        url: `tryton://${TRYTON_ADMIN.login}:${TRYTON_ADMIN.password}@127.0.0.1:${port}/${database}`,
        rpc: trytonRpc(port, database),
      };
    },
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
        server.kill('SIGTERM');
        const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(work, { recursive: true, force: true });
    },
  };
}
