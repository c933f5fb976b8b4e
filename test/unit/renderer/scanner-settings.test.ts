import { describe, expect, it } from 'vitest';
import {
  parseScannerForm,
  scannerFormDirty,
  scannerFormOf,
  suggestedGapMs,
  visibleCode,
} from '../../../src-renderer/features/scanner/scanner-form';
import {
  DEFAULT_SCANNER_SETTINGS,
  readCachedScannerSettings,
  scannerOptionsOf,
} from '../../../src-renderer/lib/scanner-settings';

describe('scanner settings cached in the page', () => {
  it('reads the older hand-edited shape and clamps it into range', () => {
    expect(readCachedScannerSettings('{"maxGapMs":150}')).toEqual({ ...DEFAULT_SCANNER_SETTINGS, maxGapMs: 150 });
    expect(readCachedScannerSettings('{"maxGapMs":9000,"minLength":0}')).toMatchObject({ maxGapMs: 500, minLength: 1 });
  });

  it('falls back to the defaults for nothing, broken JSON or a bad prefix', () => {
    expect(readCachedScannerSettings(null)).toEqual(DEFAULT_SCANNER_SETTINGS);
    expect(readCachedScannerSettings('{"maxGapMs":')).toEqual(DEFAULT_SCANNER_SETTINGS);
    expect(readCachedScannerSettings('{"prefix":"a\\nb"}')).toEqual(DEFAULT_SCANNER_SETTINGS);
  });

  it('gives the detector the gap, the minimum length, the prefix and the suffix', () => {
    const settings = { ...DEFAULT_SCANNER_SETTINGS, maxGapMs: 120, prefix: ']C1' };
    expect(scannerOptionsOf(settings)).toEqual({ maxGapMs: 120, minLength: 4, prefix: ']C1', suffix: '' });
  });
});

describe('the Scanner screen form', () => {
  it('parses what was typed, and names every field out of range', () => {
    const form = scannerFormOf(DEFAULT_SCANNER_SETTINGS);
    expect(parseScannerForm({ ...form, maxGapMs: ' 120 ' })).toEqual({
      ok: true,
      settings: { ...DEFAULT_SCANNER_SETTINGS, maxGapMs: 120 },
    });
    expect(parseScannerForm({ ...form, maxGapMs: '5', minLength: '1.5', suffix: 'x'.repeat(17) })).toEqual({
      ok: false,
      problems: { maxGapMs: true, minLength: true, suffix: true },
    });
  });

  it('knows unsaved edits, a space prefix included', () => {
    const form = scannerFormOf(DEFAULT_SCANNER_SETTINGS);
    expect(scannerFormDirty(form, DEFAULT_SCANNER_SETTINGS)).toBe(false);
    expect(scannerFormDirty({ ...form, prefix: ' ' }, DEFAULT_SCANNER_SETTINGS)).toBe(true);
    expect(scannerFormDirty({ ...form, slowInput: 'report' }, DEFAULT_SCANNER_SETTINGS)).toBe(true);
  });

  it('suggests a gap with room to spare, and shows control characters by name', () => {
    expect(suggestedGapMs(80)).toBe(120);
    expect(suggestedGapMs(400)).toBe(500);
    expect(visibleCode('01\x1d10AB\t')).toBe('01⟨GS⟩10AB⟨09⟩');
  });
});
