import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import type { PackState, QueueStatus } from '../../../src-main/contract';
import { silentLogger } from '../../../src-main/platform';
import { StationError } from '../../../src-main/station';
import { dispatchCommand } from '../../../src-main/station/dispatch-command';
import type { CommandHandlers, StationApi } from '../../../src-main/station/station-api';
import { fakeHandlers } from '../../helpers/fake-handlers';

const idle: PackState = { phase: 'idle', order: null, error: null, lastScan: null, label: null, lastShipped: null };
const queue: QueueStatus = {
  online: true,
  depth: 0,
  oldestPendingAt: null,
  lastSyncAt: null,
  rejected: 0,
  conflict: 0,
  lastError: null,
};

function fakeApi(overrides: Partial<CommandHandlers> = {}): StationApi {
  const handlers: CommandHandlers = fakeHandlers({
    'station:info': async () => ({
      version: '0.1.0',
      stationId: 'bench-1',
      erp: { kind: 'demo', url: 'http://127.0.0.1:1' },
      printer: 'file',
      dataDir: '/tmp/x',
    }),
    'pack:state': async () => idle,
    'pack:scan': async ({ code }) => ({ ...idle, lastScan: { code, verdict: 'refused', at: '2024-01-01T00:00:00Z' } }),
    'pack:confirm': async () => idle,
    'pack:cancel': async () => idle,
    'pack:acknowledge': async () => idle,
    'orders:list': async () => [],
    'queue:status': async () => queue,
    'sync:now': async () => ({ pulled: 0, uploaded: 0, failed: 0, depth: 0 }),
    ...overrides,
  });

  return { handlers, events: { on: () => () => undefined } };
}

describe('dispatchCommand', () => {
  it('runs a declared command and returns its output', async () => {
    await expect(dispatchCommand(fakeApi(), 'pack:state', {})).resolves.toEqual({ ok: true, output: idle });
  });

  it('treats a missing input as {} for commands without arguments', async () => {
    await expect(dispatchCommand(fakeApi(), 'pack:state', undefined)).resolves.toEqual({ ok: true, output: idle });
  });

  it('passes the parsed input (with defaults applied) to the handler', async () => {
    const list = vi.fn(async () => []);
    await dispatchCommand(fakeApi({ 'orders:list': list }), 'orders:list', {});
    expect(list).toHaveBeenCalledWith({ limit: 100 });
  });

  it.each([
    ['a name the contract does not declare', 'pack:explode'],
    ['a prototype key', 'constructor'],
    ['a prototype key', '__proto__'],
    ['a non-string name', 42],
    ['null', null],
    ['an object', { toString: () => 'pack:state' }],
  ])('refuses %s as unknown-command', async (_label, name) => {
    const result = await dispatchCommand(fakeApi(), name, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
  });

  it('refuses input failing the schema as invalid-input, naming the field path', async () => {
    const scan = vi.fn();
    const result = await dispatchCommand(fakeApi({ 'pack:scan': scan }), 'pack:scan', { code: 7 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(!result.ok && result.error.message).toContain('code');
    expect(scan).not.toHaveBeenCalled();
  });

  it('names nested paths and unknown keys in invalid-input messages', async () => {
    const strict = await dispatchCommand(fakeApi(), 'pack:state', { extra: true });
    expect(strict).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(!strict.ok && strict.error.message).toContain('extra');

    const limit = await dispatchCommand(fakeApi(), 'orders:list', { limit: 100000 });
    expect(!limit.ok && limit.error.message).toMatch(/limit/);
  });

  it('refuses non-object input', async () => {
    for (const input of [null, 'x', 1, []]) {
      const result = await dispatchCommand(fakeApi(), 'pack:state', input);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });

  it('passes a StationError through with its code, message and params', async () => {
    const refusal = new StationError('order-cancelled', 'order SO-1 is cancelled in the ERP; do not ship it', {
      orderNo: 'SO-1',
    });
    const result = await dispatchCommand(
      fakeApi({ 'pack:cancel': async () => Promise.reject(refusal) }),
      'pack:cancel',
      {},
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'order-cancelled',
        message: 'order SO-1 is cancelled in the ERP; do not ship it',
        params: { orderNo: 'SO-1' },
      },
    });
  });

  it('does not trust a thrown object because it carries a string code', async () => {
    const impostor = Object.assign(new Error('Order SO-1 is cancelled in the ERP.'), { code: 'order-cancelled' });
    const result = await dispatchCommand(
      fakeApi({ 'pack:cancel': async () => Promise.reject(impostor) }),
      'pack:cancel',
      {},
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('SO-1');
  });

  it('turns any other exception into internal with a correlation id, logging it with its stack', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const secret = new Error('ENOENT /home/packer/.config/dockside/station.db');
    const result = await dispatchCommand(
      fakeApi({ 'sync:now': async () => Promise.reject(secret) }),
      'sync:now',
      {},
      { logger, newCorrelationId: () => 'abc123XYZ9' },
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'internal', correlationId: 'abc123XYZ9', params: { correlationId: 'abc123XYZ9' } },
    });
    expect(!result.ok && result.error.message).not.toContain('ENOENT');
    const line = JSON.parse(lines[0]!) as { correlationId: string; command: string; err: { stack: string } };
    expect(line).toMatchObject({ correlationId: 'abc123XYZ9', command: 'sync:now' });
    expect(line.err.stack).toContain('ENOENT /home/packer');
  });

  it("logs through the station's own logger when the shell passes none", async () => {
    const error = vi.fn();
    const api = { ...fakeApi({ 'sync:now': async () => Promise.reject(new Error('boom')) }) };
    api.logger = { ...silentLogger, error };
    const result = await dispatchCommand(api, 'sync:now', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    const correlationId = !result.ok ? result.error.correlationId : undefined;
    expect(correlationId).toMatch(/^[\w-]{10}$/);
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ correlationId, command: 'sync:now' }),
      expect.any(String),
    );
  });

  it('never lets an exception escape: sync throws, thrown non-errors, hostile getters, failing loggers', async () => {
    const syncThrow = fakeApi({
      'pack:confirm': (() => {
        throw new Error('boom');
      }) as CommandHandlers['pack:confirm'],
    });
    await expect(dispatchCommand(syncThrow, 'pack:confirm', {})).resolves.toMatchObject({
      error: { code: 'internal' },
    });

    const thrownString = fakeApi({ 'pack:confirm': async () => Promise.reject('nope') });
    await expect(dispatchCommand(thrownString, 'pack:confirm', {})).resolves.toMatchObject({
      error: { code: 'internal' },
    });

    const hostile = {
      get code(): string {
        throw new Error('getter');
      },
    };
    const hostileApi = fakeApi({ 'pack:confirm': async () => Promise.reject(hostile) });
    await expect(dispatchCommand(hostileApi, 'pack:confirm', {})).resolves.toMatchObject({
      error: { code: 'internal' },
    });

    const badLogger = {
      logger: {
        ...silentLogger,
        error: () => {
          throw new Error('logger down');
        },
      },
    };
    await expect(dispatchCommand(thrownString, 'pack:confirm', {}, badLogger)).resolves.toMatchObject({
      error: { code: 'internal' },
    });
  });

  it('reports a handler output that breaks the contract as internal', async () => {
    const broken = fakeApi({ 'pack:state': async () => ({ phase: 'exploded' }) as unknown as PackState });
    await expect(dispatchCommand(broken, 'pack:state', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });

  it('reports a missing handler as internal', async () => {
    const api = fakeApi();
    delete (api.handlers as Partial<CommandHandlers>)['queue:status'];
    await expect(dispatchCommand(api, 'queue:status', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });
});
