/** The scanner settings a supervisor sets on the Scanner screen, and how they become the detector's options. */

import { scannerSettingsSchema, type ScannerSettings } from '../../src-main/contract';
import type { ScannerOptions } from './scanner';

export type { ScannerSettings } from '../../src-main/contract';

/** What a station that never saved scanner settings uses: 50 ms gaps, 4+ characters, slow keys taken as a scan. */
export const DEFAULT_SCANNER_SETTINGS: ScannerSettings = {
  maxGapMs: 50,
  minLength: 4,
  prefix: '',
  suffix: '',
  slowInput: 'scan',
};

/** The detector's options for these settings. */
export function scannerOptionsOf(settings: ScannerSettings): Partial<ScannerOptions> {
  return {
    maxGapMs: settings.maxGapMs,
    minLength: settings.minLength,
    prefix: settings.prefix,
    suffix: settings.suffix,
  };
}

/**
 * Reads the settings cached in the page (`localStorage`, written on every change and at connect), including the
 * older hand-edited shape (`{"maxGapMs":120}`): what is given and valid is taken, clamped into range, the rest is
 * the default. The cache only paints the first screen; the station's saved settings replace it on connect.
 */
export function readCachedScannerSettings(raw: string | null): ScannerSettings {
  if (!raw) return DEFAULT_SCANNER_SETTINGS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return DEFAULT_SCANNER_SETTINGS;
  }
  if (typeof parsed !== 'object' || parsed === null) return DEFAULT_SCANNER_SETTINGS;
  const given = parsed as Record<string, unknown>;
  const int = (value: unknown, min: number, max: number, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
  const merged = {
    maxGapMs: int(given.maxGapMs, 10, 500, DEFAULT_SCANNER_SETTINGS.maxGapMs),
    minLength: int(given.minLength, 1, 64, DEFAULT_SCANNER_SETTINGS.minLength),
    prefix: typeof given.prefix === 'string' ? given.prefix : '',
    suffix: typeof given.suffix === 'string' ? given.suffix : '',
    slowInput: given.slowInput === 'report' ? 'report' : 'scan',
  };
  const checked = scannerSettingsSchema.safeParse(merged);
  return checked.success ? checked.data : DEFAULT_SCANNER_SETTINGS;
}
