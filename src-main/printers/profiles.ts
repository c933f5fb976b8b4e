import type { LabelRaster } from '../labels';
import { languageByName, type EncodeOptions } from './languages';
import type { PrinterProfile } from './profile';
import { PrinterProfileRefusalError, UnknownPrinterProfileError } from './printer-profile-errors';

/** Dots across a head of `mm` printable width at `dpi`, the way vendors round it. */
const dots = (mm: number, dpi: number): number => Math.round((mm * dpi) / 25.4);

/**
 * The built-in printer profiles. Widths are the vendors' maximum print widths: Zebra GK420d, ZD420 and ZT410
 * print 4.09 in (832 dots at 203 dpi), the ZD420 at 300 dpi 4.0 in (1200), the ZT410 at 300 dpi 104 mm (1248 at
 * 12 dots/mm) and at 600 dpi 3.15 in (1890); TSC TE244 and Xprinter XP-420B 108 mm (864), TSC TTP-244 Pro
 * 104 mm (832); the Epson TM-T88V/VI prints 512 dots at 180 dpi on 80 mm paper; a generic 80 mm ESC/POS printer
 * 576 dots (72 mm) at 203 dpi. No profile sets darkness or speed: the printer's stored settings stay in charge
 * until a site calibrates and saves its own values.
 */
const PROFILES: readonly PrinterProfile[] = [
  {
    name: 'zebra-gk420d-203',
    model: 'Zebra GK420d (203 dpi)',
    language: 'zpl',
    dpi: 203,
    printableWidthDots: 832,
    statusSupport: true,
  },
  {
    name: 'zebra-zd420-203',
    model: 'Zebra ZD420 (203 dpi)',
    language: 'zpl',
    dpi: 203,
    printableWidthDots: 832,
    statusSupport: true,
  },
  {
    name: 'zebra-zd420-300',
    model: 'Zebra ZD420 (300 dpi)',
    language: 'zpl',
    dpi: 300,
    printableWidthDots: 1200,
    statusSupport: true,
  },
  {
    name: 'zebra-zt410-203',
    model: 'Zebra ZT410 (203 dpi)',
    language: 'zpl',
    dpi: 203,
    printableWidthDots: 832,
    statusSupport: true,
  },
  {
    name: 'zebra-zt410-300',
    model: 'Zebra ZT410 (300 dpi)',
    language: 'zpl',
    dpi: 300,
    printableWidthDots: 1248,
    statusSupport: true,
  },
  {
    name: 'zebra-zt410-600',
    model: 'Zebra ZT410 (600 dpi)',
    language: 'zpl',
    dpi: 600,
    printableWidthDots: 1890,
    statusSupport: true,
  },
  {
    name: 'tsc-te244-203',
    model: 'TSC TE244 (203 dpi)',
    language: 'tspl',
    dpi: 203,
    printableWidthDots: 864,
    statusSupport: true,
  },
  {
    name: 'tsc-ttp244-203',
    model: 'TSC TTP-244 Pro (203 dpi)',
    language: 'tspl',
    dpi: 203,
    printableWidthDots: 832,
    statusSupport: true,
  },
  {
    // Xprinter follows TSC's BITMAP polarity as far as is known; a model that prints it inverted gets its own
    // profile with invertBitmap once a half-black test page shows it.
    name: 'xprinter-xp420b-203',
    model: 'Xprinter XP-420B (203 dpi)',
    language: 'tspl',
    dpi: 203,
    printableWidthDots: 864,
    statusSupport: true,
  },
  {
    name: 'epson-tm-t88-180',
    model: 'Epson TM-T88V/VI (80 mm, 180 dpi)',
    language: 'escpos',
    dpi: 180,
    printableWidthDots: 512,
    statusSupport: true,
    cutter: true,
  },
  {
    name: 'generic-zpl-203',
    model: 'Generic ZPL printer (203 dpi, 4 in)',
    language: 'zpl',
    dpi: 203,
    printableWidthDots: 832,
    statusSupport: true,
  },
  {
    name: 'generic-zpl-300',
    model: 'Generic ZPL printer (300 dpi, 4 in)',
    language: 'zpl',
    dpi: 300,
    printableWidthDots: 1248,
    statusSupport: true,
  },
  {
    name: 'generic-tspl-203',
    model: 'Generic TSPL printer (203 dpi, 4 in)',
    language: 'tspl',
    dpi: 203,
    printableWidthDots: 832,
    statusSupport: true,
  },
  {
    name: 'generic-tspl-300',
    model: 'Generic TSPL printer (300 dpi, 4 in)',
    language: 'tspl',
    dpi: 300,
    printableWidthDots: dots(104, 300),
    statusSupport: true,
  },
  {
    // EPL has no status query the station can rely on.
    name: 'generic-epl-203',
    model: 'Generic EPL2 printer (203 dpi, 4 in)',
    language: 'epl',
    dpi: 203,
    printableWidthDots: 832,
    statusSupport: false,
  },
  {
    name: 'generic-escpos-203',
    model: 'Generic ESC/POS printer (80 mm, 203 dpi)',
    language: 'escpos',
    dpi: 203,
    printableWidthDots: 576,
    statusSupport: true,
    cutter: true,
  },
];

