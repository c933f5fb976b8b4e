import { create } from 'zustand';
import type { OutboxStateName, PackState, QueueStatus, StationInfo } from '../../src-main/contract';
import type { Locale } from '../i18n';
import type { ConnectionState } from '../lib/api';
import { DEFAULT_SCANNER_SETTINGS, type ScannerSettings } from '../lib/scanner-settings';

/** An error on screen: a refusal from the core, or one raised in the renderer (IME active, disconnected). */
export interface ShownError {
  code: string;
  /** English, for the console; the screen translates `code` with `params`. */
  message: string;
  params: Readonly<Record<string, string | number>>;
  /** For `internal`: the id of the station's log line. */
  correlationId?: string | undefined;
}

/** The screens in the nav. */
export type Screen =
  'pack' | 'queue' | 'templates' | 'settings' | 'handover' | 'printers' | 'commands' | 'orders' | 'scanner';

/** The screens that take scans from the global capture; every other screen says "scan ignored" and keeps its form. */
export const SCAN_SCREENS: readonly Screen[] = ['pack', 'handover'];

/**
 * A notice under the header that stops nothing: a scan on a screen that takes none, or slow keys that were not
 * taken as a scan. It says what arrived; it stays until dismissed, replaced or the screen changes.
 */
export type ScanNotice =
  | { kind: 'ignored'; code: string }
  | { kind: 'slow'; code: string; slowestGapMs: number; maxGapMs: number }
  | { kind: 'too-short'; code: string; minLength: number };

/** A question on the pack screen: cancel the open order (Escape once more), or why a printed one cannot be. */
export interface PackPrompt {
  kind: 'cancel' | 'printed';
  orderNo: string;
}

/** Result of the last manual sync. */
export interface SyncResult {
  pulled: number;
  uploaded: number;
  failed: number;
  depth: number;
}

/** Everything the renderer shows. The core owns the truth; this mirrors it from command results and events. */
export interface StationState {
  pack: PackState | null;
  queue: QueueStatus | null;
  station: StationInfo | null;
  connection: ConnectionState;
  locale: Locale;
  screen: Screen;
  /** 0.2..1. */
  volume: number;
  /** Raised locally; shown before (and acknowledged before) the core's error. */
  localError: ShownError | null;
  syncing: boolean;
  lastSyncResult: SyncResult | null;
  /** The Queue tab to show when the Queue screen opens next (the header's attention badge sets it), or null. */
  queueTab: OutboxStateName | null;
  /** Counts the requests for a Queue tab: a new request re-opens the list even when the Queue is on screen. */
  queueTabSeq: number;
  /** The scanner settings in force (the station's, else the page's cache, else the defaults). */
  scanner: ScannerSettings;
  scanNotice: ScanNotice | null;
  packPrompt: PackPrompt | null;
  /** Screens (or parts of one) holding unsaved edits, by the key they registered with (`useDirtyGuard`). */
  dirty: Readonly<Record<string, boolean>>;
  /** The screen a nav click asked for while edits are unsaved: the leave dialog is open until resolved. */
  pendingScreen: Screen | null;
  setPack(pack: PackState): void;
  setQueue(queue: QueueStatus): void;
  setStation(station: StationInfo): void;
  setConnection(connection: ConnectionState): void;
  setLocale(locale: Locale): void;
  setScreen(screen: Screen): void;
  setVolume(volume: number): void;
  setLocalError(error: ShownError | null): void;
  setSyncing(syncing: boolean, result?: SyncResult): void;
  /** Asks for a Queue tab (null: the request was taken, open on the tab that needs attention next time). */
  setQueueTab(tab: OutboxStateName | null): void;
  setScanner(scanner: ScannerSettings): void;
  setScanNotice(notice: ScanNotice | null): void;
  setPackPrompt(prompt: PackPrompt | null): void;
  setDirty(key: string, dirty: boolean): void;
  /** Goes to `screen`, unless edits are unsaved: then the leave dialog asks first (see `resolveLeave`). */
  requestScreen(screen: Screen): void;
  /** The leave dialog's answer: `true` leaves (the edits are dropped), `false` stays. */
  resolveLeave(leave: boolean): void;
}

/** Initial values that come from the page (saved locale and volume). */
export interface StoreSeed {
  locale: Locale;
  volume: number;
  /** The page's cached scanner settings; defaults when absent. */
  scanner?: ScannerSettings;
}

/** Creates the store; one per page (tests may create their own). */
export function createStationStore(seed: StoreSeed) {
  return create<StationState>()((set) => ({
    pack: null,
    queue: null,
    station: null,
    connection: 'connecting',
    locale: seed.locale,
    screen: 'pack',
    volume: seed.volume,
    localError: null,
    syncing: false,
    lastSyncResult: null,
    queueTab: null,
    queueTabSeq: 0,
    scanner: seed.scanner ?? DEFAULT_SCANNER_SETTINGS,
    scanNotice: null,
    packPrompt: null,
    dirty: {},
    pendingScreen: null,
    setPack: (pack) => set({ pack }),
    setQueue: (queue) => set({ queue }),
    setStation: (station) => set({ station }),
    setConnection: (connection) => set({ connection }),
    setLocale: (locale) => set({ locale }),
    setScreen: (screen) => set({ screen, scanNotice: null, packPrompt: null }),
    setVolume: (volume) => set({ volume }),
    setLocalError: (localError) => set({ localError }),
    setSyncing: (syncing, result) => set(result ? { syncing, lastSyncResult: result } : { syncing }),
    setQueueTab: (queueTab) =>
      set((s) => (queueTab === null ? { queueTab } : { queueTab, queueTabSeq: s.queueTabSeq + 1 })),
    setScanner: (scanner) => set({ scanner }),
    setScanNotice: (scanNotice) => set({ scanNotice }),
    setPackPrompt: (packPrompt) => set({ packPrompt }),
    setDirty: (key, dirty) =>
      set((s) => (Boolean(s.dirty[key]) === dirty ? {} : { dirty: { ...s.dirty, [key]: dirty } })),
    requestScreen: (screen) =>
      set((s) => {
        if (screen === s.screen) return { pendingScreen: null };
        if (Object.values(s.dirty).some(Boolean)) return { pendingScreen: screen };
        return { screen, pendingScreen: null, scanNotice: null, packPrompt: null };
      }),
    resolveLeave: (leave) =>
      set((s) => {
        if (!s.pendingScreen) return {};
        if (!leave) return { pendingScreen: null };
        return { screen: s.pendingScreen, pendingScreen: null, dirty: {}, scanNotice: null, packPrompt: null };
      }),
  }));
}

/** The store hook type. */
export type StationStore = ReturnType<typeof createStationStore>;

/** The error the screen shows: the local one first, then the core's. */
export function shownError(state: Pick<StationState, 'pack' | 'localError'>): ShownError | null {
  return state.localError ?? state.pack?.error ?? null;
}
