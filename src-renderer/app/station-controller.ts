import type { PackState } from '../../src-main/contract';
import type { Locale } from '../i18n';
import { ApiError, type Api } from '../lib/api';
import { soundForChange } from '../lib/feedback';
import type { ScanRejectReason } from '../lib/scanner';
import { clampVolume, type SoundName, type SoundPlayer } from '../lib/sound';
import { shownError, type ShownError, type StationStore } from '../state/store';

/** localStorage keys of the station's UI settings. */
export const STORAGE_KEYS = {
  locale: 'dockside.locale',
  volume: 'dockside.volume',
  scanner: 'dockside.scanner',
} as const;

/** The actions the screens trigger. Everything goes to the core through `api`; results land in the store. */
export interface StationController {
  scan(code: string): Promise<void>;
  confirm(): Promise<void>;
  acknowledge(): Promise<void>;
  syncNow(): Promise<void>;
  /** Refuses a burst locally (e.g. an IME ate it): shown like any other error, with a buzz. */
  rejectScan(reason: ScanRejectReason): void;
  /**
   * Enter/Escape/Space pressed while no scan burst is in progress. Returns true when the key was used (the caller
   * then prevents its default action).
   */
  plainKey(key: string): boolean;
  setLocale(locale: Locale): void;
  setVolume(volume: number): void;
  /** Calls a contract command directly: for supervisor screens that keep their own state (template editor). */
  invoke: Api['invoke'];
  /**
   * Routes scans to a screen of its own (the handover list) while that screen is shown; null gives them back to
   * packing.
   */
  setScanHandler(handler: ((code: string) => void) | null): void;
  /** Plays one of the station's tones (screens with their own results: accepted, refused, done). */
  play(name: SoundName): void;
  /** Listens to a core event directly (supervisor screens with their own state); returns the unsubscribe. */
  on?: Api['on'];
  dispose(): void;
}

/** Minimal storage (localStorage). */
export interface SettingsStorage {
  setItem(key: string, value: string): void;
}

/** Turns a failed call into an error the packer can read. */
function errorFromCall(err: unknown): ShownError {
  if (err instanceof ApiError) {
    if (err.code === 'disconnected' || err.code === 'connection-lost')
      return { code: 'disconnected', message: err.message, params: {} };
    return { code: err.code, message: err.message, params: err.params, correlationId: err.correlationId };
  }
  return { code: 'internal', message: err instanceof Error ? err.message : String(err), params: {} };
}

/**
 * Wires the client, the store and the sounds together: mirrors events into the store, re-fetches state after a
 * reconnect, and plays a tone for every verdict.
 */
export function startStation(
  api: Api,
  store: StationStore,
  sound: SoundPlayer,
  storage: SettingsStorage | null,
): StationController {
  const state = store.getState;
  const offs: Array<() => void> = [];

  const refresh = async (): Promise<void> => {
    try {
      const [pack, queue] = await Promise.all([api.invoke('pack:state', {}), api.invoke('queue:status', {})]);
      state().setPack(pack);
      state().setQueue(queue);
      if (!state().station) state().setStation(await api.invoke('station:info', {}));
    } catch {
      // The connection dropped again; the next reconnect re-fetches.
    }
  };

  offs.push(api.on('pack:changed', (pack) => state().setPack(pack)));
  offs.push(api.on('queue:changed', (queue) => state().setQueue(queue)));
  offs.push(api.on('station:changed', (station) => state().setStation(station)));
  offs.push(
    api.onConnection((connection) => {
      state().setConnection(connection);
      if (connection === 'open') void refresh();
    }),
  );
  if (api.connection() === 'open') void refresh();

  offs.push(
    store.subscribe((next, prev) => {
      if (next.pack && next.pack !== prev.pack) {
        const tone = soundForChange(prev.pack, next.pack);
        if (tone) sound.play(tone);
      }
      if (next.localError && next.localError !== prev.localError) sound.play('refused');
      // A queue alarm that starts (uploads paused, oldest item too old) buzzes once, with its red/amber banner.
      const alarm = (q: typeof next.queue) => Boolean(q?.paused || q?.stale);
      if (alarm(next.queue) && !alarm(prev.queue)) sound.play('refused');
    }),
  );

  const run = async (call: () => Promise<PackState>): Promise<void> => {
    try {
      state().setPack(await call());
    } catch (err) {
      state().setLocalError(errorFromCall(err));
    }
  };

  let scanHandler: ((code: string) => void) | null = null;

  const controller: StationController = {
    async scan(code) {
      const s = state();
      if (s.screen === 'handover' && scanHandler) {
        scanHandler(code);
        return;
      }
      if (s.screen !== 'pack') s.setScreen('pack');
      // A scan acknowledges a local error; the core decides what a scan does while its own error is shown.
      if (s.localError) s.setLocalError(null);
      await run(() => api.invoke('pack:scan', { code }));
    },
    async confirm() {
      await run(() => api.invoke('pack:confirm', {}));
    },
    async acknowledge() {
      const s = state();
      if (s.localError) {
        s.setLocalError(null);
        return;
      }
      if (s.pack?.error) await run(() => api.invoke('pack:acknowledge', {}));
    },
    async syncNow() {
      if (state().syncing) return;
      state().setSyncing(true);
      try {
        const result = await api.invoke('sync:now', {});
        state().setSyncing(false, result);
        state().setQueue(await api.invoke('queue:status', {}));
      } catch (err) {
        state().setSyncing(false);
        state().setLocalError(errorFromCall(err));
      }
    },
    rejectScan(reason) {
      state().setLocalError({ code: reason, message: 'Switch to English input', params: {} });
    },
    plainKey(key) {
      const s = state();
      if (shownError(s)) {
        if (key === 'Enter' || key === 'Escape' || key === ' ') {
          void controller.acknowledge();
          return true;
        }
        return false;
      }
      if (s.screen === 'pack' && key === 'Enter' && s.pack?.phase === 'printed') {
        void controller.confirm();
        return true;
      }
      return false;
    },
    setLocale(locale) {
      state().setLocale(locale);
      storage?.setItem(STORAGE_KEYS.locale, locale);
    },
    setVolume(volume) {
      const v = clampVolume(volume);
      sound.setVolume(v);
      state().setVolume(v);
      storage?.setItem(STORAGE_KEYS.volume, String(v));
    },
    invoke: (name, input) => api.invoke(name, input),
    setScanHandler(handler) {
      scanHandler = handler;
    },
    play: (name) => sound.play(name),
    on: (name, cb) => api.on(name, cb),
    dispose() {
      for (const off of offs) off();
    },
  };
  return controller;
}