/** Every built-in printer profile (copies: callers may not change the built-ins). */
export function listProfiles(): PrinterProfile[] {
  return PROFILES.map((p) => ({ ...p }));
}

/**
 * The built-in profile of that name.
 * @throws UnknownPrinterProfileError listing the valid names
 */
export function profileByName(name: string): PrinterProfile {
  const found = PROFILES.find((p) => p.name === name);
  if (!found)
    throw new UnknownPrinterProfileError(
      name,
      PROFILES.map((p) => p.name),
    );
  return { ...found };
}

/**
 * Refuses a raster this profile's printer would print wrong: rendered at another dpi (it would print at the wrong
 * size, and scaling would break whole-dot barcode bars) or wider than the head.
 * @throws PrinterProfileRefusalError with code `DPI_MISMATCH` or `TOO_WIDE`
 */
export function checkRasterForProfile(profile: PrinterProfile, raster: LabelRaster): void {
  if (raster.dpi !== profile.dpi) {
    throw new PrinterProfileRefusalError(
      'DPI_MISMATCH',
      profile.name,
      `the label was rendered at ${raster.dpi} dpi but the printer prints ${profile.dpi} dpi; render it again at ` +
        `${profile.dpi} dpi (labels are never scaled: barcode bars must stay on whole dots)`,
    );
  }
  if (raster.width > profile.printableWidthDots) {
    const mm = (n: number) => ((n * 25.4) / profile.dpi).toFixed(1);
    throw new PrinterProfileRefusalError(
      'TOO_WIDE',
      profile.name,
      `the label is ${raster.width} dots (${mm(raster.width)} mm) wide but the printer prints at most ` +
        `${profile.printableWidthDots} dots (${mm(profile.printableWidthDots)} mm); choose a narrower template`,
    );
  }
}

/**
 * The encode options a profile sends with every job: its darkness and speed where its language takes them, a cut
 * where it has a cutter, its BITMAP polarity. A job's own options (copies) are merged over these by the caller.
 */
export function profileEncodeOptions(profile: PrinterProfile): EncodeOptions {
  const caps = languageByName(profile.language).capabilities;
  const options: EncodeOptions = {};
  if (profile.darkness !== undefined && caps.darkness) options.darkness = profile.darkness;
  if (profile.speed !== undefined && caps.speed) options.speed = profile.speed;
  if (profile.cutter === true && caps.cut) options.cut = true;
  if (profile.invertBitmap === true && caps.invertBitmap === true) options.invertBitmap = true;
  return options;
}
