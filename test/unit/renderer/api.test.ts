import { describe, expect, it } from 'vitest';
import { isEventName, type DocksideBridge, type PackState } from '../../../src-main/contract';
import { dispatchCommand } from '../../../src-main/station/dispatch-command';
import { createEventHub } from '../../../src-main/station/event-hub';
import { StationError } from '../../../src-main/station/station-error';
import type { CommandHandlers, StationApi } from '../../../src-main/station/station-api';
import {
  ApiError,
  TOKEN_STORAGE_KEY,
  createApiWith,
  unwrap,
  webSocketUrl,
  type AccessProbe,
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
    sessionStorage: {
      getItem: (k) => storage.get(k) ?? null,
      setItem: (k, v) => void storage.set(k, v),
      removeItem: (k) => void storage.delete(k),
    },
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

  /** The client with a scripted /session probe; `answers` are given out in order, the last one repeats. */
  function probed(answers: AccessProbe[], search = '') {
    const parts = env(search);
    const probes: string[] = [];
    parts.e.probe = (url) => {
      probes.push(url);
      return Promise.resolve(answers.length > 1 ? answers.shift()! : answers[0]!);
    };
    const api = createApiWith(parts.e);
    const states: string[] = [];
    api.onConnection((s, re) => states.push(`${s}${re ? '+re' : ''}`));
    return { ...parts, api, probes, states };
  }
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('tells a refused tab (401 on /session) from a lost connection, and keeps trying without flickering', async () => {
    const { api, sockets, timers, probes, states } = probed(['unreachable', 'refused']);
    sockets[0]!.open();
    sockets[0]!.drop();
    expect(api.connection()).toBe('lost');
    // The station is not there (restarting): a lost connection, retried with backoff.
    timers.shift()!.fn();
    sockets[1]!.drop();
    await settle();
    expect(probes).toEqual(['http://127.0.0.1:5999/session']);
    expect(api.connection()).toBe('lost');
    // It is back but refuses this tab's token: refused, retried every few seconds.
    timers.shift()!.fn();
    sockets[2]!.drop();
    await settle();
    expect(api.connection()).toBe('refused');
    expect(timers[0]!.ms).toBe(3_000);
    timers.shift()!.fn();
    sockets[3]!.drop();
    await settle();
    expect(api.connection()).toBe('refused');
    // The new link was opened in this browser: the cookie lets the same tab back in.
    timers.shift()!.fn();
    sockets[4]!.open();
    expect(api.connection()).toBe('open');
    expect(states).toEqual(['open', 'lost', 'lost', 'lost', 'refused', 'open+re']);
    void api.invoke('pack:state', {}).catch(() => undefined);
    expect(sockets[4]!.sent).toHaveLength(1);
  });

  it('treats a failing probe as unreachable, not as a refusal', async () => {
    const { e, sockets, timers } = env();
    e.probe = () => Promise.reject(new Error('network'));
    const api = createApiWith(e);
    sockets[0]!.drop();
    await settle();
    expect(api.connection()).toBe('connecting');
    expect(timers).toHaveLength(1);
  });

  it("drops a tab's own stale token when the station refuses it, before saying the link changed", async () => {
    const { api, sockets, timers, storage, probes } = probed(['refused'], '?token=old');
    expect(sockets[0]!.url).toBe('ws://127.0.0.1:5999/ws?token=old');
    sockets[0]!.drop();
    await settle();
    expect(probes).toEqual(['http://127.0.0.1:5999/session?token=old']);
    expect(storage.has(TOKEN_STORAGE_KEY)).toBe(false);
    expect(api.connection()).toBe('connecting');
    timers.shift()!.fn();
    // Now only the cookie speaks for the tab.
    expect(sockets[1]!.url).toBe('ws://127.0.0.1:5999/ws');
    sockets[1]!.drop();
    await settle();
    expect(probes[1]).toBe('http://127.0.0.1:5999/session');
    expect(api.connection()).toBe('refused');
  });
});

describe('api over Electron IPC', () => {
  // The bridge as the preload hands it over: whatever registerIpc answers, which is dispatchCommand's envelope.
  // The whole chain (bundled preload, registerIpc, a real station) runs in test/e2e/desktop-bridge.test.ts.
  function ipc() {
    const calls: unknown[] = [];
    const hub = createEventHub();
    const handlers = {
      'pack:state': async () => idle,
      'pack:scan': async () => {
        throw new StationError('order-not-found', 'Order SO-404 was not found');
      },
      // Breaks the contract: the dispatcher must not let it through.
      'queue:status': async () => ({ depth: 'many' }),
    } as unknown as CommandHandlers;
    const station: StationApi = { handlers, events: hub };
    const bridge: DocksideBridge = {
      invoke: (name, input) => {
        calls.push([name, input]);
        return dispatchCommand(station, name, input);
      },
      subscribe: (name, callback) => (isEventName(name) ? hub.on(name, callback) : () => undefined),
    };
    const { e, sockets } = env();
    return { api: createApiWith({ ...e, bridge }), calls, hub, sockets };
  }

  it('uses window.dockside when present and reads the output out of the envelope', async () => {
    const { api, calls, sockets } = ipc();
    expect(api.transport).toBe('ipc');
    await expect(api.invoke('pack:state', {})).resolves.toEqual(idle);
    expect(calls).toEqual([['pack:state', {}]]);
    expect(sockets).toHaveLength(0);
  });

  it("rejects with the core's refusal code and message", async () => {
    const { api } = ipc();
    await expect(api.invoke('pack:scan', { code: 'SO-404' })).rejects.toMatchObject({
      name: 'ApiError',
      code: 'order-not-found',
      message: 'Order SO-404 was not found',
    });
    await expect(api.invoke('pack:scan', { code: 7 } as never)).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(api.invoke('queue:status', {})).rejects.toMatchObject({ code: 'internal' });
  });

  it('refuses an answer that is not an envelope, and hides a failed IPC call behind a stable code', async () => {
    const { e } = env();
    const bare = createApiWith({
      ...e,
      bridge: { invoke: async () => idle as never, subscribe: () => () => undefined },
    });
    await expect(bare.invoke('pack:state', {})).rejects.toMatchObject({ code: 'bad-output' });
    const broken = createApiWith({
      ...e,
      bridge: {
        invoke: () => Promise.reject(new Error("Error invoking remote method 'dockside:invoke': /secret/path")),
        subscribe: () => () => undefined,
      },
    });
    const failure = await broken.invoke('pack:state', {}).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'internal' });
    expect((failure as Error).message).not.toContain('/secret/path');
  });

  it('delivers validated events and stops on unsubscribe', () => {
    const { api, hub } = ipc();
    const got: PackState[] = [];
    const off = api.on('pack:changed', (state) => got.push(state));
    hub.emit('pack:changed', idle);
    hub.emit('pack:changed', { phase: 'nonsense' } as unknown as PackState);
    off();
    hub.emit('pack:changed', idle);
    expect(got).toEqual([idle]);
  });
});

describe('unwrap', () => {
  it('is the one reader of the envelope for both transports', () => {
    expect(unwrap('pack:state', { ok: true, output: idle })).toEqual(idle);
    expect(() => unwrap('pack:state', { ok: false, error: { code: 'forbidden', message: 'No.' } })).toThrow(
      expect.objectContaining({ code: 'forbidden', message: 'No.' }),
    );
    for (const answer of [idle, null, undefined, { ok: 'yes' }, { ok: false, error: 'x' }]) {
      expect(() => unwrap('pack:state', answer)).toThrow(expect.objectContaining({ code: 'bad-output' }));
    }
  });
});
