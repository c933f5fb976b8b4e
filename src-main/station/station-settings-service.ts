import type { CommandInput, StationSettings } from '../contract';
import type { SettingsRepository } from '../store';
import { QUANTITY_PROMPT_MIN_UNITS, type QuantityPromptSetting } from './pack/quantity-entry';

/** Settings keys of the station's own settings. */
const KEYS = { name: 'station.name', quantityPrompt: 'pack.quantityPrompt' } as const;

/** The station's own settings: the name the header shows, the quantity prompt. Stored by the station, not a browser. */
export interface StationSettingsService {
  get(): StationSettings;
  /** Changes the settings given (input already validated: a name of 1–40 characters) and returns them all. */
  update(input: CommandInput<'station:settings'>): StationSettings;
  /** The name, or null before a supervisor set one. */
  name(): string | null;
  /** The quantity prompt as packing reads it at every item scan. */
  quantityPrompt(): QuantityPromptSetting;
}

/** Creates the station settings over the settings table; `onChanged` runs after every change. */
export function createStationSettingsService({
  settings,
  onChanged,
}: {
  settings: SettingsRepository;
  onChanged: (settings: StationSettings) => void;
}): StationSettingsService {
  const get = (): StationSettings => ({
    name: settings.get(KEYS.name),
    // On unless a supervisor turned it off.
    quantityPrompt: settings.get(KEYS.quantityPrompt) !== 'off',
    quantityPromptMinUnits: QUANTITY_PROMPT_MIN_UNITS,
  });
  return {
    get,
    update(input) {
      if (input.name === undefined && input.quantityPrompt === undefined) return get();
      if (input.name !== undefined) settings.set(KEYS.name, input.name);
      if (input.quantityPrompt !== undefined) settings.set(KEYS.quantityPrompt, input.quantityPrompt ? 'on' : 'off');
      const next = get();
      onChanged(next);
      return next;
    },
    name: () => settings.get(KEYS.name),
    quantityPrompt: () => {
      const current = get();
      return { enabled: current.quantityPrompt, minUnits: current.quantityPromptMinUnits };
    },
  };
}
