import { describe, expect, it } from 'vitest';
import type { Address, Order } from '../../../src-main/domain';
import {
  checkPostcode,
  cleanText,
  duplicateKey,
  mapRawOrder,
  parseDimensionsCm,
  parseWeightKg,
  resolveChineseAddress,
  runIntake,
  standardizePhone,
  standardizeReceiver,
  toCountryCode,
  toHalfWidth,
  toKg,
  toCm,
} from '../../../src-main/erp/intake';

const cn: Address = {
  name: '张伟',
  phone: '13800138000',
  country: 'CN',
  province: '广东省',
  city: '深圳市',
  district: '南山区',
  address: '科技园南路 88 号',
};

describe('text', () => {
  it('turns full-width ASCII and the ideographic space into half-width', () => {
    expect(toHalfWidth('ＡＢＣ１２３＋－（）　ｘ')).toBe('ABC123+-() x');
  });
  it('drops invisible characters and collapses white space and empty lines, keeping everything else', () => {
    expect(cleanText('  a\u200B b\n\n\n c\t ')).toBe('a b c');
    expect(cleanText("<b>Bob</b>'; DROP TABLE orders;--")).toBe("<b>Bob</b>'; DROP TABLE orders;--");
    expect(cleanText('王芳 🎁')).toBe('王芳 🎁');
  });
});

describe('units', () => {
  it('converts weights to kg', () => {
    expect(toKg(500, 'g')).toBe(0.5);
    expect(toKg(2, 'lb')).toBe(0.907);
    expect(toKg(3, '斤')).toBe(1.5);
    expect(toKg(1, 'parsec')).toBeNull();
    expect(parseWeightKg('1.2 kg')).toBe(1.2);
    expect(parseWeightKg('500g')).toBe(0.5);
    expect(parseWeightKg('１．５ｋｇ')).toBe(1.5);
    expect(parseWeightKg({ value: 16, unit: 'oz' })).toBe(0.454);
    expect(parseWeightKg(0.35)).toBe(0.35);
    expect(parseWeightKg(undefined)).toBeUndefined();
    expect(parseWeightKg('heavy')).toBeNull();
    expect(parseWeightKg(-1)).toBeNull();
  });
  it('converts dimensions to cm', () => {
    expect(toCm(300, 'mm')).toBe(30);
    expect(toCm(12, 'in')).toBe(30.5);
    expect(parseDimensionsCm('30x20x10 cm')).toEqual({ lengthCm: 30, widthCm: 20, heightCm: 10 });
    expect(parseDimensionsCm('300*200*100mm')).toEqual({ lengthCm: 30, widthCm: 20, heightCm: 10 });
    expect(parseDimensionsCm({ length: 1, width: 0.5, height: 0.2, unit: 'm' })).toEqual({
      lengthCm: 100,
      widthCm: 50,
      heightCm: 20,
    });
    expect(parseDimensionsCm('big')).toBeNull();
  });
});

describe('Chinese addresses against the division table', () => {
  it('keeps a complete address', () => {
    expect(resolveChineseAddress(cn)).toEqual({
      address: { province: '广东省', city: '深圳市', district: '南山区', address: '科技园南路 88 号' },
      problems: [],
    });
  });
  it('expands short names and handles municipalities', () => {
    const r = resolveChineseAddress({ province: '广东', city: '深圳', district: '南山', address: '深南大道 1 号' });
    expect(r.address).toMatchObject({ province: '广东省', city: '深圳市', district: '南山区' });
    const bj = resolveChineseAddress({ province: '北京', city: '北京市', district: '朝阳区', address: '建国路 1 号' });
    expect(bj.problems).toEqual([]);
    expect(bj.address.city).toBe('北京市');
  });
  it('splits an address written in one line', () => {
    const r = resolveChineseAddress({ city: '', address: '浙江省杭州市西湖区文三路 100 号' });
    expect(r.problems).toEqual([]);
    expect(r.address).toEqual({ province: '浙江省', city: '杭州市', district: '西湖区', address: '文三路 100 号' });
  });
  it('reports a missing district, an unknown district and an unknown province', () => {
    expect(resolveChineseAddress({ ...cn, district: undefined }).problems).toEqual([
      { field: 'district', kind: 'missing', message: 'address in 深圳市 without a district' },
    ]);
    expect(resolveChineseAddress({ ...cn, district: '朝阳区' }).problems[0]).toMatchObject({
      field: 'district',
      kind: 'unknown',
    });
    expect(resolveChineseAddress({ ...cn, province: '火星省' }).problems[0]).toMatchObject({
      field: 'province',
      kind: 'unknown',
    });
    expect(resolveChineseAddress({ ...cn, city: '杭州市' }).problems[0]).toMatchObject({
      field: 'city',
      kind: 'unknown',
    });
  });
  it('needs no district for cities without districts (东莞市)', () => {
    expect(resolveChineseAddress({ province: '广东省', city: '东莞市', address: '南城街道 1 号' }).problems).toEqual(
      [],
    );
  });
});

describe('countries and postcodes', () => {
  it('reads ISO codes and common names', () => {
    expect(toCountryCode('us')).toBe('US');
    expect(toCountryCode('United States')).toBe('US');
    expect(toCountryCode('中国')).toBe('CN');
    expect(toCountryCode('Deutschland')).toBe('DE');
    expect(toCountryCode('UK')).toBe('GB');
    expect(toCountryCode('ZZ')).toBeNull();
    expect(toCountryCode('Atlantis')).toBeNull();
  });
  it('checks and formats postcodes by country', () => {
    expect(checkPostcode('US', '94103')).toEqual({ ok: true, postcode: '94103' });
    expect(checkPostcode('GB', 'sw1a1aa')).toEqual({ ok: true, postcode: 'SW1A 1AA' });
    expect(checkPostcode('JP', '1000001')).toEqual({ ok: true, postcode: '100-0001' });
    expect(checkPostcode('DE', '1011')).toMatchObject({ ok: false, reason: 'malformed' });
    expect(checkPostcode('US', undefined)).toMatchObject({ ok: false, reason: 'missing' });
    expect(checkPostcode('CN', undefined)).toEqual({ ok: true, postcode: undefined });
    expect(checkPostcode('HK', undefined)).toEqual({ ok: true, postcode: undefined });
  });
});

