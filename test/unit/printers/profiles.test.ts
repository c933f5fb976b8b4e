import { describe, expect, it } from 'vitest';
import { blankRaster } from '../../../src-main/labels/bit-raster';
import {
  PrinterProfileRefusalError,
  UnknownPrinterProfileError,
  checkRasterForProfile,
  languageByName,
  listProfiles,
  profileByName,
  profileEncodeOptions,
} from '../../../src-main/printers';

const REQUIRED = [
  'generic-zpl-203',
  'generic-zpl-300',
  'generic-tspl-203',
  'generic-tspl-300',
  'generic-epl-203',
  'generic-escpos-203',
];

describe('printer profiles', () => {
  it('include the named models and generics, each with a known language and a consistent width', () => {
    const profiles = listProfiles();
    const names = profiles.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(REQUIRED));
    expect(new Set(names).size).toBe(names.length);
    for (const model of ['GK420d', 'ZD420', 'ZT410', 'TE244', 'TTP-244', 'XP-420B', 'TM-T88']) {
      expect(
        profiles.some((p) => p.model.includes(model)),
        model,
      ).toBe(true);
    }
    for (const p of profiles) {
      expect(() => languageByName(p.language)).not.toThrow();
      // No head is wider than 108 mm, none narrower than a 58 mm receipt printer's 48 mm.
      expect((p.printableWidthDots / p.dpi) * 25.4).toBeLessThanOrEqual(108.5);
      expect((p.printableWidthDots / p.dpi) * 25.4).toBeGreaterThanOrEqual(48);
    }
  });

  it('describe the real devices (Epson TM-T88 is 180 dpi, 512 dots; a 4 in Zebra at 203 dpi prints 832)', () => {
    expect(profileByName('epson-tm-t88-180')).toMatchObject({ language: 'escpos', dpi: 180, printableWidthDots: 512 });
    expect(profileByName('zebra-gk420d-203')).toMatchObject({ language: 'zpl', dpi: 203, printableWidthDots: 832 });
    expect(profileByName('generic-epl-203').statusSupport).toBe(false);
  });

  it('names the valid profiles when the name is unknown', () => {
    expect(() => profileByName('zebra-zd999')).toThrow(UnknownPrinterProfileError);
    expect(() => profileByName('zebra-zd999')).toThrow(
      /unknown printer profile "zebra-zd999"; use one of: .*generic-zpl-203/,
    );
  });

  it('hands out copies: changing one does not change the built-ins', () => {
    const p = profileByName('generic-zpl-203');
    p.printableWidthDots = 1;
    expect(profileByName('generic-zpl-203').printableWidthDots).toBe(832);
  });

  it('refuse a label rendered at another dpi (never scaled) and one wider than the head', () => {
    const zpl300 = profileByName('generic-zpl-300');
    const label203 = blankRaster(800, 1200, 203);
    const refusal = (() => {
      try {
        checkRasterForProfile(zpl300, label203);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(PrinterProfileRefusalError);
    expect(refusal).toMatchObject({ code: 'DPI_MISMATCH', profileName: 'generic-zpl-300' });
    expect((refusal as Error).message).toMatch(/rendered at 203 dpi .* prints 300 dpi; render it again at 300 dpi/);
    expect(() => checkRasterForProfile(zpl300, blankRaster(1181, 1772, 300))).not.toThrow();

    const receipt = profileByName('generic-escpos-203');
    expect(() => checkRasterForProfile(receipt, blankRaster(608, 1040, 203))).toThrow(
      /608 dots \(76\.1 mm\) wide but the printer prints at most 576 dots \(72\.1 mm\)/,
    );
    expect(() => checkRasterForProfile(receipt, blankRaster(576, 1040, 203))).not.toThrow();
  });

  it('send darkness, speed, cut and polarity only where the language takes them', () => {
    const base = profileByName('generic-tspl-203');
    expect(profileEncodeOptions({ ...base, darkness: 20, speed: 4, invertBitmap: true })).toEqual({
      darkness: 20,
      speed: 4,
      invertBitmap: true,
    });
    expect(profileEncodeOptions(profileByName('epson-tm-t88-180'))).toEqual({ cut: true });
    expect(profileEncodeOptions({ ...profileByName('generic-escpos-203'), darkness: 20, cutter: false })).toEqual({});
  });
});
