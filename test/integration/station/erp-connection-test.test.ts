import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStation, type Station } from '../../../src-main/compose';
import type { CommandInput } from '../../../src-main/contract';
import { assetsDir } from '../../helpers/paths';

// The settings screen's "Test connection" reaches the ERP the way the running connector does: same factory, same
// timeout. Against a loopback server that takes the connection and never answers, it gives up after the
// station's ERP timeout, whichever kind of ERP the form names.

const TIMEOUT_MS = 300;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-erp-test-'));
const sockets = new Set<net.Socket>();
let silent: net.Server;
let silentUrl: string;
let station: Station;

beforeAll(async () => {
  silent = net.createServer((socket) => {
    // Reads the request and says nothing back, ever.
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
  station = await createStation({
    dataDir: path.join(tmp, 'station'),
    printer: `file:${path.join(tmp, 'labels')}`,
    assetsDir,
    erpTimeoutMs: TIMEOUT_MS,
  });
});
afterAll(async () => {
  await station?.close();
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
  rmSync(tmp, { recursive: true, force: true });
});

describe('ERP settings: Test connection', () => {
  it.each<[string, () => CommandInput<'erp:testConnection'>]>([
    ['a REST ERP', () => ({ type: 'rest', url: silentUrl, apiKey: 'test-api-key-0001' })],
    [
      'a Tryton server',
      () => ({ type: 'tryton', url: silentUrl, database: 'shop', user: 'station', password: 'tryton-pass-0001' }),
    ],
  ])('gives up on %s that never answers after the station ERP timeout', async (_kind, input) => {
    const result = await station.api.handlers['erp:testConnection'](input());
    expect(result.ok).toBe(false);
    expect(result.message).toContain(`no answer within ${TIMEOUT_MS} ms`);
    expect(result.message).not.toMatch(/test-api-key|tryton-pass/);
  });
});
