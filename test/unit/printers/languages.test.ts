import { describe, expect, it } from 'vitest';
import { blankRaster, fillDots } from '../../../src-main/labels/bit-raster';
import type { LabelRaster } from '../../../src-main/labels';
import type { EncodeInput } from '../../../src-main/printers';
import {
  LANGUAGES,
  PrinterCapabilityError,
  PrinterEncodeError,
  UnknownPrinterLanguageError,
  createEscposLanguage,
  createZplLanguage,
  crc16Xmodem,
  epl,
  escpos,
  languageByName,
  pdf,
  tspl,
  z64,
  zpl,
} from '../../../src-main/printers';
import { crc16, decodeEpl, decodeEscpos, decodeTspl, decodeZpl, differingDots } from '../../helpers/printer-decoders';

// Each language on small synthetic rasters: the commands it must send, the options it must refuse, and a decode of
// its own output. Real rendered labels go through the same round trip in test/integration/printers.

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const FAKE_PDF = new TextEncoder().encode('%PDF-1.7\n%fake\n');

/** A 61×40-dot raster (not a whole number of bytes wide) with the left half black and a frame. */
function halfBlack(dpi = 203): LabelRaster {
  const r = blankRaster(61, 40, dpi);
  fillDots(r, 0, 0, 30, 40);
  fillDots(r, 0, 0, 61, 1);
  fillDots(r, 60, 0, 61, 40);
  return r;
}

function input(raster: LabelRaster): EncodeInput {
  return {
    raster,
    pdf: FAKE_PDF,
    widthMm: (raster.width * 25.4) / raster.dpi,
    heightMm: (raster.height * 25.4) / raster.dpi,
  };
}

describe('Z64 and its CRC', () => {
  it('CRC-16/XMODEM has the standard check value and matches the independent decoder', () => {
    expect(crc16Xmodem(Buffer.from('123456789'))).toBe(0x31c3);
    expect(crc16('123456789')).toBe(0x31c3);
  });

  it('encodes sixteen 0xFF bytes as Zebra documents it', () => {
    expect(z64(new Uint8Array(16).fill(0xff))).toBe(':Z64:eJz7/x8VAACHiA/x:e1c1');
    const decoded = decodeZpl(Buffer.from('^XA^FO0,0^GFA,16,16,8,:Z64:eJz7/x8VAACHiA/x:e1c1^FS^XZ'), 203);
    expect([...decoded.raster.data]).toEqual(Array(16).fill(0xff));
  });

  it('the decoder refuses a Z64 graphic whose CRC does not match', () => {
    expect(() => decodeZpl(Buffer.from('^XA^FO0,0^GFA,16,16,8,:Z64:eJz7/x8VAACHiA/x:e1c2^FS^XZ'), 203)).toThrow(
      /CRC e1c2 does not match/,
    );
  });

  it('the decoder reads ZPL compressed hex (counts, "," and ":")', () => {
    // Row 1: 0xFF then zero-fill; row 2 repeats row 1; row 3: "I" = 3 × "F" then "0" -> FF F0.
    const decoded = decodeZpl(Buffer.from('^XA^PW16^FO0,0^GFA,6,6,2,FF,:IF0^FS^XZ'), 203);
    expect([...decoded.raster.data]).toEqual([0xff, 0x00, 0xff, 0x00, 0xff, 0xf0]);
  });
});