describe('phones (libphonenumber-js)', () => {
  it('standardizes valid numbers', () => {
    expect(standardizePhone('１３８ ００１３ ８０００', 'CN')).toEqual({ ok: true, phone: '13800138000' });
    expect(standardizePhone('+86 138-0013-8000', 'CN')).toEqual({ ok: true, phone: '13800138000' });
    expect(standardizePhone('010-12345678', 'CN')).toEqual({ ok: true, phone: '010-12345678' });
    expect(standardizePhone('(415) 555-0123', 'US')).toEqual({ ok: true, phone: '+1 415 555 0123' });
    expect(standardizePhone('13800138000 / 13900139000', 'CN')).toEqual({ ok: true, phone: '13800138000' });
  });
  it('refuses numbers one cannot call', () => {
    expect(standardizePhone('12345', 'CN')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(standardizePhone('1380013800', 'CN')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(standardizePhone('call me', 'US')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(standardizePhone('  ', 'CN')).toMatchObject({ ok: false, reason: 'missing' });
  });
});

describe('receiver standardization', () => {
  it('infers CN for a domestic order without a country', () => {
    const r = standardizeReceiver({ ...cn, country: '' });
    expect(r.issues).toEqual([]);
    expect(r.address.country).toBe('CN');
  });
  it('reports each problem with its field', () => {
    const r = standardizeReceiver({ ...cn, phone: '123', district: undefined });
    expect(r.issues.map((i) => [i.code, i.field])).toEqual([
      ['incomplete-address', 'receiver.district'],
      ['invalid-phone', 'receiver.phone'],
    ]);
    expect(standardizeReceiver({ ...cn, country: 'Narnia' }).issues[0]?.code).toBe('unknown-country');
    const us = standardizeReceiver({
      name: 'Zoë',
      phone: '+1 415 555 0123',
      country: 'USA',
      city: 'SF',
      address: '1 Main St',
      postcode: '9410',
    });
    expect(us.issues.map((i) => i.code)).toEqual(['invalid-postcode']);
  });
});

describe('the pipeline', () => {
  const raw = {
    orderNo: ' SO-9 ',
    status: '待发货',
    version: '3',
    createdAt: '2026-01-01T00:00:00Z',
    receiver: {
      name: '<i>张伟</i>',
      phone: '１３８００１３８０００',
      country: '中国',
      province: '广东',
      city: '深圳',
      address: '南山区科技园\n\n南路 88 号',
    },
    sender: { name: 'Dockside', phone: '0755-88888888', country: 'CN', city: '深圳市', address: 'x' },
    lines: [{ sku: 'A', name: "x'; DROP TABLE orders;--", barcode: ' 690 ', quantity: '2' }],
    weight: '1500 g',
    carrier: 'DBL',
  };
  it('maps leniently, standardizes and validates', () => {
    const result = runIntake(mapRawOrder(raw));
    expect(result.issues).toEqual([]);
    expect(result.order).toMatchObject({
      orderNo: 'SO-9',
      status: 'pending',
      version: 3,
      weightKg: 1.5,
      receiver: {
        name: '<i>张伟</i>',
        phone: '13800138000',
        country: 'CN',
        province: '广东省',
        city: '深圳市',
        district: '南山区',
        address: '科技园 南路 88 号',
      },
      lines: [{ lineNo: 1, sku: 'A', name: "x'; DROP TABLE orders;--", barcode: '690', quantity: 2 }],
    });
  });
  it('keeps what it cannot read as issues, never throws', () => {
    for (const junk of [null, 42, 'text', [], {}, { orderNo: 'X', receiver: 'nobody', lines: 'none' }]) {
      const result = runIntake(mapRawOrder(junk));
      expect(result.issues.length).toBeGreaterThan(0);
    }
    const noWeight = runIntake(mapRawOrder({ ...raw, weight: undefined }));
    expect(noWeight.issues.map((i) => i.code)).toEqual(['missing-weight']);
    const unknownStatus = runIntake(mapRawOrder({ ...raw, status: 'teleported' }));
    expect(unknownStatus.issues.map((i) => i.code)).toEqual(['unknown-status']);
  });
  it('gives the same duplicate key for the same receiver and items, whatever the line order', () => {
    const base = runIntake(mapRawOrder(raw)).order as Order;
    const other: Order = { ...base, orderNo: 'SO-10', lines: [...base.lines].reverse() };
    expect(duplicateKey(other)).toBe(duplicateKey(base));
    expect(duplicateKey({ ...base, lines: [{ ...base.lines[0]!, quantity: 3 }] })).not.toBe(duplicateKey(base));
  });
});

describe('the demo ERP seed data', () => {
  it('passes intake without a single issue (the demo must be shippable)', async () => {
    const { generateSeedData } = await import('../../../src-main/demo');
    const data = generateSeedData({ seed: 1, orders: 3000, now: new Date('2026-01-01T00:00:00Z') });
    const flagged = data.orders.map(runIntake).filter((result) => result.issues.length > 0);
    expect(flagged.map((r) => `${r.order.orderNo}: ${r.issues.map((i) => i.message).join('; ')}`)).toEqual([]);
  });
});
