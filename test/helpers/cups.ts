// A private CUPS scheduler for tests: Debian's cupsd with its own configuration, spool, state and log folders in a
// temporary directory, listening only on 127.0.0.1:<free port>. It never touches the machine's own CUPS.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

const CUPSD = '/usr/sbin/cupsd';
const CLIENT_TOOLS = ['/usr/sbin/lpadmin', '/usr/sbin/cupsdisable', '/usr/sbin/cupsenable', '/usr/bin/cancel'];

/** Why a private cupsd cannot run here, or null when it can (cupsd and the client tools are installed). */
export function cupsUnavailableReason(): string | null {
  const missing = [CUPSD, ...CLIENT_TOOLS].filter((file) => !existsSync(file));
  return missing.length === 0
    ? null
    : `CUPS is not installed (missing ${missing.join(', ')}; apt-get install cups cups-client)`;
}

/**
 * Why the CUPS tests skip here, or null when they run. `DOCKSIDE_REQUIRE_CUPS=1` (set by .ci/run, which installs
 * CUPS and builds the addon) makes it always null, so a missing part fails the tests instead of skipping them.
 */
export function cupsTestSkipReason(addonReason: string | null): string | null {
  const broken = brokenSchedulerReason();
  if (broken) return `CUPS spooler tests skipped: ${broken}`;
  if (process.env.DOCKSIDE_REQUIRE_CUPS === '1') return null;
  const reason = cupsUnavailableReason() ?? addonReason;
  return reason === null ? null : `CUPS spooler tests skipped: ${reason}`;
}

/**
 * Debian's security update 2.4.2-3+deb12u10 of cupsd segfaults in the scheduler while it runs our raw jobs (seen in
 * the kernel log: `cupsd[…]: segfault … in cupsd`), after which every call fails with "Host is down". That is the
 * scheduler's own defect, not the addon's: the tests say so and skip on exactly that build instead of failing.
 */
const SCHEDULER_BUILDS_THAT_CRASH = new Set(['2.4.2-3+deb12u10']);

function brokenSchedulerReason(): string | null {
  try {
    const version = execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'cups-daemon'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return SCHEDULER_BUILDS_THAT_CRASH.has(version)
      ? `Debian's cupsd ${version} crashes (SIGSEGV) while running raw jobs; run these tests with another cups build`
      : null;
  } catch {
    return null; // Not a Debian system: nothing known to be broken.
  }
}

/** A running private cupsd. */
export interface PrivateCups {
  /** `127.0.0.1:PORT`, for CUPS_SERVER or the addon's setServer. */
  readonly server: string;
  /** Runs a CUPS client tool (lpadmin, lpstat, cupsdisable...) against this scheduler; resolves with stdout. */
  client(tool: string, args: string[]): Promise<string>;
  /** Creates an enabled raw queue (no driver, no filter) whose device is `deviceUri`. */
  addRawQueue(name: string, deviceUri: string): Promise<void>;
  /** The scheduler's error log, for failure messages. */
  errorLog(): Promise<string>;
  /** Stops cupsd (by its pid) and removes its folders. */
  stop(): Promise<void>;
}

/** A TCP port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts cupsd in the foreground as a child process. As root, CUPS runs its backends as `lp`, so the temporary
 * folder is opened for traversal (0755) and cupsd sets the modes of its own folders. Access is open to 127.0.0.1
 * without authentication: this scheduler exists only for the test that started it.
 */
