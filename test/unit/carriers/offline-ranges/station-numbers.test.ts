import { describe, expect, it } from 'vitest';
import { formatTrackingNumber, isTrackingNumber } from '../../../../src-main/carriers';
import { gs1Mod10 } from '../../../../src-main/domain';

describe('station tracking numbers', () => {
  it('formats prefix + 11-digit serial + check digit', () => {
    const number = formatTrackingNumber('DS', 1);
    expect(number).toMatch(/^DS\d{12}$/);
    expect(number.slice(2, 13)).toBe('00000000001');
    expect(Number(number.at(-1))).toBe(gs1Mod10('00000000001'));
    expect(isTrackingNumber(number)).toBe(true);
  });

  it('rejects a number whose check digit is wrong', () => {
    const number = formatTrackingNumber('DS', 123456789);
    const broken = number.slice(0, -1) + String((Number(number.at(-1)) + 1) % 10);
    expect(isTrackingNumber(broken)).toBe(false);
  });

  it('refuses serials out of range and bad prefixes', () => {
    expect(() => formatTrackingNumber('DS', 1e11)).toThrow(/out of range/);
    expect(() => formatTrackingNumber('ds', 1)).toThrow(/prefix/);
  });
});