describe('ZPL', () => {
  it('sizes the label with ^PW/^LL, places one ^GFA Z64 graphic and prints ^PQ copies', () => {
    const r = halfBlack();
    const out = text(zpl.encode(input(r), { copies: 3, darkness: 12, speed: 4 }));
    expect(out.startsWith('~SD12\n^XA\n^PW61\n^LL40\n^LH0,0\n^PR4\n^FO0,0^GFA,320,320,8,:Z64:')).toBe(true);
    expect(out.endsWith('^FS\n^PQ3\n^XZ\n')).toBe(true);
    const decoded = decodeZpl(Buffer.from(out, 'latin1'), 203);
    expect(decoded).toMatchObject({ graphics: 'z64', copies: 3, darkness: 12, speed: 4 });
    expect(differingDots(decoded.raster, r)).toBe(0);
  });

  it('writes plain hex when asked, decoding to the same dots', () => {
    const r = halfBlack();
    const out = createZplLanguage({ graphics: 'hex' }).encode(input(r));
    expect(text(out)).toMatch(/\^GFA,320,320,8,[0-9A-F]{640}\^FS/);
    const decoded = decodeZpl(out, 203);
    expect(decoded.graphics).toBe('hex');
    expect(decoded.copies).toBe(1);
    expect(differingDots(decoded.raster, r)).toBe(0);
  });

  it('clears stray padding bits so nothing prints beyond the label edge', () => {
    const r = blankRaster(61, 2, 203);
    r.data.fill(0xff);
    const decoded = decodeZpl(createZplLanguage({ graphics: 'hex' }).encode(input(r)), 203);
    expect(decoded.raster.data[7]).toBe(0xf8); // 61 = 7 × 8 + 5: five dots, three padding bits white
  });

  it('refuses a cut and fractional ^PR speeds', () => {
    expect(() => zpl.encode(input(halfBlack()), { cut: true })).toThrow(PrinterCapabilityError);
    expect(() => zpl.encode(input(halfBlack()), { speed: 2.5 })).toThrow(/whole inches per second/);
  });
});

describe('TSPL', () => {
  it('sends SIZE, GAP, DIRECTION, DENSITY, SPEED, CLS, one BITMAP and PRINT 1,N with CR LF', () => {
    const r = halfBlack();
    const bytes = tspl.encode({ ...input(r), widthMm: 7.63, heightMm: 5 }, { copies: 2, darkness: 21, speed: 3 });
    const head = text(bytes).split('BITMAP')[0]!;
    expect(head).toBe(
      'SIZE 7.63 mm,5 mm\r\nGAP 2 mm,0 mm\r\nDIRECTION 1,0\r\nREFERENCE 0,0\r\nDENSITY 11\r\nSPEED 3\r\nCLS\r\n',
    );
    const decoded = decodeTspl(bytes, 203);
    expect(decoded.copies).toBe(2);
    expect(differingDots(decoded.raster, r)).toBe(0);
  });

  it('inverts bits for TSC polarity (0 prints black) unless the profile says the model prints 1 black', () => {
    const r = halfBlack();
    const tsc = tspl.encode({ ...input(r), widthMm: 7.63, heightMm: 5 });
    const clone = tspl.encode({ ...input(r), widthMm: 7.63, heightMm: 5 }, { invertBitmap: true });
    const dataOf = (b: Uint8Array) => b.subarray(text(b).indexOf('BITMAP 0,0,8,40,0,') + 'BITMAP 0,0,8,40,0,'.length);
    // Row 2 (y = 1): dots 0-29 black, 30-59 white, 60 black, 3 padding bits white.
    expect([...dataOf(tsc).subarray(8, 16)]).toEqual([0x00, 0x00, 0x00, 0x03, 0xff, 0xff, 0xff, 0xf7]);
    expect([...dataOf(clone).subarray(8, 16)]).toEqual([0xff, 0xff, 0xff, 0xfc, 0x00, 0x00, 0x00, 0x08]);
    expect(differingDots(decodeTspl(clone, 203, { oneIsBlack: true }).raster, r)).toBe(0);
  });
});

describe('EPL', () => {
  it('sends N, q, Q with the gap, D, S, one GW graphic (0 = black) and P copies', () => {
    const r = halfBlack();
    const bytes = epl.encode(input(r), { copies: 4, darkness: 30, speed: 3 });
    expect(text(bytes).split('GW')[0]).toBe('\nN\nq61\nQ40,24\nD15\nS3\n');
    const decoded = decodeEpl(bytes, 203);
    expect(decoded.copies).toBe(4);
    expect(differingDots(decoded.raster, r)).toBe(0);
  });

  it('refuses speeds EPL cannot express', () => {
    expect(() => epl.encode(input(halfBlack()), { speed: 8 })).toThrow(PrinterEncodeError);
  });
});

