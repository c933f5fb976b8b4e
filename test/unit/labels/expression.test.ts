import { describe, expect, it } from 'vitest';
import type { Order } from '../../../src-main/domain';
import { deriveSortCode, expressionProblems, maskPhone, parseExpression, sscc18 } from '../../../src-main/labels';
import { expandTemplate } from '../../../src-main/labels/order-fields';
import { chineseOrder, latinOrder } from '../../fixtures/orders';

const now = new Date(2025, 10, 20, 9, 5, 7);
const expand = (source: string, order: Order = chineseOrder): string =>
  expandTemplate(source, { order, trackingNumber: 'DS000000000017', now }, 'literal').text;

describe('expression parser', () => {
  it('splits literals, fields and filters with their arguments', () => {
    expect(parseExpression('收 {receiver.name|upper} {createdAt|date:YYYY-MM-DD HH:mm}!')).toEqual([
      { kind: 'literal', text: '收 ' },
      { kind: 'field', field: 'receiver.name', filters: [{ name: 'upper', arg: undefined }] },
      { kind: 'literal', text: ' ' },
      { kind: 'field', field: 'createdAt', filters: [{ name: 'date', arg: 'YYYY-MM-DD HH:mm' }] },
      { kind: 'literal', text: '!' },
    ]);
    expect(parseExpression('{{literal}} braces')).toEqual([{ kind: 'literal', text: '{literal} braces' }]);
  });

  it('names unknown fields and filters, and reports syntax errors', () => {
    expect(expressionProblems('{receiver.shoeSize}')).toEqual(['unknown field {receiver.shoeSize}']);
    expect(expressionProblems('{orderNo|shout}')[0]).toMatch(/unknown filter \|shout\|/);
    expect(expressionProblems('{fee|money:yuan}')[0]).toMatch(/money:yuan/);
    expect(expressionProblems('{trackingNumber|sscc:1}')[0]).toMatch(/sscc:EXTENSION:COMPANYPREFIX/);
    expect(expressionProblems('{orderNo')[0]).toMatch(/unclosed/);
    expect(expressionProblems('a } b')[0]).toMatch(/stray/);
    expect(expressionProblems('{}')[0]).toMatch(/empty placeholder/);
    expect(expressionProblems('{receiver.phone|mask} {weightKg|weight:g} {now|date:YYYY}')).toEqual([]);
  });

  it('never evaluates code: a JavaScript-looking placeholder is just an unknown field', () => {
    expect(expressionProblems('{constructor.constructor("return process")()}')[0]).toMatch(/unknown field/);
    expect(expressionProblems('{__proto__}')).toEqual(['unknown field {__proto__}']);
  });
});

describe('filters', () => {
  it('formats dates, weights, money, case and defaults', () => {
    expect(expand('{createdAt|date:YYYY-MM-DD}')).toMatch(/^2025-11-20$/);
    expect(expand('{now|date:YYYY/MM/DD HH:mm:ss}')).toBe('2025/11/20 09:05:07');
    expect(expand('{printDate}')).toBe('2025-11-20 09:05');
    expect(expand('{weightKg|weight}')).toBe('0.82 kg');
    expect(expand('{weightKg|weight:g}')).toBe('820 g');
    expect(expand('{weightKg|weight}', latinOrder)).toBe('');
    const withFee = { ...chineseOrder, fee: 12.5 } as Order;
    expect(expand('{fee|money:CNY}', withFee)).toBe('¥12.50');
    expect(expand('{fee|money:EUR}', withFee)).toBe('€12.50');
    expect(expand('{fee|money:CHF}', withFee)).toBe('12.50 CHF');
    expect(expand('{fee|money}')).toBe('');
    expect(expand('{receiver.name|upper}', latinOrder)).toBe('JOSÉ MÜLLER-PEÑA');
    expect(expand('{note|default:无备注}')).toBe('无备注');
    expect(expand('{orderNo|digits|first:4}')).toBe('2025');
  });

  it('masks phone numbers as Chinese waybills require', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('138****5678');
    expect(maskPhone('138-1234-5678')).toBe('138****5678');
    expect(maskPhone('8613812345678')).toBe('138****5678');
    expect(maskPhone('0571-88886666')).toBe('0571-****6666');
    expect(maskPhone('010 12345678')).toBe('010-****5678');
    expect(maskPhone('+34 612 345 678')).toBe('+34 6****5 678');
    expect(maskPhone('110')).toBe('110');
    expect(expand('{receiver.phone|mask}')).toBe('138****5678');
  });

  it('builds an SSCC-18 with its GS1 mod-10 check digit from a serial', () => {
    // protocols.md §4.1: 10614141123456789 → check digit 7.
    expect(sscc18('123456789', '1', '0614141')).toBe('106141411234567897');
    expect(expand('(00){trackingNumber|sscc:1:0614141}')).toBe('(00)106141410000000170');
    expect(expand('{orderNo|digits|mod10}')).toBe('20250001176');
  });

  it('derives a sorting code from city and district when the order has none', () => {
    expect(deriveSortCode(chineseOrder.receiver)).toBe('深圳 南山');
    expect(deriveSortCode({ ...chineseOrder.receiver, district: undefined })).toBe('广东 深圳');
    expect(deriveSortCode(latinOrder.receiver)).toBe('ES 280');
    expect(expand('{sortCode}', { ...chineseOrder, sortCode: '755-A01' } as Order)).toBe('755-A01');
  });
});
