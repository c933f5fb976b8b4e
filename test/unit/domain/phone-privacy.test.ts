import { describe, expect, it } from 'vitest';
import { maskPhone, phoneLast4 } from '../../../src-main/domain';

describe('phone privacy on supervisor lists', () => {
  it('masks all but the first three and last four digits, keeping the spelling', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('010-12345678')).toBe('010-****5678');
    expect(maskPhone('+1 415 555 0123')).toBe('+1 41* *** 0123');
    expect(maskPhone('1234567')).toBe('*****67');
    expect(maskPhone('')).toBe('');
  });

  it('reads the last four digits whatever the spelling, or none when there are fewer', () => {
    expect(phoneLast4('13812345678')).toBe('5678');
    expect(phoneLast4('+44 20 7946 0958')).toBe('0958');
    expect(phoneLast4('12-3')).toBeNull();
  });
});
