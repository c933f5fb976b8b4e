import { describe, expect, it } from 'vitest';
import { gs1Mod10, isValidGs1 } from '../../../src-main/domain';

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
