import { describe, expect, it } from 'vitest';
import type { PackState } from '../../../src-main/contract';
import {
  ApiError,
  TOKEN_STORAGE_KEY,
  createApiWith,
  webSocketUrl,
  type ApiEnvironment,
  type SocketLike,
} from '../../../src-renderer/lib/api';

const idle: PackState = { phase: 'idle', order: null, error: null, lastScan: null, label: null, lastShipped: null };

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.drop();
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.({});
  }
  push(msg: unknown): void {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
}

function env(search = '') {
  const sockets: FakeSocket[] = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const storage = new Map<string, string>();
  const replaced: string[] = [];
  const e: ApiEnvironment = {
    location: { protocol: 'http:', host: '127.0.0.1:5999', search, pathname: '/', hash: '' },
    history: { replaceState: (_d, _u, url) => replaced.push(url ?? '') },
    sessionStorage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    setTimeout: (fn, ms) => timers.push({ fn, ms }),
    clearTimeout: () => undefined,
    random: () => 0.5,
  };
  return { e, sockets, timers, storage, replaced };
}

describe('api over WebSocket', () => {
  it('builds ws and wss URLs', () => {
    expect(webSocketUrl({ protocol: 'http:', host: 'h:1' }, null)).toBe('ws://h:1/ws');
    expect(webSocketUrl({ protocol: 'https:', host: 'h' }, 'a b')).toBe('wss://h/ws?token=a%20b');
  });

  it('moves ?token from the address bar into sessionStorage and the WS URL', () => {
    const { e, sockets, storage, replaced } = env('?token=s3cret&x=1');
    createApiWith(e);
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('s3cret');
    expect(replaced).toEqual(['/?x=1']);
    expect(sockets[0]!.url).toBe('ws://127.0.0.1:5999/ws?token=s3cret');
  });

  it('pairs invoke with its result and validates the output', async () => {
    const { e, sockets } = env();
    const api = createApiWith(e);
    sockets[0]!.open();
    const p = api.invoke('pack:scan', { code: 'SO-100001' });
    expect(sockets[0]!.sent[0]).toEqual({ type: 'invoke', id: 1, name: 'pack:scan', input: { code: 'SO-100001' } });
    sockets[0]!.push({ type: 'result', id: 1, ok: true, output: idle });
    await expect(p).resolves.toEqual(idle);
  });

  it('rejects with the core error code', async () => {
    const { e, sockets } = env();
    const api = createApiWith(e);
    sockets[0]!.open();
    const p = api.invoke('pack:confirm', {});
    sockets[0]!.push({ type: 'result', id: 1, ok: false, error: { code: 'invalid-input', message: 'bad' } });
    await expect(p).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('refuses calls while disconnected and fails calls in flight when the socket drops', async () => {
    const { e, sockets } = env();
    const api = createApiWith(e);
    await expect(api.invoke('pack:state', {})).rejects.toBeInstanceOf(ApiError);
    sockets[0]!.open();
    const p = api.invoke('pack:state', {});
    sockets[0]!.drop();
    await expect(p).rejects.toMatchObject({ code: 'connection-lost' });
  });

  it('delivers validated events', () => {
    const { e, sockets } = env();
    const api = createApiWith(e);
    sockets[0]!.open();
    const got: PackState[] = [];
    api.on('pack:changed', (s) => got.push(s));
    sockets[0]!.push({ type: 'event', name: 'pack:changed', payload: idle });
    sockets[0]!.push({ type: 'event', name: 'pack:changed', payload: { phase: 'nonsense' } });
    expect(got).toEqual([idle]);
  });

  it('reconnects with growing backoff and reports the reconnect', () => {
    const { e, sockets, timers } = env();
    const api = createApiWith(e);
    const states: string[] = [];
    api.onConnection((s, re) => states.push(`${s}${re ? '+re' : ''}`));
    sockets[0]!.open();
    sockets[0]!.drop();
    expect(api.connection()).toBe('lost');
    timers.shift()!.fn();
    sockets[1]!.drop();
    expect(timers[0]!.ms).toBeGreaterThan(500);
    timers.shift()!.fn();
    sockets[2]!.open();
    expect(states).toEqual(['open', 'lost', 'lost', 'open+re']);
  });
});

describe('api over Electron IPC', () => {
  it('uses window.dockside when present', async () => {
    const calls: unknown[] = [];
    const { e, sockets } = env();
    const api = createApiWith({
      ...e,
      bridge: {
        invoke: async (name, input) => {
          calls.push([name, input]);
          return idle;
        },
        subscribe: () => () => undefined,
      },
    });
    expect(api.transport).toBe('ipc');
    await expect(api.invoke('pack:state', {})).resolves.toEqual(idle);
    expect(calls).toEqual([['pack:state', {}]]);
    expect(sockets).toHaveLength(0);
  });
});
