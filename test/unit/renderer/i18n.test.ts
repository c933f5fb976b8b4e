import { describe, expect, it } from 'vitest';
import { packErrorCodeSchema } from '../../../src-main/contract';
import { en } from '../../../src-renderer/i18n/en';
import { zhCN } from '../../../src-renderer/i18n/zh-CN';
import { initialLocale, isMessageKey, t } from '../../../src-renderer/i18n';
import { errorText } from '../../../src-renderer/features/pack/error-text';

describe('i18n dictionaries', () => {
  it('have identical keys', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('have no empty strings', () => {
    for (const dict of [en, zhCN]) {
      for (const [key, value] of Object.entries(dict)) expect(value.trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as Array<keyof typeof en>) expect(names(zhCN[key]), key).toEqual(names(en[key]));
  });

  it('translate every error code the core can send, with a hint', () => {
    for (const code of [...packErrorCodeSchema.options, 'disconnected']) {
      expect(isMessageKey(`error.${code}`), code).toBe(true);
      expect(isMessageKey(`error.${code}.hint`), code).toBe(true);
    }
  });
});

describe('t', () => {
  it('fills params and formats numbers per locale', () => {
    expect(t('en', 'status.outbox', { count: 1234 })).toBe('Outbox 1,234');
    expect(t('zh-CN', 'pack.shipped', { orderNo: 'SO-100001', trackingNumber: 'DS000000000017' })).toBe(
      '已发货 SO-100001 · DS000000000017',
    );
  });

  it('shows a dash for a missing param instead of the placeholder', () => {
    expect(t('en', 'error.wrong-item', {})).toBe('Wrong item: — is not in this order');
  });
});

describe('initialLocale', () => {
  it('prefers the saved choice, then the browser language', () => {
    expect(initialLocale('en', 'zh-CN')).toBe('en');
    expect(initialLocale(null, 'zh-TW')).toBe('zh-CN');
    expect(initialLocale(null, 'de-DE')).toBe('en');
    expect(initialLocale('fr', undefined)).toBe('en');
  });
});

describe('errorText', () => {
  it('translates by code and params', () => {
    const wrong = { code: 'wrong-item', message: 'Wrong item', params: { barcode: '6901234567892' } };
    expect(errorText('en', wrong).title).toBe('Wrong item: 6901234567892 is not in this order');
    expect(errorText('zh-CN', wrong).title).toContain('6901234567892');
  });

  it('falls back to the core message for an unknown code', () => {
    expect(errorText('en', { code: 'printer-on-fire', message: 'Printer on fire', params: {} }).title).toBe(
      'Error: Printer on fire',
    );
  });
});
