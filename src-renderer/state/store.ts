import { create } from 'zustand';
import type { OutboxStateName, PackState, QueueStatus, StationInfo } from '../../src-main/contract';
import type { Locale } from '../i18n';
import type { ConnectionState } from '../lib/api';

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
export type Screen = 'pack' | 'queue' | 'templates' | 'settings' | 'handover' | 'printers' | 'commands' | 'orders';

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
}

/** Initial values that come from the page (saved locale and volume). */
export interface StoreSeed {
  locale: Locale;
  volume: number;
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
    setPack: (pack) => set({ pack }),
    setQueue: (queue) => set({ queue }),
    setStation: (station) => set({ station }),
    setConnection: (connection) => set({ connection }),
    setLocale: (locale) => set({ locale }),
    setScreen: (screen) => set({ screen }),
    setVolume: (volume) => set({ volume }),
    setLocalError: (localError) => set({ localError }),
    setSyncing: (syncing, result) => set(result ? { syncing, lastSyncResult: result } : { syncing }),
    setQueueTab: (queueTab) =>
      set((s) => (queueTab === null ? { queueTab } : { queueTab, queueTabSeq: s.queueTabSeq + 1 })),
  }));
}

/** The store hook type. */
export type StationStore = ReturnType<typeof createStationStore>;

/** The error the screen shows: the local one first, then the core's. */
export function shownError(state: Pick<StationState, 'pack' | 'localError'>): ShownError | null {
  return state.localError ?? state.pack?.error ?? null;
}