describe('ESC/POS raster', () => {
  it('splits a 600-row image into GS v 0 bands of at most 256 rows and cuts when asked', () => {
    const r = blankRaster(576, 600, 203);
    fillDots(r, 10, 0, 20, 600);
    const bytes = escpos.encode(input(r), { cut: true });
    const decoded = decodeEscpos(bytes, 576, 203);
    expect(decoded.bandRows).toEqual([256, 256, 88]);
    expect(decoded.cut).toBe(true);
    expect(differingDots(decoded.raster, r)).toBe(0);
    expect([...bytes.subarray(0, 10)]).toEqual([0x1b, 0x40, 0x1d, 0x76, 0x30, 0x00, 72, 0, 0, 1]);
    // node-thermal-printer's cut: feed 4 lines (twice), full cut, initialize.
    expect([...bytes.subarray(-8)]).toEqual([0x1b, 0x64, 0x04, 0x1d, 0x56, 0x00, 0x1b, 0x40]);
  });

  it('takes smaller bands for printers with small buffers', () => {
    const r = blankRaster(64, 100, 203);
    const decoded = decodeEscpos(createEscposLanguage({ maxBandRows: 24 }).encode(input(r)), 64, 203);
    expect(decoded.bandRows).toEqual([24, 24, 24, 24, 4]);
    expect(decoded.cut).toBe(false);
    expect(() => createEscposLanguage({ maxBandRows: 300 })).toThrow(/maxBandRows must be 1 to 256/);
  });

  it('refuses copies, darkness and speed rather than ignoring them', () => {
    for (const option of [{ copies: 2 }, { darkness: 10 }, { speed: 3 }] as const) {
      expect(() => escpos.encode(input(halfBlack()), option)).toThrow(PrinterCapabilityError);
    }
    expect(escpos.encode(input(halfBlack()), { copies: 1 }).length).toBeGreaterThan(0);
  });
});

describe('PDF', () => {
  it('passes the PDF through unchanged and refuses anything that is not a PDF', () => {
    expect(pdf.encode(input(halfBlack()))).toBe(FAKE_PDF);
    expect(() => pdf.encode({ ...input(halfBlack()), pdf: Buffer.from('<html>') })).toThrow(
      /PDF: the label is not a PDF \(it starts with "<html"\)/,
    );
    expect(() => pdf.encode(input(halfBlack()), { copies: 2 })).toThrow(PrinterCapabilityError);
  });
});

describe('every language', () => {
  it('is found by name; an unknown name lists the known ones', () => {
    for (const language of LANGUAGES) expect(languageByName(language.name)).toBe(language);
    expect(() => languageByName('cpcl')).toThrow(UnknownPrinterLanguageError);
    expect(() => languageByName('cpcl')).toThrow('use one of: zpl, tspl, epl, escpos, pdf');
  });

  it.each(LANGUAGES.map((l) => [l.name, l] as const))(
    '%s throws a typed error for each capability it lacks, and rejects values out of range',
    (_name, language) => {
      const asks = [
        ['copies', { copies: 2 }],
        ['darkness', { darkness: 10 }],
        ['speed', { speed: 2 }],
        ['cut', { cut: true }],
        ['invertBitmap', { invertBitmap: true }],
      ] as const;
      for (const [capability, options] of asks) {
        const supported = language.capabilities[capability] === true;
        const attempt = () => language.encode(input(halfBlack()), options);
        if (supported) expect(attempt).not.toThrow();
        else {
          expect(attempt).toThrow(PrinterCapabilityError);
          expect(attempt).toThrow(`cannot do "${capability}"`);
        }
      }
      expect(() => language.encode(input(halfBlack()), { copies: 0 })).toThrow(/copies must be a whole number/);
      if (language.capabilities.darkness) {
        expect(() => language.encode(input(halfBlack()), { darkness: 31 })).toThrow(/darkness must be/);
      }
    },
  );

  it.each(LANGUAGES.filter((l) => l.name !== 'pdf').map((l) => [l.name, l] as const))(
    '%s refuses a malformed raster with what is wrong',
    (_name, language) => {
      const r = halfBlack();
      expect(() => language.encode(input({ ...r, data: r.data.subarray(1) }))).toThrow(
        /raster is malformed: 319 data bytes, expected 8 × 40 = 320/,
      );
      expect(() => language.encode(input({ ...r, bytesPerRow: 9 }))).toThrow(/9 bytes per row for 61 dots/);
      expect(() => language.encode(input({ ...r, width: 0 }))).toThrow(/width 0 dots/);
    },
  );
});
