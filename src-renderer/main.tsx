import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { StationContext } from './app/station-context';
import { STORAGE_KEYS, startStation } from './app/station-controller';
import { initialLocale } from './i18n';
import { createApi } from './lib/api';
import { readCachedScannerSettings } from './lib/scanner-settings';
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

const savedVolume = Number(readStorage(STORAGE_KEYS.volume) ?? '0.8');
const store = createStationStore({
  locale: initialLocale(readStorage(STORAGE_KEYS.locale), navigator.language),
  volume: clampVolume(savedVolume),
  // The page's cache paints the first screen; the station's saved settings replace it on connect.
  scanner: readCachedScannerSettings(readStorage(STORAGE_KEYS.scanner)),
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

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <StationContext.Provider value={{ store, controller }}>
      <App />
    </StationContext.Provider>
  </StrictMode>,
);
