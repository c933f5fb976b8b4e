import {
  scannerSettingsSchema,
  uiLocaleSchema,
  type CommandInput,
  type ScannerSettings,
  type UiSettings,
} from '../contract';
import type { SettingsRepository } from '../store';

/** The screen settings the station keeps (language, volume, scanner timing), for every screen that shows it. */
export interface UiSettingsService {
  get(): UiSettings;
  /** Saves the settings given; the others stay as they are. */
  save(input: CommandInput<'station:saveUiSettings'>): UiSettings;
}

/** Keys in the station's settings table. */
const KEYS = { locale: 'ui.locale', volume: 'ui.volume', scanner: 'ui.scanner' } as const;

/**
 * Creates the service over the station's settings. A stored value that does not read back as a valid setting (an
 * older build's, or one edited by hand) counts as never saved: the screens keep their defaults rather than fail.
 */
export function createUiSettingsService({
  settings,
  onChange = () => undefined,
}: {
  settings: SettingsRepository;
  /** Hears every saved change (the composition root emits `uiSettings:changed`). */
  onChange?: (saved: UiSettings) => void;
}): UiSettingsService {
  const get = (): UiSettings => ({
    locale: readLocale(settings.get(KEYS.locale)),
    volume: readVolume(settings.get(KEYS.volume)),
    scanner: readScanner(settings.get(KEYS.scanner)),
  });
  return {
    get,
    save(input) {
      if (input.locale !== undefined) settings.set(KEYS.locale, input.locale);
      if (input.volume !== undefined) settings.set(KEYS.volume, String(input.volume));
      if (input.scanner !== undefined) settings.set(KEYS.scanner, JSON.stringify(input.scanner));
      const saved = get();
      onChange(saved);
      return saved;
    },
  };
}

function readLocale(raw: string | null): UiSettings['locale'] {
  const parsed = uiLocaleSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

function readVolume(raw: string | null): number | null {
  if (raw === null) return null;
  const volume = Number(raw);
  return Number.isFinite(volume) && volume >= 0.2 && volume <= 1 ? volume : null;
}

function readScanner(raw: string | null): ScannerSettings | null {
  if (raw === null) return null;
  try {
    const parsed = scannerSettingsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
