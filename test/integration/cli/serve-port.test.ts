import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { derivedPort } from '../../../src-main/shells/web';
import { runCli, startCliServer } from '../../helpers/cli';
import { closedPort } from '../../helpers/net';

// How `dockside serve` chooses and keeps its port and token, across real processes: the first start's fallback
// when the derived port is taken, `--port N` remembered, `--port 0` not, `web-link` printing the same link, and a
// token file others may read refused at start.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-serve-port-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const LINK = /serving at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=\S+)/;

/** Another program on `port`, hanging up on whatever connects. */
async function squat(port: number): Promise<net.Server> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}
const release = (server: net.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('dockside serve: port and token per data directory', () => {
  it('takes the next derived port on a first start when the derived one is taken, and keeps it', async () => {
    const data = path.join(tmp, 'first');
    const squatter = await squat(derivedPort(data));
    try {
      const serve = await startCliServer(['serve', '--data', data], LINK);
      const port = Number(serve.match[2]);
      await serve.stop();
      expect(port).not.toBe(derivedPort(data));
      expect(port).toBeGreaterThanOrEqual(27100);
      expect(port).toBeLessThanOrEqual(27899);
      expect(readFileSync(path.join(data, 'web-port'), 'utf8').trim()).toBe(String(port));

      const link = await runCli(['web-link', '--data', data]);
      expect(link.code).toBe(0);
      expect(link.stdout.trim()).toBe(serve.match[1]);
    } finally {
      await release(squatter);
    }
  });

  it('remembers --port N, and --port 0 changes nothing for the next start', async () => {
    const data = path.join(tmp, 'moved');
    const wanted = await closedPort();
    const moved = await startCliServer(['serve', '--port', String(wanted), '--data', data], LINK);
    await moved.stop();
    expect(Number(moved.match[2])).toBe(wanted);
    expect(readFileSync(path.join(data, 'web-port'), 'utf8').trim()).toBe(String(wanted));

    const once = await startCliServer(['serve', '--port', '0', '--data', data], LINK);
    await once.stop();
    expect(readFileSync(path.join(data, 'web-port'), 'utf8').trim()).toBe(String(wanted));

    const again = await startCliServer(['serve', '--data', data], LINK);
    await again.stop();
    expect(Number(again.match[2])).toBe(wanted);
    expect(again.match[1]).toBe(moved.match[1]);
  });

  it('refuses a token file others may read, in one line, without its content, until rotated', async () => {
    const data = path.join(tmp, 'exposed');
    const first = await startCliServer(['serve', '--port', '0', '--data', data], LINK);
    await first.stop();
    const tokenFile = path.join(data, 'web-token');
    const token = readFileSync(tokenFile, 'utf8').trim();
    chmodSync(tokenFile, 0o644);

    const refused = await runCli(['serve', '--port', '0', '--data', data]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain(`${tokenFile} is readable or writable by other users (mode 0644, must be 0600)`);
    expect(refused.stderr).toContain('dockside serve --rotate-token');
    expect(refused.stderr).not.toContain(token);
    expect((await runCli(['web-link', '--data', data])).code).toBe(2);

    const rotated = await startCliServer(['serve', '--port', '0', '--rotate-token', '--data', data], LINK);
    await rotated.stop();
    expect(rotated.match[1]).not.toContain(token);
    expect(readFileSync(tokenFile, 'utf8').trim()).not.toBe(token);
  });

  it('refuses a port file that holds no port, naming it', async () => {
    const data = path.join(tmp, 'garbled');
    const first = await startCliServer(['serve', '--port', '0', '--data', data], LINK);
    await first.stop();
    writeFileSync(path.join(data, 'web-port'), 'eighty\n', { mode: 0o600 });
    const refused = await runCli(['serve', '--data', data]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${path.join(data, 'web-port')} does not hold a port number from 1024 to 65535`);
  });

  it('says there is no link yet for a data directory that never served', async () => {
    const data = path.join(tmp, 'never');
    const link = await runCli(['web-link', '--data', data]);
    expect(link.code).toBe(1);
    expect(link.stderr).toContain('no web link');
    expect(existsSync(path.join(data, 'web-token'))).toBe(false);
  });
});
