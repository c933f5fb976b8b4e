import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cliPath, repoRoot } from './paths';

/** What a finished CLI run printed. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function assertBuilt(): void {
  if (!existsSync(new URL('../../dist/main/cli.cjs', import.meta.url))) {
    throw new Error('dist/main/cli.cjs is missing: run `npm run build` (npm test does) before the CLI tests');
  }
}

/** Runs `dockside ARGS` to completion as a child process. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  assertBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A long-running `dockside` child (serve, demo-erp) that printed its ready line. */
export interface CliServer {
  process: ChildProcess;
  match: RegExpMatchArray;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts `dockside ARGS` and resolves once a stdout line matches `ready` (or rejects when it exits first). */
export function startCliServer(args: string[], ready: RegExp, timeoutMs = 30_000): Promise<CliServer> {
  assertBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, env: process.env });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`dockside ${args.join(' ')} printed no ready line in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve({
          process: child,
          match,
          output: () => output,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dockside ${args.join(' ')} exited with ${code} before it was ready:\n${output}`));
    });
  });
}

/**
 * `dockside ship ORDER --json` against `erp` with the station in `data` printing to `file:labels`; fails the test
 * unless it exits 0, and returns the tracking number it printed.
 */
export async function shipWithCli(
  orderNo: string,
  where: { erp: string; data: string; labels: string },
): Promise<string> {
  const run = await runCli([
    'ship',
    orderNo,
    '--erp',
    where.erp,
    '--data',
    where.data,
    '--printer',
    `file:${where.labels}`,
    '--json',
  ]);
  if (run.code !== 0) throw new Error(`dockside ship ${orderNo} exited ${run.code}: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { trackingNumber: string }).trackingNumber;
}
