import { describe, expect, it } from 'vitest';
import type { PackState, UiSettings } from '../../../src-main/contract';
import { startStation } from '../../../src-renderer/app/station-controller';
import type { Api } from '../../../src-renderer/lib/api';
import type { SoundName, SoundPlayer } from '../../../src-renderer/lib/volume';
import { createStationStore } from '../../../src-renderer/state/store';

const idle: PackState = { phase: 'idle', order: null, error: null, lastScan: null, label: null, lastShipped: null };
const packing: PackState = {
  ...idle,
  phase: 'packing',
  order: {
    orderNo: 'SO-100002',
    version: 1,
    receiver: { name: 'Zhao', phone: '1', country: 'CN', city: 'Chengdu', address: 'x' },
    lines: [],
  },
};

/** A station on the other side of the contract: answers what the controller asks and records every call. */
function fakeStation(ui: UiSettings) {
  const calls: Array<{ name: string; input: unknown }> = [];
  const listeners = new Map<string, (payload: unknown) => void>();
  let saved = ui;
  const api = {
    transport: 'ws',
    connection: () => 'open',
    onConnection: () => () => undefined,
    close: () => undefined,
    on: (name: string, cb: (payload: unknown) => void) => {
      listeners.set(name, cb);
      return () => listeners.delete(name);
    },
    invoke: async (name: string, input: unknown) => {
      calls.push({ name, input });
      if (name === 'station:uiSettings') return saved;
      if (name === 'station:saveUiSettings') {
        saved = { ...saved, ...(input as Partial<UiSettings>) };
        return saved;
      }
      if (name === 'queue:status')
        return {
          online: true,
          depth: 0,
          oldestPendingAt: null,
          lastSyncAt: null,
          rejected: 0,
          conflict: 0,
          lastError: null,
        };
      if (name === 'station:info')
        return { version: '0', stationId: 's', erp: { kind: 'demo', url: '' }, printer: 'f', dataDir: '/' };
      return idle;
    },
  } as unknown as Api;
  const played: SoundName[] = [];
  const sound: SoundPlayer = { play: (n) => played.push(n), setVolume: () => undefined, volume: () => 0.8 };
  const store = createStationStore({ locale: 'en', volume: 0.8 });
  const cache = new Map<string, string>();
  const controller = startStation(api, store, sound, { setItem: (k, v) => cache.set(k, v) });
  return { calls, listeners, store, controller, played, cache };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const scanner = { maxGapMs: 120, minLength: 4, prefix: '', suffix: '', slowInput: 'report' as const };

describe('the station controller', () => {
  it('takes the language and scanner settings the station saved over the page cache, on connect', async () => {
    const { store, cache } = fakeStation({ locale: 'zh-CN', volume: null, scanner });
    await tick();
    expect(store.getState().locale).toBe('zh-CN');
    expect(store.getState().scanner).toEqual(scanner);
    expect(cache.get('dockside.locale')).toBe('zh-CN');
  });

  it('saves a language change at the station', async () => {
    const { controller, calls } = fakeStation({ locale: null, volume: null, scanner: null });
    controller.setLocale('zh-CN');
    await tick();
    expect(calls).toContainEqual({ name: 'station:saveUiSettings', input: { locale: 'zh-CN' } });
  });

  it('does not pack a scan on a screen that takes none: a notice and a buzz, the screen stays', async () => {
    const { controller, store, calls, played } = fakeStation({ locale: null, volume: null, scanner: null });
    store.getState().setScreen('settings');
    await controller.scan('SO-100001');
    expect(store.getState()).toMatchObject({ screen: 'settings', scanNotice: { kind: 'ignored', code: 'SO-100001' } });
    expect(calls.some((c) => c.name === 'pack:scan')).toBe(false);
    expect(played).toContain('refused');
  });

  it('takes slow keys as a scan, or only shows them, as the scanner settings say', async () => {
    const { controller, store, calls } = fakeStation({ locale: null, volume: null, scanner: null });
    await tick();
    const burst = { code: 'SO-100002', raw: 'SO-100002', gaps: [80, 80], tooShort: false };
    expect(controller.slowBurst(burst)).toBe(true);
    await tick();
    expect(calls).toContainEqual({ name: 'pack:scan', input: { code: 'SO-100002' } });
    store.getState().setScanner(scanner);
    controller.slowBurst(burst);
    expect(store.getState().scanNotice).toEqual({ kind: 'slow', code: 'SO-100002', slowestGapMs: 80, maxGapMs: 120 });
    controller.slowBurst({ ...burst, raw: 'x', code: 'x', tooShort: true });
    expect(store.getState().scanNotice).toMatchObject({ kind: 'too-short', code: 'x' });
  });

  it('asks on the first Escape and cancels the order on the second; another key only closes the question', async () => {
    const { controller, store, calls } = fakeStation({ locale: null, volume: null, scanner: null });
    await tick();
    store.getState().setPack(packing);
    expect(controller.plainKey('Escape')).toBe(true);
    expect(store.getState().packPrompt).toEqual({ kind: 'cancel', orderNo: 'SO-100002' });
    expect(controller.plainKey('Enter')).toBe(true);
    expect(store.getState().packPrompt).toBeNull();
    controller.plainKey('Escape');
    controller.plainKey('Escape');
    await tick();
    expect(calls.filter((c) => c.name === 'pack:cancel')).toHaveLength(1);
  });

  it('explains instead of cancelling when the label is printed', async () => {
    const { controller, store, calls } = fakeStation({ locale: null, volume: null, scanner: null });
    await tick();
    store.getState().setPack({ ...packing, phase: 'printed' });
    controller.plainKey('Escape');
    expect(store.getState().packPrompt).toEqual({ kind: 'printed', orderNo: 'SO-100002' });
    controller.plainKey('Escape');
    await tick();
    expect(calls.some((c) => c.name === 'pack:cancel')).toBe(false);
  });
});
