import { describe, expect, it } from 'vitest';
import {
  formatCarrierNumber,
  isValidCarrierNumber,
  rangeFormatProblems,
  ssccCheckDigit,
  ups1ZCheckDigit,
  upuS10CheckDigit,
} from '../../../../src-main/carriers';

// Worked examples from protocols.md §4.1.
describe('carrier check digits', () => {
  it('GS1 mod-10 for SSCC', () => {
    expect(ssccCheckDigit('00614141123456789')).toBe(0);
    expect(ssccCheckDigit('10614141123456789')).toBe(7);
    expect(() => ssccCheckDigit('123')).toThrow(/17 digits/);
  });
  it('UPU S10 mod-11, including the r = 10 and r = 11 cases', () => {
    expect(upuS10CheckDigit('12345678')).toBe(5);
    expect(upuS10CheckDigit('00000000')).toBe(5); // sum 0: r = 11 -> 5
    expect(upuS10CheckDigit('02000000')).toBe(0); // sum 2*6 = 12, 12 mod 11 = 1: r = 10 -> 0
    expect(upuS10CheckDigit('00000010')).toBe(2); // sum 9: r = 2
  });
  it('UPS 1Z', () => {
    expect(ups1ZCheckDigit('999AA1012345678')).toBe(4);
    expect(isValidCarrierNumber('ups-1z', '1Z5R89390357567127')).toBe(true);
    expect(isValidCarrierNumber('ups-1z', '1Z879E930346834440')).toBe(true);
    expect(isValidCarrierNumber('ups-1z', '1Z879E930346834441')).toBe(false);
  });
});

describe('carrier numbers from ranges', () => {
  it('formats each scheme with its check digit', () => {
    expect(formatCarrierNumber({ scheme: 'sscc', prefix: '00614141', suffix: '' }, 123456789)).toBe(
      '006141411234567890',
    );
    expect(formatCarrierNumber({ scheme: 'upu-s10', prefix: 'RB', suffix: 'GB' }, 12345678)).toBe('RB123456785GB');
    expect(formatCarrierNumber({ scheme: 'ups-1z', prefix: '999AA101', suffix: '' }, 2345678)).toBe(
      '1Z999AA1012345678' + '4',
    );
    for (const [scheme, value] of [
      ['sscc', '006141411234567890'],
      ['upu-s10', 'RB123456785GB'],
    ] as const) {
      expect(isValidCarrierNumber(scheme, value)).toBe(true);
    }
  });
  it('names the field that is wrong', () => {
    expect(rangeFormatProblems({ scheme: 'upu-s10', prefix: 'R1', suffix: 'G' })).toEqual([
      expect.stringMatching(/^prefix: .*service indicator/),
      expect.stringMatching(/^suffix: .*country code/),
    ]);
    expect(rangeFormatProblems({ scheme: 'sscc', prefix: '12', suffix: '' })[0]).toMatch(/^prefix: SSCC/);
    expect(() => formatCarrierNumber({ scheme: 'upu-s10', prefix: 'RB', suffix: 'GB' }, 100_000_000)).toThrow(
      /does not fit 8 digits/,
    );
  });
});
