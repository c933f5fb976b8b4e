import type { PackState, UiSettings } from '../../src-main/contract';
import type { Locale } from '../i18n';
import { ApiError, type Api } from '../lib/api';
import { soundForChange } from '../lib/feedback';
import type { ScanRejectReason, SlowBurst } from '../lib/scanner';
import type { ScannerSettings } from '../lib/scanner-settings';
import { clampVolume, type SoundName, type SoundPlayer } from '../lib/volume';
import { SCAN_SCREENS, shownError, type ShownError, type StationStore } from '../state/store';

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
  /** A scan on a screen that takes none: a notice and a buzz; the screen and its edits stay as they are. */
  ignoredScan(code: string): void;
  /**
   * Slow keys with no field focused on a scanning screen, ended by Enter: taken as a scan or shown, as the scanner
   * settings say. Returns true when handled (the Enter is then used up).
   */
  slowBurst(burst: SlowBurst): boolean;
  /** Saves the scanner settings at the station; they apply at once, here and on every open screen. */
  saveScanner(settings: ScannerSettings): Promise<ScannerSettings>;
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

  /** The station's screen settings win over the page's cache; what the station never saved stays as it is. */
  const applyUi = (ui: UiSettings): void => {
    if (ui.locale && ui.locale !== state().locale) state().setLocale(ui.locale);
    if (ui.locale) storage?.setItem(STORAGE_KEYS.locale, ui.locale);
    if (ui.volume !== null) {
      const v = clampVolume(ui.volume);
      sound.setVolume(v);
      state().setVolume(v);
      storage?.setItem(STORAGE_KEYS.volume, String(v));
    }
    if (ui.scanner) {
      state().setScanner(ui.scanner);
      storage?.setItem(STORAGE_KEYS.scanner, JSON.stringify(ui.scanner));
    }
  };
  const loadUi = async (): Promise<void> => {
    try {
      applyUi(await api.invoke('station:uiSettings', {}));
    } catch {
      // An older station without the command, or the connection dropped: the page's cache stays in force.
    }
  };
  const saveUi = (input: Partial<Pick<UiSettings, 'locale' | 'volume'>>): void => {
    const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined));
    void api.invoke('station:saveUiSettings', given).catch(() => {
      // Offline: the choice holds in this page (and its cache) and is saved with the next change.
    });
  };
  let volumeTimer: ReturnType<typeof setTimeout> | null = null;

  const refresh = async (): Promise<void> => {
    void loadUi();
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
  offs.push(api.on('uiSettings:changed', applyUi));
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
      if (s.packPrompt) s.setPackPrompt(null);
      if (s.scanNotice) s.setScanNotice(null);
      if (s.screen === 'handover' && scanHandler) {
        scanHandler(code);
        return;
      }
      // Only the pack screen packs: elsewhere a scan must not leave the screen (and drop its edits).
      if (s.screen !== 'pack') {
        controller.ignoredScan(code);
        return;
      }
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
      // Enter, Escape and Space act on the packing line only; other screens keep their own meaning for them.
      if (s.screen !== 'pack') return false;
      const prompt = s.packPrompt;
      if (prompt) {
        s.setPackPrompt(null);
        if (key === 'Escape' && prompt.kind === 'cancel') {
          void run(() => api.invoke('pack:cancel', {}));
          return true;
        }
        if (key === 'Enter' && prompt.kind === 'printed' && s.pack?.phase === 'printed' && !shownError(s)) {
          void controller.confirm();
        }
        // Any other key keeps packing: it only closes the question.
        return true;
      }
      if (shownError(s)) {
        if (key === 'Enter' || key === 'Escape' || key === ' ') {
          void controller.acknowledge();
          return true;
        }
        return false;
      }
      // The quantity prompt has its own Escape (scan the line one by one) and Enter (apply the count).
      if (s.pack?.quantityPrompt) return false;
      const order = s.pack?.order;
      if (key === 'Escape' && order && (s.pack?.phase === 'packing' || s.pack?.phase === 'printed')) {
        // Cancelling drops every scan of the order: it takes a second Escape (or the CANCEL barcode).
        s.setPackPrompt({ kind: s.pack.phase === 'printed' ? 'printed' : 'cancel', orderNo: order.orderNo });
        return true;
      }
      if (key === 'Enter' && s.pack?.phase === 'printed') {
        void controller.confirm();
        return true;
      }
      return false;
    },
    setLocale(locale) {
      state().setLocale(locale);
      storage?.setItem(STORAGE_KEYS.locale, locale);
      saveUi({ locale });
    },
    setVolume(volume) {
      const v = clampVolume(volume);
      sound.setVolume(v);
      state().setVolume(v);
      storage?.setItem(STORAGE_KEYS.volume, String(v));
      // A dragged slider changes many times a second: the station keeps where it stopped.
      if (volumeTimer !== null) clearTimeout(volumeTimer);
      volumeTimer = setTimeout(() => {
        volumeTimer = null;
        saveUi({ volume: v });
      }, 300);
    },
    ignoredScan(code) {
      state().setScanNotice({ kind: 'ignored', code });
      sound.play('refused');
    },
    slowBurst(burst) {
      const s = state();
      if (!SCAN_SCREENS.includes(s.screen)) return false;
      const { minLength, maxGapMs, slowInput } = s.scanner;
      if (burst.tooShort || burst.code === '') {
        s.setScanNotice({ kind: 'too-short', code: burst.raw, minLength });
        sound.play('refused');
        return true;
      }
      if (slowInput === 'scan') {
        void controller.scan(burst.code);
        return true;
      }
      s.setScanNotice({ kind: 'slow', code: burst.code, slowestGapMs: Math.max(0, ...burst.gaps), maxGapMs });
      sound.play('refused');
      return true;
    },
    async saveScanner(next) {
      const saved = await api.invoke('station:saveUiSettings', { scanner: next });
      const applied = saved.scanner ?? next;
      state().setScanner(applied);
      storage?.setItem(STORAGE_KEYS.scanner, JSON.stringify(applied));
      return applied;
    },
    invoke: (name, input) => api.invoke(name, input),
    setScanHandler(handler) {
      scanHandler = handler;
    },
    play: (name) => sound.play(name),
    on: (name, cb) => api.on(name, cb),
    dispose() {
      for (const off of offs) off();
      if (volumeTimer !== null) clearTimeout(volumeTimer);
    },
  };
  return controller;
}