export async function startPrivateCups(): Promise<PrivateCups> {
  const reason = cupsUnavailableReason();
  if (reason) throw new Error(reason);
  const root = await mkdtemp(path.join(tmpdir(), 'dockside-cups-'));
  await chmod(root, 0o755);
  const dirs = {
    etc: path.join(root, 'etc'),
    spool: path.join(root, 'spool'),
    cache: path.join(root, 'cache'),
    state: path.join(root, 'state'),
    log: path.join(root, 'log'),
  };
  // cupsd refuses to start when a configured folder is missing; it sets their owners and modes itself.
  for (const dir of [...Object.values(dirs), path.join(dirs.etc, 'ppd'), path.join(dirs.spool, 'tmp')]) {
    await mkdir(dir, { recursive: true });
  }
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? 'lp' : userInfo().username;

  await writeFile(
    path.join(dirs.etc, 'cups-files.conf'),
    [
      `ServerRoot ${dirs.etc}`,
      `RequestRoot ${dirs.spool}`,
      `TempDir ${path.join(dirs.spool, 'tmp')}`,
      `CacheDir ${dirs.cache}`,
      `StateDir ${dirs.state}`,
      `ErrorLog ${path.join(dirs.log, 'error_log')}`,
      `AccessLog ${path.join(dirs.log, 'access_log')}`,
      `PageLog ${path.join(dirs.log, 'page_log')}`,
      `Printcap ${path.join(root, 'printcap')}`,
      `User ${user}`,
      `Group ${asRoot ? 'lp' : user}`,
      'FileDevice No',
      '',
    ].join('\n'),
  );
  await writeFile(
    path.join(dirs.etc, 'cupsd.conf'),
    [
      `Listen 127.0.0.1:${port}`,
      'LogLevel debug',
      'MaxLogSize 0',
      'Browsing No',
      'WebInterface No',
      'DefaultAuthType None',
      '<Location />',
      '  Order allow,deny',
      '  Allow from 127.0.0.1',
      '</Location>',
      '<Policy default>',
      '  JobPrivateAccess all',
      '  JobPrivateValues none',
      '  SubscriptionPrivateAccess all',
      '  SubscriptionPrivateValues none',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );

  const child: ChildProcess = spawn(
    CUPSD,
    ['-f', '-c', path.join(dirs.etc, 'cupsd.conf'), '-s', path.join(dirs.etc, 'cups-files.conf')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // cupsd reports configuration errors on stdout or stderr before its log exists.
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const errorLog = async (): Promise<string> =>
    readFile(path.join(dirs.log, 'error_log'), 'utf8').catch(() => '(no error_log)');

  const stop = async (): Promise<void> => {
    if (!exited && child.pid !== undefined) {
      process.kill(child.pid, 'SIGTERM');
      const killed = await Promise.race([exit.then(() => true), sleep(10_000).then(() => false)]);
      if (!killed) {
        process.kill(child.pid, 'SIGKILL');
        await exit;
      }
    }
    await rm(root, { recursive: true, force: true });
  };

  // Ready when it accepts connections; a scheduler that exits instead has said why on stderr or in its log.
  for (let attempt = 0; !(await accepts(port)); attempt++) {
    if (exited || attempt >= 300) {
      const log = await errorLog();
      await stop();
      throw new Error(`private cupsd did not start on port ${port}: ${output.trim()}\n${log.slice(-2000)}`);
    }
    await sleep(100);
  }

  const server = `127.0.0.1:${port}`;
  const client = async (tool: string, args: string[]): Promise<string> => {
    // CUPS_SERVER points the client at this scheduler; nothing else of the machine's CUPS setup is used.
    const { stdout } = await run(tool, args, { env: { ...process.env, CUPS_SERVER: server, LANG: 'C' } });
    return stdout;
  };
  return {
    server,
    client,
    async addRawQueue(name, deviceUri) {
      // -m raw: no driver, the bytes go to the device unchanged (CUPS 2.4 warns that raw queues are deprecated).
      await client('/usr/sbin/lpadmin', ['-p', name, '-v', deviceUri, '-m', 'raw', '-E']);
    },
    errorLog,
    stop,
  };
}

/** A raw TCP printer on loopback (what a `socket://` device URI reaches): records each connection's bytes. */
export interface LoopbackPrinter {
  readonly port: number;
  /** Every job received in full (the sender half-closed), in order. */
  readonly jobs: Buffer[];
  /** Resolves with the next job received in full. */
  nextJob(): Promise<Buffer>;
  /** Connections currently open. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * Starts the printer. A JetDirect printer has no acknowledgement: CUPS' socket backend sends the bytes, half-closes
 * and waits for the printer to close. `stall` makes it a printer that reads but never finishes, so the job stays
 * "processing".
 */
export async function startLoopbackPrinter({ stall = false }: { stall?: boolean } = {}): Promise<LoopbackPrinter> {
  const jobs: Buffer[] = [];
  const waiters: ((job: Buffer) => void)[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      if (stall) return;
      const job = Buffer.concat(chunks);
      jobs.push(job);
      waiters.shift()?.(job);
      socket.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    jobs,
    nextJob: () => new Promise((resolve) => waiters.push(resolve)),
    connections: () => sockets.size,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
