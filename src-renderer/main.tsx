import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { StationContext } from './app/station-context';
import { STORAGE_KEYS, startStation } from './app/station-controller';
import { initialLocale } from './i18n';
import { createApi } from './lib/api';
import type { ScannerOptions } from './lib/scanner';
import { clampVolume, createSoundPlayer } from './lib/sound';
import { createStationStore } from './state/store';
import './styles.css';

function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Scanner tuning saved by a supervisor (e.g. `{"maxGapMs":120}` for a Bluetooth scanner). */
function scannerOptions(): Partial<ScannerOptions> {
  const raw = readStorage(STORAGE_KEYS.scanner);
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as Partial<ScannerOptions>;
    const out: Partial<ScannerOptions> = {};
    if (typeof parsed.maxGapMs === 'number') out.maxGapMs = Math.min(300, Math.max(10, parsed.maxGapMs));
    if (typeof parsed.minLength === 'number') out.minLength = Math.max(1, parsed.minLength);
    if (typeof parsed.maxTotalMs === 'number') out.maxTotalMs = parsed.maxTotalMs;
    if (typeof parsed.suffixRequired === 'boolean') out.suffixRequired = parsed.suffixRequired;
    if (parsed.decode === 'us' || parsed.decode === 'key') out.decode = parsed.decode;
    return out;
  } catch {
    return {};
  }
}

const savedVolume = Number(readStorage(STORAGE_KEYS.volume) ?? '0.8');
const store = createStationStore({
  locale: initialLocale(readStorage(STORAGE_KEYS.locale), navigator.language),
  volume: clampVolume(savedVolume),
});
const sound = createSoundPlayer(store.getState().volume);
const api = createApi();
let storage: Storage | null = null;
try {
  storage = window.localStorage;
} catch {
  storage = null;
}
const controller = startStation(api, store, sound, storage);
const options = scannerOptions();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <StationContext.Provider value={{ store, controller }}>
      <App scannerOptions={options} />
    </StationContext.Provider>
  </StrictMode>,
);
