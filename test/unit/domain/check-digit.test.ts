import { describe, expect, it } from 'vitest';
import { formatTrackingNumber, gs1Mod10, isTrackingNumber, isValidGs1 } from '../../../src-main/domain';

describe('GS1 mod-10', () => {
  it.each([
    ['00614141123456789', 0],
    ['629104150021', 3],
    ['10614141123456789', 7],
    ['940011120108080548301', 6],
  ])('check digit of %s is %i (protocols.md worked examples)', (digits, check) => {
    expect(gs1Mod10(digits)).toBe(check);
  });

  it('validates a full code and refuses a damaged one', () => {
    expect(isValidGs1('6291041500213')).toBe(true);
    expect(isValidGs1('6291041500214')).toBe(false);
    expect(isValidGs1('62910415002x3')).toBe(false);
  });

  it('refuses non-digits with an error naming the input', () => {
    expect(() => gs1Mod10('12a4')).toThrow(/12a4/);
  });
});

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
