import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cliPath, repoRoot } from './paths';

/** How one station process ended. */
export interface StationRun {
  args: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the harness killed it (SIGKILL) before it finished on its own. */
  killed: boolean;
  /** Wall time from spawn to exit, ms (for choosing kill points, never asserted). */
  elapsedMs: number;
}

/**
 * Runs `dockside ARGS` as a child process; with `killAfterMs` it is sent SIGKILL at that moment if still running:
 * no signal handler, no `finally`, no flush. What SQLite, the printer files and the ERP see is what a power cut or
 * a killed process leaves.
 */
export function runStation(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; killAfterMs?: number } = {},
): Promise<StationRun> {
  if (!existsSync(new URL('../../dist/main/cli.cjs', import.meta.url)))
    throw new Error('dist/main/cli.cjs is missing: run `npm run build` before the crash tests');
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...options.env },
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const timer =
      options.killAfterMs === undefined
        ? null
        : setTimeout(() => {
            if (child.exitCode === null && child.signalCode === null) {
              killed = true;
              child.kill('SIGKILL');
            }
          }, options.killAfterMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({
        args,
        code,
        signal,
        stdout,
        stderr,
        killed: killed && signal === 'SIGKILL',
        elapsedMs: Date.now() - started,
      });
    });
  });
}

/** Options of {@link createCrashHarness}. */
export interface CrashHarnessOptions {
  random: () => number;
  env?: NodeJS.ProcessEnv;
  /**
   * Kill points are drawn uniformly from [minFraction, 1) of the typical run time seen so far (the mean of the
   * runs that finished on their own), so they land anywhere from start-up through pull, claim, print, confirm and
   * upload. Default 0.2.
   */
  minFraction?: number;
  /** Typical run time before any run finished, ms. Default 700. */
  initialTypicalMs?: number;
}

/** Runs station processes and kills some of them at random points. */
export interface CrashHarness {
  /** Runs `dockside ARGS`; with `kill: true` it gets a SIGKILL at a random point. */
  run(args: string[], options?: { kill?: boolean }): Promise<StationRun>;
  /** How many runs were actually killed (a run that finished before its kill point is not counted). */
  readonly kills: number;
  /** Mean wall time of the runs that finished on their own, ms. */
  readonly typicalMs: number;
}

/** Creates the crash harness. */
export function createCrashHarness(options: CrashHarnessOptions): CrashHarness {
  const minFraction = options.minFraction ?? 0.2;
  let finished = 0;
  let totalMs = 0;
  let kills = 0;
  const typical = () => (finished === 0 ? (options.initialTypicalMs ?? 700) : totalMs / finished);
  return {
    async run(args, { kill = false } = {}) {
      const killAfterMs = kill
        ? Math.round(typical() * (minFraction + (1 - minFraction) * options.random()))
        : undefined;
      const run = await runStation(args, { env: options.env, ...(killAfterMs !== undefined ? { killAfterMs } : {}) });
      if (run.killed) kills++;
      else if (run.code === 0) {
        finished++;
        totalMs += run.elapsedMs;
      }
      return run;
    },
    get kills() {
      return kills;
    },
    get typicalMs() {
      return typical();
    },
  };
}
